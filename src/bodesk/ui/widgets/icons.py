"""The one icon set bodesk uses: Phosphor, drawn by qtawesome from its font, by a name that says what the
action does.

Every screen asks `icon("add")`, never the set directly, so the set can be swapped in one place. The
icons take their colours from the application's palette (the text colour, and the disabled text
colour for a disabled button), so they read on the platform's light and dark palettes alike; a module
registers its own (`register_icons`) in its `ui/<module>/tab.py`. Only the Phosphor font is loaded
(qtawesome's own `icon` loads its ten fonts), and the bundle carries only that one.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import QApplication

os.environ.setdefault("QT_API", "pyside6")  # qtawesome draws through QtPy: bind it to PySide6

logger = logging.getLogger(__name__)
PHOSPHOR = "ph"
_FONT: dict[str, Any] = {}  # the loaded font, made again when a new application forgot it

ICONS: dict[str, str] = {
    "add": "ph.plus",
    "edit": "ph.pencil-simple",
    "delete": "ph.trash",
    "lock": "ph.lock",
    "unlock": "ph.lock-open",
    "password": "ph.key",
    "export": "ph.export",
    "save": "ph.floppy-disk",
    "open": "ph.folder-open",
    "import": "ph.download-simple",
    "restore": "ph.clock-counter-clockwise",
    "refresh": "ph.arrows-clockwise",
    "search": "ph.magnifying-glass",
    "filter": "ph.funnel",
    "clear": "ph.x-circle",
    "backup": "ph.hard-drives",
    "database": "ph.database",
    "folder": "ph.folder",
    "file": "ph.file",
    "report": "ph.file-text",
    "print": "ph.printer",
    "settings": "ph.gear",
    "company": "ph.buildings",
    "home": "ph.house",
    "about": "ph.info",
    "info": "ph.info",
    "warning": "ph.warning",
    "error": "ph.x-circle",
    "question": "ph.question",
    "ok": "ph.check",
    "cancel": "ph.x",
    "close": "ph.x",
    "quit": "ph.sign-out",
    "back": "ph.arrow-left",
    "forward": "ph.arrow-right",
    "send": "ph.paper-plane-tilt",
    "users": "ph.users",
    "audit": "ph.clipboard-text",
    "roles": "ph.shield-check",
    "admin": "ph.shield-check",
    "demo": "ph.play",
}


def register_icons(icons: dict[str, str]) -> None:
    """Add a module's own icons (its tab's and sub-views'), qtawesome names such as "ph.package"."""
    ICONS.update(icons)


def icon(name: str) -> QIcon:
    """The icon for `name` in the palette's colours; an empty icon (and a log line) for a name the set
    does not have, or before the application exists."""
    glyph = ICONS.get(name)
    if glyph is None:
        logger.warning("No icon named %r", name)
        return QIcon()
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return QIcon()
    palette = app.palette()
    return _phosphor().icon(
        glyph,
        color=palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText),
        color_disabled=palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText),
    )


def _phosphor() -> Any:
    """qtawesome's font object holding the Phosphor font alone."""
    import qtawesome
    from qtawesome.iconic_font import IconicFont

    font = _FONT.get(PHOSPHOR)
    if font is None or not qtawesome.has_valid_font_ids(font):
        files = next(entry for entry in qtawesome._BUNDLED_FONTS if entry[0] == PHOSPHOR)
        font = _FONT[PHOSPHOR] = IconicFont(files)
    return font
