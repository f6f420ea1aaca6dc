"""The stock reports from the screens: written to a temporary PDF in the background, with progress
and Cancel, then previewed."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from bodesk.domain.access.actor import Actor
from bodesk.i18n import _
from bodesk.reports.base import Progress
from bodesk.store.engine import Database
from bodesk.ui.widgets.tasks import TaskHandle, run_task


def show_report(
    parent: QWidget, title: str, file_name: str, write: Callable[[Path, Progress], Path]
) -> TaskHandle[Path]:
    """Run `write(path, progress)` off the GUI thread and preview the PDF it wrote; errors are shown.
    Cancel stops the build at its next page and leaves no file behind."""
    folder = Path(tempfile.mkdtemp(prefix="bodesk-report-"))

    def done(written: Path) -> None:
        from bodesk.ui.widgets.pdf_preview import show_pdf

        show_pdf(parent, written)

    return run_task(
        parent,
        title,
        lambda progress: write(folder / f"{file_name}.pdf", progress.report),
        done,
        on_cancel=lambda: shutil.rmtree(folder, ignore_errors=True),
    )


def availability_report(
    parent: QWidget, db: Database, actor: Actor, warehouse_id: int | None = None
) -> TaskHandle[Path]:
    from bodesk.reports.stock_availability import write_stock_availability

    return show_report(
        parent,
        _("Stock availability"),
        _("stock-availability"),
        lambda path, progress: write_stock_availability(db, actor, path, warehouse_id, progress),
    )


def valuation_report(
    parent: QWidget, db: Database, actor: Actor, warehouse_id: int | None = None
) -> TaskHandle[Path]:
    from bodesk.reports.stock_valuation import write_stock_valuation

    return show_report(
        parent,
        _("Stock valuation"),
        _("stock-valuation"),
        lambda path, progress: write_stock_valuation(db, actor, path, warehouse_id, progress),
    )


def expiry_report(
    parent: QWidget, db: Database, actor: Actor, days: int, warehouse_id: int | None = None
) -> TaskHandle[Path]:
    from bodesk.reports.expiry import write_expiry

    return show_report(
        parent,
        _("Expiring lots"),
        _("expiring-lots"),
        lambda path, progress: write_expiry(db, actor, path, days, warehouse_id, progress),
    )
