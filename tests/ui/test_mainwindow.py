"""The main window: tabs per role, the status bar, Ctrl+K, the home page's shortcuts, backups."""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QPushButton
from pytestqt.qtbot import QtBot

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import BACKUP_RUN
from bodesk.i18n import set_language
from bodesk.settings import Preferences, load_preferences
from bodesk.store.engine import Database
from bodesk.ui import startup
from bodesk.ui.admin.user_dialogs import UserDialog
from bodesk.ui.admin.users import UsersView
from bodesk.ui.home import HomePage
from bodesk.ui.mainwindow import MainWindow
from bodesk.ui.search_box import screen_hits
from tests.helpers.refusals import denied


@pytest.fixture
def open_window(qtbot: QtBot, db: Database) -> Callable[[Actor], MainWindow]:
    def make(actor: Actor) -> MainWindow:
        window = MainWindow(db, actor, load_preferences())
        qtbot.addWidget(window)
        with qtbot.waitActive(window):
            window.show()
        return window

    return make


def tab_titles(window: MainWindow) -> list[str]:
    return [window.tabs.tabText(index) for index in range(window.tabs.count())]


def test_the_owner_sees_admin_and_sales_does_not(
    open_window: Callable[[Actor], MainWindow], owner: Actor, make_user: Callable[..., Actor]
) -> None:
    assert open_window(owner).tab_keys() == [
        "home", "stock", "sales", "purchasing", "deliveries", "finance", "admin"
    ]  # fmt: skip
    assert tab_titles(open_window(owner)) == [
        "Home", "Stock", "Sales", "Purchasing", "Deliveries", "Finance", "Admin"
    ]  # fmt: skip
    sales = open_window(make_user("sales"))
    assert sales.tab_keys() == ["home", "stock", "sales", "deliveries"]
    assert sales.show_view("sales", "commissions") is None  # commissions are for managers and finance
    assert sales.show_view("admin", "users") is None
    assert sales.show_view("purchasing", "orders") is None


def test_the_audit_log_sub_view_follows_its_own_permission(
    open_window: Callable[[Actor], MainWindow], owner: Actor
) -> None:
    window = open_window(owner)
    admin = window.hosts["admin"]
    assert [admin.tabText(index) for index in range(admin.count())] == [
        "Users",
        "Roles and permissions",
        "Audit log",
    ]


def test_the_status_bar_says_who_for_which_company_on_which_database(
    open_window: Callable[[Actor], MainWindow], owner: Actor, db: Database
) -> None:
    window = open_window(owner)
    assert window.user_label.text() == "Dona Maria (Owner)"
    assert window.company_label.text() == "Distribuidora Teste Ltda."
    assert window.database_label.text() == db.describe()
    assert "Distribuidora Teste Ltda." in window.windowTitle()


def test_ctrl_k_finds_a_user_and_opens_it(
    qtbot: QtBot, open_window: Callable[[Actor], MainWindow], owner: Actor, make_user: Callable[..., Actor]
) -> None:
    target = make_user("sales", login="juliana")
    window = open_window(owner)
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.search_box.hasFocus)
    qtbot.keyClicks(window.search_box, "julia")
    qtbot.waitUntil(window.search_box.popup_visible)
    hits = window.search_box.popup.hits
    assert [(hit.kind, hit.key) for hit in hits] == [("user", target.user_id)]
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)

    assert window.tabs.currentWidget() is window.hosts["admin"]
    view = window.show_view("admin", "users")
    assert isinstance(view, UsersView)
    assert isinstance(view.dialog, UserDialog) and view.dialog.user_id == target.user_id
    assert not window.search_box.popup_visible()
    view.dialog.reject()


def test_the_search_lists_screens_and_the_keyboard_moves_through_them(
    qtbot: QtBot, open_window: Callable[[Actor], MainWindow], owner: Actor
) -> None:
    window = open_window(owner)
    window.focus_search()
    qtbot.keyClicks(window.search_box, "log")
    qtbot.waitUntil(window.search_box.popup_visible)
    titles = [hit.title for hit in window.search_box.popup.hits]
    assert {"Audit log", "Log out"} <= set(titles)
    window.search_box.clear()
    qtbot.keyClicks(window.search_box, "audit log")
    qtbot.waitUntil(lambda: [hit.title for hit in window.search_box.popup.hits][:1] == ["Audit log"])
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Up)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    admin = window.hosts["admin"]
    assert window.tabs.currentWidget() is admin
    assert admin.tabText(admin.currentIndex()) == "Audit log"


def test_escape_closes_the_popup(
    qtbot: QtBot, open_window: Callable[[Actor], MainWindow], owner: Actor
) -> None:
    window = open_window(owner)
    window.focus_search()
    qtbot.keyClicks(window.search_box, "users")
    qtbot.waitUntil(window.search_box.popup_visible)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    assert not window.search_box.popup_visible()


def test_screens_a_role_may_not_see_are_not_offered(make_user: Callable[..., Actor], owner: Actor) -> None:
    assert [hit.title for hit in screen_hits(owner.role, "users")] == ["Users"]
    assert screen_hits(make_user("sales").role, "users") == []


def test_screen_names_are_found_without_their_accents_the_best_match_first(owner: Actor) -> None:
    set_language("pt_BR")
    assert [hit.title for hit in screen_hits(owner.role, "usuarios")] == ["Usuários"]
    assert [hit.title for hit in screen_hits(owner.role, "inventario")] == ["Inventários", "Estoque"]
    titles = [hit.title for hit in screen_hits(owner.role, "estoque")]
    assert titles[0] == "Estoque"  # the tab itself before "Estoque atual" and the rest


def test_the_home_page_shortcuts_switch_tabs(
    qtbot: QtBot, open_window: Callable[[Actor], MainWindow], owner: Actor
) -> None:
    window = open_window(owner)
    home = window.show_view("home")
    assert isinstance(home, HomePage)
    assert home.company_name.text() == "Distribuidora Teste Ltda."
    assert "Dona Maria (Owner)" in home.greeting.text()
    button = home.findChild(QPushButton, "go-admin-roles")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    admin = window.hosts["admin"]
    assert window.tabs.currentWidget() is admin
    assert admin.tabText(admin.currentIndex()) == "Roles and permissions"


def test_the_sales_home_page_offers_no_admin_or_backup(
    open_window: Callable[[Actor], MainWindow], make_user: Callable[..., Actor]
) -> None:
    window = open_window(make_user("sales"))
    home = window.show_view("home")
    assert home is not None
    names = {button.objectName() for button in home.findChildren(QPushButton)}
    assert {"do-password", "do-settings"} <= names
    assert not {name for name in names if name.startswith("go-admin") or name == "do-backup"}
    assert not window.backup_action.isVisible()


def test_back_up_now_writes_a_copy_and_remembers_when(
    qtbot: QtBot, open_window: Callable[[Actor], MainWindow], owner: Actor
) -> None:
    window = open_window(owner)
    assert window.preferences.last_daily_backup == ""
    window.backup_action.trigger()
    qtbot.waitUntil(lambda: window.backup_task.done, timeout=10_000)
    copies = list(window.preferences.backup_folder.glob("manual-*.sqlite"))
    assert len(copies) == 1 and copies[0].stat().st_size > 0
    assert load_preferences().last_daily_backup != ""
    assert window.backup_action.isEnabled()
    home = window.show_view("home")
    assert isinstance(home, HomePage)
    assert copies[0].name in home.backup_file.text()


def test_the_daily_backup_runs_once_a_day_and_prunes(
    qtbot: QtBot, db: Database, owner: Actor, open_window: Callable[[Actor], MainWindow]
) -> None:
    preferences = load_preferences()
    preferences.backups_to_keep = 2
    folder = preferences.backup_folder
    folder.mkdir(parents=True)
    for day in ("20240101", "20240102", "20240103"):
        (folder / f"daily-{day}-080000.sqlite").write_bytes(b"old")
    window = MainWindow(db, owner, preferences)
    qtbot.addWidget(window)
    assert window.start_daily_backup()
    qtbot.waitUntil(lambda: window.daily_task.done, timeout=10_000)
    kept = sorted(path.name for path in folder.glob("daily-*.sqlite"))
    assert len(kept) == 2 and kept[0] == "daily-20240103-080000.sqlite"
    assert not window.start_daily_backup()


def test_a_backup_asked_for_by_a_role_that_may_not_is_refused(
    db: Database, make_user: Callable[..., Actor], tmp_path: Path
) -> None:
    folder = tmp_path / "copies"
    with denied(BACKUP_RUN):
        startup.make_backup(db, make_user("sales"), folder)
    assert not folder.exists()


def test_no_daily_backup_when_switched_off(qtbot: QtBot, db: Database, owner: Actor) -> None:
    window = MainWindow(db, owner, Preferences(daily_backup=False))
    qtbot.addWidget(window)
    assert not window.start_daily_backup()


def test_the_window_remembers_its_size(
    qtbot: QtBot, open_window: Callable[[Actor], MainWindow], owner: Actor
) -> None:
    window = open_window(owner)
    window.resize(700, 500)
    window.close()
    again = open_window(owner)
    assert (again.width(), again.height()) == (700, 500)


def test_log_out_closes_the_window_and_says_so(
    qtbot: QtBot, open_window: Callable[[Actor], MainWindow], owner: Actor
) -> None:
    window = open_window(owner)
    with qtbot.waitSignal(window.logout_requested):
        window.logout_action.trigger()
    assert window.logging_out
    assert not window.isVisible()


@pytest.fixture
def shown_warnings(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """run_app up to the point where it would ask someone: its message boxes recorded, not shown."""
    from bodesk.ui.widgets import messages

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(messages, "show_warning", lambda _parent, title, text: shown.append((title, text)))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr("bodesk.ui.app.system_language", lambda: "en")
    return shown


def test_a_file_that_is_not_a_database_is_refused_untouched(
    qapp: object, tmp_path: Path, shown_warnings: list[tuple[str, str]]
) -> None:
    from bodesk.ui.app import EXIT_CANNOT_OPEN, run_app

    notes = tmp_path / "notes.txt"
    notes.write_text("shopping list", encoding="utf-8")
    assert run_app(str(notes)) == EXIT_CANNOT_OPEN
    assert notes.read_text(encoding="utf-8") == "shopping list"
    [(title, text)] = shown_warnings
    assert title == "bodesk cannot open the database"
    assert "is not a bodesk database" in text
    assert not (tmp_path / "notes.txt.lock").exists()


def test_a_database_open_elsewhere_names_the_computer_and_process(
    qapp: object, db_path: Path, db: Database, shown_warnings: list[tuple[str, str]]
) -> None:
    from bodesk.store.lock import InstanceLock
    from bodesk.ui.app import EXIT_CANNOT_OPEN, run_app

    with InstanceLock(db_path):
        assert run_app(str(db_path)) == EXIT_CANNOT_OPEN
    [(title, text)] = shown_warnings
    assert title == "The database is in use"
    assert f"computer {socket.gethostname()}, process {os.getpid()}" in text


def test_the_lock_is_released_when_the_database_is_closed(db_path: Path, tmp_path: Path) -> None:
    from bodesk.store.lock import holder_of
    from bodesk.ui.startup import open_for_desk

    opened = open_for_desk(f"sqlite:///{db_path}", tmp_path / "backups")
    assert holder_of(db_path) is not None
    opened.close()
    assert holder_of(db_path) is None


def test_log_out_returns_to_the_login(
    qapp: QApplication, db: Database, owner: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bodesk.ui import app

    asked: list[str] = []
    answers = iter([owner, None])

    def log_in(_db: Database, login: str = "") -> Actor | None:
        asked.append(login)
        return next(answers)

    def show_then_log_out(window: MainWindow) -> None:
        QMainWindow.show(window)
        QTimer.singleShot(0, window.log_out)

    monkeypatch.setattr(app, "log_in", log_in)
    monkeypatch.setattr(MainWindow, "show", show_then_log_out)
    assert app.run_sessions(qapp, db, Preferences(daily_backup=False)) == app.EXIT_OK
    assert asked == ["", "dono"]
