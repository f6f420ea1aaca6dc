"""The books' screens for `bodesk screenshots`: a sample manual entry in the journal with its lines,
the New entry dialog with lines typed and a difference left, the account and settings dialogs, and the
close and reopen dialogs. The sample entry is posted in the screenshots' own temporary database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.listing import ListRequest
from bodesk.domain.finance.book_queries import JournalQuery, chart_of_accounts
from bodesk.domain.finance.books import ManualLine, post_manual_entry, update_finance_settings
from bodesk.errors import BodeskError
from bodesk.store.engine import Database
from bodesk.ui.screenshots import settle

if TYPE_CHECKING:
    from bodesk.ui.mainwindow import MainWindow
    from bodesk.ui.screenshots import Camera


def _code(db: Database, actor: Actor, code: str) -> int | None:
    return next((row.id for row in chart_of_accounts(db, actor) if row.code == code), None)


def sample_entries(db: Database, actor: Actor) -> None:
    """Rent paid from the bank, once, and the company's PIX key and IE, so the screens have them."""
    if JournalQuery().count(db, actor, ListRequest(filters={"manual": True})):
        return
    rent, bank = _code(db, actor, "6.5"), _code(db, actor, "1.1.02")
    if rent is None or bank is None:
        return
    try:
        value = Decimal("4800.00")
        post_manual_entry(
            db, actor, date.today(), "Aluguel do galpão — mês corrente",
            [ManualLine(rent, debit=value), ManualLine(bank, credit=value)],
        )  # fmt: skip
        update_finance_settings(db, actor, "110042490114", "financeiro@distribuidora.com.br", "1")
    except BodeskError:
        return


def _shoot(camera: Camera, name: str, dialog: QWidget | None) -> None:
    if isinstance(dialog, QDialog):
        settle(150)
        camera.shoot(name, dialog)
        dialog.reject()


def books_shots(camera: Camera, window: MainWindow) -> None:
    from bodesk.ui.finance.accounts import AccountsView
    from bodesk.ui.finance.entry_dialog import EntryDialog
    from bodesk.ui.finance.journal import JournalView
    from bodesk.ui.finance.periods import PeriodsView

    sample_entries(window.db, window.actor)
    journal = window.show_view("finance", "journal")
    if isinstance(journal, JournalView):
        journal.manual_only.setChecked(True)
        journal.refresh()
        settle(200)
        if journal.model.total():
            journal.table.selectRow(0)
        settle(200)
        camera.shoot("finance-journal-manual", window)
        journal.manual_only.setChecked(False)
        journal.new_entry()
        dialog = journal.dialog
        if isinstance(dialog, EntryDialog):
            dialog.memo.setText("Tarifas do mês")
            for code, debit, credit in (("6.10", "35,90", ""), ("1.1.02", "", "30,00")):
                dialog.account.setEditText(code)
                dialog.debit.setText(debit)
                dialog.credit.setText(credit)
                dialog.add_line()
        _shoot(camera, "finance-entry-dialog", journal.dialog)
    accounts = window.show_view("finance", "accounts")
    if isinstance(accounts, AccountsView):
        accounts.select_id(_code(window.db, window.actor, "6.5") or 0)
        settle(200)
        camera.shoot("finance-accounts-ledger", window)
        accounts.edit_account()
        _shoot(camera, "finance-account-dialog", accounts.dialog)
        accounts.open_settings()
        _shoot(camera, "finance-settings-dialog", accounts.dialog)
    periods = window.show_view("finance", "periods")
    if isinstance(periods, PeriodsView):
        periods.close_books()
        _shoot(camera, "finance-close-dialog", periods.dialog)
