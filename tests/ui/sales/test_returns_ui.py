"""A return typed as a person does: New return (Ctrl+N), the shipped order's number and Enter, the
quantity of a line coming back, its reason, Enter; the goods back in stock and the return listed."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from bodesk.domain.access.actor import Actor
from bodesk.domain.sales.shipping import ship_order
from bodesk.store.engine import Database
from bodesk.ui.sales.return_dialog import ReturnDialog
from bodesk.ui.sales.returns import ReturnsView
from tests.builders.sales import line, make_sale
from tests.builders.stock import on_hand
from tests.helpers.keyboard import Keyboard, activate
from tests.helpers.qt import ShownMessages, column_texts
from tests.ui.sales.conftest import SalesScene

D = Decimal


def test_a_return_is_typed_from_the_keyboard(
    qtbot: QtBot,
    db: Database,
    owner: Actor,
    sales_scene: SalesScene,
    show: Callable[..., Any],
    shown: ShownMessages,
) -> None:
    water, beer = sales_scene.products["AGUA"], sales_scene.products["CERV"]
    order = make_sale(
        db,
        owner,
        sales_scene.customer,
        line(water.id, 2, water.case_id),
        line(beer.id, 1, beer.case_id),
        confirm=True,
    )
    ship_order(db, owner, order)
    assert on_hand(db, water.id) == D(96)
    view: ReturnsView = show(ReturnsView(db, owner))
    activate(qtbot, view)
    keys = Keyboard(qtbot)
    view.table.setFocus()
    keys.press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(view.dialog, ReturnDialog))
    dialog = view.dialog
    assert isinstance(dialog, ReturnDialog)
    qtbot.waitExposed(dialog)
    activate(qtbot, dialog)
    qtbot.waitUntil(lambda: keys.focus() is dialog.number)

    keys.enter("99")  # no such order: refused in a box, the dialog stays
    assert dialog.order is None and len(shown.errors) == 1
    keys.press(Qt.Key.Key_Backspace)
    keys.press(Qt.Key.Key_Backspace)
    keys.enter("1")  # the order's number: its lines, the focus on the first one's quantity
    assert dialog.order is not None and keys.focus() is dialog.quantities[0]
    assert column_texts(dialog.table, 3) == ["24", "12"]
    keys.type("5")
    keys.press(Qt.Key.Key_Tab)  # to the next cell's widget: the reason
    dialog.reasons[0].setCurrentIndex(dialog.reasons[0].findData("refused"))
    assert dialog.targets[0].currentData() == (True, None)  # refused goods go back where they left from
    dialog.quantities[1].setText("2")
    dialog.reasons[1].setCurrentIndex(dialog.reasons[1].findData("damaged"))
    assert dialog.targets[1].currentData() == (False, None)  # damaged ones to the loss location
    dialog.quantities[0].setFocus()
    keys.press(Qt.Key.Key_Return)  # takes them back
    qtbot.waitUntil(lambda: view.dialog is None)
    assert len(shown.errors) == 1
    assert on_hand(db, water.id) == D(101) and on_hand(db, beer.id) == D(108)
    assert column_texts(view.table, 2) == ["1"]
