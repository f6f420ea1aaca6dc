"""Receivables and payables aging: what each customer (supplier) still owes (is owed), by how long it is
overdue on a day — current (not yet due), 1–30, 31–60, 61–90 and over 90 days — and the totals.

The figures are what is open now (amount less paid less written off, the open items' own state); the
day (`as_of`, default today) only sets how many days each installment is overdue, so "as of next
Monday" shows what will be late by then. The total is the customers (suppliers) account's balance:
`bodesk check` proves the account equals the open items, and a test proves the report equals both.
One GROUP BY over the open items not settled (index ix_open_items_open_due), per partner.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import case, func, select, type_coerce
from sqlalchemy.orm import Session

from bodesk.domain.common.models import Money
from bodesk.domain.finance.document_models import OpenItem
from bodesk.domain.finance.reports.table import ZERO, Column, ColumnKind, FinReport, Line, Period, dec
from bodesk.domain.finance.states import Direction
from bodesk.domain.purchasing.models import Supplier
from bodesk.domain.sales.models import Customer
from bodesk.i18n import _, format_date

BUCKETS = (0, 30, 60, 90)  # the last day overdue of each bucket but the last


def _bucket_sums(as_of: date) -> list[Any]:
    left = OpenItem.amount - OpenItem.paid - OpenItem.written_off
    limits = [as_of - timedelta(days=days) for days in BUCKETS]  # due on or after: within the bucket
    sums = []
    for index, limit in enumerate(limits):
        condition = OpenItem.due_on >= limit
        if index:
            condition = condition & (OpenItem.due_on < limits[index - 1])
        sums.append(type_coerce(func.sum(case((condition, left), else_=0)), Money()))
    sums.append(type_coerce(func.sum(case((OpenItem.due_on < limits[-1], left), else_=0)), Money()))
    sums.append(type_coerce(func.sum(left), Money()))
    return sums


def aging_rows(session: Session, direction: Direction, as_of: date) -> list[tuple[int | None, list[Decimal]]]:
    """(partner id, [current, 1–30, 31–60, 61–90, over 90, total]) per partner with something open."""
    # coalesce: grouped by the partner's index, SQLite would read every installment ever written
    column = OpenItem.customer_id if direction is Direction.RECEIVABLE else OpenItem.supplier_id
    partner = func.coalesce(column, 0)
    rows = session.execute(
        select(partner, *_bucket_sums(as_of))
        .where(OpenItem.direction == direction.value, OpenItem.settled == False)  # noqa: E712 - = 0 uses ix_open_items_open_due
        .group_by(partner)
    )
    return [
        (found or None, [dec(value) for value in values]) for found, *values in rows if dec(values[-1]) != 0
    ]


def aging(session: Session, direction: Direction, period: Period) -> FinReport:
    as_of = period.as_of
    rows = aging_rows(session, direction, as_of)
    ids = [partner for partner, _values in rows if partner is not None]
    if direction is Direction.RECEIVABLE:
        names = dict(
            session.execute(
                select(Customer.id, func.trim(Customer.code + " " + Customer.name)).where(Customer.id.in_(ids))
            ).all()
        ) if ids else {}  # fmt: skip
        title, who = _("Receivables aging"), _("Customer")
    else:
        names = (
            dict(session.execute(select(Supplier.id, Supplier.name).where(Supplier.id.in_(ids))).all())
            if ids
            else {}
        )
        title, who = _("Payables aging"), _("Supplier")
    lines = sorted(
        (Line((names.get(partner or 0, "") or _("(no partner)"), *values)) for partner, values in rows),
        key=lambda line: str(line.values[0]).casefold(),
    )
    totals = [sum((line.values[index] for line in lines), ZERO) for index in range(1, 7)]
    lines.append(Line((_("Total"), *totals), bold=True))
    columns = (
        Column(who, ColumnKind.TEXT),
        Column(_("Current")),
        Column(_("1–30 days")),
        Column(_("31–60 days")),
        Column(_("61–90 days")),
        Column(_("Over 90 days")),
        Column(_("Total")),
    )
    return FinReport(
        "aging-receivables" if direction is Direction.RECEIVABLE else "aging-payables",
        title,
        _("Days overdue on {day}").format(day=format_date(as_of)),
        columns,
        lines,
        (_("What is open now, by the days each installment is overdue on the day shown."),),
        landscape=True,
    )
