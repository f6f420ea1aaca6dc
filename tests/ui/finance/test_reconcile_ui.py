"""Reconciling from the keyboard: the unmatched line chosen, Enter to its suggestions, Enter matches;
Match all sure ones; the accuracy figure at the top."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from bodesk.domain.access.actor import Actor
from bodesk.domain.banking.statements import import_statement
from bodesk.domain.finance.payments import PaymentInput, register_payment
from bodesk.domain.finance.states import Direction, PaymentMethod
from bodesk.store.engine import Database
from bodesk.ui.finance.bank_accounts import BankAccountsView
from bodesk.ui.finance.bank_statements import StatementsView
from bodesk.ui.finance.reconcile import ReconcileView
from tests.builders.banking import bank_lines, itau, ledger_account, statement
from tests.builders.finance import problems, receivable
from tests.builders.sales import make_customer
from tests.helpers.keyboard import Keyboard, activate
from tests.helpers.qt import ShownMessages

D = Decimal
DAY = date(2025, 4, 10)


def _paid(db: Database, owner: Actor, bank: int, customer: int, amount: str) -> None:
    receivable(db, owner, customer, amount)
    register_payment(
        db,
        owner,
        PaymentInput(
            Direction.RECEIVABLE,
            customer,
            DAY,
            PaymentMethod.PIX,
            D(amount),
            account_id=ledger_account(db, bank),
        ),
    )


def test_a_line_is_matched_from_the_keyboard(
    qtbot: QtBot, db: Database, owner: Actor, show: Callable[..., Any], shown: ShownMessages
) -> None:
    bank = itau(db, owner)
    customer = make_customer(db, owner, 1, name="Bar do Zé Ltda.")
    _paid(db, owner, bank, customer, "50.00")
    _paid(db, owner, bank, customer, "50.00")  # two alike: no sure pair, the person chooses
    import_statement(db, owner, statement([("A", "50,00", DAY, "PIX BAR DO ZE")]), "s.ofx")
    view: ReconcileView = show(ReconcileView(db, owner))
    activate(qtbot, view)
    assert view.lines.rowCount() == 1
    assert "0.0%" in view.figure.text()
    keys = Keyboard(qtbot)
    view.lines.setFocus()
    view.lines.selectRow(0)
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: keys.focus() is view.suggestions)
    assert view.suggestions.rowCount() >= 2
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.lines.rowCount() == 0)
    assert [line.state for line in bank_lines(db)] == ["matched"]
    assert "100.0%" in view.figure.text()
    assert problems(db) == []


def test_match_all_sure_ones(
    qtbot: QtBot, db: Database, owner: Actor, show: Callable[..., Any], shown: ShownMessages
) -> None:
    bank = itau(db, owner)
    customer = make_customer(db, owner, 1, name="Bar do Zé Ltda.")
    _paid(db, owner, bank, customer, "70.00")
    import_statement(
        db, owner, statement([("A", "70,00", DAY, "PIX"), ("B", "-9,90", DAY, "TARIFA")]), "s.ofx"
    )
    view: ReconcileView = show(ReconcileView(db, owner))
    activate(qtbot, view)
    view.auto_button.click()
    qtbot.waitUntil(lambda: view.lines.rowCount() == 1)
    assert [line.state for line in bank_lines(db)] == ["matched", "unmatched"]


def test_the_bank_accounts_and_statements_views_show_what_there_is(
    qtbot: QtBot, db: Database, owner: Actor, show: Callable[..., Any]
) -> None:
    itau(db, owner)
    import_statement(db, owner, statement([("A", "70,00", DAY, "PIX")]), "s.ofx")
    accounts: BankAccountsView = show(BankAccountsView(db, owner))
    assert accounts.table.rowCount() == 3  # the chart's cash box and bank, and the Itaú account
    statements: StatementsView = show(StatementsView(db, owner))
    assert statements.imports.rowCount() == 1 and statements.lines.rowCount() == 1
