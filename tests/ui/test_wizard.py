"""The first-run wizard, driven by typing like a person."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWizard
from pytestqt.qtbot import QtBot

from bodesk.domain.common.errors import FieldError, ValidationError
from bodesk.domain.company.services import company_details, is_set_up
from bodesk.settings import Preferences, load_preferences
from bodesk.store.engine import Database
from bodesk.ui.wizard import FirstRunWizard
from tests.builders.access import PASSWORD

ALPHANUMERIC_CNPJ = "12.ABC.345/01DE-35"
NEXT = QWizard.WizardButton.NextButton
FINISH = QWizard.WizardButton.FinishButton


@pytest.fixture
def wizard(qtbot: QtBot, db: Database) -> FirstRunWizard:
    window = FirstRunWizard(db, Preferences())
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    return window


def type_into(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(edit, text)


def leave(qtbot: QtBot, edit: QLineEdit) -> None:
    """Tab out of the field, as a person leaves it."""
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: not edit.hasFocus())


def press(qtbot: QtBot, wizard: FirstRunWizard, which: QWizard.WizardButton) -> None:
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def fill_company(qtbot: QtBot, wizard: FirstRunWizard, cnpj: str = ALPHANUMERIC_CNPJ) -> None:
    edits = wizard.company.edits
    type_into(qtbot, edits["name"], "Distribuidora Teste Ltda.")
    type_into(qtbot, edits["tax_id"], cnpj)
    leave(qtbot, edits["tax_id"])
    type_into(qtbot, edits["city"], "Campinas")
    wizard.company.state.setFocus()
    qtbot.keyClicks(wizard.company.state, "SP")
    type_into(qtbot, edits["postal_code"], "13010-000")


def fill_owner(
    qtbot: QtBot, wizard: FirstRunWizard, password: str = PASSWORD, repeat: str | None = None
) -> None:
    owner = wizard.owner
    type_into(qtbot, owner.login, "maria")
    type_into(qtbot, owner.full_name, "Maria Souza")
    type_into(qtbot, owner.password, password)
    type_into(qtbot, owner.repeat, password if repeat is None else repeat)


def test_typing_through_every_page_sets_up_the_company_and_owner(
    qtbot: QtBot, wizard: FirstRunWizard, db: Database
) -> None:
    assert not wizard.button(NEXT).isEnabled()
    fill_company(qtbot, wizard)
    assert wizard.company.form.error("tax_id") == ""
    assert wizard.company.state.currentData() == "SP"
    assert wizard.button(NEXT).isEnabled()
    press(qtbot, wizard, NEXT)
    assert wizard.currentPage() is wizard.logo
    press(qtbot, wizard, NEXT)  # no logo: skipped
    assert wizard.currentPage() is wizard.preferences_page
    assert wizard.preferences_page.currency.currentData() == "BRL"
    wizard.preferences_page.language.setFocus()
    qtbot.keyClicks(wizard.preferences_page.language, "English")
    press(qtbot, wizard, NEXT)
    assert wizard.currentPage() is wizard.owner
    fill_owner(qtbot, wizard)
    press(qtbot, wizard, FINISH)

    assert wizard.actor is not None and wizard.actor.login == "maria"
    assert wizard.result() == QWizard.DialogCode.Accepted
    details = company_details(db)
    assert (details.name, details.tax_id, details.city, details.state) == (
        "Distribuidora Teste Ltda.",
        "12ABC34501DE35",
        "Campinas",
        "SP",
    )
    assert details.language == "en" and details.currency == "BRL" and details.logo is None
    assert load_preferences().language == "en"


def test_an_invalid_cnpj_is_shown_when_leaving_the_field_and_next_stays_disabled(
    qtbot: QtBot, wizard: FirstRunWizard, db: Database
) -> None:
    fill_company(qtbot, wizard, cnpj="12.345.678/0001-00")
    assert "not a valid CNPJ" in wizard.company.form.error("tax_id")
    assert not wizard.button(NEXT).isEnabled()
    press(qtbot, wizard, NEXT)
    assert wizard.currentPage() is wizard.company
    assert not is_set_up(db)


def test_a_cnpj_of_one_repeated_digit_is_refused(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    fill_company(qtbot, wizard, cnpj="11.111.111/1111-11")
    assert "not a valid CNPJ" in wizard.company.form.error("tax_id")
    assert not wizard.button(NEXT).isEnabled()


def test_a_valid_cnpj_is_formatted_and_clears_the_message(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    fill_company(qtbot, wizard, cnpj="12.345.678/0001-00")
    type_into(qtbot, wizard.company.edits["tax_id"], "11222333000181")
    leave(qtbot, wizard.company.edits["tax_id"])
    assert wizard.company.form.error("tax_id") == ""
    assert wizard.company.edits["tax_id"].text() == "11.222.333/0001-81"
    assert wizard.button(NEXT).isEnabled()


def test_the_company_page_refuses_a_bad_postal_code_inline(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    fill_company(qtbot, wizard)
    type_into(qtbot, wizard.company.edits["postal_code"], "123")
    press(qtbot, wizard, NEXT)
    assert wizard.currentPage() is wizard.company
    assert "CEP" in wizard.company.form.error("postal_code")


def go_to_owner(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    fill_company(qtbot, wizard)
    for _page in range(3):
        press(qtbot, wizard, NEXT)
    assert wizard.currentPage() is wizard.owner


def test_different_passwords_are_refused_on_the_page(
    qtbot: QtBot, wizard: FirstRunWizard, db: Database
) -> None:
    go_to_owner(qtbot, wizard)
    fill_owner(qtbot, wizard, repeat="something-else-42")
    press(qtbot, wizard, FINISH)
    assert wizard.currentPage() is wizard.owner
    assert wizard.owner.form.error("password_repeat")
    assert not is_set_up(db)


def test_the_domain_refusal_comes_back_inline_and_nothing_typed_is_lost(
    qtbot: QtBot, wizard: FirstRunWizard, db: Database
) -> None:
    go_to_owner(qtbot, wizard)
    fill_owner(qtbot, wizard, password="short")
    press(qtbot, wizard, FINISH)
    assert wizard.currentPage() is wizard.owner
    assert "too short" in wizard.owner.form.error("password")
    assert not is_set_up(db)
    assert wizard.owner.login.text() == "maria"

    type_into(qtbot, wizard.owner.password, PASSWORD)
    type_into(qtbot, wizard.owner.repeat, PASSWORD)
    press(qtbot, wizard, FINISH)
    assert wizard.actor is not None
    assert is_set_up(db)


def test_a_refusal_for_the_company_goes_back_to_its_page(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    go_to_owner(qtbot, wizard)
    fill_owner(qtbot, wizard)
    wizard.show_refusal(
        ValidationError([FieldError("email", "Not an e-mail."), FieldError("login", "Taken.")])
    )
    assert wizard.currentPage() is wizard.company
    assert wizard.company.form.error("email") == "Not an e-mail."
    assert wizard.owner.form.error("login") == "Taken."
    assert wizard.company.edits["name"].text() == "Distribuidora Teste Ltda."
    assert wizard.owner.password.text() == PASSWORD


def test_a_picture_that_is_not_an_image_is_refused_as_logo(
    qtbot: QtBot, wizard: FirstRunWizard, tmp_path: pytest.TempPathFactory
) -> None:
    from pathlib import Path

    text = Path(str(tmp_path)) / "logo.png"
    text.write_text("not a picture", encoding="utf-8")
    assert not wizard.logo.logo_field.load_file(text)
    assert wizard.logo.form.error("logo")
    assert wizard.logo.logo is None


def test_enter_in_the_last_field_finishes(qtbot: QtBot, wizard: FirstRunWizard, db: Database) -> None:
    go_to_owner(qtbot, wizard)
    fill_owner(qtbot, wizard)
    qtbot.keyClick(wizard.owner.repeat, Qt.Key.Key_Return)
    assert wizard.actor is not None
    assert is_set_up(db)
