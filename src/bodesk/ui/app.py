"""Starting the application: logging and the crash dialog, the language, the database (checked,
locked, migrated), the first-run wizard or the login, then the main window until the person quits.

Only what the first window needs is imported before it shows, so that start-up stays quick.
"""

from __future__ import annotations

import logging
import sys
from types import TracebackType
from typing import TYPE_CHECKING

from bodesk.i18n import set_language, system_language
from bodesk.settings import Preferences, configure_logging, database_url, language_setting, load_preferences

if TYPE_CHECKING:
    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QApplication

    from bodesk.domain.access.actor import Actor
    from bodesk.store.engine import Database

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_CANNOT_OPEN = 2
DAILY_BACKUP_DELAY_MS = 2000  # after the window has painted, so start-up does not wait for it
_translator: QTranslator | None = None


def make_application() -> QApplication:
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName("bodesk")
    app.setOrganizationName("bodesk")
    app.setApplicationDisplayName("bodesk")
    return app


def quiet_offscreen_noise() -> None:
    """Drop the offscreen platform's warning about size hints (it says nothing about bodesk)."""
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    def handler(_kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if "propagateSizeHints" not in message:
            sys.stderr.write(message + "\n")

    qInstallMessageHandler(handler)


def install_crash_handler() -> None:
    """Every uncaught error is logged, and shown in a crash dialog that says where the log is."""

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        logger.critical("Uncaught error", exc_info=(kind, error, trace))
        try:
            from bodesk.ui.widgets import messages

            messages.show_error(None, error)
        except Exception:  # the crash dialog itself failed: the log has the story
            logger.exception("The crash dialog failed")

    sys.excepthook = hook


def use_language(app: QApplication, language: str) -> str:
    """bodesk's catalogs and Qt's own strings (standard buttons, dialogs) in `language`."""
    global _translator
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    chosen = set_language(language)
    QLocale.setDefault(QLocale(chosen))
    if _translator is not None:
        app.removeTranslator(_translator)
        _translator = None
    if chosen != "en":
        translator = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(f"qtbase_{chosen}", folder):
            app.installTranslator(translator)
            _translator = translator
        else:
            logger.info("No Qt translation qtbase_%s in %s", chosen, folder)
    return chosen


def run_app(db_arg: str | None) -> int:
    """The desktop application; returns the process exit code."""
    app = make_application()
    log_file = configure_logging()
    install_crash_handler()
    preferences = load_preferences()
    use_language(app, language_setting(preferences) or system_language())
    logger.info("bodesk starting; log %s", log_file)

    from bodesk.domain.registry import load_modules
    from bodesk.ui.startup import open_or_explain

    load_modules()
    opened = open_or_explain(database_url(db_arg), preferences.backup_folder)
    if opened is None:
        return EXIT_CANNOT_OPEN
    try:
        return run_sessions(app, opened.db, preferences)
    finally:
        from PySide6.QtCore import QThreadPool

        QThreadPool.globalInstance().waitForDone()
        opened.close()


def first_actor(app: QApplication, db: Database, preferences: Preferences) -> Actor | None:
    """The owner from the first-run wizard on a new database, otherwise whoever logs in."""
    from bodesk.domain.company.services import is_set_up

    if is_set_up(db):
        return log_in(db)
    from bodesk.ui.wizard import FirstRunWizard

    wizard = FirstRunWizard(db, preferences)
    if not wizard.exec() or wizard.actor is None:
        return None
    if preferences.language:
        use_language(app, preferences.language)
    return wizard.actor


def log_in(db: Database, login: str = "") -> Actor | None:
    from bodesk.ui.login import LoginDialog

    dialog = LoginDialog(db, login=login)
    if not dialog.exec():
        return None
    return dialog.actor


def run_sessions(app: QApplication, db: Database, preferences: Preferences) -> int:
    """Who works, then the main window; after a log out, the login again."""
    from PySide6.QtCore import QEventLoop, QTimer

    from bodesk.ui.mainwindow import MainWindow

    actor = first_actor(app, db, preferences)
    while actor is not None:
        window = MainWindow(db, actor, preferences)
        until_closed = QEventLoop()
        window.closed.connect(until_closed.quit)
        window.show()
        QTimer.singleShot(DAILY_BACKUP_DELAY_MS, window, window.start_daily_backup)
        until_closed.exec()
        logging_out = window.logging_out
        window.deleteLater()
        if not logging_out:
            break
        actor = log_in(db, actor.login)
    return EXIT_OK
