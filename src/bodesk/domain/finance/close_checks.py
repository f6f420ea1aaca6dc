"""Period close: what is still open before a month is locked.

A registry of close checks — `register_close_check(name, label, check)`, each `check(session, month_end)`
returning one sentence per thing still open on or before `month_end` — that modules fill: finance
registers receipts not yet billed, shipped orders not invoiced and entries that do not balance; banking
(unreconciled bank lines) and deliveries (trips not settled) register theirs from their own manifests.
`close_checklist(db, actor, month)` runs them all for the month and returns each with its count; the
Periods view shows it before `books.lock_books` and asks when something is open. Nothing here refuses
the lock: closing with something open is the person's decision, taken knowingly.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, or_, select, type_coerce
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.banking.queries import unreconciled_lines
from bodesk.domain.common.errors import ConfirmableWarning
from bodesk.domain.common.listing import day_start
from bodesk.domain.common.models import Money
from bodesk.domain.deliveries.states import TripStatus
from bodesk.domain.deliveries.trip_models import Trip
from bodesk.domain.finance.journal import lock_date
from bodesk.domain.finance.models import JournalEntry, JournalLine
from bodesk.domain.finance.permissions import FINANCE_VIEW
from bodesk.domain.purchasing.models import Receipt
from bodesk.domain.sales.order_models import SalesOrder
from bodesk.domain.sales.states import OrderStatus
from bodesk.i18n import N_, _, format_date
from bodesk.store.engine import Database

SHOWN = 20  # the most sentences a check's item keeps to show
# one sentence per thing open, or just how many (banking's `unreconciled_lines(session, until) -> int`)
CloseCheck = Callable[[Session, date], list[str] | int]


@dataclass(frozen=True)
class CloseCheckSpec:
    name: str
    label: str  # N_
    check: CloseCheck


@dataclass(frozen=True)
class CloseItem:
    name: str
    label: str  # translated
    count: int
    details: tuple[str, ...]  # at most SHOWN

    @property
    def ok(self) -> bool:
        return self.count == 0


_checks: dict[str, CloseCheckSpec] = {}


def register_close_check(name: str, label: str, check: CloseCheck) -> None:
    """Add (or replace, by name) a check the close checklist runs; `label` is an N_ sentence."""
    _checks[name] = CloseCheckSpec(name, label, check)


def close_checks() -> list[CloseCheckSpec]:
    return list(_checks.values())


def close_checklist(db: Database, actor: Actor, last: date) -> list[CloseItem]:
    """Every registered check of what is open on or before `last` (usually a month's last day), in the
    order registered."""
    with db.read() as session:
        require(session, actor, FINANCE_VIEW)
        found = []
        for spec in _checks.values():
            result = spec.check(session, last)
            if isinstance(result, int):
                found.append(CloseItem(spec.name, _(spec.label), result, ()))
            else:
                found.append(CloseItem(spec.name, _(spec.label), len(result), tuple(result[:SHOWN])))
        return found


# --- finance's own checks ---------------------------------------------------------------------------


def receipts_not_billed(session: Session, last: date) -> list[str]:
    until = day_start(last + timedelta(days=1))
    return [
        _("Receipt {n}: its supplier's bill is not entered.").format(n=number)
        for (number,) in session.execute(
            select(Receipt.number)
            .where(Receipt.billed.is_(False), Receipt.received_at < until)
            .order_by(Receipt.number)
        )
    ]


def orders_not_invoiced(session: Session, last: date) -> list[str]:
    until = day_start(last + timedelta(days=1))
    return [
        _("Sales order {n}: shipped, not invoiced.").format(n=number)
        for (number,) in session.execute(
            select(SalesOrder.number)
            .where(
                SalesOrder.status.in_((OrderStatus.SHIPPED.value, OrderStatus.DELIVERED.value)),
                SalesOrder.shipped_at < until,
            )
            .order_by(SalesOrder.number)
        )
    ]


def entries_not_balanced(session: Session, last: date) -> list[str]:
    """Entries of the days not yet locked up to `last` (the locked ones were checked when locked)."""
    locked = lock_date(session)
    debit = type_coerce(func.sum(JournalLine.debit), Money())
    credit = type_coerce(func.sum(JournalLine.credit), Money())
    return [
        _("Journal entry {n} does not balance.").format(n=number)
        for (number,) in session.execute(
            select(JournalEntry.number)
            .join(JournalLine, JournalLine.entry_id == JournalEntry.id)
            .where(JournalEntry.day <= last, JournalEntry.day > (locked or date.min))
            .group_by(JournalEntry.id, JournalEntry.number, JournalEntry.total)
            .having(or_(debit != credit, debit != JournalEntry.total))
        )
    ]


register_close_check("finance.receipts_not_billed", N_("Receipts not yet billed"), receipts_not_billed)
register_close_check("finance.orders_not_invoiced", N_("Shipped orders not invoiced"), orders_not_invoiced)
register_close_check("finance.unbalanced", N_("Journal entries that do not balance"), entries_not_balanced)


CLOSE_WITH_OPEN = "close_with_open"


def close_period(
    db: Database, actor: Actor, until: date, confirmed: Collection[str] = (), today: date | None = None
) -> None:
    """Lock the books up to `until` (`books.lock_books`) after the checklist of `until`'s month: when
    something is open, a ConfirmableWarning names it, and the lock is done once CLOSE_WITH_OPEN is
    confirmed."""
    from bodesk.domain.finance.books import lock_books

    if CLOSE_WITH_OPEN not in confirmed:
        open_items = [item for item in close_checklist(db, actor, until) if not item.ok]
        if open_items:
            listed = "; ".join(f"{item.label}: {item.count}" for item in open_items)
            raise ConfirmableWarning(
                CLOSE_WITH_OPEN,
                _("Still open up to {day}: {items}. Close the books anyway?").format(
                    day=format_date(until), items=listed
                ),
            )
    lock_books(db, actor, until, today)
    from bodesk.domain.finance.reports.month_sums import refresh_month_sums

    with db.write() as session:  # the newly closed months' sums, for the reports
        refresh_month_sums(session)


register_close_check("banking.unreconciled", N_("Bank lines not reconciled"), unreconciled_lines)


def trips_not_settled(session: Session, last: date) -> int:
    """Trips of the period still on the road (their goods and money not yet in the books)."""
    return int(
        session.execute(
            select(func.count(Trip.id)).where(Trip.status == TripStatus.ON_ROAD.value, Trip.day <= last)
        ).scalar_one()
    )


register_close_check("deliveries.on_road", N_("Trips not settled"), trips_not_settled)
