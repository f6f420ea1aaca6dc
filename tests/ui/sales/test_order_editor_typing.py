"""A sales order typed from the keyboard alone, as an order clerk takes it on the phone: every key goes
to the widget that has the focus, and every key is counted. The issue's bar: a 10-line order for a
known customer in at most 40 keys from "new order" to saved, the product codes' own characters
(typed or scanned) aside."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from bodesk.domain.access.actor import Actor
from bodesk.domain.sales.order_models import SalesOrder, SalesOrderLine
from bodesk.store.engine import Database
from bodesk.ui.sales.order_editor import SalesOrderEditor
from bodesk.ui.sales.orders import OrdersView
from tests.helpers.keyboard import Keyboard, activate
from tests.helpers.qt import ShownMessages, column_texts
from tests.ui.sales.conftest import SKUS, SalesScene

D = Decimal
MOST_KEYS = 40  # the bar for a 10-line order


@pytest.fixture
def view(
    qtbot: QtBot, sales_scene: SalesScene, db: Database, owner: Actor, show: Callable[..., Any]
) -> OrdersView:
    view: OrdersView = show(OrdersView(db, owner))
    activate(qtbot, view)
    return view


def open_new_order(qtbot: QtBot, keys: Keyboard, view: OrdersView) -> SalesOrderEditor:
    view.table.setFocus()
    keys.press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(view.dialog, SalesOrderEditor))
    editor = view.dialog
    assert isinstance(editor, SalesOrderEditor)
    qtbot.waitExposed(editor)
    activate(qtbot, editor)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.partner)
    return editor


def saved_orders(db: Database) -> list[tuple[SalesOrder, list[SalesOrderLine]]]:
    with db.read() as session:
        found = []
        for order in session.execute(select(SalesOrder).order_by(SalesOrder.id)).scalars():
            lines = session.execute(
                select(SalesOrderLine)
                .where(SalesOrderLine.order_id == order.id)
                .order_by(SalesOrderLine.position)
            ).scalars()
            found.append((order, list(lines)))
        return found


def test_a_ten_line_order_takes_at_most_forty_keys_besides_the_product_codes(
    qtbot: QtBot, db: Database, sales_scene: SalesScene, view: OrdersView, shown: ShownMessages
) -> None:
    keys = Keyboard(qtbot)
    editor = open_new_order(qtbot, keys, view)  # Ctrl+N: 1 key
    keys.enter("ze")  # part of the customer's name; Enter chooses it and goes to the first line
    assert editor.partner_id() == sales_scene.customer
    assert keys.focus() is editor.entry.picker
    cases = ("5", "2", "10", "3", "1", "4", "6", "2", "8", "1")
    for sku, quantity in zip(SKUS, cases, strict=True):
        keys.code(sku)  # typed, or a scanner's burst
        keys.press(Qt.Key.Key_Return)  # the product found: straight to its quantity, in cases
        assert keys.focus() is editor.entry.quantity
        assert editor.entry.packaging.currentText() == "Caixa 12 (12 un)"
        keys.enter(quantity)  # the line is added; back to the product
        assert keys.focus() is editor.entry.picker, editor.entry.error.text()
    assert column_texts(editor.grid, 0) == list(SKUS)
    assert column_texts(editor.grid, 3) == list(cases)
    assert editor.total_label.text().startswith("Total: 640.00 · 504 units · 42 cases")
    keys.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # saved as a quote
    qtbot.waitUntil(lambda: view.dialog is None)

    assert shown.texts() == []
    assert keys.without_codes() == 36 <= MOST_KEYS  # 1 + 3 + 10 × (Enter, quantity, Enter) + 1
    ((order, lines),) = saved_orders(db)
    assert (order.customer_id, order.status, order.total) == (sales_scene.customer, "draft", D("640.00"))
    assert [(line.product_id, line.packaging_id, line.packages) for line in lines] == [
        (sales_scene.products[sku].id, sales_scene.products[sku].case_id, D(quantity))
        for sku, quantity in zip(SKUS, cases, strict=True)
    ]
    assert view.selected_id() == order.id
