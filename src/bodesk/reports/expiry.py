"""The expiry report: lots holding stock that expire within N days, the already expired first, with
their value at the product's moving average cost. Figures come from
`bodesk.domain.stock.reports_data.expiring_lots`; this module only lays them out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bodesk.domain.access.actor import Actor
from bodesk.domain.stock.reports_data import ExpiringLot, ExpiryReport, expiring_lots
from bodesk.i18n import _, format_date, format_money, ngettext
from bodesk.reports.base import Progress, ReportHeader, build_pdf, gap, header_for
from bodesk.reports.stock_tables import TableGroup, grouped_tables
from bodesk.reports.tables import ReportColumn, key_value_block
from bodesk.store.engine import Database


def _line(lot: ExpiringLot) -> list[Any]:
    return [lot.expiry, lot.days_left, lot.lot, lot.sku, lot.name, lot.quantity, lot.unit, lot.value]


def _horizon(report: ExpiryReport) -> str:
    return ngettext("Within {n} day (until {date})", "Within {n} days (until {date})", report.days).format(
        n=report.days, date=format_date(report.until)
    )


def expiry_story(report: ExpiryReport, header: ReportHeader) -> list[Any]:
    money = header.currency
    columns = [  # widths in millimetres of the 180 an A4 page leaves
        ReportColumn(_("Expiry"), "date", width=18),
        ReportColumn(_("Days left"), "number", width=16),
        ReportColumn(_("Lot"), "code", width=23),
        ReportColumn(_("SKU"), "code", width=21),
        ReportColumn(_("Product"), width=47),
        ReportColumn(_("Quantity"), "quantity", width=21),
        ReportColumn(_("Unit"), width=10),
        ReportColumn(_("Value"), "money", width=24),
    ]
    groups = [
        TableGroup(f"{title} · {format_money(value, money)}", [_line(lot) for lot in lots])
        for title, lots, value in (
            (_("Already expired"), report.expired, report.expired_value),
            (_("Expiring"), report.expiring, report.expiring_value),
        )
        if lots
    ]
    summary = [
        (_("Expired"), format_money(report.expired_value, money)),
        (_("Expiring"), format_money(report.expiring_value, money)),
        (_("Total at risk"), format_money(report.value, money)),
        (_("Period"), _horizon(report)),
        (_("Warehouse"), report.warehouse or _("All warehouses")),
        (_("Valued at"), _("moving average cost")),
    ]
    totals = [_("Total"), "", "", "", "", "", "", report.value]
    return [
        key_value_block(summary, columns=2),
        gap(4),
        *grouped_tables(columns, groups, totals, money),
    ]


def write_expiry(
    db: Database,
    actor: Actor,
    path: Path,
    days: int = 30,
    warehouse_id: int | None = None,
    progress: Progress | None = None,
) -> Path:
    """Write the expiry report (lots expiring within `days` days, and the expired) as a PDF at `path`
    (`progress`: see `base.build_pdf`)."""
    report = expiring_lots(db, actor, days, warehouse_id)
    subtitle = " · ".join(part for part in (_horizon(report), report.warehouse) if part)
    header = header_for(db, actor, _("Expiring lots"), subtitle)
    return build_pdf(Path(path), header, expiry_story(report, header), progress=progress)
