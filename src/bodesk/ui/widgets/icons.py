"""The one icon set bodesk uses: the style's standard icons, by a name that says what the action does.

Qt's standard pixmaps follow the platform's style (Windows, Fusion, macOS) and need no files. Every
screen asks `icon("add")`, never the style directly, so the set can be swapped in one place. The shared
actions' icons are here; each module registers its own (`register_icons`) in its `ui/<module>/tab.py`.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

logger = logging.getLogger(__name__)
SP = QStyle.StandardPixmap

ICONS: dict[str, QStyle.StandardPixmap] = {
    "add": SP.SP_FileIcon,
    "edit": SP.SP_FileDialogDetailedView,
    "delete": SP.SP_TrashIcon,
    "lock": SP.SP_BrowserStop,
    "unlock": SP.SP_DialogApplyButton,
    "password": SP.SP_DialogResetButton,
    "export": SP.SP_DialogSaveButton,
    "save": SP.SP_DialogSaveButton,
    "open": SP.SP_DialogOpenButton,
    "restore": SP.SP_DialogOpenButton,
    "refresh": SP.SP_BrowserReload,
    "search": SP.SP_FileDialogContentsView,
    "filter": SP.SP_FileDialogContentsView,
    "clear": SP.SP_LineEditClearButton,
    "backup": SP.SP_DriveHDIcon,
    "database": SP.SP_DriveHDIcon,
    "folder": SP.SP_DirIcon,
    "file": SP.SP_FileIcon,
    "report": SP.SP_FileDialogDetailedView,
    "settings": SP.SP_ComputerIcon,
    "company": SP.SP_DirHomeIcon,
    "home": SP.SP_DirHomeIcon,
    "about": SP.SP_MessageBoxInformation,
    "info": SP.SP_MessageBoxInformation,
    "warning": SP.SP_MessageBoxWarning,
    "error": SP.SP_MessageBoxCritical,
    "question": SP.SP_MessageBoxQuestion,
    "ok": SP.SP_DialogOkButton,
    "cancel": SP.SP_DialogCancelButton,
    "close": SP.SP_DialogCloseButton,
    "quit": SP.SP_DialogCloseButton,
    "back": SP.SP_ArrowBack,
    "forward": SP.SP_ArrowForward,
    "users": SP.SP_DirHomeIcon,
    "audit": SP.SP_FileDialogInfoView,
    "roles": SP.SP_FileDialogListView,
    "demo": SP.SP_MediaPlay,
}


def register_icons(icons: dict[str, QStyle.StandardPixmap]) -> None:
    """Add a module's own icons (its tab's and sub-views'), from its `ui/<module>/tab.py`."""
    ICONS.update(icons)


def icon(name: str) -> QIcon:
    """The icon for `name`; an empty icon (and a log line) for a name the set does not have."""
    pixmap = ICONS.get(name)
    if pixmap is None:
        logger.warning("No icon named %r", name)
        return QIcon()
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return QIcon()
    return app.style().standardIcon(pixmap)
