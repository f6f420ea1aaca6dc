"""The document editor base with a made-up sales document: what a subclass supplies is small, and the
base types lines, shows refusals in their cells, asks warnings and cancels from the keyboard."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from bodesk.domain.common.errors import ConfirmableWarning, Validator, line_field
from bodesk.ui.widgets.document_editor import DocumentEditor, DocumentSetup, PartnerHit
from bodesk.ui.widgets.document_lines import EditorLine, LineAmounts, LinesPreview
from bodesk.ui.widgets.line_entry import EntryNames, LineProduct, PackagingOption
from tests.helpers.qt import ShownMessages, column_texts

D = Decimal
CUSTOMERS = [PartnerHit(1, "Bar do Zé", "Campinas"), PartnerHit(2, "Mercado Central", "Sorocaba")]
PRODUCTS = [
    LineProduct(10, "AGUA", "Água 500 mL", (PackagingOption(None, "un"), PackagingOption(5, "Fardo 12")), 5),
    LineProduct(11, "SUCO", "Suco 1 L", (PackagingOption(None, "un"),), None),
]
PRICES = {(10, None): D("2.50"), (10, 5): D("27.00")}


class SaleEditor(DocumentEditor):
    """A sales order as a future subclass would write it, against made-up data instead of services."""

    def __init__(self, parent: QWidget | None = None) -> None:
        names = EntryNames("Quantity", "quantity", "Unit price", "price")
        super().__init__(
            DocumentSetup("New sale", "customer", "Customer", "Choose the customer.", names), parent
        )
        self.saved: list[tuple[int, list[EditorLine], frozenset[str]]] = []
        self.stock = {10: D(100), 11: D(3)}  # units
        self.save_button = self.add_action("Save", "Ctrl+S", self.save_sale)

    def find_partners(self, text: str) -> list[PartnerHit]:
        return [hit for hit in CUSTOMERS if text.lower() in hit.name.lower()]

    def find_products(self, partner_id: int, text: str) -> list[LineProduct]:
        return [hit for hit in PRODUCTS if text.upper() in hit.sku]

    def new_line_price(
        self, partner_id: int, product: LineProduct, packaging_id: int | None
    ) -> Decimal | None:
        return PRICES.get((product.product_id, packaging_id))

    def preview(self, partner_id: int, lines: Sequence[EditorLine]) -> LinesPreview:
        check = Validator()
        for number, line in enumerate(lines, start=1):
            units = line.quantity * (12 if line.packaging_id == 5 else 1)
            check.check(
                units <= self.stock[line.product_id],
                line_field(number, "quantity"),
                f"Line {number}: not enough stock.",
            )
            check.check(
                line.price is not None, line_field(number, "price"), f"Line {number}: enter the price."
            )
        check.raise_if_any()
        amounts = [LineAmounts(line.price or D(0), line.quantity * (line.price or D(0))) for line in lines]
        return LinesPreview(amounts, sum((amount.total for amount in amounts), D(0)))

    def store(self, partner_id: int, lines: Sequence[EditorLine], confirmed: frozenset[str]) -> None:
        self.preview(partner_id, lines)
        if partner_id == 1 and "credit" not in confirmed:
            raise ConfirmableWarning("credit", "Bar do Zé is over its credit limit. Sell anyway?")
        self.saved.append((partner_id, list(lines), confirmed))

    def save_sale(self) -> None:
        if self.save():
            self.accept()


@pytest.fixture
def editor(qtbot: QtBot) -> SaleEditor:
    editor = SaleEditor()
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def type_line(qtbot: QtBot, editor: SaleEditor, code: str, quantity: str, price: str = "") -> None:
    entry = editor.entry
    qtbot.keyClicks(entry.picker, code)
    qtbot.keyClick(entry.picker, Qt.Key.Key_Return)
    qtbot.keyClick(entry.packaging, Qt.Key.Key_Return)
    qtbot.keyClicks(entry.quantity, quantity)
    qtbot.keyClick(entry.quantity, Qt.Key.Key_Return)
    if price:
        entry.price.selectAll()
        qtbot.keyClicks(entry.price, price)
    qtbot.keyClick(entry.price, Qt.Key.Key_Return)


def test_a_short_subclass_types_a_sale_and_a_warning_is_asked_on_save(
    qtbot: QtBot, editor: SaleEditor, shown: ShownMessages
) -> None:
    qtbot.keyClicks(editor.partner, "bar")
    assert editor.partner_id() is None
    qtbot.keyClick(editor.partner, Qt.Key.Key_Return)
    assert editor.partner_id() == 1
    type_line(qtbot, editor, "AGUA", "2")  # two packs of 12 at the price list's 27.00
    type_line(qtbot, editor, "SUCO", "3", "8")
    assert column_texts(editor.grid, 2) == ["Fardo 12", "un"]
    assert editor.total_label.text() == "Total: 78.00"
    editor.save_button.click()
    assert shown.questions == ["Bar do Zé is over its credit limit. Sell anyway?"]
    ((customer, lines, confirmed),) = editor.saved
    assert (customer, [line.sku for line in lines], confirmed) == (1, ["AGUA", "SUCO"], {"credit"})


def test_a_refused_line_stays_in_the_entry_and_a_refusal_on_save_goes_to_its_cell(
    qtbot: QtBot, editor: SaleEditor, shown: ShownMessages
) -> None:
    qtbot.keyClicks(editor.partner, "central")
    qtbot.keyClick(editor.partner, Qt.Key.Key_Return)
    type_line(qtbot, editor, "SUCO", "4", "8")
    assert editor.entry.error.text() == "Line 1: not enough stock." and editor.grid.lines == []
    assert editor.focusWidget() is editor.entry.quantity
    qtbot.keyClicks(editor.entry.quantity, "2")
    qtbot.keyClick(editor.entry.quantity, Qt.Key.Key_Return)
    qtbot.keyClick(editor.entry.price, Qt.Key.Key_Return)
    assert column_texts(editor.grid, 3) == ["2"]
    editor.stock[11] = D(1)  # someone sells the juice meanwhile
    editor.save_button.click()
    assert editor.saved == [] and editor.isVisible()
    assert editor.grid.problem(0) == "Line 1: not enough stock."
    quantity_cell = editor.grid.item(0, 3)
    assert quantity_cell is not None and quantity_cell.toolTip() == "Line 1: not enough stock."
    assert editor.focusWidget() is editor.grid and shown.errors == []


def test_esc_clears_a_half_typed_line_then_cancels(qtbot: QtBot, editor: SaleEditor) -> None:
    qtbot.keyClicks(editor.partner, "central")
    qtbot.keyClick(editor.partner, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.entry.picker, "AGU")
    qtbot.waitUntil(editor.entry.picker.popup_visible)
    qtbot.keyClick(editor.entry.picker, Qt.Key.Key_Escape)  # closes the hits
    qtbot.keyClick(editor.entry.picker, Qt.Key.Key_Escape)  # clears the line
    assert editor.isVisible() and editor.entry.picker.text() == ""
    with qtbot.waitSignal(editor.rejected):
        qtbot.keyClick(editor.entry.picker, Qt.Key.Key_Escape)
