"""Writing off what a customer will not pay: bad debts Dr, customers Cr, for what is left of each
installment chosen, with a reason, by someone allowed to (WRITE_OFF).

A write-off is a payment of method "write_off" (one per customer), its account the bad debts account,
its amount what it wrote off; its allocations raise the items' `written_off`. Reversing it
(`reverse_payment`) reopens the items.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.errors import ValidationError, Validator
from bodesk.domain.common.numbering import next_number
from bodesk.domain.common.postings import DocRef
from bodesk.domain.finance.chart import AccountRole, account_of
from bodesk.domain.finance.document_models import OpenItem, Payment
from bodesk.domain.finance.items import left_of
from bodesk.domain.finance.journal import LineDraft, post_entry, refuse_if_locked
from bodesk.domain.finance.payments import KIND, MAX_MEMO, SERIES, lock_items, settle
from bodesk.domain.finance.permissions import WRITE_OFF
from bodesk.domain.finance.states import Direction, PaymentMethod
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.store.types import utcnow

ZERO = Decimal(0)


def write_off(db: Database, actor: Actor, item_ids: Sequence[int], day: date, reason: str) -> list[int]:
    """Write off what is left of the customers' installments `item_ids`; returns the write-offs' ids
    (one per customer)."""
    with db.write() as session:
        return write_off_in(session, actor, item_ids, day, reason)


def write_off_in(
    session: Session, actor: Actor, item_ids: Sequence[int], day: date, reason: str
) -> list[int]:
    require(session, actor, WRITE_OFF)
    text = reason.strip()
    check = Validator()
    check.check(bool(text), "reason", _("Say why it is written off."))
    check.check(len(text) <= MAX_MEMO, "reason", _("A reason has at most {n} characters.").format(n=MAX_MEMO))
    check.check(bool(item_ids), "items", _("Choose the installments to write off."))
    check.raise_if_any()
    refuse_if_locked(session, day)
    items = lock_items(session, item_ids)
    by_customer: dict[int, list[OpenItem]] = defaultdict(list)
    for item_id in dict.fromkeys(item_ids):
        item = items.get(item_id)
        if item is None or item.direction != Direction.RECEIVABLE.value or item.customer_id is None:
            check.add("items", _("Only installments customers owe can be written off."))
        elif item.settled or left_of(item) <= ZERO:
            check.add(
                "items",
                _("Installment {k} of document {n} has nothing left to write off: leave it out.").format(
                    k=item.installment, n=item.doc_number
                ),
            )
        else:
            by_customer[item.customer_id].append(item)
    check.raise_if_any()
    bad_debts = account_of(session, AccountRole.BAD_DEBTS)
    receivables = account_of(session, AccountRole.RECEIVABLES)
    made = []
    for customer_id, owed in sorted(by_customer.items()):
        amounts = [(item, left_of(item)) for item in owed]
        total = sum((amount for _item, amount in amounts), ZERO)
        number = next_number(session, SERIES)
        payment = Payment(
            number=number,
            direction=Direction.RECEIVABLE.value,
            customer_id=customer_id,
            supplier_id=None,
            day=day,
            method=PaymentMethod.WRITE_OFF.value,
            account_id=bad_debts,
            amount=total,
            memo=text,
            reversed=False,
            at=utcnow(),
            user_id=actor.user_id,
        )
        session.add(payment)
        session.flush()
        for item, amount in amounts:
            settle(session, payment.id, item, amount, write_off=True)
        lines = [LineDraft(bad_debts, debit=total)] + [
            LineDraft(receivables, credit=amount, customer_id=customer_id) for _item, amount in amounts
        ]
        memo = _("Written off: {reason}").format(reason=text)[:MAX_MEMO]
        post_entry(session, actor, day, lines, memo, DocRef(KIND, payment.id, number))
        audit.record(
            session,
            actor,
            "payment.write_off",
            "payment",
            number,
            new={"amount": total, "installments": len(amounts)},
            reason=text,
        )
        made.append(payment.id)
    if not made:
        raise ValidationError.single("items", _("Choose the installments to write off."))
    return made
