"""The sales orders list and editor beyond the typing test: the price's reason and short stock on a
line, another packaging by a key, the last order repeated, and each step of the order's life from its
button (confirm with the credit asked, picking, a partial shipment keeping a backorder, delivered,
back to a quote, cancelled with a reason), each button enabled by the lifecycle."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from bodesk.domain.access.actor import Actor
from bodesk.domain.sales.customers import update_customer
from bodesk.domain.sales.lookups import customer_record
from bodesk.store.engine import Database
from bodesk.ui.sales.common import ReasonDialog
from bodesk.ui.sales.order_editor import SalesOrderEditor
from bodesk.ui.sales.orders import OrdersView
from bodesk.ui.sales.return_dialog import ReturnDialog
from bodesk.ui.sales.ship_dialog import ShipDialog
from tests.builders.sales import line, make_sale, order_state
from tests.helpers.keyboard import Keyboard, activate
from tests.helpers.qt import ShownMessages, column_texts
from tests.ui.sales.conftest import SalesScene

D = Decimal


@pytest.fixture
def view(
    qtbot: QtBot, sales_scene: SalesScene, db: Database, owner: Actor, show: Callable[..., Any]
) -> OrdersView:
    view: OrdersView = show(OrdersView(db, owner))
    activate(qtbot, view)
    return view


def new_editor(qtbot: QtBot, view: OrdersView) -> SalesOrderEditor:
    view.new_order()
    editor = view.dialog
    assert isinstance(editor, SalesOrderEditor)
    qtbot.waitExposed(editor)
    activate(qtbot, editor)
    return editor


def test_a_line_says_why_it_costs_what_it_costs_and_when_stock_is_short(
    qtbot: QtBot, sales_scene: SalesScene, view: OrdersView, shown: ShownMessages
) -> None:
    keys = Keyboard(qtbot)
    editor = new_editor(qtbot, view)
    keys.enter("7001")  # the customer's code
    assert editor.partner_id() == sales_scene.customer
    keys.code("AGUA")
    keys.press(Qt.Key.Key_Return)
    assert editor.entry.price.placeholderText() == "11.00"  # the table's case price, as a hint
    keys.press(Qt.Key.Key_F4)  # another packaging: the unit
    assert editor.entry.packaging.currentText() == "Unit (un)"
    keys.press(Qt.Key.Key_F4)
    assert editor.entry.packaging.currentText() == "Caixa 12 (12 un)"
    keys.enter("11")  # 132 units, 120 on hand
    assert column_texts(editor.grid, 7) == ["120"]
    assert "table Bares" in editor.grid.item(0, 1).toolTip()
    assert "Only 120 available" in editor.line_note.text()
    assert editor.grid.item(0, 7).foreground().color() != editor.grid.item(0, 1).foreground().color()
    assert shown.texts() == []


def test_the_last_order_is_repeated_into_a_new_one(
    qtbot: QtBot, db: Database, owner: Actor, sales_scene: SalesScene, view: OrdersView
) -> None:
    water, beer = sales_scene.products["AGUA"], sales_scene.products["CERV"]
    make_sale(
        db, owner, sales_scene.customer, line(water.id, 2, water.case_id), line(beer.id, 1, beer.case_id)
    )
    keys = Keyboard(qtbot)
    editor = new_editor(qtbot, view)
    keys.enter("bar do")
    keys.press(Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert column_texts(editor.grid, 0) == ["AGUA", "CERV"]
    assert column_texts(editor.grid, 6) == ["22.00", "12.00"]
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # saved and confirmed
    qtbot.waitUntil(lambda: view.dialog is None)
    assert editor.order_id is not None
    assert order_state(db, editor.order_id).status == "confirmed"


def test_each_step_of_the_order_s_life_from_its_button(
    qtbot: QtBot,
    db: Database,
    owner: Actor,
    sales_scene: SalesScene,
    view: OrdersView,
    shown: ShownMessages,
) -> None:
    water = sales_scene.products["AGUA"]
    record = customer_record(db, owner, sales_scene.customer)
    update_customer(
        db,
        owner,
        sales_scene.customer,
        record.data.__class__(**{**record.data.__dict__, "credit_limit": D(10)}),
    )
    order = make_sale(db, owner, sales_scene.customer, line(water.id, 3, water.case_id))
    view.refresh()
    assert view.select_id(order)
    assert view.confirm_button.isEnabled() and not view.ship_button.isEnabled()
    view.confirm_selected()  # over the credit limit: the warning is asked, then it confirms
    assert len(shown.questions) == 1 and "credit limit" in shown.questions[0]
    assert order_state(db, order).status == "confirmed" and order_state(db, order).reserved == D(36)
    assert view.quote_button.isEnabled() and view.ship_button.isEnabled()
    view.back_to_quote_selected()
    assert order_state(db, order).reserved == D(0)
    view.confirm_selected()
    view.pick_selected()
    assert order_state(db, order).status == "picking" and not view.pick_button.isEnabled()

    view.ship_selected()
    dialog = view.dialog
    assert isinstance(dialog, ShipDialog)
    assert dialog.quantities[0].text() == "36"
    dialog.quantities[0].setText("24")
    dialog.keep.setChecked(True)
    dialog.accept()
    assert dialog.shipped is not None and dialog.shipped.backorder_id is not None
    state = order_state(db, order)
    assert (state.status, state.lines) == ("shipped", [(D(36), D(24))])
    assert order_state(db, dialog.shipped.backorder_id).status == "draft"
    view.status_filter.setCurrentIndex(view.status_filter.findData(""))  # shipped: no longer open
    assert view.select_id(order)
    assert view.deliver_button.isEnabled() and not view.cancel_button.isEnabled()
    view.deliver_selected()
    assert order_state(db, order).status == "delivered"
    view.return_selected()  # goods back: the return dialog with the order's lines
    back = view.dialog
    assert isinstance(back, ReturnDialog) and back.order is not None and back.order.id == order
    back.reject()

    view.open_order(dialog.shipped.backorder_id)  # the backorder opens in the editor
    editor = view.dialog
    assert isinstance(editor, SalesOrderEditor) and column_texts(editor.grid, 3) == ["1"]
    editor.reject()
    view.cancel_selected()
    cancelling = view.dialog
    assert isinstance(cancelling, ReasonDialog)
    cancelling.reason.setText("cliente desistiu")
    cancelling.accept()
    assert order_state(db, dialog.shipped.backorder_id).status == "cancelled"
    assert not view.confirm_button.isEnabled() and not view.cancel_button.isEnabled()
    assert shown.errors == []


def test_an_order_opened_again_keeps_its_typed_price_and_discount(
    qtbot: QtBot, db: Database, owner: Actor, sales_scene: SalesScene, view: OrdersView, shown: ShownMessages
) -> None:
    water, beer = sales_scene.products["AGUA"], sales_scene.products["CERV"]
    order = make_sale(
        db,
        owner,
        sales_scene.customer,
        line(water.id, 2, water.case_id, discount=D(5)),  # 11.00 less 5 %: 10.45
        line(beer.id, 1, beer.case_id, price=D("13.33"), discount=D(3)),  # typed, less 3 %: 12.93
    )
    view.open_order(order)
    editor = view.dialog
    assert isinstance(editor, SalesOrderEditor)
    assert [(line.price, line.discount) for line in editor.grid.lines] == [(None, D(5)), (D("13.33"), D(3))]
    editor.save_quote()
    assert not editor.isVisible() and shown.errors == []
    assert order_state(db, order).total == D("33.83")
