"""A customer's credit meets their next invoice: money received before the invoice (collected at the
door by a truck, an advance, an overpayment kept as credit) settles the new invoice's installments
when it is posted, first due first, through a payment that moves no money — in the posting's own
transaction. The books do not change (both sides are the customers account); the installments do.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.numbering import next_number
from bodesk.domain.common.postings import DocRef, describe
from bodesk.domain.finance.chart import AccountRole, account_of
from bodesk.domain.finance.document_models import Allocation, OpenItem, Payment
from bodesk.domain.finance.items import LEFT
from bodesk.domain.finance.payments import SERIES as PAYMENT_SERIES
from bodesk.domain.finance.states import Direction, PaymentMethod
from bodesk.i18n import _
from bodesk.store.locking import LOCK
from bodesk.store.types import utcnow

ZERO = Decimal(0)
ALLOCATIONS = cast(Table, Allocation.__table__)


def _left(item: OpenItem) -> Decimal:
    return item.amount - item.paid - item.written_off


def apply_credits_in(session: Session, actor: Actor, customer_id: int, document: DocRef) -> Decimal:
    """Settle what is open of `document`'s installments with the customer's credits; returns the amount."""
    credits = list(
        session.execute(
            select(OpenItem)
            .where(
                OpenItem.direction == Direction.RECEIVABLE.value,
                OpenItem.customer_id == customer_id,
                OpenItem.settled.is_(False),
                LEFT < 0,
            )
            .order_by(OpenItem.issued_on, OpenItem.id)
            .with_for_update(**LOCK)
        ).scalars()
    )
    if not credits:
        return ZERO
    owed = list(
        session.execute(
            select(OpenItem)
            .where(
                OpenItem.doc_kind == document.kind,
                OpenItem.doc_id == document.id,
                OpenItem.settled.is_(False),
                LEFT > 0,
            )
            .order_by(OpenItem.due_on, OpenItem.installment)
            .with_for_update(**LOCK)
        ).scalars()
    )
    moves: dict[int, Decimal] = {}
    items = {item.id: item for item in [*credits, *owed]}
    applied = ZERO
    for credit in credits:
        available = -_left(credit)
        for item in owed:
            share = min(_left(item) - moves.get(item.id, ZERO), available)
            if share <= ZERO:
                continue
            moves[item.id] = moves.get(item.id, ZERO) + share
            moves[credit.id] = moves.get(credit.id, ZERO) - share
            available -= share
            applied += share
            if available <= ZERO:
                break
    if applied <= ZERO:
        return ZERO
    memo = _("Credit used on {document}").format(document=describe(document.kind, document.number))
    settle_with_credit(
        session,
        actor,
        customer_id,
        [(items[key], value) for key, value in moves.items()],
        owed[0].issued_on,
        memo,
    )
    return applied


def settle_with_credit(
    session: Session,
    actor: Actor,
    customer_id: int,
    moves: Sequence[tuple[OpenItem, Decimal]],
    day: date,
    memo: str,
) -> None:
    """Write the payment that moves no money: each installment settled by what it receives (positive)
    and each credit used (negative), which add up to zero; the items' paid sums follow."""
    payment = Payment(
        number=next_number(session, PAYMENT_SERIES),  # the payments' own series
        direction=Direction.RECEIVABLE.value,
        customer_id=customer_id,
        day=day,
        method=PaymentMethod.CREDIT.value,
        account_id=account_of(session, AccountRole.RECEIVABLES),
        amount=ZERO,
        memo=memo[:200],
        at=utcnow(),
        user_id=actor.user_id,
    )
    session.add(payment)
    session.flush()
    session.execute(
        insert(ALLOCATIONS),
        [{"payment_id": payment.id, "item_id": item.id, "amount": value} for item, value in moves],
    )
    for item, value in moves:
        item.paid += value
        item.settled = _left(item) == ZERO
