"""Recurring payables: what the company owes each month without a bill to enter (rent, energy, phone,
salaries until staff exists), kept as templates, and the month's charges generated from them.

`generate_recurring(db, actor, month)` writes, for each active template not yet generated for the month,
one charge (numbered in the series "recurring") with its payable installment due on the template's day
and its entry on the month's first day: the expense Dr / suppliers Cr, with the supplier. Generating a
month again writes nothing (idempotent: the last month generated and a unique charge per template and
month); a locked month is refused (nothing changed). Paying a charge is paying any supplier installment.
The templates not yet generated feed the projected cash flow (`scheduled_payables`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.errors import NotFound, Validator
from bodesk.domain.common.money import round_money
from bodesk.domain.common.numbering import next_number
from bodesk.domain.common.postings import DocRef
from bodesk.domain.finance.books import CONTROL_ROLES
from bodesk.domain.finance.chart import AccountRole, account_of
from bodesk.domain.finance.items import Installment, write_items
from bodesk.domain.finance.journal import LineDraft, post_entry, refuse_if_locked
from bodesk.domain.finance.models import Account
from bodesk.domain.finance.permissions import BILL
from bodesk.domain.finance.recurring_models import RecurringCharge, RecurringPayable
from bodesk.domain.finance.reports.cash_flow import register_scheduled_payables
from bodesk.domain.finance.reports.table import month_start, months_between
from bodesk.domain.finance.states import AccountKind, Direction
from bodesk.domain.purchasing.models import Supplier
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.store.types import utcnow

SERIES = "recurring"
LAST_DAY = 28  # every month has it
MAX_AMOUNT = Decimal("10000000")


@dataclass(frozen=True)
class RecurringData:
    supplier_id: int | None
    description: str
    account_id: int | None
    amount: Decimal | None
    day: int
    active: bool = True


def _clean(session: Session, data: RecurringData) -> RecurringData:
    check = Validator()
    description = " ".join(data.description.split())
    if not description:
        check.add("description", _("Say what it is (rent, energy, salaries)."))
    elif len(description) > 120:
        check.add("description", _("Keep the description within 120 characters."))
    if data.supplier_id is None or session.get(Supplier, data.supplier_id) is None:
        check.add("supplier", _("Choose the supplier who is paid."))
    account = session.get(Account, data.account_id) if data.account_id else None
    controls = {role.value for role in CONTROL_ROLES}
    if account is None or not account.postable or not account.active or account.kind != AccountKind.EXPENSE:
        check.add("account", _("Choose an active expense account that takes postings."))
    elif account.role in controls:
        check.add("account", _("Choose an expense account, not a control account."))
    if data.amount is None or data.amount <= 0:
        check.add("amount", _("Give an amount above zero."))
    elif data.amount > MAX_AMOUNT:
        check.add("amount", _("Give an amount of at most 10,000,000.00."))
    if not 1 <= data.day <= LAST_DAY:
        check.add("day", _("Choose a day of the month from 1 to {last}.").format(last=LAST_DAY))
    check.raise_if_any()
    return RecurringData(
        data.supplier_id,
        description,
        data.account_id,
        round_money(data.amount or Decimal(0)),
        data.day,
        data.active,
    )


def _fields(row: RecurringPayable) -> dict[str, object]:
    return {
        "supplier": row.supplier_id,
        "description": row.description,
        "account": row.account_id,
        "amount": str(row.amount),
        "day": row.day,
        "active": row.active,
    }


def add_recurring(db: Database, actor: Actor, data: RecurringData) -> int:
    with db.write() as session:
        require(session, actor, BILL)
        clean = _clean(session, data)
        row = RecurringPayable(
            supplier_id=clean.supplier_id, description=clean.description, account_id=clean.account_id,
            amount=clean.amount or Decimal(0), day=clean.day, active=clean.active, created_at=utcnow(),
        )  # fmt: skip
        session.add(row)
        session.flush()
        audit.record(session, actor, "recurring.add", "recurring_payable", row.id, new=_fields(row))
        return row.id


def update_recurring(db: Database, actor: Actor, recurring_id: int, data: RecurringData) -> None:
    """Change a template: the months already generated keep what they were."""
    with db.write() as session:
        require(session, actor, BILL)
        row = session.get(RecurringPayable, recurring_id)
        if row is None:
            raise NotFound(
                _("This recurring payable no longer exists: refresh the list."), code="recurring.not_found"
            )
        clean = _clean(session, data)
        old = _fields(row)
        assert clean.supplier_id is not None and clean.account_id is not None  # _clean refused them
        row.supplier_id = clean.supplier_id
        row.account_id = clean.account_id
        row.description, row.amount, row.day, row.active = (
            clean.description,
            clean.amount or Decimal(0),
            clean.day,
            clean.active,
        )
        audit.record(
            session, actor, "recurring.update", "recurring_payable", row.id, old=old, new=_fields(row)
        )


def generate_in(session: Session, actor: Actor, month: date) -> list[int]:
    """The charges of `month` for every active template not yet generated for it; their ids."""
    first = month_start(month)
    refuse_if_locked(session, first)
    payables = account_of(session, AccountRole.PAYABLES)
    rows = session.execute(
        select(RecurringPayable)
        .where(
            RecurringPayable.active.is_(True),
            or_(RecurringPayable.last_month.is_(None), RecurringPayable.last_month < first),
        )
        .order_by(RecurringPayable.id)
    ).scalars()
    made = []
    for row in rows:
        number = next_number(session, SERIES)
        due = first.replace(day=row.day)
        charge = RecurringCharge(
            number=number, recurring_id=row.id, month=first, due_on=due, amount=row.amount,
            at=utcnow(), user_id=actor.user_id,
        )  # fmt: skip
        session.add(charge)
        session.flush()
        document = DocRef(SERIES, charge.id, number)
        write_items(
            session,
            Direction.PAYABLE,
            document,
            first,
            [Installment(due, row.amount)],
            supplier_id=row.supplier_id,
        )
        lines = [
            LineDraft(row.account_id, debit=row.amount),
            LineDraft(payables, credit=row.amount, supplier_id=row.supplier_id),
        ]
        post_entry(session, actor, first, lines, row.description, document)
        row.last_month = first
        made.append(charge.id)
    return made


def generate_recurring(db: Database, actor: Actor, month: date) -> int:
    """Generate `month`'s recurring payables (once: again writes nothing); returns how many were written."""
    with db.write() as session:
        require(session, actor, BILL)
        made = generate_in(session, actor, month)
        if made:
            audit.record(
                session, actor, "recurring.generate", "recurring_payable", 0,
                new={"month": month_start(month).isoformat(), "charges": len(made)},
            )  # fmt: skip
        return len(made)


def scheduled_payables(session: Session, first: date, end: date) -> dict[date, Decimal]:
    """What the active templates will charge in each month from `first`'s to `end`'s not yet generated."""
    found: dict[date, Decimal] = {}
    rows = session.execute(
        select(RecurringPayable.amount, RecurringPayable.last_month).where(RecurringPayable.active.is_(True))
    ).all()
    for month in months_between(first, end):
        total = sum((amount for amount, last in rows if last is None or last < month), Decimal(0))
        if total:
            found[month] = total
    return found


def recurring_list(db: Database, actor: Actor) -> list[tuple[RecurringPayable, str, str]]:
    """Every template with its supplier's and account's names (a company has tens of them, not more)."""
    from bodesk.domain.finance.chart import account_name
    from bodesk.domain.finance.permissions import FINANCE_VIEW

    with db.read() as session:
        require(session, actor, FINANCE_VIEW)
        rows = session.execute(
            select(RecurringPayable, Supplier.name, Account.code, Account.name, Account.name_en)
            .join(Supplier, Supplier.id == RecurringPayable.supplier_id)
            .join(Account, Account.id == RecurringPayable.account_id)
            .order_by(func.lower(RecurringPayable.description))
        ).all()
        session.expunge_all()
        return [
            (row, supplier, f"{code} {account_name(name, name_en)}")
            for row, supplier, code, name, name_en in rows
        ]


register_scheduled_payables(scheduled_payables)
