"""Order processing time: for a period, the median and 90th percentile from the call to confirmation,
shipping, delivery and the invoice, per day, week or rep; and the orders that took longest, with the
stage they waited in. The PDF of the same figures is written by the reports of the module (when
there)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bodesk.domain.access.actor import Actor
from bodesk.domain.sales.processing import (
    STAGE_LABELS,
    STAGES,
    WAIT_LABELS,
    GroupFigures,
    Grouping,
    ProcessingReport,
    processing_time,
)
from bodesk.i18n import N_, _, format_datetime
from bodesk.settings import data_dir
from bodesk.store.engine import Database
from bodesk.ui.widgets.calls import run_service
from bodesk.ui.widgets.date_filter import DateFilter

GROUPINGS = ((Grouping.DAY, N_("Per day")), (Grouping.WEEK, N_("Per week")), (Grouping.REP, N_("Per rep")))
MINUTE, HOUR, DAY = 60, 3600, 86400


def duration_text(seconds: int | None) -> str:
    """How long, read at a glance: 45 min, 3 h 20 min, 2 d 5 h; blank for none."""
    if seconds is None:
        return ""
    if seconds < HOUR:
        return _("{m} min").format(m=seconds // MINUTE)
    if seconds < DAY:
        return _("{h} h {m} min").format(h=seconds // HOUR, m=seconds % HOUR // MINUTE)
    return _("{d} d {h} h").format(d=seconds // DAY, h=seconds % DAY // HOUR)


def _right(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class ProcessingView(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.report: ProcessingReport | None = None
        today = date.today()
        self.start, self.end = DateFilter(self), DateFilter(self)
        self.start.set_value(today - timedelta(days=30))
        self.end.set_value(today)
        self.grouping = QComboBox(self)
        for key, label in GROUPINGS:
            self.grouping.addItem(_(label), key.value)
        self.grouping.currentIndexChanged.connect(lambda _index: self.refresh())
        self.show_button = QPushButton(_("Show"), self)
        self.show_button.clicked.connect(self.refresh)
        self.pdf_button = QPushButton(_("PDF…"), self)
        self.pdf_button.setToolTip(_("The same figures and the slowest orders as a PDF, to print or send"))
        self.pdf_button.clicked.connect(self.print_pdf)
        top = QHBoxLayout()
        for label, widget in ((_("From"), self.start), (_("To"), self.end), (_("Figures"), self.grouping)):
            top.addWidget(QLabel(label + ":", self))
            top.addWidget(widget)
        top.addWidget(self.show_button)
        top.addWidget(self.pdf_button)
        top.addStretch(1)
        headers = [_("Period or rep"), _("Orders")]
        for stage in STAGES:
            headers += [
                _("Median {stage}").format(stage=_(STAGE_LABELS[stage])),
                _("90% {stage}").format(stage=_(STAGE_LABELS[stage])),
            ]
        self.figures = QTableWidget(0, len(headers), self)
        self.figures.setHorizontalHeaderLabels(headers)
        self.figures.verticalHeader().hide()
        self.figures.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.slowest = QTableWidget(0, 5, self)
        self.slowest.setHorizontalHeaderLabels(
            [_("Order"), _("Customer"), _("Taken"), _("Took"), _("Waited longest")]
        )
        self.slowest.verticalHeader().hide()
        header = self.slowest.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # dates and durations whole
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the customer takes what is left
        self.slowest.setWordWrap(False)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        split = QSplitter(Qt.Orientation.Vertical, self)
        for title, table in ((_("Time per stage"), self.figures), (_("The slowest orders"), self.slowest)):
            box = QWidget(split)
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(QLabel(f"<b>{title}</b>", box))
            column.addWidget(table, 1)
            split.addWidget(box)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(split, 1)

    def refresh(self) -> None:
        start, end = self.start.value(), self.end.value()
        if start is None or end is None:
            self.empty.setText(_("Choose the period."))
            return
        grouping = Grouping(str(self.grouping.currentData()))
        found = run_service(
            self, lambda _confirmed: processing_time(self.db, self.actor, start, end, grouping)
        )
        if not found.ok:
            return
        self.report = report = found.value
        groups = [report.overall, *report.groups] if report.groups else []
        self.figures.setRowCount(len(groups))
        for row, group in enumerate(groups):
            self._figures_row(row, group)
        self.slowest.setRowCount(len(report.slowest))
        for row, order in enumerate(report.slowest):
            texts = (
                str(order.number),
                order.customer,
                format_datetime(order.taken),
                _("{time} {stage}").format(
                    time=duration_text(order.seconds), stage=_(STAGE_LABELS[order.reached])
                ),
                _(WAIT_LABELS[order.waited]),
            )
            for column, text in enumerate(texts):
                self.slowest.setItem(row, column, _right(text) if column == 3 else QTableWidgetItem(text))
        self.empty.setText("" if groups else _("No order was taken in this period."))
        self.empty.setVisible(not groups)

    def print_pdf(self) -> None:
        """Write the period's processing-time PDF and open its preview."""
        from bodesk.reports.sales_processing import write_processing_time
        from bodesk.ui.widgets.pdf_preview import show_pdf

        start, end = self.start.value(), self.end.value()
        if start is None or end is None:
            self.empty.setText(_("Choose the period."))
            self.empty.setVisible(True)
            return
        grouping = Grouping(str(self.grouping.currentData()))
        folder = data_dir() / "documents" / "reports"
        path = folder / _("processing-time-{start}-{end}.pdf").format(
            start=start.isoformat(), end=end.isoformat()
        )

        def write(_confirmed: frozenset[str]) -> Path:
            folder.mkdir(parents=True, exist_ok=True)
            write_processing_time(self.db, self.actor, path, start, end, grouping)
            return path

        if run_service(self, write).ok:
            show_pdf(self, path)

    def _figures_row(self, row: int, group: GroupFigures) -> None:
        self.figures.setItem(row, 0, QTableWidgetItem(group.key))
        self.figures.setItem(row, 1, _right(str(group.orders)))
        for index, stage in enumerate(STAGES):
            stat = group.stages[stage]
            self.figures.setItem(row, 2 + 2 * index, _right(duration_text(stat.median)))
            self.figures.setItem(row, 3 + 2 * index, _right(duration_text(stat.p90)))
