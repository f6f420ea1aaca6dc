"""The purchase order editor: the document editor with a supplier, the products it sells (its price
filled in), a delivery warehouse, an expected date and notes. Ctrl+S saves the draft; Ctrl+Enter saves
and sends it. Everything else (typing lines from the keyboard, live totals, refusals beside their
lines) is the document editor's."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDateEdit, QLineEdit, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import ValidationError
from bodesk.domain.common.taxid import format_tax_id
from bodesk.domain.purchasing.documents import (
    OrderLineView,
    OrderView,
    PackagingChoice,
    ProductChoice,
    find_purchasable,
    find_suppliers,
)
from bodesk.domain.purchasing.order_lines import OrderLineInput, preview_order
from bodesk.domain.purchasing.orders import create_order, send_order, update_order
from bodesk.domain.purchasing.states import ORDER_LIFECYCLE
from bodesk.domain.stock.lookups import warehouses
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.purchasing.product_picker import MAX_HITS, supplier_price_text
from bodesk.ui.purchasing.supplier_dialogs import packaging_label
from bodesk.ui.widgets import messages
from bodesk.ui.widgets.calls import run_service
from bodesk.ui.widgets.date_filter import qdate
from bodesk.ui.widgets.document_editor import DocumentEditor, DocumentSetup, PartnerHit
from bodesk.ui.widgets.document_lines import EditorLine, LineAmounts, LinesPreview
from bodesk.ui.widgets.forms import choice_combo
from bodesk.ui.widgets.line_entry import EntryNames, LineProduct, PackagingOption

NO_DATE = QDate(2000, 1, 1)


def editor_line(line: OrderLineView) -> EditorLine:
    pack = PackagingChoice(line.packaging_id, line.packaging, line.units_per_package)
    packaging = packaging_label(pack, line.base_unit)
    return EditorLine(
        line.product_id,
        line.sku,
        line.product,
        line.packaging_id,
        packaging,
        line.packages,
        line.package_price,
    )


def stored_amounts(order: OrderView) -> LinesPreview:
    return LinesPreview([LineAmounts(line.package_price, line.total) for line in order.lines], order.total)


def order_input(line: EditorLine) -> OrderLineInput:
    return OrderLineInput(line.product_id, line.packaging_id, line.quantity, line.price)


def line_product(choice: ProductChoice) -> LineProduct:
    packagings = tuple(
        PackagingOption(pack.id, packaging_label(pack, choice.base_unit)) for pack in choice.packagings
    )
    return LineProduct(
        choice.product_id,
        choice.sku,
        choice.name,
        packagings,
        choice.default_packaging_id,
        supplier_price_text(choice),
    )


class OrderEditor(DocumentEditor):
    """A new draft (choose the supplier) or an existing order (`order`); only a draft can be changed."""

    def __init__(
        self, db: Database, actor: Actor, parent: QWidget | None = None, order: OrderView | None = None
    ) -> None:
        editable = order is None or ORDER_LIFECYCLE.can_edit(order.status)
        setup = DocumentSetup(
            title=_("New purchase order")
            if order is None
            else _("Purchase order {n}").format(n=order.number),
            partner_field="supplier",
            partner_label=_("Supplier"),
            choose_partner=_("Choose the supplier."),
            names=EntryNames(_("Packages"), "packages", _("Price per package"), "package_price"),
            partner=PartnerHit(order.supplier_id, order.supplier) if order is not None else None,
            editable=editable,
            lines=[editor_line(line) for line in order.lines] if order is not None else (),
            stored=stored_amounts(order) if order is not None else None,
        )
        super().__init__(setup, parent)
        self.db, self.actor = db, actor
        self.order_id: int | None = order.id if order else None
        self.sent_number: int | None = None
        self.warehouse = choice_combo(self, warehouses(db, actor))
        if order is not None:
            self.warehouse.setCurrentIndex(max(self.warehouse.findData(order.warehouse_id), 0))
        self.form.add_field("warehouse", _("Deliver to"), self.warehouse)
        self.expected = QDateEdit(self)
        self.expected.setCalendarPopup(True)
        self.expected.setMinimumDate(NO_DATE)
        self.expected.setSpecialValueText(_("From the supplier's lead time"))
        self.expected.setDate(qdate(order.expected_on) if order and order.expected_on else NO_DATE)
        self.form.add_field("expected_on", _("Expected"), self.expected)
        self.notes = QLineEdit(order.notes if order else "", self)
        self.form.add_field("notes", _("Notes"), self.notes, _("Printed on the order: delivery hours, gate…"))
        self.warehouse.setEnabled(editable)
        self.expected.setEnabled(editable)
        self.notes.setEnabled(editable)
        self.save_button = self.add_action(_("Save draft"), QKeySequence.StandardKey.Save, self.save_draft)
        self.send_button = self.add_action(_("Save and send…"), "Ctrl+Return", self.save_and_send)

    # --- what a purchase order supplies ------------------------------------------------------

    def find_partners(self, text: str) -> list[PartnerHit]:
        found = find_suppliers(self.db, self.actor, text, MAX_HITS)
        return [PartnerHit(choice.id, choice.name, format_tax_id(choice.code)) for choice in found]

    def find_products(self, partner_id: int, text: str) -> list[LineProduct]:
        return [
            line_product(hit) for hit in find_purchasable(self.db, self.actor, partner_id, text, MAX_HITS)
        ]

    def new_line_price(
        self, partner_id: int, product: LineProduct, packaging_id: int | None
    ) -> Decimal | None:
        """The supplier's price for the packaging, as the domain converts it; None if it has none."""
        probe = OrderLineInput(product.product_id, packaging_id, Decimal(1))
        try:
            return preview_order(self.db, self.actor, partner_id, [probe]).lines[0].package_price
        except ValidationError:
            return None

    def preview(self, partner_id: int, lines: Sequence[EditorLine]) -> LinesPreview:
        previewed = preview_order(self.db, self.actor, partner_id, [order_input(line) for line in lines])
        amounts = [LineAmounts(line.package_price, line.total) for line in previewed.lines]
        return LinesPreview(amounts, previewed.total)

    def store(self, partner_id: int, lines: Sequence[EditorLine], confirmed: frozenset[str]) -> None:
        inputs = [order_input(line) for line in lines]
        warehouse = self.warehouse.currentData()
        if self.order_id is None:
            self.order_id = create_order(
                self.db, self.actor, partner_id, warehouse, inputs, self.expected_on(), self.notes.text()
            )
        else:
            update_order(
                self.db, self.actor, self.order_id, warehouse, inputs, self.expected_on(), self.notes.text()
            )

    def expected_on(self) -> date | None:
        chosen = self.expected.date()
        return None if chosen == NO_DATE else date(chosen.year(), chosen.month(), chosen.day())

    # --- actions -----------------------------------------------------------------------------

    def save_draft(self) -> None:
        if self.save():
            self.accept()

    def save_and_send(self) -> None:
        """Save, then send if the person confirms; a draft not sent stays saved."""
        if self.save():
            self.send()
            self.accept()

    def send(self) -> bool:
        question = _("Send this order to the supplier? It can no longer be changed once sent.")
        order_id = self.order_id
        if order_id is None or not messages.ask_confirmation(self, _("Send order"), question):
            return False
        sent = run_service(self, lambda _confirmed: send_order(self.db, self.actor, order_id))
        if sent.ok:
            self.sent_number = sent.value
        return sent.ok
