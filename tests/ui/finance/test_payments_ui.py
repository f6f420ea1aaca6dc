"""A receipt typed as a person does: Receive… (Ctrl+N) on the receivables, part of the customer's name
and Enter, the money (ticking the oldest installments), Enter through the fields to Register; more
money than is open asks what to do with it."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from bodesk.domain.access.actor import Actor
from bodesk.store.engine import Database
from bodesk.ui.finance.payment_dialog import PaymentDialog
from bodesk.ui.finance.payments import PaymentsView
from bodesk.ui.finance.receivables import PayablesView, ReceivablesView
from tests.builders.finance import item, problems, receivable
from tests.builders.sales import make_customer
from tests.helpers.keyboard import Keyboard, activate
from tests.helpers.qt import ShownMessages, column_texts

D = Decimal


def test_a_receipt_is_typed_from_the_keyboard(
    qtbot: QtBot, db: Database, owner: Actor, show: Callable[..., Any], shown: ShownMessages
) -> None:
    customer = make_customer(db, owner, 1, name="Bar do Zé Ltda.")
    make_customer(db, owner, 2, name="Mercearia Boa Vista Ltda.")
    first, second = receivable(db, owner, customer, "200.00", days=(28, 35))
    view: ReceivablesView = show(ReceivablesView(db, owner))
    activate(qtbot, view)
    assert view.model.total() == 2
    keys = Keyboard(qtbot)
    view.table.setFocus()
    keys.press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(view.dialog, PaymentDialog))
    dialog = view.dialog
    assert isinstance(dialog, PaymentDialog)
    qtbot.waitExposed(dialog)
    activate(qtbot, dialog)
    if view.selected_id() is None:  # nobody chosen yet: the partner first
        qtbot.waitUntil(lambda: keys.focus() in (dialog.partner, dialog.partner_text))
        keys.enter("bar do")
    qtbot.waitUntil(lambda: keys.focus() is dialog.amount)
    assert column_texts(dialog.table, 1) == ["Invoice 1", "Invoice 1"]
    keys.type("250")
    assert "50" in dialog.difference.text()  # more than is open: the choice shows
    assert dialog.excess.isVisible()
    keys.press(Qt.Key.Key_Backspace)
    keys.press(Qt.Key.Key_Backspace)
    keys.press(Qt.Key.Key_Backspace)
    keys.type("150")  # the first installment whole, half of the second
    assert not dialog.excess.isVisible()
    for _step in range(12):  # Enter through the fields to the Register button, and press it
        if view.dialog is None:
            break
        keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.dialog is None)
    assert shown.errors == []
    assert item(db, first).settled and item(db, second).paid == D("50.00")
    assert problems(db) == []
    assert view.model.total() == 1


def test_the_empty_lists_say_what_to_do(
    qtbot: QtBot, db: Database, owner: Actor, show: Callable[..., Any]
) -> None:
    for view in (ReceivablesView(db, owner), PayablesView(db, owner), PaymentsView(db, owner)):
        shown_view = show(view)
        activate(qtbot, shown_view)
        assert shown_view.model.total() == 0
