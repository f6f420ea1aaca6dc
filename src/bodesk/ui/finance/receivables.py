"""Receivables and payables: what customers owe us and what we owe suppliers, installment by
installment, oldest due first; the overdue ones stand out (past due: a warning; more than 30 days: in
red). Receive… / Pay… (Ctrl+N) opens the payment for the selected row's partner; Write off… (Ctrl+W,
receivables) and Statement (Ctrl+T: the customer's statement PDF, in the preview)."""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QDialog, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import is_allowed
from bodesk.domain.finance.payment_queries import PayablesQuery, ReceivablesQuery, partner_of_item
from bodesk.domain.finance.permissions import PAYMENT, WRITE_OFF
from bodesk.domain.finance.states import Direction
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.finance.payment_dialog import PaymentDialog
from bodesk.ui.finance.reason_dialogs import WriteOffDialog
from bodesk.ui.widgets.calls import run_service
from bodesk.ui.widgets.dialogs import open_dialog
from bodesk.ui.widgets.list_view import ListView

STATEMENT_DAYS = 90  # the statement's period: the 90 days up to today


class _OpenItemsView(ListView):
    direction: Direction

    def __init__(
        self,
        db: Database,
        actor: Actor,
        query: ReceivablesQuery | PayablesQuery,
        key: str,
        parent: QWidget | None,
    ) -> None:
        super().__init__(db, actor, query, key, parent)
        self.dialog: QDialog | None = None
        receipt = self.direction == Direction.RECEIVABLE
        self.pay_button = self.add_button(
            _("Receive…") if receipt else _("Pay…"), "receive" if receipt else "pay", self.pay, "Ctrl+N"
        )
        self.pay_button.setVisible(is_allowed(actor.role, PAYMENT))
        self.shown_filter = QComboBox(self)
        self.shown_filter.addItem(_("Everything open"), None)
        self.shown_filter.addItem(_("Overdue"), "overdue")
        self.shown_filter.addItem(_("Due within 7 days"), "week")
        self.shown_filter.currentIndexChanged.connect(lambda _index: self._shown_changed())
        self.add_filter(_("Show"), self.shown_filter)

    def _shown_changed(self) -> None:
        chosen = self.shown_filter.currentData()
        self.model.set_filter("overdue", True if chosen == "overdue" else None)
        self.model.set_filter("due_by", date.today() + timedelta(days=7) if chosen == "week" else None)

    def selected_partner(self) -> int | None:
        row_id = self.selected_id()
        if row_id is None:
            return None
        found = run_service(self, lambda _c: partner_of_item(self.db, self.actor, row_id))
        return found.value if found.ok else None

    def pay(self) -> None:
        self.dialog = PaymentDialog(self.db, self.actor, self.direction, self, self.selected_partner())
        open_dialog(self, self.dialog, self.refresh)


class ReceivablesView(_OpenItemsView):
    direction = Direction.RECEIVABLE

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, ReceivablesQuery(), "finance-receivables", parent)
        self.write_off_button = self.add_button(_("Write off…"), "write_off", self.write_off, "Ctrl+W")
        self.write_off_button.setVisible(is_allowed(actor.role, WRITE_OFF))
        self.statement_button = self.add_button(_("Statement"), "report", self.statement, "Ctrl+T")
        self.finish_toolbar()
        self.set_empty_texts(
            _(
                "No customer owes anything. Invoices leave their installments here; receive them with Receive… (Ctrl+N)."
            ),
            _("No installment matches the search or the filter. Clear them to see everything open."),
        )

    def write_off(self) -> None:
        row_id = self.selected_id()
        if row_id is None:
            return
        self.dialog = WriteOffDialog(self.db, self.actor, [row_id], self)
        open_dialog(self, self.dialog, self.refresh)

    def statement(self) -> None:
        from bodesk.reports.customer_statement import write_customer_statement
        from bodesk.ui.widgets.pdf_preview import show_pdf

        customer = self.selected_partner()
        if customer is None:
            return
        end = date.today()
        path = Path(tempfile.mkdtemp(prefix="bodesk-statement-")) / _("statement-{n}.pdf").format(n=customer)
        written = run_service(
            self,
            lambda _c: write_customer_statement(
                self.db, self.actor, path, customer, end - timedelta(days=STATEMENT_DAYS - 1), end
            ),
        )
        if written.ok:
            show_pdf(self, written.value)


class PayablesView(_OpenItemsView):
    direction = Direction.PAYABLE

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, PayablesQuery(), "finance-payables", parent)
        self.finish_toolbar()
        self.set_empty_texts(
            _(
                "Nothing is owed to suppliers. Posted bills leave their installments here; pay them with Pay… (Ctrl+N)."
            ),
            _("No installment matches the search or the filter. Clear them to see everything open."),
        )
