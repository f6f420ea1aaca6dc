"""Exporting a list: every row its request selects (not only the pages read), the columns as shown and
each cell as the list reads it, written to CSV or XLSX in the background with progress."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog, QWidget

from bodesk.domain.common.export import ExportFormat, export_rows
from bodesk.i18n import _, format_decimal, ngettext
from bodesk.ui.widgets import messages
from bodesk.ui.widgets.tasks import TaskHandle, TaskProgress, run_task

if TYPE_CHECKING:
    from bodesk.ui.widgets.list_view import ListView


def ask_export_path(parent: QWidget, name: str, fmt: ExportFormat) -> Path | None:
    """Where the person wants the file of list `name`, with the format's suffix; None if they cancel."""
    suggested = Path.home() / f"{name}-{date.today().isoformat()}.{fmt.value}"
    pattern = _("CSV file (*.csv)") if fmt is ExportFormat.CSV else _("Excel workbook (*.xlsx)")
    chosen, _selected = QFileDialog.getSaveFileName(parent, _("Export"), str(suggested), pattern)
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == f".{fmt.value}" else path.with_name(f"{path.name}.{fmt.value}")


def export_list(view: ListView, fmt: ExportFormat, path: Path) -> TaskHandle[int]:
    """Write the view's rows to `path` off the GUI thread; the view's `exported` says when it is done."""
    model = view.model
    db, actor, query, request = view.db, view.actor, model.query, model.request
    shown = view.shown_columns()
    cells = model.exporter(shown)
    headers = [column.translated_title for _index, column in shown]
    total = max(model.total(), 1)
    text = _("Writing {name}…").format(name=path.name)

    def rows(progress: TaskProgress) -> Any:
        for number, row in enumerate(query.iterate(db, actor, request)):
            if number % 500 == 0:
                progress.report(text, number / total)
            yield cells(row)

    def done(count: int) -> None:
        view.exported.emit(path, count)
        messages.show_info(
            view,
            _("Export"),
            ngettext("{n} row written to {path}.", "{n} rows written to {path}.", count).format(
                n=format_decimal(count), path=path
            ),
        )

    return run_task(view, _("Export"), lambda progress: export_rows(path, fmt, headers, rows(progress)), done)
