"""A sales rep's commission statement for a period: each order shipped and each return, its base, the
rate of its category and the commission, with the totals. Figures come from `commissions.statement`
(only for the roles that see commissions); this module only lays them out."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from bodesk.domain.access.actor import Actor
from bodesk.domain.sales.commissions import CommissionStatement, statement
from bodesk.i18n import _
from bodesk.reports.base import Progress, ReportHeader, build_pdf, gap, header_for, report_styles, text
from bodesk.reports.sales_report import period_text
from bodesk.reports.tables import ReportColumn, data_table, key_value_block
from bodesk.store.engine import Database


def commission_story(found: CommissionStatement, header: ReportHeader) -> list[Any]:
    money = header.currency
    columns = [
        ReportColumn(_("Date"), "date", width=24),
        ReportColumn(_("Document"), width=34),
        ReportColumn(_("Customer"), width=50),
        ReportColumn(_("Category"), width=22),
        ReportColumn(_("Base"), "money", width=22),
        ReportColumn(_("Rate %"), "number", width=17, places=2),
        ReportColumn(_("Commission"), "money", width=22),
    ]
    rows = [
        [line.when, line.document, line.customer, line.category, line.base, line.rate, line.commission]
        for line in found.lines
    ]
    totals = [_("Total"), "", "", "", found.base, "", found.commission]
    summary = [
        (_("Sales rep"), found.rep),
        (_("Period"), period_text(found.start, found.end)),
    ]
    note = _(
        "Base: the value of each order line shipped in the period at the price sold, less the goods returned "
        "in the period. The rate is the rep's rate for the product's category, else the rep's general rate."
    )
    return [
        key_value_block(summary, columns=2),
        gap(2),
        text(note, report_styles().small),
        gap(3),
        *data_table(columns, rows, totals=totals, currency=money),
    ]


def write_commission_statement(
    db: Database,
    actor: Actor,
    path: Path,
    rep_id: int,
    start: date,
    end: date,
    progress: Progress | None = None,
) -> Path:
    """Write the rep's commission statement for the period as a PDF at `path`."""
    found = statement(db, actor, rep_id, start, end)
    header = header_for(db, actor, _("Commission statement"), f"{found.rep} · {period_text(start, end)}")
    return build_pdf(Path(path), header, commission_story(found, header), progress=progress)
