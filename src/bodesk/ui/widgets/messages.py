"""Every message box bodesk shows goes through here, so that tests can replace these functions.

A `BodeskError` is a message fit for a person: it is shown as a warning, and so is an OSError about a
named file (a folder that vanished, a full disk), in the store's words. Anything else is a bug: it is
logged with its traceback and shown in a crash dialog that says where the log file is.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from bodesk.errors import BodeskError
from bodesk.i18n import _
from bodesk.settings import log_file
from bodesk.store.failures import file_error

logger = logging.getLogger(__name__)


def _title() -> str:
    return _("bodesk")


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """A refusal as a warning box; a bug as a logged crash dialog."""
    if isinstance(exc, BodeskError):
        show_warning(parent, _title(), exc.message)
        return
    problem = file_error(exc) if isinstance(exc, OSError) else None
    if problem is not None:
        logger.warning("%s", problem.message, exc_info=(type(exc), exc, exc.__traceback__))
        show_warning(parent, _title(), problem.message)
        return
    logger.error("Unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    box = QMessageBox(
        QMessageBox.Icon.Critical, _title(), _("Something went wrong inside bodesk."), parent=parent
    )
    box.setInformativeText(
        _("What you were doing was not finished. The details were written to the log file {file}.").format(
            file=log_file()
        )
    )
    box.setDetailedText(f"{type(exc).__name__}: {exc}")
    box.exec()


def show_warning(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def ask_confirmation(parent: QWidget | None, title: str, text: str) -> bool:
    """Yes or No, with No as the default so that Enter never confirms by accident."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
