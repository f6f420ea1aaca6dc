"""Ending an order early: cancel one nothing was received of, or close a partly received one short."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.purchasing.orders import cancel_order, close_order
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.widgets.forms import FormDialog


class ReasonDialog(FormDialog):
    """Cancel an order, or close a partly received one short: both keep why in the audit log."""

    def __init__(
        self, db: Database, actor: Actor, order_id: int, number: int, close: bool, parent: QWidget
    ) -> None:
        title = _("Close order short") if close else _("Cancel order")
        super().__init__(parent, title, _("Close order") if close else _("Cancel order"))
        self.db, self.actor, self.order_id, self.closing = db, actor, order_id, close
        self.cancel_button.setText(_("Keep the order"))
        self.set_intro(
            _("Nothing more will be received for purchase order {n}: the rest is not coming.").format(
                n=number
            )
            if close
            else _("Purchase order {n} will be cancelled; its number stays used.").format(n=number)
        )
        self.reason = QLineEdit(self)
        self.form.add_field(
            "reason", _("Reason"), self.reason, _("Kept with the order and in the audit log.")
        )
        self.form.focus_field("reason")

    def can_confirm(self) -> bool:
        return bool(self.reason.text().strip())

    def confirm(self) -> None:
        if self.closing:
            close_order(self.db, self.actor, self.order_id, self.reason.text())
        else:
            cancel_order(self.db, self.actor, self.order_id, self.reason.text())
