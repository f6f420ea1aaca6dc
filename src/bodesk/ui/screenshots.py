"""`bodesk screenshots --out DIR`: every screen rendered offscreen with demo data, one PNG per screen
and language (home.en.png, home.pt_BR.png, ...), to look at before a release.

It works in a temporary BODESK_HOME with temporary databases, so nothing of the person's own
preferences, window layout or data is read or changed.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from bodesk.i18n import _, current_language, set_language

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from bodesk.domain.access.actor import Actor
    from bodesk.settings import Preferences
    from bodesk.store.engine import Database
    from bodesk.ui.mainwindow import MainWindow

DEMO_PASSWORD = "demo-password-1"
SALES_LOGIN = "vendas"


@contextmanager
def private_home() -> Iterator[Path]:
    """A temporary BODESK_HOME for the duration, the previous one restored afterwards."""
    previous = os.environ.get("BODESK_HOME")
    with tempfile.TemporaryDirectory(prefix="bodesk-shots-", ignore_cleanup_errors=True) as folder:
        os.environ["BODESK_HOME"] = str(Path(folder) / "home")
        try:
            yield Path(folder)
        finally:
            if previous is None:
                os.environ.pop("BODESK_HOME", None)
            else:
                os.environ["BODESK_HOME"] = previous


def render_screenshots(out_dir: Path, languages: tuple[str, ...] = ("en", "pt_BR")) -> list[Path]:
    """Render every screen in each language into `out_dir`; returns the files written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from bodesk.domain.demo import DemoSize, load_demo
    from bodesk.domain.registry import load_modules
    from bodesk.store.opening import open_database
    from bodesk.ui.app import make_application, quiet_offscreen_noise, use_language

    if QApplication.instance() is None:
        quiet_offscreen_noise()
    app = make_application()
    load_modules()
    out_dir.mkdir(parents=True, exist_ok=True)
    before = current_language()
    written: list[Path] = []
    with private_home() as folder:
        demo = open_database(f"sqlite:///{folder / 'demo.sqlite'}", backup_dir=folder / "backups")
        empty = open_database(f"sqlite:///{folder / 'empty.sqlite'}", backup_dir=folder / "backups")
        try:
            owner = load_demo(demo, DemoSize.SMALL, 1, DEMO_PASSWORD)
            _give_logo(demo, owner)
            for language in languages:
                use_language(app, language)
                camera = Camera(out_dir, language)
                render_all(camera, demo, empty, owner, folder)
                written.extend(camera.written)
        finally:
            demo.dispose()
            empty.dispose()
            use_language(app, before)
    set_language(before)
    return written


class Camera:
    """Saves widgets as `<name>.<language>.png` after letting them settle."""

    def __init__(self, out_dir: Path, language: str) -> None:
        self.out_dir = out_dir
        self.language = language
        self.written: list[Path] = []

    def shoot(self, name: str, widget: QWidget) -> Path:
        settle()
        path = self.out_dir / f"{name}.{self.language}.png"
        if not widget.grab().save(str(path)):
            raise OSError(f"cannot write {path}")
        self.written.append(path)
        return path


def settle(ms: int = 120, until: Callable[[], bool] | None = None) -> None:
    """Let queued work, background tasks and repaints finish."""
    from PySide6.QtCore import QEventLoop, QThreadPool, QTimer

    for _round in range(20):
        QThreadPool.globalInstance().waitForDone(5000)
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()
        if until is None or until():
            break


def _give_logo(db: Database, owner: Actor) -> None:
    """A drawn logo for the demo company, so the home page and the login show one."""
    from bodesk.domain.company.services import company_details, update_company

    update_company(db, owner, replace(company_details(db), logo=demo_logo()))


def demo_logo(text: str = "BS") -> bytes:
    """A small PNG: two letters on a round badge."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QImageWriter, QPainter

    image = QImage(240, 120, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("#1f6f8b"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(QRectF(4, 4, 232, 112), 24, 24)
    painter.setPen(QColor("#ffffff"))
    font = QFont()
    font.setPixelSize(56)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(QRectF(0, 0, 240, 120), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    QImageWriter(buffer, QByteArray(b"PNG")).write(image)
    buffer.close()
    return bytes(data.data())


def render_all(camera: Camera, demo: Database, empty: Database, owner: Actor, folder: Path) -> None:
    """Every screen, in the order a person meets them."""
    from bodesk.domain.access.login import authenticate
    from bodesk.settings import Preferences
    from bodesk.ui.mainwindow import DEFAULT_SIZE, MainWindow

    preferences = Preferences(backup_dir=str(folder / "backups"))
    _wizard(camera, empty)
    _login(camera, demo)
    window = MainWindow(demo, owner, preferences)
    try:
        window.resize(*DEFAULT_SIZE)
        window.show()
        camera.shoot("home", window)
        _module_views(camera, window, owner)
        _admin(camera, window)
        _dialogs(camera, window, demo, owner, preferences)
        _search(camera, window)
        _progress(camera, window)
    finally:
        _dispose(window)
    sales = authenticate(demo, SALES_LOGIN, DEMO_PASSWORD)
    window = MainWindow(demo, sales, preferences)
    try:
        window.resize(*DEFAULT_SIZE)
        window.show()
        camera.shoot("main-sales-user", window)
    finally:
        _dispose(window)


def _dispose(widget: QWidget) -> None:
    widget.hide()
    widget.deleteLater()
    settle(10)


def _wizard(camera: Camera, empty: Database) -> None:
    from bodesk.domain.demo import DEMO_COMPANY
    from bodesk.ui.wizard import FirstRunWizard

    wizard = FirstRunWizard(empty)
    try:
        wizard.show()
        company = wizard.company
        for name, edit in company.edits.items():
            edit.setText(getattr(DEMO_COMPANY, name))
        company.state.setCurrentIndex(company.state.findData(DEMO_COMPANY.state))
        company.cnpj.check()
        camera.shoot("wizard-company", wizard)
        wizard.next()
        wizard.logo.logo_field.set_logo(demo_logo())
        camera.shoot("wizard-logo", wizard)
        wizard.next()
        camera.shoot("wizard-preferences", wizard)
        wizard.next()
        owner = wizard.owner
        owner.login.setText("roberto")
        owner.full_name.setText("Roberto Almeida")
        owner.password.setText("a-long-password")
        owner.repeat.setText("a-long-passwort")
        owner.validatePage()
        camera.shoot("wizard-owner", wizard)
    finally:
        _dispose(wizard)


def _login(camera: Camera, demo: Database) -> None:
    from bodesk.ui.login import LoginDialog

    dialog = LoginDialog(demo, login="dono")
    try:
        dialog.show()
        camera.shoot("login", dialog)
        dialog.password.setText("not-the-password")
        dialog.accept()
        camera.shoot("login-error", dialog)
    finally:
        _dispose(dialog)


ExtraShots = Callable[["Camera", "MainWindow"], None]
_EXTRA_SHOTS: list[ExtraShots] = []


def register_shots(shots: ExtraShots) -> ExtraShots:
    """A module's own screenshots beyond its sub-views (dialogs, editors), taken after them."""
    _EXTRA_SHOTS.append(shots)
    return shots


def _module_views(camera: Camera, window: MainWindow, owner: Actor) -> None:
    """Every sub-view of every module tab, named `<tab>-<sub-view>`, then each module's extra shots."""
    from bodesk.ui.modules import visible_tabs

    for tab in visible_tabs(owner.role):
        if tab.key in ("home", "admin"):
            continue
        subviews = tab.visible_subviews(owner.role)
        if not subviews:
            window.show_view(tab.key)
            camera.shoot(tab.key, window)
        for sub in subviews:
            window.show_view(tab.key, sub.key)
            settle(300)
            camera.shoot(f"{tab.key}-{sub.key}", window)
    for shots in list(_EXTRA_SHOTS):
        shots(camera, window)
    window.show_view("home")


def _admin(camera: Camera, window: MainWindow) -> None:
    users = window.show_view("admin", "users")
    camera.shoot("admin-users", window)
    add_user = getattr(users, "add_user", None)
    if add_user is not None:
        add_user()
        dialog = getattr(users, "dialog", None)
        if dialog is not None:
            camera.shoot("admin-user-add", dialog)
            dialog.reject()
    window.show_view("admin", "roles")
    camera.shoot("admin-roles", window)
    window.show_view("admin", "audit")
    camera.shoot("admin-audit", window)
    window.show_view("home")


def _dialogs(
    camera: Camera, window: MainWindow, demo: Database, owner: Actor, preferences: Preferences
) -> None:
    from bodesk.ui.about import AboutDialog
    from bodesk.ui.account import ChangePasswordDialog
    from bodesk.ui.settings_dialog import SettingsDialog

    settings = SettingsDialog(demo, owner, preferences, window)
    settings.show()
    camera.shoot("settings-desk", settings)
    if settings.company is not None:
        settings.tabs.setCurrentWidget(settings.company)
        camera.shoot("settings-company", settings)
    _dispose(settings)
    about = AboutDialog(demo, window)
    about.show()
    camera.shoot("about", about)
    _dispose(about)
    password = ChangePasswordDialog(demo, owner, window)
    password.show()
    camera.shoot("account-password", password)
    _dispose(password)


def _search(camera: Camera, window: MainWindow) -> None:
    window.focus_search()
    window.search_box.setText("au")
    window.search_box.search_now()
    camera.shoot("search-popup", window)
    window.search_box.hide_popup()
    window.search_box.clear()


def _progress(camera: Camera, window: MainWindow) -> None:
    from bodesk.ui.widgets.tasks import ProgressDialog

    dialog = ProgressDialog(window, _("Backing up the database"), True)
    dialog.set_progress(_("Copying {name}…").format(name="manual-20250301-101500.sqlite"), 0.42)
    dialog.show()
    camera.shoot("progress", dialog)
    dialog.finish()
    _dispose(dialog)
