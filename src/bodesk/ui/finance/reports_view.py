"""The Finance tab's Reports: pick a report (aging, cash flow, projected cash flow, income statement,
trial balance, balance sheet, general ledger, DSO), its period, day or account, and Show it as a table —
numbers right-aligned, totals and results in bold, accounts indented under their groups — then print it
(a PDF, previewed) or export it to CSV or XLSX exactly as shown. The figures come from
`domain.finance.reports`; this screen only asks and lays out."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.export import ExportFormat
from bodesk.domain.common.figures import money_text
from bodesk.domain.finance.book_queries import chart_of_accounts
from bodesk.domain.finance.reports.catalogue import REPORT_KINDS, REPORTS, Asks, export_report, finance_report
from bodesk.domain.finance.reports.table import ColumnKind, FinReport, Period, month_end
from bodesk.i18n import _, format_date, format_decimal
from bodesk.store.engine import Database
from bodesk.ui.widgets.calls import run_service
from bodesk.ui.widgets.date_filter import qdate
from bodesk.ui.widgets.icons import icon
from bodesk.ui.widgets.list_export import ask_export_path

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
INDENT = "    "


def _day(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


def cell_text(kind: ColumnKind, value: object) -> str:
    if value is None or value == "":
        return ""
    if kind is ColumnKind.MONEY:
        return money_text(value)
    if kind is ColumnKind.NUMBER:
        return format_decimal(value, 2)  # type: ignore[arg-type]
    if isinstance(value, date):
        return format_date(value)
    return str(value)


class ReportsView(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.report: FinReport | None = None
        today = date.today()
        self.picker = QComboBox(self)
        for kind in REPORTS:
            self.picker.addItem(_(kind.title), kind.key)
        self.start = self._date(date(today.year, 1, 1))
        self.end = self._date(month_end(today))  # whole months: the DRE shows each month
        self.as_of = self._date(today)
        self.account = QComboBox(self)
        self.account.setMinimumContentsLength(24)
        self.days = QSpinBox(self)
        self.days.setRange(1, 730)
        self.days.setValue(90)
        self.days.setSuffix(" " + _("days"))
        top = QHBoxLayout()
        top.addWidget(self._label(_("Report"), self.picker))
        top.addWidget(self.picker)
        self.fields: dict[str, tuple[QLabel, QWidget]] = {}
        for key, label, widget in (
            ("account", _("Account"), self.account),
            ("from", _("From"), self.start),
            ("to", _("To"), self.end),
            ("as_of", _("On"), self.as_of),
            ("days", _("Window"), self.days),
        ):
            caption = self._label(label, widget)
            top.addWidget(caption)
            top.addWidget(widget)
            self.fields[key] = (caption, widget)
        self.show_button = QPushButton(icon("refresh"), _("Show"), self)
        self.show_button.clicked.connect(self.run)
        top.addWidget(self.show_button)
        top.addStretch(1)
        actions = QHBoxLayout()
        self.title = QLabel(self)
        bold = QFont(self.title.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        self.title.setFont(bold)
        actions.addWidget(self.title, 1)
        self.print_button = QPushButton(icon("print"), _("Print…"), self)
        self.print_button.clicked.connect(self.print_report)
        self.csv_button = QPushButton(icon("export"), _("Export CSV…"), self)
        self.csv_button.clicked.connect(lambda: self.export(ExportFormat.CSV))
        self.xlsx_button = QPushButton(icon("export"), _("Export XLSX…"), self)
        self.xlsx_button.clicked.connect(lambda: self.export(ExportFormat.XLSX))
        for button in (self.print_button, self.csv_button, self.xlsx_button):
            actions.addWidget(button)
        self.table = QTableWidget(0, 0, self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notes)
        self.picker.currentIndexChanged.connect(lambda _index: self.choose())
        self.choose()

    def _date(self, value: date) -> QDateEdit:
        edit = QDateEdit(qdate(value), self)
        edit.setCalendarPopup(True)
        return edit

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text + ":", self)
        label.setBuddy(buddy)
        return label

    @property
    def key(self) -> str:
        return str(self.picker.currentData())

    def choose(self) -> None:
        """Show the fields the chosen report asks for."""
        asks = REPORT_KINDS[self.key].asks
        shown = {
            Asks.PERIOD: {"from", "to"},
            Asks.DAY: {"as_of"},
            Asks.BOTH: {"as_of", "to"},
            Asks.ACCOUNT: {"account", "from", "to"},
        }[asks]
        if self.key == "dso":
            shown = shown | {"days"}
        for key, (caption, widget) in self.fields.items():
            caption.setVisible(key in shown)
            widget.setVisible(key in shown)
        if "account" in shown and not self.account.count():
            for row in chart_of_accounts(self.db, self.actor, include_inactive=False):
                if row.postable:
                    self.account.addItem(f"{row.code} {row.name}", row.id)
        self.set_actions()

    def period(self) -> Period:
        account = self.account.currentData() if self.account.isVisibleTo(self) else None
        return Period(_day(self.start), _day(self.end), _day(self.as_of), account, self.days.value())

    def run(self) -> None:
        outcome = run_service(
            self, lambda _confirmed: finance_report(self.db, self.actor, self.key, self.period())
        )
        if outcome.ok:
            self.show_report(outcome.value)

    def show_report(self, report: FinReport) -> None:
        self.report = report
        self.title.setText(f"{report.title} · {report.subtitle}")
        self.table.clear()
        self.table.setColumnCount(len(report.columns))
        self.table.setRowCount(len(report.lines))
        self.table.setHorizontalHeaderLabels([column.label for column in report.columns])
        text_column = 1 if report.key in ("trial-balance", "balance-sheet") else 0
        for position, line in enumerate(report.lines):
            for column, (spec, value) in enumerate(zip(report.columns, line.values, strict=True)):
                shown = cell_text(spec.kind, value)
                if column == text_column and line.level:
                    shown = INDENT * line.level + shown
                item = QTableWidgetItem(shown)
                if spec.numeric:
                    item.setTextAlignment(_RIGHT)
                if line.bold:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(position, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column, spec in enumerate(report.columns):
            heading = self.table.horizontalHeaderItem(column)
            if heading is not None and spec.numeric:
                heading.setTextAlignment(_RIGHT)
        self.notes.setText("\n".join(report.notes))
        self.set_actions()

    def set_actions(self) -> None:
        shown = self.report is not None
        for button in (self.print_button, self.csv_button, self.xlsx_button):
            button.setEnabled(shown)

    def print_report(self) -> None:
        if self.report is None:
            return
        from bodesk.reports.finance_statements import write_finance_report
        from bodesk.ui.stock.reports import show_report

        report = self.report
        show_report(
            self,
            report.title,
            report.key,
            lambda path, progress: write_finance_report(self.db, self.actor, path, report, progress),
        )

    def export(self, fmt: ExportFormat) -> Path | None:
        if self.report is None:
            return None
        path = ask_export_path(self, self.report.key, fmt)
        if path is None:
            return None
        report = self.report
        outcome = run_service(self, lambda _confirmed: export_report(report, path, fmt))
        return path if outcome.ok else None
