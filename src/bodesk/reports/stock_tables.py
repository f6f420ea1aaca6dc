"""Long grouped tables for the stock reports: one table whose groups (a category, expired lots) each
open with their heading row, the totals closing the last one; `tables.data_table` cuts it into
chunks and keeps the columns the same all through."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.platypus import Flowable

from bodesk.reports.tables import ReportColumn, data_table


@dataclass(frozen=True)
class TableGroup:
    title: str  # shown as the group's heading row
    rows: Sequence[Sequence[Any]]


def grouped_tables(
    columns: Sequence[ReportColumn],
    groups: Sequence[TableGroup],
    totals: Sequence[Any] | None,
    currency: str,
) -> list[Flowable]:
    """The groups as one table ("Nothing to show." when there are no groups)."""
    rows: list[Sequence[Any]] = []
    headings: list[int] = []
    for group in groups:
        headings.append(len(rows))
        rows.append([group.title])
        rows.extend(group.rows)
    return data_table(columns, rows, totals=totals, group_rows=headings, currency=currency)
