"""What the delivery screens share: a combo of choices, a whole-number box, and opening a delivery PDF
in the preview."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QSpinBox, QWidget

from bodesk.settings import data_dir
from bodesk.ui.widgets.calls import run_service


def combo(parent: QWidget, items: Sequence[tuple[int, str]], none: str | None = None) -> QComboBox:
    box = QComboBox(parent)
    if none is not None:
        box.addItem(none, None)
    for item_id, name in items:
        box.addItem(name, item_id)
    return box


def count_box(parent: QWidget, most: int = 100_000) -> QSpinBox:
    box = QSpinBox(parent)
    box.setRange(0, most)
    return box


def document_path(name: str) -> Path:
    folder = data_dir() / "documents" / "deliveries"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name


def show_written(parent: QWidget, write: Callable[[], Path]) -> None:
    """Write a PDF and open its preview; a refusal is shown, not raised."""
    from bodesk.ui.widgets.pdf_preview import show_pdf

    written = run_service(parent, lambda _confirmed: write())
    if written.ok:
        show_pdf(parent, written.value)
