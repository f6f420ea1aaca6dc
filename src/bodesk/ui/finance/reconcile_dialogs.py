"""What the Reconcile view asks before it writes: the payment a bank line shows (the payment dialog
with the line's day, money and account fixed), an entry for what the bank did on its own (a fee,
interest), and why a line is ignored."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.banking.queries import LineRow, entry_accounts
from bodesk.domain.banking.reconcile import book_line, ignore, pay_line
from bodesk.domain.common.figures import input_text, money_text
from bodesk.domain.finance.states import Direction
from bodesk.i18n import _, format_date
from bodesk.store.engine import Database
from bodesk.ui.finance.payment_dialog import PaymentDialog
from bodesk.ui.widgets.forms import FormDialog


class LinePaymentDialog(PaymentDialog):
    def __init__(
        self, db: Database, actor: Actor, line: LineRow, ledger_account: int, parent: QWidget | None
    ) -> None:
        receipt = line.amount > 0
        super().__init__(db, actor, Direction.RECEIVABLE if receipt else Direction.PAYABLE, parent)
        self.line = line
        self.setWindowTitle(_("Payment of the bank line of {day}").format(day=format_date(line.day)))
        self.set_intro(
            _(
                "The bank shows {amount}, “{text}”. Choose who paid (or was paid) and tick what it settles."
            ).format(amount=money_text(line.amount), text=(line.name + " " + line.memo).strip())
        )
        self.day.setDate(QDate(line.day.year, line.day.month, line.day.day))
        self.day.setEnabled(False)
        self.amount.setText(input_text(abs(line.amount), 2))
        self.amount.setReadOnly(True)
        index = self.account.findData(ledger_account)
        if index >= 0:
            self.account.setCurrentIndex(index)
        self.account.setEnabled(False)
        self.memo.setText((line.memo or line.name)[:200])
        self.set_ok_text(_("Register and match"))

    def confirm(self) -> None:
        self.payment_id = pay_line(self.db, self.actor, self.line.id, self.inputs())


class BookLineDialog(FormDialog):
    def __init__(self, db: Database, actor: Actor, line: LineRow, parent: QWidget | None) -> None:
        super().__init__(
            parent,
            _("Entry for the bank line of {day}").format(day=format_date(line.day)),
            _("Post and match"),
        )
        self.db, self.actor, self.line = db, actor, line
        self.set_intro(
            _("The bank moved {amount} on its own, “{text}”. Choose the account on the other side.").format(
                amount=money_text(line.amount), text=(line.name + " " + line.memo).strip()
            )
        )
        self.account = QComboBox(self)
        wanted = "bank_fees" if line.amount < 0 else "interest_earned"
        for account_id, label, role in entry_accounts(db, actor):
            self.account.addItem(label, account_id)
            if role == wanted:
                self.account.setCurrentIndex(self.account.count() - 1)
        self.form.add_field("account", _("Account"), self.account)
        self.memo = QLineEdit((line.memo or line.name)[:200], self)
        self.form.add_field("memo", _("Description"), self.memo)
        self.form.focus_field("account")

    def confirm(self) -> None:
        book_line(self.db, self.actor, self.line.id, int(self.account.currentData()), self.memo.text())


class IgnoreDialog(FormDialog):
    def __init__(self, db: Database, actor: Actor, line: LineRow, parent: QWidget | None) -> None:
        super().__init__(parent, _("Ignore the bank line"), _("Ignore"))
        self.db, self.actor, self.line = db, actor, line
        self.set_intro(
            _(
                "{amount} of {day} leaves the reconciliation: say why the books need no movement for it."
            ).format(amount=money_text(line.amount), day=format_date(line.day))
        )
        self.reason = QLineEdit(self)
        self.form.add_field("reason", _("Reason"), self.reason)
        self.reason.textChanged.connect(lambda _text: self.refresh_buttons())
        self.form.focus_field("reason")

    def can_confirm(self) -> bool:
        return bool(self.reason.text().strip())

    def confirm(self) -> None:
        ignore(self.db, self.actor, self.line.id, self.reason.text())
