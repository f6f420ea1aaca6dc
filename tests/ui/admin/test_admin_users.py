"""The owner's users screen, driven like a person: type into dialogs, click the real buttons."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.login import authenticate
from bodesk.domain.access.models import AuditEntry, User
from bodesk.domain.access.permissions import Role, is_allowed
from bodesk.domain.common.errors import PermissionDenied
from bodesk.domain.registry import permissions
from bodesk.store.engine import Database
from bodesk.ui.admin.roles import RolesView
from bodesk.ui.admin.user_dialogs import LockDialog, PasswordDialog, UserDialog
from bodesk.ui.admin.users import UsersView
from tests.helpers.qt import ShownMessages, click, click_row, column_texts

LOGIN, NAME, ROLE, LOCKED = 0, 1, 2, 3
NEW_PASSWORD = "agua-de-coco-77"


@pytest.fixture
def view(
    db: Database, owner: Actor, make_user: Callable[..., Actor], show: Callable[[QWidget], Any]
) -> UsersView:
    make_user("sales", "vendas")
    make_user("warehouse", "estoque")
    return show(UsersView(db, owner))


def user_count(db: Database) -> int:
    with db.read() as session:
        return int(session.execute(select(func.count()).select_from(User)).scalar_one())


def user(db: Database, login: str) -> User:
    with db.read() as session:
        return session.execute(select(User).where(User.login == login)).scalar_one()


def row_of(view: UsersView, login: str) -> int:
    return column_texts(view.table, LOGIN).index(login)


def select_user(qtbot: QtBot, view: UsersView, login: str) -> None:
    click_row(qtbot, view.table, row_of(view, login))
    assert view.value(view.selected_row(), "login") == login  # type: ignore[arg-type]


def type_field(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    """Type into a field and press Enter, which moves on to the next field."""
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def open_add_dialog(qtbot: QtBot, view: UsersView) -> UserDialog:
    click(qtbot, view.new_button)
    dialog = view.dialog
    assert isinstance(dialog, UserDialog)
    qtbot.waitExposed(dialog)
    return dialog


def fill_new_user(
    qtbot: QtBot, dialog: UserDialog, login: str, password: str, repeat: str | None = None
) -> None:
    dialog.login.setFocus()
    type_field(qtbot, dialog.login, login)
    assert dialog.focusWidget() is dialog.full_name
    type_field(qtbot, dialog.full_name, "Ana Souza")
    qtbot.keyClicks(dialog.role, "Sales")
    qtbot.keyClick(dialog.role, Qt.Key.Key_Return)
    type_field(qtbot, dialog.password, password)
    type_field(qtbot, dialog.password_repeat, password if repeat is None else repeat)


def test_add_a_user_by_typing(qtbot: QtBot, db: Database, view: UsersView, shown: ShownMessages) -> None:
    dialog = open_add_dialog(qtbot, view)
    assert not dialog.ok_button.isEnabled()
    fill_new_user(qtbot, dialog, "ana.souza", NEW_PASSWORD)
    assert dialog.role.currentData() == "sales"
    assert dialog.focusWidget() is dialog.ok_button
    qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.dialog is None)
    assert "ana.souza" in column_texts(view.table, LOGIN)
    assert view.value(view.selected_row(), "login") == "ana.souza"  # type: ignore[arg-type]
    assert authenticate(db, "ana.souza", NEW_PASSWORD).role == "sales"
    assert shown.errors == []


def test_shortcuts_find_and_add(qtbot: QtBot, view: UsersView) -> None:
    view.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.search.hasFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(view.dialog, UserDialog))


def test_a_taken_login_is_an_inline_error_and_adds_nothing(
    qtbot: QtBot, db: Database, view: UsersView
) -> None:
    before = user_count(db)
    dialog = open_add_dialog(qtbot, view)
    fill_new_user(qtbot, dialog, "vendas", NEW_PASSWORD)
    click(qtbot, dialog.ok_button)
    assert "already taken" in dialog.form.error("login")
    assert dialog.isVisible()
    assert user_count(db) == before


def test_a_weak_password_is_refused(qtbot: QtBot, db: Database, view: UsersView) -> None:
    before = user_count(db)
    dialog = open_add_dialog(qtbot, view)
    fill_new_user(qtbot, dialog, "ana.souza", "short")
    click(qtbot, dialog.ok_button)
    assert "too short" in dialog.form.error("password")
    assert dialog.form.error("login") == ""
    assert user_count(db) == before


def test_passwords_that_differ_are_refused(qtbot: QtBot, db: Database, view: UsersView) -> None:
    before = user_count(db)
    dialog = open_add_dialog(qtbot, view)
    fill_new_user(qtbot, dialog, "ana.souza", NEW_PASSWORD, repeat=NEW_PASSWORD + "x")
    click(qtbot, dialog.ok_button)
    assert dialog.form.error("password_repeat")
    assert user_count(db) == before


def test_edit_by_double_click(qtbot: QtBot, db: Database, view: UsersView) -> None:
    click_row(qtbot, view.table, row_of(view, "estoque"), double=True)
    dialog = view.dialog
    assert isinstance(dialog, UserDialog)
    assert dialog.full_name.text() == "Estoque"
    dialog.full_name.selectAll()
    qtbot.keyClicks(dialog.full_name, "Carlos Pereira")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: view.dialog is None)
    assert column_texts(view.table, NAME)[row_of(view, "estoque")] == "Carlos Pereira"
    assert user(db, "estoque").full_name == "Carlos Pereira"


def test_lock_with_a_reason_and_unlock(qtbot: QtBot, db: Database, view: UsersView) -> None:
    select_user(qtbot, view, "vendas")
    assert view.lock_button.isEnabled() and not view.unlock_button.isEnabled()
    click(qtbot, view.lock_button)
    dialog = view.dialog
    assert isinstance(dialog, LockDialog)
    qtbot.keyClicks(dialog.reason, "left the company")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: view.dialog is None)
    assert user(db, "vendas").is_locked
    assert column_texts(view.table, LOCKED)[row_of(view, "vendas")] == "Yes"
    assert view.unlock_button.isEnabled() and not view.lock_button.isEnabled()
    with db.read() as session:
        reason = session.execute(
            select(AuditEntry.reason).where(AuditEntry.action == "user.lock")
        ).scalar_one()
    assert reason == "left the company"

    click(qtbot, view.unlock_button)
    assert not user(db, "vendas").is_locked
    assert column_texts(view.table, LOCKED)[row_of(view, "vendas")] == ""


def test_the_last_owner_cannot_lock_themselves_out(
    qtbot: QtBot, db: Database, owner: Actor, view: UsersView, shown: ShownMessages
) -> None:
    select_user(qtbot, view, "dono")
    click(qtbot, view.lock_button)
    dialog = view.dialog
    assert isinstance(dialog, LockDialog)
    click(qtbot, dialog.ok_button)
    assert shown.codes() == ["user.lock_self"]
    assert dialog.isVisible()
    assert not user(db, "dono").is_locked


def test_the_last_owner_cannot_stop_being_an_owner(
    qtbot: QtBot, db: Database, view: UsersView, shown: ShownMessages
) -> None:
    select_user(qtbot, view, "dono")
    click(qtbot, view.edit_button)
    dialog = view.dialog
    assert isinstance(dialog, UserDialog)
    dialog.role.setFocus()
    qtbot.keyClicks(dialog.role, "Manager")
    assert dialog.role.currentData() == "manager"
    click(qtbot, dialog.ok_button)
    assert shown.codes() == ["user.last_owner"]
    assert user(db, "dono").role == Role.OWNER


def test_set_a_password(qtbot: QtBot, db: Database, view: UsersView) -> None:
    select_user(qtbot, view, "estoque")
    click(qtbot, view.password_button)
    dialog = view.dialog
    assert isinstance(dialog, PasswordDialog)
    dialog.password.setFocus()
    type_field(qtbot, dialog.password, NEW_PASSWORD)
    type_field(qtbot, dialog.password_repeat, NEW_PASSWORD)
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: view.dialog is None)
    assert authenticate(db, "estoque", NEW_PASSWORD).login == "estoque"


def test_open_user_clears_a_search_that_hides_it(qtbot: QtBot, db: Database, view: UsersView) -> None:
    qtbot.keyClicks(view.search, "vend")
    qtbot.waitUntil(lambda: column_texts(view.table, LOGIN) == ["vendas"])
    view.open_user(user(db, "estoque").id)
    assert isinstance(view.dialog, UserDialog)
    assert view.dialog.full_name.text() == "Estoque"
    assert view.value(view.selected_row(), "login") == "estoque"  # type: ignore[arg-type]


def test_role_filter(qtbot: QtBot, view: UsersView) -> None:
    view.role_filter.setFocus()
    qtbot.keyClicks(view.role_filter, "Warehouse staff")
    assert column_texts(view.table, LOGIN) == ["estoque"]


def test_a_user_who_is_not_an_owner_gets_a_message_not_a_crash(
    qtbot: QtBot,
    db: Database,
    make_user: Callable[..., Actor],
    show: Callable[[QWidget], Any],
    shown: ShownMessages,
) -> None:
    manager = make_user("manager", "gerente")
    before = user_count(db)
    view = show(UsersView(db, manager))
    qtbot.waitUntil(lambda: "may not" in view.empty_label.text())
    dialog = open_add_dialog(qtbot, view)
    fill_new_user(qtbot, dialog, "ana.souza", NEW_PASSWORD)
    click(qtbot, dialog.ok_button)
    assert [type(error) for error in shown.errors] == [PermissionDenied]
    assert user_count(db) == before


def test_the_roles_matrix_shows_the_permission_table(
    db: Database, owner: Actor, show: Callable[[QWidget], Any]
) -> None:
    view = show(RolesView(db, owner))
    for role in Role:
        for action in permissions():
            assert view.allowed(role, action) == is_allowed(role, action)
    assert view.table.horizontalHeaderItem(0).text() == "Owner"
