"""The sales reports as `bodesk report …` writes them: each takes its options as the person typed them
(order numbers, dates, a grouping, a rep's number or name), reads them through the domain and calls
the report's writer. The options themselves are declared in the sales manifest."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import UserError
from bodesk.domain.common.parsing import parse_date
from bodesk.domain.sales.print_data import orders_numbered, rep_named
from bodesk.i18n import _
from bodesk.store.engine import Database

DEFAULT_DAYS = 30  # without --from: the 30 days up to --to


FIRST_YEAR, LAST_YEAR = 1900, 2199  # a report's days lie between these years
MAX_ORDERS = 500  # --order numbers on one picking list
NUMBER = re.compile(r"#?[0-9]{1,15}")  # ASCII digits only, and no more than a database integer holds


def _day(flag: str, text: str | None, default: date) -> date:
    if not text:
        return default
    try:
        day = parse_date(text)
    except ValueError as exc:
        raise UserError(f"{flag}: {exc}", code="report.bad_date") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise UserError(
            _("{flag}: give a day between the years {first} and {last}.").format(
                flag=flag, first=FIRST_YEAR, last=LAST_YEAR
            ),
            code="report.bad_date",
        )
    return day


def period(options: dict[str, Any]) -> tuple[date, date]:
    """--from and --to as days (by default the 30 days up to today); refused when not dates."""
    end = _day("--to", options.get("to"), date.today())
    start = _day("--from", options.get("from"), end - timedelta(days=DEFAULT_DAYS - 1))
    return start, end


def _numbers(texts: Sequence[str] | None) -> list[int]:
    numbers = []
    for text in texts or ():
        for part in str(text).replace(",", " ").split():
            if not NUMBER.fullmatch(part):
                raise UserError(
                    _("--order takes an order's number: “{text}” is not one.").format(text=part[:40]),
                    code="report.bad_order",
                )
            numbers.append(int(part.lstrip("#")))
    if len(numbers) > MAX_ORDERS:
        raise UserError(
            _("Name at most {n} orders with --order on one picking list.").format(n=MAX_ORDERS),
            code="report.too_many_orders",
        )
    if not numbers:
        raise UserError(_("Name the order with --order NUMBER."), code="report.no_order")
    return numbers


def picking_list(db: Database, actor: Actor, path: Path, order: Sequence[str] | None = None) -> Path:
    from bodesk.reports.sales_picking import write_picking_list

    return write_picking_list(db, actor, orders_numbered(db, actor, _numbers(order)), path)


def sales_order(db: Database, actor: Actor, path: Path, order: Sequence[str] | None = None) -> Path:
    from bodesk.reports.sales_order import write_sales_order

    numbers = _numbers(order)
    if len(numbers) > 1:
        raise UserError(_("A quote or an order is one PDF: name one --order."), code="report.one_order")
    return write_sales_order(db, actor, orders_numbered(db, actor, numbers)[0], path)


def sales(db: Database, actor: Actor, path: Path, **options: Any) -> Path:
    from bodesk.reports.sales_report import write_sales_report

    start, end = period(options)
    return write_sales_report(db, actor, path, start, end, options.get("by") or "product")


def processing_time(db: Database, actor: Actor, path: Path, **options: Any) -> Path:
    from bodesk.reports.sales_processing import write_processing_time

    start, end = period(options)
    return write_processing_time(db, actor, path, start, end, options.get("by") or "day")


def commissions(db: Database, actor: Actor, path: Path, **options: Any) -> Path:
    from bodesk.reports.sales_commissions import write_commission_statement

    if not options.get("rep"):
        raise UserError(_("Name the sales rep with --rep (their number or name)."), code="report.no_rep")
    start, end = period(options)
    return write_commission_statement(db, actor, path, rep_named(db, actor, options["rep"]), start, end)
