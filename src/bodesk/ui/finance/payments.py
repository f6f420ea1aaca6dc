"""The payments list: money received and paid, and write-offs, newest first; reversed ones muted.
Receive… (Ctrl+N), Pay… (Ctrl+Shift+N) and Reverse… (Ctrl+R) the selected one."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import is_allowed
from bodesk.domain.finance.payment_queries import PaymentsQuery
from bodesk.domain.finance.permissions import PAYMENT
from bodesk.domain.finance.states import Direction
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.finance.payment_dialog import PaymentDialog
from bodesk.ui.finance.reason_dialogs import ReverseDialog
from bodesk.ui.widgets.dialogs import open_dialog
from bodesk.ui.widgets.list_view import ListView


class PaymentsView(ListView):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, PaymentsQuery(), "finance-payments", parent)
        self.dialog: QDialog | None = None
        allowed = is_allowed(actor.role, PAYMENT)
        self.receive_button = self.add_button(
            _("Receive…"), "receive", lambda: self.pay(Direction.RECEIVABLE), "Ctrl+N"
        )
        self.pay_button = self.add_button(
            _("Pay…"), "pay", lambda: self.pay(Direction.PAYABLE), "Ctrl+Shift+N"
        )
        self.reverse_button = self.add_button(_("Reverse…"), "reverse", self.reverse, "Ctrl+R")
        for button in (self.receive_button, self.pay_button, self.reverse_button):
            button.setVisible(allowed)
        self.finish_toolbar()
        self.kind_filter = QComboBox(self)
        self.kind_filter.addItem(_("Received and paid"), None)
        self.kind_filter.addItem(_("Received"), Direction.RECEIVABLE.value)
        self.kind_filter.addItem(_("Paid"), Direction.PAYABLE.value)
        self.kind_filter.currentIndexChanged.connect(
            lambda _index: self.model.set_filter("direction", self.kind_filter.currentData())
        )
        self.add_filter(_("Show"), self.kind_filter)
        self.set_empty_texts(
            _(
                "No payment yet. Register money received with Receive… (Ctrl+N) or paid with Pay… (Ctrl+Shift+N)."
            ),
            _("No payment matches the search or the filter. Clear them to see every payment."),
        )

    def pay(self, direction: Direction) -> None:
        self.dialog = PaymentDialog(self.db, self.actor, direction, self)
        open_dialog(self, self.dialog, self.refresh)

    def reverse(self) -> None:
        row = self.selected_row()
        if row is None or self.value(row, "reversed"):
            return
        self.dialog = ReverseDialog(self.db, self.actor, row.id, int(self.value(row, "number")), self)
        open_dialog(self, self.dialog, self.refresh)
