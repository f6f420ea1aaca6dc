"""Small dialogs that ask a day and a reason: Write off… (what a customer will not pay) and Reverse…
(a payment, a receipt or a write-off)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QLineEdit, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.finance.payment_reversal import reverse_payment
from bodesk.domain.finance.write_offs import write_off
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.finance.payment_dialog import day_of
from bodesk.ui.widgets.forms import FormDialog


class _ReasonDialog(FormDialog):
    def __init__(self, parent: QWidget | None, title: str, ok_text: str, intro: str) -> None:
        super().__init__(parent, title, ok_text)
        self.set_intro(intro)
        self.day = QDateEdit(QDate.currentDate(), self)
        self.day.setCalendarPopup(True)
        self.form.add_field("day", _("Day"), self.day)
        self.reason = QLineEdit(self)
        self.form.add_field("reason", _("Reason"), self.reason)
        self.reason.textChanged.connect(lambda _text: self.refresh_buttons())
        self.form.focus_field("reason")

    def can_confirm(self) -> bool:
        return bool(self.reason.text().strip())


class WriteOffDialog(_ReasonDialog):
    def __init__(
        self, db: Database, actor: Actor, item_ids: Sequence[int], parent: QWidget | None = None
    ) -> None:
        super().__init__(
            parent,
            _("Write off"),
            _("Write off"),
            _("What is left of the chosen installment goes to bad debts. Say why."),
        )
        self.db, self.actor, self.item_ids = db, actor, list(item_ids)

    def confirm(self) -> None:
        write_off(self.db, self.actor, self.item_ids, day_of(self.day), self.reason.text())


class ReverseDialog(_ReasonDialog):
    def __init__(
        self, db: Database, actor: Actor, payment_id: int, number: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            parent,
            _("Reverse payment {n}").format(n=number),
            _("Reverse"),
            _("The installments it settled open again and its entry is reversed on the day chosen. Say why."),
        )
        self.db, self.actor, self.payment_id = db, actor, payment_id

    def confirm(self) -> None:
        reverse_payment(self.db, self.actor, self.payment_id, day_of(self.day), self.reason.text())
