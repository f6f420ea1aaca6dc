"""Settings: this desk's preferences (language, backups) and, for those allowed, the company's details.

OK saves the company first (through `update_company`, errors shown under their fields) and the
desk's preferences only then, so a refusal changes nothing at all.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import BACKUP_RUN, COMPANY_EDIT, is_allowed
from bodesk.domain.common.errors import ValidationError
from bodesk.domain.common.money import CURRENCIES
from bodesk.domain.company.services import CompanyDetails, company_details, update_company
from bodesk.i18n import NP_, _, language_name, system_language
from bodesk.settings import Preferences, default_backup_dir, save_preferences
from bodesk.store.engine import Database
from bodesk.ui.company_form import LANGUAGE_NAMES, CompanyFields, LogoField
from bodesk.ui.widgets import messages
from bodesk.ui.widgets.calls import run_service
from bodesk.ui.widgets.forms import FormPage, count_words

MAX_BACKUPS = 365


class DeskPage(QWidget):
    """This desk's preferences: they live in a file on this computer, not in the database."""

    backup_requested = Signal()

    def __init__(self, preferences: Preferences, may_back_up: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = FormPage(self)
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem(_("As the system (now {language})").format(language=self._system_name()), "")
        for code, name in LANGUAGE_NAMES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(preferences.language)))
        self.form.add_field(
            "language", _("Language"), self.language, _("A new language applies when bodesk starts again.")
        )

        folder_row = QWidget()
        row = QHBoxLayout(folder_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.backup_dir = QLineEdit(preferences.backup_dir)
        self.backup_dir.setObjectName("backup_dir")
        self.backup_dir.setPlaceholderText(str(default_backup_dir()))
        choose = QPushButton(_("Choose…"))
        choose.clicked.connect(self.choose_folder)
        row.addWidget(self.backup_dir, 1)
        row.addWidget(choose)
        self.form.add_field(
            "backup_dir", _("Backup folder"), folder_row, _("Empty: the folder shown in grey.")
        )

        self.daily = QCheckBox(_("Back up automatically once a day, when bodesk starts"))
        self.daily.setObjectName("daily_backup")
        self.daily.setChecked(preferences.daily_backup)
        self.form.add_field("daily_backup", _("Daily backup"), self.daily)
        self.keep = QSpinBox()
        self.keep.setObjectName("backups_to_keep")
        self.keep.setRange(1, MAX_BACKUPS)
        self.keep.setValue(max(1, min(MAX_BACKUPS, preferences.backups_to_keep)))
        count_words(self.keep, NP_("{n} daily backup", "{n} daily backups"))
        self.keep.setMaximumWidth(220)
        self.form.add_field("backups_to_keep", _("Keep"), self.keep, _("Older daily backups are deleted."))
        self.backup_now = QPushButton(_("Back up now"))
        self.backup_now.setObjectName("backup-now")
        self.backup_now.clicked.connect(self.backup_requested)
        self.backup_now.setVisible(may_back_up)
        if may_back_up:
            holder = QWidget()
            holder_row = QHBoxLayout(holder)
            holder_row.setContentsMargins(0, 0, 0, 0)
            holder_row.addWidget(self.backup_now)
            holder_row.addStretch(1)
            self.form.add_row("", holder)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addStretch(1)

    @staticmethod
    def _system_name() -> str:
        """The system's language, named in the language bodesk speaks now."""
        return language_name(system_language())

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Backup folder"), self.backup_dir.text())
        if folder:
            self.backup_dir.setText(folder)

    def apply_to(self, preferences: Preferences) -> Preferences:
        return replace(
            preferences,
            language=str(self.language.currentData() or ""),
            backup_dir=self.backup_dir.text().strip(),
            daily_backup=self.daily.isChecked(),
            backups_to_keep=self.keep.value(),
        )


class CompanyPage(QWidget):
    """The company's details, for roles allowed to change them."""

    def __init__(self, details: CompanyDetails, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.original = details
        self.form = FormPage(self)
        self.fields = CompanyFields(self.form)
        self.fields.set_values(details)
        self.currency = QComboBox()
        self.currency.setObjectName("currency")
        for code in CURRENCIES:
            self.currency.addItem(code, code)
        self.currency.setCurrentIndex(max(0, self.currency.findData(details.currency)))
        self.form.add_field("currency", _("Currency"), self.currency)
        self.logo = LogoField(self.form)
        self.logo.set_logo(details.logo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addStretch(1)

    def details(self) -> CompanyDetails:
        return replace(
            self.fields.apply_to(self.original),
            currency=str(self.currency.currentData()),
            logo=self.logo.logo,
        )


class SettingsDialog(QDialog):
    backup_requested = Signal()

    def __init__(
        self, db: Database, actor: Actor, preferences: Preferences, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.preferences = preferences
        self.setObjectName("settings")
        self.setWindowTitle(_("Settings"))
        self.setMinimumWidth(640)
        self.tabs = QTabWidget(self)
        self.desk = DeskPage(preferences, is_allowed(actor.role, BACKUP_RUN) and db.path is not None)
        self.desk.backup_requested.connect(self.backup_requested)
        self.tabs.addTab(self.desk, _("This desk"))
        self.company: CompanyPage | None = None
        if is_allowed(actor.role, COMPANY_EDIT):
            self.company = CompanyPage(company_details(db))
            self.tabs.addTab(self.company, _("Company"))
        note = QLabel(_("This desk's settings are kept on this computer; the company's, in the database."))
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(note)
        layout.addWidget(self.buttons)

    def _show_company_errors(self, error: ValidationError) -> None:
        if self.company is not None:
            self.tabs.setCurrentWidget(self.company)
            if not self.company.form.show_errors(error):
                messages.show_error(self, ValidationError(self.company.form.unshown(error)))

    def accept(self) -> None:
        if self.company is not None:
            company = self.company
            company.form.clear_errors()
            saved = run_service(
                self,
                lambda _confirmed: update_company(self.db, self.actor, company.details()),
                on_invalid=self._show_company_errors,
            )
            if not saved.ok:
                return
            company.original = saved.value
        updated = self.desk.apply_to(self.preferences)
        try:
            save_preferences(updated)
        except OSError as exc:
            messages.show_warning(
                self, _("Settings"), _("Cannot save the settings: {reason}").format(reason=exc)
            )
            return
        for key, value in vars(updated).items():
            setattr(self.preferences, key, value)
        super().accept()
