"""Stock availability for the sales team: per category, each product's stock on hand, what is
reserved for open sales orders and what is left to sell. Figures come from
`bodesk.domain.stock.reports_data.availability_by_category`; this module only lays them out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bodesk.domain.access.actor import Actor
from bodesk.domain.stock.reports_data import Availability, availability_by_category
from bodesk.i18n import _, format_decimal, ngettext
from bodesk.reports.base import Progress, ReportHeader, build_pdf, gap, header_for, report_styles, text
from bodesk.reports.stock_tables import TableGroup, grouped_tables
from bodesk.reports.tables import ReportColumn
from bodesk.store.engine import Database


def _products(products: int, available: int) -> str:
    counted = ngettext("{n} product", "{n} products", products).format(n=format_decimal(products))
    return (
        counted
        + ", "
        + ngettext("{n} available", "{n} available", available).format(n=format_decimal(available))
    )


def availability_story(report: Availability, header: ReportHeader) -> list[Any]:
    columns = [
        ReportColumn(_("SKU"), "code", width=22),
        ReportColumn(_("Product"), width=80),
        ReportColumn(_("Unit"), width=12),
        ReportColumn(_("On hand"), "quantity", width=22),
        ReportColumn(_("Reserved"), "quantity", width=22),
        ReportColumn(_("Available"), "quantity", width=22),
    ]
    groups = [
        TableGroup(
            f"{group.category} · {_products(group.products, group.available_products)}",
            [
                (line.sku, line.name, line.unit, line.on_hand, line.reserved, line.available)
                for line in group.rows
            ],
        )
        for group in report.groups
    ]
    totals = [_("Total"), _products(report.products, report.available_products), "", "", "", ""]
    note = _("Reserved: quantities held for open sales orders. Available: on hand less reserved.")
    if not report.reservations_tracked:
        note += " " + _("Sales orders are not recorded in bodesk yet, so nothing is reserved.")
    note += " " + _("Only active products with stock on hand are listed.")
    return [
        text(note, report_styles().small),
        gap(3),
        *grouped_tables(columns, groups, totals, header.currency),
    ]


def write_stock_availability(
    db: Database,
    actor: Actor,
    path: Path,
    warehouse_id: int | None = None,
    progress: Progress | None = None,
) -> Path:
    """Write the stock availability report as a PDF at `path` (`progress`: see `base.build_pdf`)."""
    report = availability_by_category(db, actor, warehouse_id)
    header = header_for(db, actor, _("Stock availability"), report.warehouse or _("All warehouses"))
    return build_pdf(Path(path), header, availability_story(report, header), progress=progress)
