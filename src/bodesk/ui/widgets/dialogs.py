"""Opening a dialog from a view the same way everywhere: window-modal, no nested event loop."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog


def open_dialog(owner: Any, dialog: QDialog, on_accepted: Callable[[], None] | None = None) -> None:
    """Show `dialog` window-modal without a nested event loop, kept in `owner.dialog` while open; the
    owner refreshes (and `on_accepted` runs) when it is accepted."""
    owner.dialog = dialog
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def accepted() -> None:
        owner.refresh()
        if on_accepted is not None:
            on_accepted()

    def finished(_result: int) -> None:
        if owner.dialog is dialog:
            owner.dialog = None

    dialog.accepted.connect(accepted)
    dialog.finished.connect(finished)
    dialog.open()
