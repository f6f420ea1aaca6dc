"""Settings (this desk's preferences and the company's details) and changing one's own password."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit
from pytestqt.qtbot import QtBot

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.login import authenticate
from bodesk.domain.company.services import company_details
from bodesk.i18n import set_language
from bodesk.settings import load_preferences, preferences_path
from bodesk.store.engine import Database
from bodesk.ui.account import ChangePasswordDialog
from bodesk.ui.settings_dialog import SettingsDialog
from tests.builders.access import PASSWORD


def open_settings(qtbot: QtBot, db: Database, actor: Actor) -> SettingsDialog:
    dialog = SettingsDialog(db, actor, load_preferences())
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    return dialog


def save(qtbot: QtBot, dialog: SettingsDialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def retype(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(edit, text)


def test_the_desk_page_saves_the_preferences(qtbot: QtBot, db: Database, owner: Actor) -> None:
    dialog = open_settings(qtbot, db, owner)
    desk = dialog.desk
    qtbot.mouseClick(desk.daily, Qt.MouseButton.LeftButton)
    desk.keep.setFocus()
    desk.keep.selectAll()
    qtbot.keyClicks(desk.keep, "5")
    desk.language.setFocus()
    qtbot.keyClicks(desk.language, "English")
    retype(qtbot, desk.backup_dir, "/srv/backups")
    save(qtbot, dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = load_preferences()
    assert (saved.daily_backup, saved.backups_to_keep, saved.language, saved.backup_dir) == (
        False,
        5,
        "en",
        "/srv/backups",
    )
    assert dialog.preferences == saved


def test_the_company_page_saves_through_the_domain(qtbot: QtBot, db: Database, owner: Actor) -> None:
    dialog = open_settings(qtbot, db, owner)
    assert dialog.company is not None
    dialog.tabs.setCurrentWidget(dialog.company)
    retype(qtbot, dialog.company.fields.edits["city"], "Sorocaba")
    save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert company_details(db).city == "Sorocaba"


def test_a_bad_cnpj_is_refused_inline_and_nothing_changes(qtbot: QtBot, db: Database, owner: Actor) -> None:
    before = company_details(db)
    dialog = open_settings(qtbot, db, owner)
    assert dialog.company is not None
    qtbot.mouseClick(dialog.desk.daily, Qt.MouseButton.LeftButton)
    dialog.tabs.setCurrentWidget(dialog.company)
    edits = dialog.company.fields.edits
    retype(qtbot, edits["city"], "Sorocaba")
    retype(qtbot, edits["tax_id"], "11.111.111/1111-11")
    qtbot.keyClick(edits["tax_id"], Qt.Key.Key_Tab)
    assert "not a valid CNPJ" in dialog.company.form.error("tax_id")
    save(qtbot, dialog)

    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.tabs.currentWidget() is dialog.company
    assert "not a valid CNPJ" in dialog.company.form.error("tax_id")
    assert company_details(db) == before
    assert not preferences_path().exists()


def test_the_company_page_is_only_for_roles_that_may_edit_it(
    qtbot: QtBot, db: Database, make_user: Callable[..., Actor]
) -> None:
    dialog = open_settings(qtbot, db, make_user("manager"))
    assert dialog.company is None
    assert dialog.tabs.count() == 1
    assert dialog.desk.backup_now.isVisibleTo(dialog)
    sales = open_settings(qtbot, db, make_user("sales"))
    assert not sales.desk.backup_now.isVisibleTo(sales)


@pytest.fixture
def password_dialog(qtbot: QtBot, db: Database, owner: Actor) -> ChangePasswordDialog:
    dialog = ChangePasswordDialog(db, owner)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    return dialog


def fill_password(qtbot: QtBot, dialog: ChangePasswordDialog, current: str, new: str, repeat: str) -> None:
    for edit, text in ((dialog.current, current), (dialog.new, new), (dialog.repeat, repeat)):
        retype(qtbot, edit, text)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def test_changing_my_password(qtbot: QtBot, password_dialog: ChangePasswordDialog, db: Database) -> None:
    fill_password(qtbot, password_dialog, PASSWORD, "a-new-password-7", "a-new-password-7")
    assert password_dialog.result() == QDialog.DialogCode.Accepted
    assert authenticate(db, "dono", "a-new-password-7").login == "dono"


def test_a_wrong_current_password_is_refused_inline(
    qtbot: QtBot, password_dialog: ChangePasswordDialog, db: Database
) -> None:
    fill_password(qtbot, password_dialog, "not-my-password", "a-new-password-7", "a-new-password-7")
    assert password_dialog.isVisible()
    assert password_dialog.form.error("current_password") == "The current password is wrong."
    assert authenticate(db, "dono", PASSWORD).login == "dono"


def test_two_different_new_passwords_are_refused(
    qtbot: QtBot, password_dialog: ChangePasswordDialog, db: Database
) -> None:
    fill_password(qtbot, password_dialog, PASSWORD, "a-new-password-7", "a-new-password-8")
    assert password_dialog.form.error("password_repeat")
    assert authenticate(db, "dono", PASSWORD).login == "dono"


def test_the_system_language_and_the_backups_read_in_portuguese(
    qtbot: QtBot, db: Database, owner: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    set_language("pt_BR")
    dialog = open_settings(qtbot, db, owner)
    desk = dialog.desk
    assert desk.language.itemText(0) == "Igual ao sistema (agora inglês)"
    desk.keep.setValue(1)
    assert desk.keep.text() == "1 cópia diária"
    desk.keep.setValue(7)
    assert desk.keep.text() == "7 cópias diárias"
