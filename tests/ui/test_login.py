"""The login dialog: the domain's answers shown as they are, never telling whether a login exists."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.login import FREE_ATTEMPTS
from bodesk.domain.access.services import set_locked
from bodesk.store.engine import Database
from bodesk.ui.login import LoginDialog
from tests.builders.access import PASSWORD


@pytest.fixture
def dialog(qtbot: QtBot, db: Database, owner: Actor) -> LoginDialog:
    window = LoginDialog(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def attempt(qtbot: QtBot, dialog: LoginDialog, login: str, password: str) -> str:
    """Type a login and a password, press Enter, and return the message shown ("" if none)."""
    dialog.login.clear()
    qtbot.keyClicks(dialog.login, login)
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    return dialog.message.text() if dialog.message.isVisibleTo(dialog) else ""


def test_the_right_password_logs_in(qtbot: QtBot, dialog: LoginDialog) -> None:
    assert attempt(qtbot, dialog, "dono", PASSWORD) == ""
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor is not None and dialog.actor.login == "dono"


def test_the_login_button_waits_for_both_fields(qtbot: QtBot, dialog: LoginDialog) -> None:
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.login, "dono")
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.password, "x")
    assert dialog.ok_button.isEnabled()


def test_a_wrong_password_and_an_unknown_login_get_the_same_answer(qtbot: QtBot, dialog: LoginDialog) -> None:
    wrong_password = attempt(qtbot, dialog, "dono", "not-the-password")
    unknown_login = attempt(qtbot, dialog, "nobody-here", "not-the-password")
    assert wrong_password == unknown_login == "Wrong login or password."
    assert dialog.actor is None
    assert dialog.isVisible()
    assert dialog.password.text() == ""


def test_after_ten_failures_the_login_cools_down(qtbot: QtBot, dialog: LoginDialog) -> None:
    messages = [attempt(qtbot, dialog, "dono", "not-the-password") for _ in range(FREE_ATTEMPTS)]
    assert set(messages[:-1]) == {"Wrong login or password."}
    assert "Too many failed attempts" in messages[-1]
    assert "Too many failed attempts" in attempt(qtbot, dialog, "dono", PASSWORD)
    assert dialog.actor is None


def test_a_locked_user_is_told_so(
    qtbot: QtBot, dialog: LoginDialog, db: Database, owner: Actor, make_user: Callable[..., Actor]
) -> None:
    sales = make_user("sales")
    set_locked(db, owner, sales.user_id, True)
    assert attempt(qtbot, dialog, sales.login, PASSWORD) == "This user is locked. Ask the owner to unlock it."
    assert dialog.actor is None


def test_the_dialog_shows_the_company(dialog: LoginDialog) -> None:
    assert dialog.company.text() == "Distribuidora Teste Ltda."
