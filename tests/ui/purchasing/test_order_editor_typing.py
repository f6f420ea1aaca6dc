"""A purchase order typed from the keyboard alone, through the document editor: every key goes to the
widget that has the focus, as it would for a person, and the keys are counted."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from bodesk.domain.access.actor import Actor
from bodesk.domain.purchasing.models import PurchaseOrder, PurchaseOrderLine
from bodesk.domain.stock.catalogue import set_product_active
from bodesk.store.engine import Database
from bodesk.ui.purchasing.order_dialogs import OrderEditor
from bodesk.ui.purchasing.orders import OrdersView
from tests.builders.purchasing import Scene, make_supplier
from tests.helpers.qt import ShownMessages, column_texts

D = Decimal


class Keyboard:
    """Types into whatever widget has the focus, and counts every key event sent."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.count = 0

    def focus(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the focus"
        return widget

    def type(self, text: str) -> None:
        for char in text:
            self.qtbot.keyClick(self.focus(), char)
            self.count += 1

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        self.qtbot.keyClick(self.focus(), key, modifier)
        self.count += 1

    def enter(self, text: str = "") -> None:
        self.type(text)
        self.press(Qt.Key.Key_Return)


@pytest.fixture
def suppliers(db: Database, owner: Actor, scene: Scene) -> dict[str, int]:
    return {
        "andina": make_supplier(db, owner, 3, "Importadora Andina Ltda."),
        "boa vista": make_supplier(db, owner, 4, "Importadora Boa Vista"),
    }


@pytest.fixture
def view(
    qtbot: QtBot,
    scene: Scene,
    suppliers: dict[str, int],
    db: Database,
    owner: Actor,
    show: Callable[..., Any],
) -> OrdersView:
    view: OrdersView = show(OrdersView(db, owner))
    activate(qtbot, view)
    return view


def activate(qtbot: QtBot, widget: QWidget) -> None:
    window = widget.window()
    window.activateWindow()
    handle = window.windowHandle()
    if handle is not None:
        handle.requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def open_new_order(qtbot: QtBot, keys: Keyboard, view: OrdersView) -> OrderEditor:
    view.table.setFocus()
    keys.press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(view.dialog, OrderEditor))
    editor = view.dialog
    assert isinstance(editor, OrderEditor)
    qtbot.waitExposed(editor)
    activate(qtbot, editor)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.partner)
    return editor


def saved_orders(db: Database) -> list[tuple[PurchaseOrder, list[PurchaseOrderLine]]]:
    with db.read() as session:
        found = []
        for order in session.execute(select(PurchaseOrder).order_by(PurchaseOrder.id)).scalars():
            lines = session.execute(
                select(PurchaseOrderLine)
                .where(PurchaseOrderLine.order_id == order.id)
                .order_by(PurchaseOrderLine.id)
            ).scalars()
            found.append((order, list(lines)))
        return found


def test_a_whole_order_is_typed_and_saved_from_the_keyboard(
    qtbot: QtBot, db: Database, scene: Scene, view: OrdersView, shown: ShownMessages
) -> None:
    keys = Keyboard(qtbot)
    editor = open_new_order(qtbot, keys, view)
    keys.enter("vale")  # part of the supplier's name; Enter chooses the highlighted hit
    assert editor.partner_id() == scene.vale and keys.focus() is editor.warehouse
    keys.enter()  # deliver to: the first warehouse
    keys.enter()  # expected: from the supplier's lead time
    keys.enter()  # notes: none; on to the first line
    assert keys.focus() is editor.entry.picker

    keys.enter("AGUA")  # the product by its code, then to its packaging (the supplier's case)
    assert editor.entry.packaging.currentText() == "Caixa 12 (12 un)"
    keys.enter()
    keys.enter("10")
    assert editor.entry.price.text() == "18.90" and keys.focus() is editor.entry.price
    keys.enter()  # the supplier's price: the line is added and the product is next
    keys.enter("CERV")
    keys.enter()
    keys.enter("2")
    keys.enter("40.50")  # typed over the supplier's 41.00
    keys.enter("SUCO")
    keys.enter()
    keys.enter("3")
    assert editor.entry.price.text() == "" and editor.entry.price.placeholderText() == "Enter the price"
    keys.enter("25")
    assert column_texts(editor.grid, 0) == ["AGUA", "CERV", "SUCO"]
    assert column_texts(editor.grid, 5) == ["189.00", "81.00", "75.00"]
    assert editor.total_label.text() == "Total: 345.00"

    keys.enter()  # Enter on the empty product goes to Save draft...
    assert keys.focus() is editor.save_button
    keys.enter()  # ...and Enter there saves
    qtbot.waitUntil(lambda: view.dialog is None)
    assert shown.texts() == []
    assert keys.count == 46
    ((order, lines),) = saved_orders(db)
    assert (order.supplier_id, order.status, order.total) == (scene.vale, "draft", D("345.00"))
    assert [(line.product_id, line.packages, line.package_price) for line in lines] == [
        (scene.water.id, D(10), D("18.90")),
        (scene.beer.id, D(2), D("40.50")),
        (scene.juice.id, D(3), D(25)),
    ]


def test_typing_part_of_a_supplier_chooses_nothing_until_the_person_does(
    qtbot: QtBot, scene: Scene, suppliers: dict[str, int], view: OrdersView
) -> None:
    keys = Keyboard(qtbot)
    editor = open_new_order(qtbot, keys, view)
    keys.type("Impo")
    qtbot.waitUntil(editor.partner.popup_visible)
    assert editor.partner_id() is None and not editor.entry.picker.isEnabled()
    assert (editor.partner.text(), editor.entry.picker.text()) == ("Impo", "")
    assert keys.focus() is editor.partner
    hits = editor.partner.popup.list
    assert [hits.item(row).text().split(" · ")[0] for row in range(hits.count())] == [
        "Importadora Andina Ltda.",
        "Importadora Boa Vista",
    ]
    keys.press(Qt.Key.Key_Down)
    assert editor.partner_id() is None
    keys.enter()
    assert editor.partner_id() == suppliers["boa vista"]
    assert editor.partner.text() == "Importadora Boa Vista" and editor.entry.picker.isEnabled()
    assert keys.focus() is editor.warehouse
    keys.enter()
    keys.enter()
    assert keys.focus() is editor.notes


def test_a_line_is_changed_a_half_typed_one_cleared_and_a_refusal_shown_in_its_row(
    qtbot: QtBot, db: Database, owner: Actor, scene: Scene, view: OrdersView, shown: ShownMessages
) -> None:
    keys = Keyboard(qtbot)
    editor = open_new_order(qtbot, keys, view)
    keys.enter("vale")
    keys.press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # straight to a new line
    assert keys.focus() is editor.entry.picker
    for code, packages in (("AGUA", "1"), ("CERV", "2")):
        keys.enter(code)
        keys.enter()
        keys.enter(packages)
        keys.enter()
    keys.enter("SUCO")
    keys.enter()
    keys.enter("0")
    keys.enter("10")
    assert "order more than zero" in editor.entry.error.text() and keys.focus() is editor.entry.quantity
    keys.press(Qt.Key.Key_Escape)  # the half-typed line is cleared; the order stays open
    assert editor.isVisible() and editor.entry.picker.text() == "" and keys.focus() is editor.entry.picker

    keys.press(Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # to the lines, on the last one typed
    assert keys.focus() is editor.grid and editor.grid.selected() == 1
    keys.press(Qt.Key.Key_Up)
    keys.press(Qt.Key.Key_Return)  # the first line back in the entry, at its quantity
    assert keys.focus() is editor.entry.quantity and editor.entry.picker.text().startswith("AGUA")
    keys.enter("3")
    keys.enter()
    assert column_texts(editor.grid, 0) == ["AGUA", "CERV"]
    assert column_texts(editor.grid, 3) == ["3", "2"]

    set_product_active(db, owner, scene.beer.id, False)  # another desk archives the beer meanwhile
    keys.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert editor.isVisible() and saved_orders(db) == []
    assert editor.grid.problem(1) == "Line 2: choose an active product."
    assert editor.grid.problem(0) == "" and keys.focus() is editor.grid
    assert editor.grid.selected() == 1
    keys.press(Qt.Key.Key_Delete)
    keys.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.dialog is None)
    ((order, lines),) = saved_orders(db)
    assert order.total == D("56.70")
    assert [(line.product_id, line.packages) for line in lines] == [(scene.water.id, D(3))]
