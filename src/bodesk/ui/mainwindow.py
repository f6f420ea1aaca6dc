"""The main window: one tab per registered module, the menus, the Ctrl+K search and a status bar
saying who is working, for which company, on which database."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QSizePolicy, QTabWidget, QToolBar, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import BACKUP_RUN, is_allowed, role_label
from bodesk.domain.common.errors import NotFound
from bodesk.domain.company.services import company_details
from bodesk.domain.search import SearchHit
from bodesk.errors import BodeskError
from bodesk.i18n import _
from bodesk.settings import Preferences, config_dir
from bodesk.store.engine import Database
from bodesk.ui import startup
from bodesk.ui.desks import DeskWatch
from bodesk.ui.modules import LazyView, ModuleTab, SubViewTabs, icon_for, visible_tabs, work_card
from bodesk.ui.search_box import SearchBox, open_hit
from bodesk.ui.widgets import messages
from bodesk.ui.widgets.calls import run_service
from bodesk.ui.widgets.tasks import run_task

logger = logging.getLogger(__name__)

DEFAULT_SIZE = (1280, 720)  # fits a 1366×768 screen with its task bar; a smaller screen gets less
NEVER_SHOW_MS = 2**31 - 1  # the daily backup works quietly: no progress dialog


def window_settings(path: Path | None = None) -> QSettings:
    """Window geometry and layouts, in an INI file beside the preferences (the window keeps the path it
    was made with, as the lists do)."""
    return QSettings(str(path or config_dir() / "window.ini"), QSettings.Format.IniFormat)


class MainWindow(QMainWindow):
    logout_requested = Signal()
    closed = Signal()  # the window was closed (quit or log out)

    def __init__(
        self, db: Database, actor: Actor, preferences: Preferences, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.preferences = preferences
        self.logging_out = False
        self.setObjectName("main-window")
        self.company_name = self._company_name()
        self.setWindowTitle(_("bodesk — {company}").format(company=self.company_name))
        self._fit_to_screen()

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("main-tabs")
        self.tabs.setDocumentMode(True)
        self.hosts: dict[str, LazyView | SubViewTabs] = {}
        for tab in visible_tabs(actor.role):
            host = self._host_for(tab)
            self.hosts[tab.key] = host
            self.tabs.addTab(host, icon_for(tab.icon), tab.translated_title)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.setCentralWidget(self.tabs)

        self.search_box = SearchBox(db, actor, self)
        self.search_box.hit_chosen.connect(self.open_search_hit)
        self.search_box.escaped.connect(lambda: self.tabs.currentWidget().setFocus())
        self._build_actions()
        self._build_toolbar()
        self.desk_watch = DeskWatch(db, self)
        self.desk_watch.changed.connect(self.refresh_current)
        self._build_status_bar()
        self._restore_layout()
        self._tab_changed(self.tabs.currentIndex())

    def _fit_to_screen(self) -> None:
        """The default size, or the screen's free area when that is smaller (before a saved geometry)."""
        width, height = DEFAULT_SIZE
        screen = self.screen()
        if screen is not None:
            free = screen.availableGeometry()
            width, height = min(width, free.width()), min(height, free.height())
        self.resize(width, height)

    def _company_name(self) -> str:
        try:
            return company_details(self.db).name
        except NotFound:
            return ""

    def _host_for(self, tab: ModuleTab) -> LazyView | SubViewTabs:
        if tab.factory is not None:
            return LazyView(tab.factory, self.db, self.actor, self._wire_view)
        return SubViewTabs(tab, self.db, self.actor, self._wire_view)

    def _wire_view(self, view: QWidget) -> None:
        """Connect what a new view may ask of the window (the home page's shortcuts)."""
        navigate = getattr(view, "navigate_requested", None)
        if navigate is not None:
            navigate.connect(lambda tab, sub: self.show_view(tab, sub or None))
        command = getattr(view, "command_requested", None)
        if command is not None:
            command.connect(self.run_command)
        work = getattr(view, "work_requested", None)
        if work is not None:
            work.connect(self.open_work)

    # -- menus, toolbar, status bar -------------------------------------------------------------

    def _action(
        self,
        text: str,
        icon: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(icon_for(icon), text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.backup_action = self._action(_("&Back up now"), "backup", self.backup_now, "Ctrl+B")
        self.backup_action.setVisible(is_allowed(self.actor.role, BACKUP_RUN))
        self.backup_action.setEnabled(self.backup_action.isVisible() and self.db.path is not None)
        self.settings_action = self._action(
            _("&Settings…"), "settings", self.open_settings, QKeySequence.StandardKey.Preferences
        )
        self.logout_action = self._action(_("&Log out"), "lock", self.log_out)
        self.quit_action = self._action(_("&Quit"), "quit", self.close, "Ctrl+Q")
        self.password_action = self._action(_("Change &password…"), "password", self.change_password)
        self.about_action = self._action(_("&About bodesk"), "about", self.open_about)
        self.search_action = self._action(_("&Search"), "search", self.focus_search, "Ctrl+K")

        menu_bar = self.menuBar()
        file_menu = menu_bar.addMenu(_("&File"))
        if self.backup_action.isVisible():
            file_menu.addAction(self.backup_action)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.logout_action)
        file_menu.addAction(self.quit_action)
        account_menu = menu_bar.addMenu(_("&Account"))
        account_menu.addAction(self.password_action)
        help_menu = menu_bar.addMenu(_("&Help"))
        help_menu.addAction(self.about_action)

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(_("Search"), self)
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        spacer = QWidget(toolbar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addWidget(self.search_box)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.user_label = QLabel(
            _("{name} ({role})").format(name=self.actor.full_name, role=role_label(self.actor.role))
        )
        self.user_label.setObjectName("status-user")
        self.company_label = QLabel(self.company_name)
        self.company_label.setObjectName("status-company")
        self.database_label = QLabel(self.db.describe())
        self.database_label.setObjectName("status-database")
        self.database_label.setToolTip(_("The database this window works on"))
        for label in (self.user_label, self.company_label, self.database_label):
            label.setContentsMargins(6, 0, 6, 0)
            bar.addPermanentWidget(label)
        bar.addPermanentWidget(self.desk_watch.label)

    # -- navigation -----------------------------------------------------------------------------

    def _tab_changed(self, index: int) -> None:
        host = self.tabs.widget(index)
        if isinstance(host, LazyView | SubViewTabs):
            host.activate()

    def tab_keys(self) -> list[str]:
        return list(self.hosts)

    def show_view(self, tab_key: str, sub_key: str | None = None) -> QWidget | None:
        """Bring a tab (and one of its sub-views) to the front; returns the view, or None if the
        actor's role does not see it."""
        host = self.hosts.get(tab_key)
        if host is None:
            return None
        self.tabs.setCurrentWidget(host)
        if isinstance(host, SubViewTabs):
            return host.show_sub(sub_key) if sub_key else host.current_view()
        return host.view()

    def open_work(self, key: str) -> QWidget | None:
        """The view that shows a work item of the home page (orders to receive...), narrowed to it."""
        card = work_card(key)
        if card is None:
            return None
        view = self.show_view(card.tab, card.sub)
        if view is not None and card.narrow is not None:
            card.narrow(view)
        return view

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def open_search_hit(self, hit: SearchHit) -> None:
        run_service(self, lambda _confirmed: open_hit(self, hit))

    def run_command(self, name: str) -> None:
        commands = {
            "settings": self.open_settings,
            "password": self.change_password,
            "about": self.open_about,
            "backup": self.backup_now,
            "logout": self.log_out,
            "quit": self.close,
        }
        command = commands.get(name)
        if command is not None:
            command()

    # -- commands -------------------------------------------------------------------------------

    def open_settings(self) -> None:
        from bodesk.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.db, self.actor, self.preferences, self)
        dialog.backup_requested.connect(self.backup_now)
        if dialog.exec():
            self.company_name = self._company_name()
            self.company_label.setText(self.company_name)
            self.setWindowTitle(_("bodesk — {company}").format(company=self.company_name))
            self.refresh_current()

    def change_password(self) -> None:
        from bodesk.ui.account import ChangePasswordDialog

        dialog = ChangePasswordDialog(self.db, self.actor, self)
        if dialog.exec():
            self.statusBar().showMessage(_("Your password was changed."), 8000)

    def open_about(self) -> None:
        from bodesk.ui.about import AboutDialog

        AboutDialog(self.db, self).exec()

    def backup_now(self) -> None:
        """Back up into the backup folder with progress and cancel, and remember when."""
        if not self.backup_action.isEnabled():
            return
        folder = self.preferences.backup_folder
        self.backup_action.setEnabled(False)

        def done(path: Path) -> None:
            self.backup_action.setEnabled(True)
            startup.record_backup(self.preferences)
            self.statusBar().showMessage(_("Backed up to {path}").format(path=path), 15000)
            self.refresh_current()

        def failed(exc: BaseException) -> None:
            self.backup_action.setEnabled(True)
            messages.show_error(self, exc)

        self.backup_task = run_task(
            self,
            _("Backing up the database"),
            lambda progress: startup.make_backup(self.db, self.actor, folder, progress.report),
            done,
            failed,
            on_cancel=lambda: self.backup_action.setEnabled(True),
        )

    def start_daily_backup(self) -> bool:
        """Start the daily backup in the background if one is due; True when started."""
        if not startup.daily_backup_due(self.preferences, self.db):
            return False
        self.statusBar().showMessage(_("Making the daily backup…"))

        def done(path: object) -> None:
            startup.record_backup(self.preferences)
            self.statusBar().showMessage(_("Daily backup made: {path}").format(path=path), 15000)
            self.refresh_current()

        def failed(exc: BaseException) -> None:
            logger.warning("Daily backup failed: %s", exc)
            text = exc.message if isinstance(exc, BodeskError) else str(exc)
            self.statusBar().showMessage(_("The daily backup failed: {reason}").format(reason=text))

        self.daily_task = run_task(
            self,
            _("Daily backup"),
            lambda progress: startup.daily_backup(self.db, self.preferences),
            done,
            failed,
            cancellable=False,
            show_after_ms=NEVER_SHOW_MS,
        )
        return True

    def refresh_current(self) -> None:
        host = self.tabs.currentWidget()
        if isinstance(host, LazyView | SubViewTabs):
            host.refresh()

    def log_out(self) -> None:
        self.logging_out = True
        self.logout_requested.emit()
        self.close()

    # -- layout memory --------------------------------------------------------------------------

    def _restore_layout(self) -> None:
        self._settings_file = config_dir() / "window.ini"
        settings = window_settings(self._settings_file)
        geometry = settings.value("main/geometry")
        if isinstance(geometry, QByteArray | bytes):
            self.restoreGeometry(QByteArray(geometry))
        state = settings.value("main/state")
        if isinstance(state, QByteArray | bytes):
            self.restoreState(QByteArray(state))

    def save_layout(self) -> None:
        settings = window_settings(self._settings_file)
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/state", self.saveState())
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.desk_watch.stop()
        self.save_layout()
        super().closeEvent(event)
        self.closed.emit()
