"""Open items: the installments a posted invoice or bill leaves for a customer or a supplier.

`installment_plan` splits a total over the days of a payment term ("28/35/42": three installments due
28, 35 and 42 days after the document's day), the cents left by the split on the first installment, so
the installments add up to the total exactly. `write_items` writes them in the document's transaction.
What is still open of an item is amount − paid − written_off; `open_of` reads it for a partner.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal
from typing import cast

from sqlalchemy import Table, func, insert, select, type_coerce
from sqlalchemy.orm import Session

from bodesk.domain.common.models import Money
from bodesk.domain.common.postings import DocRef
from bodesk.domain.finance.document_models import OpenItem
from bodesk.domain.finance.states import Direction

ZERO = Decimal(0)
CENT = Decimal("0.01")
ITEMS = cast(Table, OpenItem.__table__)


@dataclass(frozen=True)
class Installment:
    due_on: date
    amount: Decimal


def installment_plan(total: Decimal, issued_on: date, days: Sequence[int]) -> list[Installment]:
    """`total` over the term's days (none: one installment due on the day); the first takes the cents
    the split leaves. A total of zero or less is one installment on the day."""
    days = list(days) or [0]
    if total <= ZERO or len(days) == 1:
        return [Installment(issued_on + timedelta(days=days[0]), total)]
    share = (total / len(days)).quantize(CENT, rounding=ROUND_DOWN)
    first = total - share * (len(days) - 1)
    return [
        Installment(issued_on + timedelta(days=day), first if n == 0 else share) for n, day in enumerate(days)
    ]


def write_items(
    session: Session,
    direction: Direction,
    document: DocRef,
    issued_on: date,
    plan: Sequence[Installment],
    customer_id: int | None = None,
    supplier_id: int | None = None,
    boletos: Sequence[str] = (),
) -> None:
    rows = [
        {
            "direction": direction.value,
            "customer_id": customer_id,
            "supplier_id": supplier_id,
            "doc_kind": document.kind,
            "doc_id": document.id,
            "doc_number": document.number,
            "installment": n,
            "installments": len(plan),
            "issued_on": issued_on,
            "due_on": item.due_on,
            "amount": item.amount,
            "paid": ZERO,
            "written_off": ZERO,
            "settled": item.amount == ZERO,
            "boleto": boletos[n - 1] if n - 1 < len(boletos) else "",
        }
        for n, item in enumerate(plan, start=1)
    ]
    if rows:
        session.execute(insert(ITEMS), rows)


def left_of(item: OpenItem) -> Decimal:
    return item.amount - item.paid - item.written_off


LEFT = OpenItem.amount - OpenItem.paid - OpenItem.written_off


def open_of(session: Session, direction: Direction, partner_id: int, until: date | None = None) -> Decimal:
    """What a customer (receivable) or supplier (payable) still owes or is owed, in all (or due by `until`)."""
    partner = OpenItem.customer_id if direction == Direction.RECEIVABLE else OpenItem.supplier_id
    stmt = select(type_coerce(func.coalesce(func.sum(LEFT), 0), Money())).where(
        OpenItem.direction == direction.value, partner == partner_id, OpenItem.settled.is_(False)
    )
    if until is not None:
        stmt = stmt.where(OpenItem.due_on <= until)
    return Decimal(session.execute(stmt).scalar_one())


def receivables_for_credit(
    session: Session, customer_id: int, today: date, tolerance_days: int
) -> tuple[Decimal, Decimal]:
    """What sales' credit check asks: the customer's open receivables, and what is overdue by more than
    the tolerance."""
    return (
        open_of(session, Direction.RECEIVABLE, customer_id),
        max(
            ZERO,
            open_of(session, Direction.RECEIVABLE, customer_id, today - timedelta(days=tolerance_days + 1)),
        ),
    )
