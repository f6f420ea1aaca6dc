"""Order processing time: how long orders took from being taken to confirmation, shipping, delivery
and the invoice — the median and the 90th percentile of each stage per day, week or rep, every order
of the period on the totals row — and the slowest orders with the stage they waited longest in.
Figures come from `processing.processing_time`; this module only writes the durations in words."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from bodesk.domain.access.actor import Actor
from bodesk.domain.sales.processing import (
    STAGE_LABELS,
    STAGES,
    WAIT_LABELS,
    GroupFigures,
    Grouping,
    ProcessingReport,
    processing_time,
)
from bodesk.i18n import N_, _
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
from bodesk.reports.sales_report import period_text
from bodesk.reports.tables import ReportColumn, data_table
from bodesk.store.engine import Database

MINUTE, HOUR, DAY = 60, 3600, 86400
GROUP_TITLES = {Grouping.DAY: N_("Day"), Grouping.WEEK: N_("Week"), Grouping.REP: N_("Sales rep")}


def duration_text(seconds: int | None) -> str:
    """A duration as a person reads it: "2 d 4 h", "3 h 20 min", "45 min" (blank for none)."""
    if seconds is None:
        return ""
    days, rest = divmod(seconds, DAY)
    hours, rest = divmod(rest, HOUR)
    minutes = rest // MINUTE
    if days:
        return _("{days} d {hours} h").format(days=days, hours=hours)
    if hours:
        return _("{hours} h {minutes} min").format(hours=hours, minutes=minutes)
    return _("{minutes} min").format(minutes=minutes)


def _figures(group: GroupFigures, grouping: Grouping) -> list[Any]:
    key: Any = group.key
    if grouping == Grouping.DAY:
        try:
            key = date.fromisoformat(group.key)
        except ValueError:  # the totals row: "All orders"
            key = group.key
    cells: list[Any] = [key, group.orders]
    for stage in STAGES:
        stat = group.stages[stage]
        cells += [duration_text(stat.median), duration_text(stat.p90)]
    return cells


def processing_story(report: ProcessingReport, header: ReportHeader) -> list[Any]:
    wide = body_width(landscape=True)
    grouping = Grouping(report.grouping)
    columns = [
        ReportColumn(_(GROUP_TITLES[grouping]), width=36),
        ReportColumn(_("Orders"), "number", width=16),
    ]
    for stage in STAGES:
        label = _(STAGE_LABELS[stage])
        columns += [
            ReportColumn(_("Median {stage}").format(stage=label), "number", width=26),
            ReportColumn(_("90% {stage}").format(stage=label), "number", width=26),
        ]
    slow_columns = [
        ReportColumn(_("Order"), "code", width=16),
        ReportColumn(_("Customer"), width=90),
        ReportColumn(_("Taken"), "date", width=30),
        ReportColumn(_("Took"), width=54),
        ReportColumn(_("Waited longest"), width=60),
    ]
    slow = [
        [
            str(order.number), order.customer, order.taken,
            f"{duration_text(order.seconds)} {_(STAGE_LABELS[order.reached])}", _(WAIT_LABELS[order.waited]),
        ]
        for order in report.slowest
    ]  # fmt: skip
    note = _(
        "Orders count in the period they were taken, whatever stage they reached; cancelled orders are left "
        "out. Each stage is measured from the moment the order was taken. Median: half the orders took "
        "less. 90%: nine orders in ten took less."
    )
    return [
        text(note, report_styles().small),
        gap(3),
        *data_table(
            columns,
            [_figures(group, grouping) for group in report.groups],
            totals=_figures(report.overall, grouping),
            width=wide,
        ),
        gap(6),
        heading(_("The slowest orders"), wide),
        *data_table(slow_columns, slow, currency=header.currency, width=wide),
    ]


def write_processing_time(
    db: Database,
    actor: Actor,
    path: Path,
    start: date,
    end: date,
    grouping: Grouping | str = Grouping.DAY,
    progress: Progress | None = None,
) -> Path:
    """Write the processing time of the orders taken in the period as a PDF at `path`."""
    report = processing_time(db, actor, start, end, Grouping(grouping))
    header = header_for(db, actor, _("Order processing time"), period_text(start, end))
    return build_pdf(Path(path), header, processing_story(report, header), landscape=True, progress=progress)
