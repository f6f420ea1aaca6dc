"""Sales by product, customer, rep, category or month: what shipped in a period less what came back, at
net prices, with the cost and the margin only for a reader whose role may see costs (the summary says
so: `reports_data.sales_summary` leaves them None for the others). Figures come from the domain,
summed and rounded there; this module only lays them out."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from bodesk.domain.access.actor import Actor
from bodesk.domain.sales.reports_data import SalesBy, SalesSummary, sales_summary
from bodesk.i18n import N_, _, format_date
from bodesk.reports.base import Progress, ReportHeader, build_pdf, gap, header_for, report_styles, text
from bodesk.reports.tables import ReportColumn, data_table
from bodesk.store.engine import Database

TITLES = {
    SalesBy.PRODUCT: N_("Sales by product"),
    SalesBy.CUSTOMER: N_("Sales by customer"),
    SalesBy.REP: N_("Sales by rep"),
    SalesBy.CATEGORY: N_("Sales by category"),
    SalesBy.MONTH: N_("Sales by month"),
}


def period_text(start: date, end: date) -> str:
    return _("{start} to {end}").format(start=format_date(start), end=format_date(end))


def _key_columns(by: SalesBy) -> list[ReportColumn]:
    """Products and customers by code and name; reps, categories and months by their name alone."""
    if by == SalesBy.PRODUCT:
        return [ReportColumn(_("SKU"), "code", width=22), ReportColumn(_("Product"), width=70)]
    if by == SalesBy.CUSTOMER:
        return [ReportColumn(_("Code"), "code", width=18), ReportColumn(_("Customer"), width=74)]
    titles = {SalesBy.REP: _("Sales rep"), SalesBy.CATEGORY: _("Category"), SalesBy.MONTH: _("Month")}
    return [ReportColumn(titles[by], width=92)]


def sales_story(summary: SalesSummary, header: ReportHeader) -> list[Any]:
    costs = summary.total_cost is not None
    by = SalesBy(summary.by)
    columns = _key_columns(by)
    if by == SalesBy.PRODUCT:
        columns.append(ReportColumn(_("Units"), "quantity", width=20))
    columns.append(ReportColumn(_("Sales"), "money", width=24))
    if costs:
        columns += [ReportColumn(_("Cost"), "money", width=24), ReportColumn(_("Margin"), "money", width=24)]
    rows: list[list[Any]] = []
    for row in summary.rows:
        cells: list[Any] = [row.key, row.detail] if len(_key_columns(by)) == 2 else [row.detail or _("none")]
        if by == SalesBy.PRODUCT:
            cells.append(row.quantity)
        cells.append(row.value)
        if costs:
            cells += [row.cost, row.margin]
        rows.append(cells)
    totals: list[Any] = [_("Total")] + [""] * (len(columns) - 1)
    place = len(columns) - (3 if costs else 1)
    totals[place] = summary.total_value
    if costs:
        totals[place + 1 : place + 3] = [summary.total_cost, summary.total_margin]
    note = _("What shipped in the period less what was returned in it, at the prices sold (after discounts).")
    if costs:
        note += " " + _("Cost: the average cost of the goods when they shipped.")
    else:
        note += " " + _("Costs and margins are shown to the roles that may see costs.")
    return [
        text(period_text(summary.start, summary.end)),
        gap(2),
        text(note, report_styles().small),
        gap(3),
        *data_table(columns, rows, totals=totals, currency=header.currency),
    ]


def write_sales_report(
    db: Database,
    actor: Actor,
    path: Path,
    start: date,
    end: date,
    by: SalesBy | str = SalesBy.PRODUCT,
    progress: Progress | None = None,
) -> Path:
    """Write sales in the period grouped `by` as a PDF at `path` (`progress`: see `base.build_pdf`)."""
    grouping = SalesBy(by)
    summary = sales_summary(db, actor, start, end, grouping)
    header = header_for(db, actor, _(TITLES[grouping]), period_text(start, end))
    return build_pdf(Path(path), header, sales_story(summary, header), progress=progress)
