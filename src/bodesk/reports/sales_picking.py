"""The picking list: what the warehouse takes off the shelves for a set of sales orders.

One section per warehouse (each on its own page, for its own team), its lines in the order of the
bins (`reports_data.picking_lists`), each with its lot and expiry, the quantity in packages and in
base units, the orders it is for, and a box to tick. Under the lines, the orders that section picks
for: the customer, where it goes and the delivery note the driver needs. Landscape: eleven columns
and codes that are never broken."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable, PageBreak

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.figures import packaging_text
from bodesk.domain.sales.print_data import PickOrder, pick_orders
from bodesk.domain.sales.reports_data import PickList, picking_lists
from bodesk.i18n import _, ngettext
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
from bodesk.reports.tables import ReportColumn, data_table
from bodesk.store.engine import Database

ONE = Decimal(1)
TICK_HEIGHT = 9  # points: a box to tick, as tall as a line
LISTED = 10  # a heading names up to this many orders, then counts them


def _numbers(orders: Sequence[int]) -> str:
    """ "Orders 12, 15", or for a long batch "40 orders, 12 to 97" (each line still names its own)."""
    if len(orders) > LISTED:
        return ngettext("{n} order, {first} to {last}", "{n} orders, {first} to {last}", len(orders)).format(
            n=len(orders), first=min(orders), last=max(orders)
        )
    return ngettext("Order {numbers}", "Orders {numbers}", len(orders)).format(
        numbers=", ".join(str(number) for number in orders)
    )


def _lines_table(pick: PickList, currency: str) -> list[Flowable]:
    width = body_width(landscape=True)
    columns = [  # widths in millimetres of the 267 a landscape A4 page leaves
        ReportColumn(_("Picked"), width=12),
        ReportColumn(_("Bin"), "code", width=18),
        ReportColumn(_("SKU"), "code", width=20),
        ReportColumn(_("Product"), width=66, lines=2),
        ReportColumn(_("Lot"), "code", width=20),
        ReportColumn(_("Expiry"), "date", width=18),
        ReportColumn(_("Packages"), "quantity", width=16),
        ReportColumn(_("Packaging"), width=28),
        ReportColumn(_("Units"), "quantity", width=16),
        ReportColumn(_("Unit"), width=10),
        ReportColumn(_("Orders"), width=30, lines=3),
    ]
    rows: list[list[Any]] = []
    for line in pick.lines:
        units = line.units_per_package or ONE
        sold_in = packaging_text(line.packaging, units, line.unit) if units != ONE else line.packaging
        rows.append(
            [
                WriteBox(TICK_HEIGHT),
                line.location,
                line.sku,
                line.product,
                line.lot,
                line.expiry,
                line.quantity / units,
                sold_in,
                line.quantity,
                line.unit,
                line.orders,
            ]
        )
    return data_table(columns, rows, currency=currency, width=width)


def _orders_table(orders: Sequence[PickOrder], currency: str) -> list[Flowable]:
    columns = [
        ReportColumn(_("Order"), "code", width=14),
        ReportColumn(_("Customer"), width=60, lines=2),
        ReportColumn(_("Deliver to"), width=80, lines=3),
        ReportColumn(_("Delivery note"), width=80, lines=4),
        ReportColumn(_("Requested for"), "date", width=20),
    ]
    rows = [
        [
            str(order.number),
            order.customer,
            " · ".join(part for part in (order.delivery, order.weekdays) if part),
            "\n".join(part for part in (order.delivery_note, order.notes) if part),
            order.requested_on,
        ]
        for order in orders
    ]
    return data_table(columns, rows, currency=currency, width=body_width(landscape=True))


def _numbers_in(pick: PickList) -> set[int]:
    return {int(number) for line in pick.lines for number in line.orders.split(", ") if number}


def picking_story(lists: Sequence[PickList], orders: Sequence[PickOrder], header: ReportHeader) -> list[Any]:
    wide = body_width(landscape=True)
    story: list[Any] = []
    if not lists:
        return [text(_("These orders hold no reserved stock: there is nothing to pick."))]
    for index, pick in enumerate(lists):
        numbers = _numbers_in(pick)
        if index:
            story.append(PageBreak())
        title = _("Warehouse {code}").format(code=pick.warehouse) + " · " + _numbers(sorted(numbers))
        story += [heading(title, wide), *_lines_table(pick, header.currency), gap(5)]
        story += [
            heading(_("Where the orders go"), wide),
            *_orders_table([order for order in orders if order.number in numbers], header.currency),
        ]
    note = _(
        "Lines follow the bins; take each lot shown: it was reserved for these orders, first to expire first."
    )
    return [*story, gap(4), text(note, report_styles().small)]


def write_picking_list(
    db: Database, actor: Actor, order_ids: Sequence[int], path: Path, progress: Progress | None = None
) -> Path:
    """The picking list of the orders as a PDF at `path` (`progress`: see `base.build_pdf`)."""
    lists = picking_lists(db, actor, order_ids)
    orders = pick_orders(db, actor, order_ids)
    header = header_for(db, actor, _("Picking list"), _numbers([order.number for order in orders]))
    return build_pdf(
        Path(path), header, picking_story(lists, orders, header), landscape=True, progress=progress
    )
