"""Long grouped tables for the stock reports: one table per group (a category, expired lots), cut
into chunks, because ReportLab lays out one long table in time that grows with the square of its
rows (a 20,000-product valuation took minutes as one table, seconds in chunks)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.platypus import Flowable

from bodesk.reports.base import gap
from bodesk.reports.tables import ReportColumn, data_table

CHUNK_ROWS = 300


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
    """The groups as tables with the same columns, each opening with its heading row; `totals` closes
    the last one ("Nothing to show." when there are no groups)."""
    if not groups:
        return [data_table(columns, [], totals=totals, currency=currency)]
    flow: list[Flowable] = []
    for number, group in enumerate(groups):
        if number:
            flow.append(gap(2))
        starts = range(0, max(len(group.rows), 1), CHUNK_ROWS)
        for start in starts:
            first, last = start == 0, start == starts[-1]
            rows = ([[group.title]] if first else []) + [
                list(row) for row in group.rows[start : start + CHUNK_ROWS]
            ]
            flow.append(
                data_table(
                    columns,
                    rows,
                    totals=totals if last and number == len(groups) - 1 else None,
                    group_rows=[0] if first else None,
                    currency=currency,
                )
            )
    return flow
