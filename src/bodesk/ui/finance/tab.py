"""The Finance tab and its sub-views, in this order: Invoices, Bills, Receivables, Payables, Payments,
Recurring, Reports, Journal, Accounts, Periods. Loaded for the finance module of the registry's list.

The books' views (Journal, Accounts, Periods) are registered here, and what Ctrl+K opens for an invoice. Each of the others is added in its
own slot below, by whoever builds it, with its factory next to it (one function per view, importing
its screen only when the view is first opened); the slots keep the order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.finance.permissions import FINANCE_VIEW
from bodesk.i18n import N_
from bodesk.store.engine import Database
from bodesk.ui.modules import ModuleTab, SubView, register_tab
from bodesk.ui.screenshots import register_shots
from bodesk.ui.widgets.icons import register_icons

if TYPE_CHECKING:
    from bodesk.ui.mainwindow import MainWindow
    from bodesk.ui.screenshots import Camera


# --- invoices and credit notes -----------------------------------------------------------------------


def _invoices(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.finance.invoices import InvoicesView

    return InvoicesView(db, actor, parent)


# --- supplier bills --------------------------------------------------------------------------------


def _bills(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.finance.bills import BillsView

    return BillsView(db, actor, parent)


# --- receivables, payables and payments -----------------------------------------------------------


def _receivables(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.finance.receivables import ReceivablesView

    return ReceivablesView(db, actor, parent)


def _payables(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.finance.receivables import PayablesView

    return PayablesView(db, actor, parent)


def _payments(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.finance.payments import PaymentsView

    return PaymentsView(db, actor, parent)


# --- banking: bank accounts, statements, reconciliation --------------------------------------------


def _bank_accounts(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.finance.bank_accounts import BankAccountsView

    return BankAccountsView(db, actor, parent)


def _statements(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.finance.bank_statements import StatementsView

    return StatementsView(db, actor, parent)


def _reconcile(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.finance.reconcile import ReconcileView

    return ReconcileView(db, actor, parent)


# --- recurring payables ---------------------------------------------------------------------------


def _recurring(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.finance.recurring_view import RecurringView

    return RecurringView(db, actor, parent)


# --- reports (aging, cash flow, DRE, trial balance, balance sheet, general ledger, DSO) ------------


def _reports(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.finance.reports_view import ReportsView

    return ReportsView(db, actor, parent)


# --- the books -------------------------------------------------------------------------------------


def _journal(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.finance.journal import JournalView

    return JournalView(db, actor, parent)


def _accounts(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.finance.accounts import AccountsView

    return AccountsView(db, actor, parent)


def _periods(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.finance.periods import PeriodsView

    return PeriodsView(db, actor, parent)


register_icons(
    {
        "finance": "ph.bank",
        "journal": "ph.notebook",
        "accounts": "ph.tree-structure",
        "periods": "ph.calendar-check",
        "bills": "ph.receipt",
        "invoices": "ph.file-text",
        # banking (their buttons' icons: ui.finance.bank_parts)
        "bank_accounts": "ph.bank",
        "statements": "ph.list-bullets",
        "reconcile": "ph.check-square",
        "reports": "ph.chart-bar",
        "recurring": "ph.repeat",
    }
)

SUBVIEWS: tuple[SubView, ...] = (
    # --- Invoices (customer invoices and credit notes) ---
    SubView("invoices", N_("Invoices"), _invoices),
    # --- Bills (supplier bills) ---
    SubView("bills", N_("Bills"), _bills),
    # --- receivables, payables and payments ---
    SubView("receivables", N_("Receivables"), _receivables),
    SubView("payables", N_("Payables"), _payables),
    SubView("payments", N_("Payments"), _payments),
    # --- banking ---
    SubView("bank_accounts", N_("Bank accounts"), _bank_accounts),
    SubView("statements", N_("Statements"), _statements),
    SubView("reconcile", N_("Reconcile"), _reconcile),
    SubView("recurring", N_("Recurring"), _recurring),  # recurring payables
    # --- reports ---
    SubView("reports", N_("Reports"), _reports),
    # --- the books ---
    SubView("journal", N_("Journal"), _journal),
    SubView("accounts", N_("Accounts"), _accounts),
    SubView("periods", N_("Periods"), _periods),
)

register_tab(
    ModuleTab(
        "finance",
        N_("Finance"),
        FINANCE_VIEW,
        "finance",
        subviews=SUBVIEWS,
        order=40,
        keywords=(
            N_("Journal entry"),
            N_("Chart of accounts"),
            N_("Lock date"),
            N_("Accountant"),
            N_("Supplier bill"),
            N_("Boleto"),
            N_("Invoice"),
            N_("Credit note"),
            N_("NF-e"),
            N_("Receivables"),
            N_("Payables"),
            N_("Payment"),
            N_("Bank statement"),
            N_("Reconciliation"),
            N_("OFX"),
        ),
    )
)


@register_shots
def _books_shots(camera: Camera, window: MainWindow) -> None:
    """The books' screens, for `bodesk screenshots` (see `ui.finance.shots`)."""
    from bodesk.ui.finance.shots import books_shots

    books_shots(camera, window)


@register_shots
def _bills_shots(camera: Camera, window: MainWindow) -> None:
    """The supplier bills list and the Bill receipts… dialog (see `ui.finance.bill_shots`)."""
    from bodesk.ui.finance.bill_shots import bill_shots

    bill_shots(camera, window)


@register_shots
def _invoice_shots(camera: Camera, window: MainWindow) -> None:
    """The invoices list and its dialogs, for `bodesk screenshots` (see `ui.finance.invoice_shots`)."""
    from bodesk.ui.finance.invoice_shots import invoice_shots

    invoice_shots(camera, window)


@register_shots
def _payment_shots(camera: Camera, window: MainWindow) -> None:
    """Receivables, payables, payments and the payment dialog (see `ui.finance.payment_shots`)."""
    from bodesk.ui.finance.payment_shots import payment_shots

    payment_shots(camera, window)


@register_shots
def _bank_shots(camera: Camera, window: MainWindow) -> None:
    """Bank accounts, statements and reconciliation (see `ui.finance.bank_shots`)."""
    from bodesk.ui.finance.bank_shots import bank_shots

    bank_shots(camera, window)


@register_shots
def _report_shots(camera: Camera, window: MainWindow) -> None:
    """The Reports sub-view showing each finance report (see `ui.finance.report_shots`)."""
    from bodesk.ui.finance.report_shots import report_shots

    report_shots(camera, window)
