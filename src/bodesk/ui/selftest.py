"""`bodesk --self-test`: proves an installed bodesk (or a PyInstaller bundle) works on this machine.

First, that Qt's real display plugin loads (its system libraries are there), since the rest runs
offscreen. Then, in a temporary BODESK_HOME, on a temporary SQLite database: the migrations, the company
(with a logo) and its owner, a backup, the search, a report written as a PDF and drawn again by the
preview's PDFium, the main window shown and rendered with every tab and sub-view visited. Prints "bodesk self-test: ok" and returns 0, or the reason and 1.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from bodesk.errors import BodeskError
from bodesk.i18n import DOMAIN
from bodesk.paths import compiled_locale_dir, translations_dir

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from bodesk.domain.access.actor import Actor
    from bodesk.settings import Preferences
    from bodesk.store.engine import Database

OK_LINE = "bodesk self-test: ok"
PASSWORD = "self-test-password-1"


class SelfTestFailed(Exception):
    pass


def _check(condition: bool, reason: str) -> None:
    if not condition:
        raise SelfTestFailed(reason)


def _translations_present(language: str) -> bool:
    compiled = compiled_locale_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    return compiled.is_file() or (translations_dir() / f"{language}.po").is_file()


def self_test(report: Callable[[str], None] | None = None) -> int:
    """Run every check; 0 when all pass. `report` gets one line per step (default: nothing)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from bodesk.ui.screenshots import private_home

    say = report or (lambda _line: None)
    try:
        with private_home() as folder:
            _run(folder, say)
    except (SelfTestFailed, BodeskError) as exc:
        print(f"bodesk self-test: FAILED: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:
        traceback.print_exc()
        print(f"bodesk self-test: FAILED: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    print(OK_LINE)
    return 0


def _logo(folder: Path) -> bytes:
    """A small PNG drawn by Qt, for the company: the report's header reads it through Pillow."""
    from PySide6.QtGui import QColor, QImage

    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("#0f766e"))
    path = folder / "logo.png"
    _check(image.save(str(path)), "a picture could not be written")
    return path.read_bytes()


def _check_report(db: Database, owner: Actor, folder: Path) -> None:
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    from bodesk.reports.stock_valuation import write_stock_valuation
    from bodesk.ui.widgets.pdf_preview import render_page

    path = write_stock_valuation(db, owner, folder / "self-test.pdf")
    document = pdfium.PdfDocument(path.read_bytes())
    try:
        _check(not render_page(document, 0, 200).isNull(), "the report could not be drawn")
    finally:
        document.close()


def _run(folder: Path, say: Callable[[str], None]) -> None:
    from PySide6.QtWidgets import QApplication

    from bodesk.ui.app import make_application, quiet_offscreen_noise

    if QApplication.instance() is None:
        quiet_offscreen_noise()
    app = make_application()
    from bodesk.domain.company.services import CompanyDetails, company_details, set_up_company
    from bodesk.domain.registry import load_modules
    from bodesk.domain.search import search
    from bodesk.settings import Preferences
    from bodesk.store.opening import open_database
    from bodesk.ui import startup
    from bodesk.ui.platform_check import display_plugin_problem

    load_modules()
    problem = display_plugin_problem()
    _check(problem is None, problem or "")
    say("display plugin loads")
    _check(_translations_present("pt_BR"), "the Portuguese translations are missing")
    say("translations found")
    backups = folder / "backups"
    db = open_database(f"sqlite:///{folder / 'self-test.sqlite'}", backup_dir=backups)
    try:
        details = CompanyDetails(
            name="Self-test Ltda.",
            tax_id="12.ABC.345/01DE-35",
            city="Campinas",
            state="SP",
            logo=_logo(folder),
        )
        owner = set_up_company(db, details, "selftest", "Self Test", PASSWORD)
        _check(company_details(db).name == details.name, "the company was not saved")
        say("database migrated, company and owner set up")
        copy = startup.make_backup(db, owner, backups)
        _check(copy.is_file() and copy.stat().st_size > 0, "the backup was not written")
        say(f"backup written: {copy.name}")
        _check(any(hit.kind == "user" for hit in search(db, owner, "self")), "the search found nothing")
        say("search works")
        _check_report(db, owner, folder)
        say("report written and drawn")
        _visit_every_view(app, db, owner, Preferences(backup_dir=str(backups)), say)
    finally:
        db.dispose()


def _visit_every_view(
    app: QApplication, db: Database, owner: Actor, preferences: Preferences, say: Callable[[str], None]
) -> None:
    from bodesk.ui.mainwindow import MainWindow
    from bodesk.ui.modules import find_tab

    window = MainWindow(db, owner, preferences)
    try:
        window.resize(1024, 700)
        window.show()
        app.processEvents()
        for key in window.tab_keys():
            tab = find_tab(key)
            subs: list[str | None] = [sub.key for sub in tab.visible_subviews(owner.role)] if tab else []
            for sub in subs or [None]:
                view = window.show_view(key, sub)
                _check(view is not None, f"the view {key}/{sub or ''} did not open")
                app.processEvents()
                _check(not window.grab().isNull(), f"the view {key}/{sub or ''} did not render")
                say(f"view {key}{'/' + sub if sub else ''} rendered")
    finally:
        window.hide()
        window.deleteLater()
        app.processEvents()
