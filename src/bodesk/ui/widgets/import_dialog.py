"""Importing a spreadsheet: choose the column of each field (suggested from the headers), check the
file (a dry run that writes nothing), then import; every bad row is listed at once with its line,
and the list can be saved as CSV to fix the file. One dialog for every importer.

Reading the file, checking it and importing it run in the background with their progress shown and a
Cancel button: the domain reports how far it is, and a cancelled import writes nothing (its one unit
of work rolls back)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bodesk.domain.common.errors import ValidationError
from bodesk.domain.common.importing import (
    ColumnMapping,
    ImportField,
    ImportResult,
    suggest_mapping,
    write_error_report,
)
from bodesk.domain.common.tabular import Table, column_name, read_table
from bodesk.i18n import _, format_decimal, ngettext
from bodesk.ui.widgets import messages
from bodesk.ui.widgets.calls import run_service
from bodesk.ui.widgets.forms import FormPage
from bodesk.ui.widgets.tasks import TaskHandle, run_task, wait_for_task

Importer = Callable[[Table, ColumnMapping, bool, bool], ImportResult]
"""(table, mapping, dry_run, import_good_rows) -> result; one unit of work when it writes."""


class ImportDialog(QDialog):
    imported = Signal()  # rows were written

    def __init__(
        self,
        title: str,
        intro: str,
        fields: Sequence[ImportField],
        table: Table,
        importer: Importer,
        parent: QWidget | None = None,
        report_name: str = "import-errors.csv",
    ) -> None:
        super().__init__(parent)
        self.table, self.importer, self.report_name = table, importer, report_name
        self.task: TaskHandle[ImportResult] | None = None
        self.outcome: ImportResult | None = None
        self.setWindowTitle(title)
        rows = ngettext("{n} row", "{n} rows", len(table.rows)).format(n=format_decimal(len(table.rows)))
        about = QLabel(f"<b>{Path(table.source).name or table.source}</b> · {rows}", self)
        about.setWordWrap(True)
        explanation = QLabel(intro, self)
        explanation.setWordWrap(True)
        self.form = FormPage(self)
        self.columns: dict[str, QComboBox] = {}
        suggested = suggest_mapping(fields, table.headers)
        for item in fields:
            combo = QComboBox(self)
            combo.addItem(_("(choose a column)") if item.required else _("(not in the file)"), None)
            for index, header in enumerate(table.headers):
                combo.addItem(f"{column_name(index)} · {header}", index)
            combo.setCurrentIndex(max(0, combo.findData(suggested.get(item.key))))
            self.columns[item.key] = combo
            self.form.add_field(item.key, _(item.label), combo)
        self.good_rows = QCheckBox(_("Import the good rows even if some rows have errors"), self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.report = QPlainTextEdit(self)
        self.report.setReadOnly(True)
        self.report.setPlaceholderText(_("Check the file to see every row with a problem here."))
        self.buttons = QDialogButtonBox(self)
        self.check_button = self.buttons.addButton(
            _("Check the file"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.import_button = self.buttons.addButton(_("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button = self.buttons.addButton(
            _("Save the errors…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(_("Close"))
        self.check_button.clicked.connect(lambda _checked=False: self.run(dry_run=True))
        self.import_button.clicked.connect(lambda _checked=False: self.run(dry_run=False))
        self.save_button.clicked.connect(lambda _checked=False: self.save_errors())
        close.clicked.connect(self.reject)
        self.save_button.setEnabled(False)
        for button in (self.check_button, self.import_button, self.save_button):
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        for widget in (about, explanation, self.form, self.good_rows, self.summary):
            layout.addWidget(widget)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.buttons)
        self.setMinimumSize(640, 520)

    def mapping(self) -> ColumnMapping:
        return {key: combo.currentData() for key, combo in self.columns.items()}

    def run(self, dry_run: bool) -> None:
        """Check (dry run) or import in the background; the result shows below."""
        self.form.clear_errors()
        table, mapping, importer = self.table, self.mapping(), self.importer
        good_rows = self.good_rows.isChecked()
        for button in (self.check_button, self.import_button):
            button.setEnabled(False)

        def failed(error: BaseException) -> None:
            if isinstance(error, ValidationError) and self.form.show_errors(error):
                return
            messages.show_error(self, error)

        def ended() -> None:
            for button in (self.check_button, self.import_button):
                button.setEnabled(True)

        def cancelled() -> None:
            self.outcome = None
            self.summary.setText(_("Cancelled: nothing was written."))
            self.report.clear()
            self.save_button.setEnabled(False)

        self.task = run_task(
            self,
            self.windowTitle(),
            lambda _progress: importer(table, mapping, dry_run, good_rows),
            self.show_result,
            failed,
            cancellable=True,
            on_cancel=cancelled,
        )
        self.task.finished.connect(ended)

    def show_result(self, result: ImportResult) -> None:
        self.outcome = result
        self.summary.setText(result.summary())
        self.report.setPlainText("\n".join(result.report_lines()))
        self.save_button.setEnabled(bool(result.errors))
        if result.written:
            self.imported.emit()

    def choose_report_path(self) -> Path | None:
        """Where to save the errors (tests replace this)."""
        chosen, _selected = QFileDialog.getSaveFileName(
            self, _("Save the errors"), str(Path.home() / self.report_name), _("CSV file (*.csv)")
        )
        return Path(chosen) if chosen else None

    def save_errors(self) -> None:
        path = self.choose_report_path() if self.outcome is not None else None
        outcome = self.outcome
        if path is not None and outcome is not None:
            run_service(self, lambda _confirmed: write_error_report(path, outcome))


def choose_spreadsheet(parent: QWidget) -> Path | None:
    """The file to import (tests replace this)."""
    chosen, _selected = QFileDialog.getOpenFileName(
        parent,
        _("Choose a spreadsheet"),
        str(Path.home()),
        _("Spreadsheets (*.csv *.txt *.xlsx);;All files (*)"),
    )
    return Path(chosen) if chosen else None


def read_spreadsheet(parent: QWidget, path: Path) -> Table | None:
    """The file read in the background (its progress shown, Cancel offered); None when it cannot be read
    (the person is told why) or the reading was cancelled."""
    task = wait_for_task(
        parent, _("Reading {name}").format(name=path.name), lambda _progress: read_table(path)
    )
    if task.error is not None and not task.was_cancelled:
        messages.show_error(parent, task.error)
    return task.result


def open_import(
    parent: QWidget,
    title: str,
    intro: str,
    fields: Sequence[ImportField],
    importer: Importer,
    path: Path | None = None,
) -> ImportDialog | None:
    """Ask for a file, read it (a file that cannot be read is explained) and show the import dialog."""
    path = path or choose_spreadsheet(parent)
    if path is None:
        return None
    table = read_spreadsheet(parent, path)
    if table is None:
        return None
    dialog = ImportDialog(title, intro, fields, table, importer, parent)
    dialog.open()
    return dialog
