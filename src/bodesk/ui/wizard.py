"""The first-run wizard: the company, its logo, its language and currency, and the first owner.

Finish calls `set_up_company` once, in one transaction. If the domain refuses something, each
message goes back under its field on the page it belongs to and the wizard returns to that page:
nothing the person typed is lost.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import ValidationError
from bodesk.domain.common.money import CURRENCIES, DEFAULT_CURRENCY
from bodesk.domain.company.services import CompanyDetails, set_up_company, validate_details
from bodesk.i18n import _, current_language
from bodesk.settings import Preferences, save_preferences
from bodesk.store.engine import Database
from bodesk.ui.company_form import COMPANY_FIELDS, LANGUAGE_NAMES, CompanyFields, LogoField, line
from bodesk.ui.widgets import messages
from bodesk.ui.widgets.calls import run_service
from bodesk.ui.widgets.forms import FormPage

PAGE_SIZE = (760, 600)


class _FormWizardPage(QWizardPage):
    fields: tuple[str, ...] = ()

    def __init__(self, title: str, subtitle: str) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.form = FormPage(self)
        self.form.changed.connect(self.completeChanged)
        self.form.submitted.connect(self._go_on)
        self.body = QVBoxLayout(self)
        self.body.addWidget(self.form)
        self.body.addStretch(1)

    def _go_on(self) -> None:
        """Enter in the last field presses Next (or Finish) when it is enabled."""
        wizard = self.wizard()
        if wizard is None:
            return
        which = (
            QWizard.WizardButton.NextButton if wizard.nextId() != -1 else QWizard.WizardButton.FinishButton
        )
        button = wizard.button(which)
        if button.isEnabled() and button.isVisible():
            button.click()

    def show_errors(self, error: ValidationError) -> bool:
        """Show the errors meant for this page; True if there were any."""
        mine = [item for item in error.errors if item.field in self.fields]
        if mine:
            self.form.show_errors(ValidationError(mine))
        return bool(mine)


class CompanyPage(_FormWizardPage):
    fields = COMPANY_FIELDS

    def __init__(self) -> None:
        super().__init__(_("Your company"), _("The company that uses bodesk, as it appears on documents."))
        self.company = CompanyFields(self.form)
        self.edits = self.company.edits
        self.state = self.company.state
        self.cnpj = self.company.cnpj
        self.edits["tax_id"].textChanged.connect(self.completeChanged)

    def isComplete(self) -> bool:
        return self.company.is_complete()

    def details(self) -> CompanyDetails:
        return self.company.apply_to(CompanyDetails(name="", tax_id=""))

    def validatePage(self) -> bool:
        try:
            validate_details(self.details())
        except ValidationError as exc:
            return not self.show_errors(exc)
        return True


class LogoPage(_FormWizardPage):
    fields = ("logo",)

    def __init__(self) -> None:
        super().__init__(
            _("Logo"),
            _("A PNG or JPEG picture for documents and the home page. You may skip this and add it later."),
        )
        self.logo_field = LogoField(self.form)

    @property
    def logo(self) -> bytes | None:
        return self.logo_field.logo


class PreferencesPage(_FormWizardPage):
    fields = ("language", "currency")

    def __init__(self) -> None:
        super().__init__(_("Language and currency"), _("How bodesk speaks and which currency prices are in."))
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, name in LANGUAGE_NAMES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(current_language())))
        self.form.add_field("language", _("Language"), self.language)
        self.currency = QComboBox()
        self.currency.setObjectName("currency")
        for code in CURRENCIES:
            self.currency.addItem(code, code)
        self.currency.setCurrentIndex(self.currency.findData(DEFAULT_CURRENCY))
        self.form.add_field("currency", _("Currency"), self.currency)


class OwnerPage(_FormWizardPage):
    fields = ("login", "full_name", "password", "password_repeat")

    def __init__(self) -> None:
        super().__init__(
            _("The owner"),
            _("The first user, who may do everything and add the others. Keep the password safe."),
        )
        self.login = line("login", "maria")
        self.full_name = line("full_name")
        self.password = line("password")
        self.repeat = line("password_repeat")
        for edit in (self.password, self.repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.add_field("login", _("Login"), self.login, _("Letters, digits, dot, dash or underscore."))
        self.form.add_field("full_name", _("Full name"), self.full_name)
        self.form.add_field("password", _("Password"), self.password, _("At least 10 characters."))
        self.form.add_field("password_repeat", _("Repeat the password"), self.repeat)

    def isComplete(self) -> bool:
        return all(edit.text() for edit in (self.login, self.full_name, self.password, self.repeat))

    def validatePage(self) -> bool:
        if self.password.text() != self.repeat.text():
            self.form.set_error("password_repeat", _("The two passwords differ."))
            self.repeat.setFocus()
            return False
        return True


class FirstRunWizard(QWizard):
    """Sets up the company and its owner; `actor` is the owner once accepted."""

    def __init__(
        self, db: Database, preferences: Preferences | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.preferences = preferences
        self.actor: Actor | None = None
        self.setObjectName("first-run-wizard")
        self.setWindowTitle(_("Welcome to bodesk"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.company = CompanyPage()
        self.logo = LogoPage()
        self.preferences_page = PreferencesPage()
        self.owner = OwnerPage()
        self.pages = (self.company, self.logo, self.preferences_page, self.owner)
        self.page_ids = [self.addPage(page) for page in self.pages]
        self.setButtonText(QWizard.WizardButton.FinishButton, _("Start using bodesk"))
        self.setButtonText(QWizard.WizardButton.NextButton, _("Next"))
        self.setButtonText(QWizard.WizardButton.BackButton, _("Back"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Cancel"))
        self.resize(*PAGE_SIZE)

    def details(self) -> CompanyDetails:
        return replace(
            self.company.details(),
            language=str(self.preferences_page.language.currentData()),
            currency=str(self.preferences_page.currency.currentData()),
            logo=self.logo.logo,
        )

    def validateCurrentPage(self) -> bool:
        if not super().validateCurrentPage():
            return False
        if self.currentPage() is not self.owner:
            return True
        return self.finish()

    def finish(self) -> bool:
        """Set up the company once; on refusal send each message to its page and go back there."""
        made = run_service(
            self,
            lambda _confirmed: set_up_company(
                self.db,
                self.details(),
                self.owner.login.text(),
                self.owner.full_name.text(),
                self.owner.password.text(),
            ),
            on_invalid=self.show_refusal,
        )
        if not made.ok:
            return False
        self.actor = made.value
        if self.preferences is not None:
            self.preferences.language = str(self.preferences_page.language.currentData())
            save_preferences(self.preferences)
        return True

    def show_refusal(self, error: ValidationError) -> None:
        first: int | None = None
        for page_id, page in zip(self.page_ids, self.pages, strict=True):
            page.form.clear_errors()
            if page.show_errors(error) and first is None:
                first = page_id
        known = {name for page in self.pages for name in page.fields}
        stray = [item for item in error.errors if item.field not in known]
        if stray:
            messages.show_error(self, ValidationError(stray))
        for _step in self.page_ids:
            if first is None or self.currentId() == first:
                break
            self.back()
