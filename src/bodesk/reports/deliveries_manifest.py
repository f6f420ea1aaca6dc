"""A trip's load manifest: what to load per product and packaging, then per stop the customer, where
and how to deliver, the orders, the value to collect and how, and the empties expected back; and the
trip's consolidated picking list by bin (sales' picking list of the trip's orders). Figures come from
`deliveries.print_data.load_manifest`; this module only lays them out. Landscape."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.platypus import PageBreak

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.figures import packaging_text
from bodesk.domain.deliveries.print_data import Manifest, load_manifest
from bodesk.domain.sales.print_data import pick_orders
from bodesk.domain.sales.reports_data import picking_lists
from bodesk.i18n import _, format_date, format_decimal
from bodesk.reports.base import (
    Progress,
    ReportHeader,
    body_width,
    build_pdf,
    gap,
    header_for,
    heading,
    report_styles,
    text,
)
from bodesk.reports.count_sheet import WriteBox
from bodesk.reports.sales_picking import picking_story
from bodesk.reports.tables import ReportColumn, data_table, key_value_block, signature_lines
from bodesk.store.engine import Database

TICK = 9


def _capacity(value: Any, capacity: Any, unit: str) -> str:
    shown = f"{format_decimal(value)} {unit}".strip()
    return f"{shown} / {format_decimal(capacity)} {unit}".strip() if capacity else shown


def manifest_story(found: Manifest, header: ReportHeader) -> list[Any]:
    wide = body_width(landscape=True)
    head = [
        (_("Trip"), str(found.number)),
        (_("Day"), format_date(found.day)),
        (_("Status"), found.status),
        (_("Vehicle"), found.vehicle),
        (_("Driver"), found.driver),
        (_("Helper"), found.helper or "—"),
        (_("Route"), found.route or "—"),
        (_("Weight"), _capacity(found.weight, found.capacity_kg, "kg")),
        (_("Cases"), _capacity(found.cases, found.capacity_cases, "")),
    ]
    load_columns = [
        ReportColumn(_("Loaded"), width=12),
        ReportColumn(_("SKU"), "code", width=22),
        ReportColumn(_("Product"), width=90),
        ReportColumn(_("Packaging"), width=40),
        ReportColumn(_("Packages"), "quantity", width=20),
        ReportColumn(_("Units"), "quantity", width=20),
        ReportColumn(_("Weight (kg)"), "quantity", width=20, places=1),
    ]
    load_rows = [
        [
            WriteBox(TICK),
            x.sku,
            x.product,
            packaging_text(x.packaging, x.units_per_package, x.unit) if x.packaging else x.unit,
            x.packages,
            x.units,
            x.weight,
        ]
        for x in found.load
    ]
    stop_columns = [
        ReportColumn(_("#"), "number", width=8),
        ReportColumn(_("Customer"), width=55, lines=2),
        ReportColumn(_("Deliver to"), width=60, lines=3),
        ReportColumn(_("Delivery note"), width=50, lines=3),
        ReportColumn(_("Orders"), width=20, lines=2),
        ReportColumn(_("To collect"), "money", width=22),
        ReportColumn(_("How"), width=24, lines=2),
        ReportColumn(_("Empties expected back"), width=40, lines=4),
    ]
    stop_rows = [
        [s.position, s.customer, s.address, s.delivery_note, s.orders, s.value, s.how, s.empties]
        for s in found.stops
    ]
    totals = ["", _("Total"), "", "", "", found.value, "", ""]
    return [
        key_value_block(head, columns=3, width=wide),
        gap(4),
        heading(_("What to load"), wide),
        *data_table(load_columns, load_rows, currency=header.currency, width=wide),
        gap(5),
        heading(_("Stops"), wide),
        *data_table(stop_columns, stop_rows, totals=totals, currency=header.currency, width=wide),
        gap(3),
        text(
            _(
                "Empties expected back: the containers the goods of the stop travel in (a swap: full out, empties in)."
            ),
            report_styles().small,
        ),
        gap(8),
        signature_lines([_("Loaded by"), _("Driver")], width=wide),
    ]


def write_load_manifest(
    db: Database, actor: Actor, trip_id: int, path: Path, progress: Progress | None = None
) -> Path:
    """The load manifest of a trip as a PDF at `path`, with its picking list by bin."""
    found = load_manifest(db, actor, trip_id)
    header = header_for(db, actor, _("Load manifest"), _("Trip {number}").format(number=found.number))
    story = manifest_story(found, header)
    if found.planned and found.order_ids:
        lists = picking_lists(db, actor, found.order_ids)
        if lists:
            story += [PageBreak(), *picking_story(lists, pick_orders(db, actor, found.order_ids), header)]
    return build_pdf(Path(path), header, story, landscape=True, progress=progress)
