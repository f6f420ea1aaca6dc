"""The finance settings: the company's state registration (IE) and PIX key, printed on invoices, and
the invoice series."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.finance.books import finance_settings, update_finance_settings
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.widgets.forms import FormDialog


class FinanceSettingsDialog(FormDialog):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent, _("Finance settings"), _("Save"))
        self.db, self.actor = db, actor
        saved = finance_settings(db, actor)
        self.registration = QLineEdit(saved.state_registration, self)
        self.form.add_field(
            "state_registration", _("State registration (IE)"), self.registration, _("Its digits, or ISENTO.")
        )
        self.pix_key = QLineEdit(saved.pix_key, self)
        self.form.add_field(
            "pix_key",
            _("PIX key"),
            self.pix_key,
            _("A CNPJ, an e-mail, a phone (+55…) or a random key: invoices carry a PIX code to pay them."),
        )
        self.series = QLineEdit(saved.invoice_series, self)
        self.series.setMaxLength(3)
        self.form.add_field("invoice_series", _("Invoice series"), self.series, _("1 to 3 digits."))
        self.form.focus_field("state_registration")

    def confirm(self) -> None:
        update_finance_settings(
            self.db, self.actor, self.registration.text(), self.pix_key.text(), self.series.text()
        )
