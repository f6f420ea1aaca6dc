"""Stock valuation: every product with stock at its moving average cost, by category, with each
category's value and the grand total. Figures come from
`bodesk.domain.stock.reports_data.stock_valuation` (rounded there); this module only lays them out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bodesk.domain.access.actor import Actor
from bodesk.domain.stock.reports_data import Valuation, stock_valuation
from bodesk.i18n import _, format_decimal, format_money, ngettext
from bodesk.reports.base import Progress, ReportHeader, build_pdf, gap, header_for, report_styles, text
from bodesk.reports.stock_tables import TableGroup, grouped_tables
from bodesk.reports.tables import ReportColumn, key_value_block
from bodesk.store.engine import Database


def valuation_story(report: Valuation, header: ReportHeader) -> list[Any]:
    money = header.currency
    columns = [
        ReportColumn(_("SKU"), "code", width=22),
        ReportColumn(_("Product"), width=74),
        ReportColumn(_("Unit"), width=11),
        ReportColumn(_("Quantity"), "quantity", width=23),
        ReportColumn(_("Average cost"), "price", width=23),
        ReportColumn(_("Value"), "money", width=27),
    ]
    groups = [
        TableGroup(
            f"{group.category} · {format_money(group.value, money)}",
            [(line.sku, line.name, line.unit, line.quantity, line.cost, line.value) for line in group.rows],
        )
        for group in report.groups
    ]
    products = ngettext("{n} product", "{n} products", report.products).format(
        n=format_decimal(report.products)
    )
    summary = [
        (_("Stock value"), format_money(report.value, money)),
        (_("Products"), products),
        (_("Warehouse"), report.warehouse or _("All warehouses")),
        (_("Valued at"), _("moving average cost")),
    ]
    note = _(
        "Each line is its quantity times the product's moving average cost, rounded to the cent; "
        "the category and grand totals add the rounded lines."
    )
    return [
        key_value_block(summary, columns=2),
        gap(2),
        text(note, report_styles().small),
        gap(3),
        *grouped_tables(columns, groups, [_("Total"), products, "", "", "", report.value], money),
    ]


def write_stock_valuation(
    db: Database,
    actor: Actor,
    path: Path,
    warehouse_id: int | None = None,
    progress: Progress | None = None,
) -> Path:
    """Write the stock valuation report as a PDF at `path` (`progress`: see `base.build_pdf`)."""
    report = stock_valuation(db, actor, warehouse_id)
    header = header_for(db, actor, _("Stock valuation"), report.warehouse or _("All warehouses"))
    return build_pdf(Path(path), header, valuation_story(report, header), progress=progress)
