"""Deliveries in a period: per day the trips and stops with the in-full and on-time rates, refusals by
reason, settlement differences per person, containers held with their value, and trips per vehicle
with the load used. Figures come from `deliveries.reports_data.deliveries_summary`."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from bodesk.domain.access.actor import Actor
from bodesk.domain.deliveries.reports_data import DeliveriesSummary, deliveries_summary
from bodesk.i18n import _
from bodesk.reports.base import (
    Progress,
    ReportHeader,
    build_pdf,
    gap,
    header_for,
    heading,
    report_styles,
    text,
)
from bodesk.reports.sales_report import period_text
from bodesk.reports.tables import ReportColumn, data_table
from bodesk.store.engine import Database


def deliveries_story(found: DeliveriesSummary, header: ReportHeader) -> list[Any]:
    money = header.currency
    days = [
        ReportColumn(_("Day"), "date", width=24),
        ReportColumn(_("Trips"), "number", width=14),
        ReportColumn(_("Stops"), "number", width=14),
        ReportColumn(_("In full"), "number", width=16),
        ReportColumn(_("Partly"), "number", width=16),
        ReportColumn(_("Refused"), "number", width=16),
        ReportColumn(_("Not visited"), "number", width=16),
        ReportColumn(_("In full %"), "number", width=18, places=1),
        ReportColumn(_("On time %"), "number", width=18, places=1),
    ]
    day_rows = [
        [d.day, d.trips, d.stops, d.delivered, d.partial, d.refused, d.not_visited, d.in_full, d.on_time]
        for d in found.days
    ]
    totals = [_("Total"), sum(d.trips for d in found.days), sum(d.stops for d in found.days),
              sum(d.delivered for d in found.days), sum(d.partial for d in found.days),
              sum(d.refused for d in found.days), sum(d.not_visited for d in found.days), "", ""]  # fmt: skip
    return [
        text(period_text(found.start, found.end)),
        gap(3),
        heading(_("Deliveries per day")),
        *data_table(days, day_rows, totals=totals, currency=money),
        gap(4),
        heading(_("Refusals by reason")),
        *data_table(
            [ReportColumn(_("Reason"), width=80), ReportColumn(_("Stops"), "number", width=20)],
            [list(r) for r in found.refusals],
            currency=money,
        ),
        gap(4),
        heading(_("Settlement differences per person")),
        *data_table(
            [
                ReportColumn(_("Person"), width=70),
                ReportColumn(_("Lines"), "number", width=20),
                ReportColumn(_("Money (counted − expected)"), "money", width=40),
            ],
            [list(r) for r in found.differences],
            currency=money,
        ),
        gap(4),
        heading(_("Returnable containers")),
        *data_table(
            [
                ReportColumn(_("Container"), width=80),
                ReportColumn(_("Held by customers"), "number", width=26),
                ReportColumn(_("Deposit value"), "money", width=30),
                ReportColumn(_("Empties in the warehouse"), "number", width=30),
            ],
            [[c.name, c.held, c.value, c.in_warehouse] for c in found.containers],
            currency=money,
        ),
        gap(4),
        heading(_("Trips per vehicle")),
        *data_table(
            [
                ReportColumn(_("Vehicle"), "code", width=30),
                ReportColumn(_("Trips"), "number", width=20),
                ReportColumn(_("Weight used %"), "number", width=26, places=1),
                ReportColumn(_("Cases used %"), "number", width=26, places=1),
            ],
            [[v.plate, v.trips, v.weight_used, v.cases_used] for v in found.vehicles],
            currency=money,
        ),
        gap(3),
        text(
            _(
                "Closed trips of the period, by their day. In full: stops delivered in full of all stops. On time: "
                "stops delivered no later than their orders' requested day, of the stops delivered."
            ),
            report_styles().small,
        ),
    ]


def write_deliveries_report(
    db: Database, actor: Actor, path: Path, start: date, end: date, progress: Progress | None = None
) -> Path:
    found = deliveries_summary(db, actor, start, end)
    header = header_for(db, actor, _("Deliveries"), period_text(start, end))
    return build_pdf(Path(path), header, deliveries_story(found, header), progress=progress)
