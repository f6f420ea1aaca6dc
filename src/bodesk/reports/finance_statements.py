"""Any finance report (`domain.finance.reports`: aging, cash flow, DRE, trial balance, balance sheet,
general ledger, DSO) as a PDF: the company's header with the report's title and period, the table (numbers
right-aligned, subtotals and totals in bold, accounts indented under their groups), and the notes that say
what the figures mean. The figures come computed from the domain; this module only lays them out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bodesk.domain.access.actor import Actor
from bodesk.domain.finance.reports.table import ColumnKind, FinReport
from bodesk.i18n import _
from bodesk.reports.base import Progress, body_width, build_pdf, gap, header_for, report_styles, text
from bodesk.reports.tables import ReportColumn, data_table
from bodesk.store.engine import Database

INDENT = "\u2003"  # an em space per level under the group
PLAIN_OVER = 4  # more money columns than this: plain numbers
WHOLE_OVER = 8  # more than this: whole units (the figures are exact on screen and in the CSV)


def _plain(report: FinReport) -> bool:
    """Many money columns are shown as plain numbers (the currency said once, under the table)."""
    return sum(column.kind is ColumnKind.MONEY for column in report.columns) > PLAIN_OVER


def _whole(report: FinReport) -> bool:
    """So many money columns that only whole units fit (a year by month)."""
    return sum(column.kind is ColumnKind.MONEY for column in report.columns) > WHOLE_OVER


def _columns(report: FinReport) -> list[ReportColumn]:
    columns = []
    plain = _plain(report)
    places = 0 if _whole(report) else 2
    for index, column in enumerate(report.columns):
        if column.kind is ColumnKind.MONEY and plain:
            columns.append(ReportColumn(column.label, "number", width=1.0, places=places))
        elif column.kind is ColumnKind.MONEY:
            columns.append(ReportColumn(column.label, "money", width=1.0))
        elif column.kind is ColumnKind.NUMBER:
            columns.append(ReportColumn(column.label, "number", width=1.0, places=2))
        elif column.kind is ColumnKind.DATE:
            columns.append(ReportColumn(column.label, "date", width=0.8))
        else:
            code = report.key in ("trial-balance", "balance-sheet") and index == 0
            columns.append(
                ReportColumn(column.label, "code", width=0.6)
                if code
                else ReportColumn(column.label, "text", width=3.0)
            )
    return columns


def report_story(report: FinReport, currency: str) -> list[Any]:
    rows, bold = [], []
    for index, line in enumerate(report.lines):
        values = list(line.values)
        if report.key in ("trial-balance", "balance-sheet"):
            values[1] = INDENT * line.level + str(values[1])  # the name under its group; the code as it is
        elif line.level and isinstance(values[0], str) and report.columns[0].kind is ColumnKind.TEXT:
            values[0] = INDENT * line.level + values[0]
        rows.append(
            [
                None if value == "" and column.numeric else value
                for value, column in zip(values, report.columns, strict=True)
            ]
        )
        if line.bold:
            bold.append(index)
    width = body_width(landscape=report.landscape)
    story: list[Any] = [*data_table(_columns(report), rows, currency=currency, width=width, bold_rows=bold)]
    notes = list(report.notes)
    if _plain(report):
        notes.insert(
            0,
            _("Amounts in {currency}, rounded to whole units.").format(currency=currency)
            if _whole(report)
            else _("Amounts in {currency}.").format(currency=currency),
        )
    if notes:
        story.append(gap(3))
        story += [text(note, report_styles().small) for note in notes]
    return story


def write_finance_report(
    db: Database, actor: Actor, path: Path, report: FinReport, progress: Progress | None = None
) -> Path:
    header = header_for(db, actor, report.title, report.subtitle)
    return build_pdf(
        Path(path),
        header,
        report_story(report, header.currency),
        landscape=report.landscape,
        progress=progress,
    )
