"""Importing counted quantities from a spreadsheet into a count: choose the columns, check the file
(a dry run that writes nothing), then import; every bad row is listed at once, with its line."""

from __future__ import annotations

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

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import ValidationError
from bodesk.domain.common.importing import (
    ColumnMapping,
    ImportResult,
    suggest_mapping,
    write_error_report,
)
from bodesk.domain.common.tabular import Table, column_name
from bodesk.domain.stock.count_import import FIELDS, import_counts
from bodesk.i18n import _, format_decimal, ngettext
from bodesk.store.engine import Database
from bodesk.ui.widgets import messages
from bodesk.ui.widgets.forms import FormPage
from bodesk.ui.widgets.tasks import TaskHandle, run_task


class ImportCountDialog(QDialog):
    imported = Signal()  # rows were written

    def __init__(
        self,
        db: Database,
        actor: Actor,
        count_id: int,
        number: int,
        table: Table,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.actor, self.count_id, self.table = db, actor, count_id, table
        self.task: TaskHandle[ImportResult] | None = None
        self.outcome: ImportResult | None = None
        self.setWindowTitle(_("Import counted quantities into count {number}").format(number=number))
        rows = ngettext("{n} row", "{n} rows", len(table.rows)).format(n=format_decimal(len(table.rows)))
        about = QLabel(f"<b>{Path(table.source).name or table.source}</b> · {rows}", self)
        about.setWordWrap(True)
        intro = QLabel(
            _(
                "Each row gives a product's code (barcode, SKU or a case's barcode) and the quantity counted; "
                "the location and the lot are optional. The file's quantity replaces what was counted before."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.form = FormPage(self)
        self.columns: dict[str, QComboBox] = {}
        suggested = suggest_mapping(FIELDS, table.headers)
        for item in FIELDS:
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
        for widget in (about, intro, self.form, self.good_rows, self.summary):
            layout.addWidget(widget)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.buttons)
        self.setMinimumSize(640, 520)

    def mapping(self) -> ColumnMapping:
        return {key: combo.currentData() for key, combo in self.columns.items()}

    def run(self, dry_run: bool) -> None:
        """Check (dry run) or import in the background; the result shows below."""
        self.form.clear_errors()
        db, actor, count_id, table, mapping = self.db, self.actor, self.count_id, self.table, self.mapping()
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

        self.task = run_task(
            self,
            _("Importing counted quantities"),
            lambda _progress: import_counts(db, actor, count_id, table, mapping, dry_run, good_rows),
            self.show_result,
            failed,
            cancellable=False,
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
            self, _("Save the errors"), str(Path.home() / "count-errors.csv"), _("CSV file (*.csv)")
        )
        return Path(chosen) if chosen else None

    def save_errors(self) -> None:
        path = self.choose_report_path() if self.outcome is not None else None
        if path is not None and self.outcome is not None:
            try:
                write_error_report(path, self.outcome)
            except Exception as exc:
                messages.show_error(self, exc)
