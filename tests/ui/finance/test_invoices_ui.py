"""Invoicing from the screen as a person does: Invoice orders… (Ctrl+N), Space to check the current
order, a click on another's box, "one invoice per customer", Enter; the invoices posted and listed,
their lines under them; Cancel… takes one back with a credit note."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from bodesk.domain.access.actor import Actor
from bodesk.store.engine import Database
from bodesk.ui.finance.invoice_dialogs import CancelInvoiceDialog, InvoiceOrdersDialog
from bodesk.ui.finance.invoices import InvoicesView
from tests.builders.invoicing import build_books, failed_checks, order_status, shipped_order
from tests.builders.sales import line
from tests.helpers.keyboard import Keyboard, activate
from tests.helpers.qt import ShownMessages, column_texts


def test_orders_are_invoiced_from_the_keyboard_and_a_click(
    qtbot: QtBot, db: Database, owner: Actor, show: Callable[..., Any], shown: ShownMessages
) -> None:
    books = build_books(db, owner)
    first, second, _ = books.products
    orders = [
        shipped_order(db, owner, books.customer, line(first, 2)),
        shipped_order(db, owner, books.customer, line(second, 3)),
        shipped_order(db, owner, books.cash_customer, line(first, 1)),
    ]
    view: InvoicesView = show(InvoicesView(db, owner))
    assert view.model.total() == 0 and "Invoice orders" in view.empty_label.text()
    activate(qtbot, view)
    keys = Keyboard(qtbot)
    view.table.setFocus()
    keys.press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(view.dialog, InvoiceOrdersDialog))
    dialog = view.dialog
    assert isinstance(dialog, InvoiceOrdersDialog)
    qtbot.waitExposed(dialog)
    activate(qtbot, dialog)
    assert dialog.table.rowCount() == 3 and not dialog.ok_button.isEnabled()
    dialog.table.setFocus()
    dialog.table.setCurrentCell(0, 0)
    keys.press(Qt.Key.Key_Space)  # checks the first order
    assert len(dialog.checked_orders()) == 1 and dialog.ok_button.isEnabled()
    second_row = next(
        row
        for row in range(3)
        if dialog.table.item(row, 1).text() == dialog.table.item(0, 1).text() and row != 0
    )
    box = dialog.table.visualItemRect(dialog.table.item(second_row, 0))
    qtbot.mouseClick(
        dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(box.left() + 10, box.center().y())
    )
    assert len(dialog.checked_orders()) == 2
    dialog.grouped.setChecked(True)
    dialog.ok_button.setFocus()
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.dialog is None)
    assert shown.errors == []
    assert view.model.total() == 1 and column_texts(view.table, 0) == ["1"]
    assert {order_status(db, order) for order in orders[:2]} == {"invoiced"}
    assert order_status(db, orders[2]) == "shipped"
    view.table.selectRow(0)
    assert (
        view.lines.model.total() == 2 and view.cancel_button.isEnabled() and not view.post_button.isEnabled()
    )

    view.cancel_selected()
    cancel = view.dialog
    assert isinstance(cancel, CancelInvoiceDialog) and not cancel.ok_button.isEnabled()
    cancel.reason.setText("Pedido em duplicidade")
    cancel.ok_button.click()
    qtbot.waitUntil(lambda: view.dialog is None)
    assert shown.errors == [] and view.model.total() == 2
    assert failed_checks(db) == []
