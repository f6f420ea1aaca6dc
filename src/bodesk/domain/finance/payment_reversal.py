"""Reversing a payment, a receipt or a write-off: the mirror of its entry on a day of its own, every
allocation turned around (the installments it settled open again), the credit it left closed, and the
payment marked reversed. A credit it left that a later payment already used is refused: reverse that
payment first.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.errors import NotFound, UserError, Validator
from bodesk.domain.finance.document_models import Allocation, OpenItem, Payment
from bodesk.domain.finance.journal import refuse_if_locked, reverse_entry
from bodesk.domain.finance.models import JournalEntry
from bodesk.domain.finance.payments import KIND, MAX_MEMO, lock_items, settle
from bodesk.domain.finance.permissions import PAYMENT, WRITE_OFF
from bodesk.domain.finance.states import PaymentMethod
from bodesk.i18n import _, format_date
from bodesk.store.engine import Database
from bodesk.store.locking import LOCK

ZERO = Decimal(0)


def reverse_payment(db: Database, actor: Actor, payment_id: int, day: date, reason: str) -> None:
    with db.write() as session:
        reverse_payment_in(session, actor, payment_id, day, reason)


def reverse_payment_in(session: Session, actor: Actor, payment_id: int, day: date, reason: str) -> None:
    payment = session.get(Payment, payment_id, with_for_update=LOCK)
    if payment is None:
        raise NotFound(_("That payment does not exist."), code="payment.not_found")
    write_off = payment.method == PaymentMethod.WRITE_OFF.value
    require(session, actor, WRITE_OFF if write_off else PAYMENT)
    text = reason.strip()
    check = Validator()
    check.check(bool(text), "reason", _("Say why the payment is reversed."))
    check.check(len(text) <= MAX_MEMO, "reason", _("A reason has at most {n} characters.").format(n=MAX_MEMO))
    check.check(
        day >= payment.day,
        "day",
        _("Reverse it on {day} or later: the payment was made that day.").format(
            day=format_date(payment.day)
        ),
    )
    check.raise_if_any()
    if payment.reversed:
        raise UserError(
            _("Payment {n} was already reversed.").format(n=payment.number), code="payment.already_reversed"
        )
    refuse_if_locked(session, day)
    net: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for item_id, amount in session.execute(
        select(Allocation.item_id, Allocation.amount).where(Allocation.payment_id == payment.id)
    ):
        net[item_id] += amount
    credit_ids = list(
        session.execute(
            select(OpenItem.id).where(OpenItem.doc_kind == KIND, OpenItem.doc_id == payment.id)
        ).scalars()
    )
    items = lock_items(session, [*net, *credit_ids])
    for item_id in credit_ids:
        credit = items[item_id]
        if credit.paid != ZERO or credit.written_off != ZERO:
            raise UserError(
                _(
                    "The credit payment {n} left was already used by a later payment: reverse that payment first."
                ).format(n=payment.number),
                code="payment.credit_used",
            )
    for item_id, amount in net.items():
        if amount != ZERO:
            settle(session, payment.id, items[item_id], -amount, write_off=write_off)
    for item_id in credit_ids:
        settle(session, payment.id, items[item_id], items[item_id].amount)
    memo = _("Reversal of payment {n}: {reason}").format(n=payment.number, reason=text)[:MAX_MEMO]
    entries = session.execute(
        select(JournalEntry.id, JournalEntry.reverses_id)
        .where(JournalEntry.doc_kind == KIND, JournalEntry.doc_id == payment.id)
        .order_by(JournalEntry.id)
    ).all()
    undone = {reverses for _id, reverses in entries if reverses is not None}
    for entry_id, reverses in entries:
        if reverses is None and entry_id not in undone:
            reverse_entry(session, actor, entry_id, day, memo)
    payment.reversed = True
    audit.record(
        session, actor, "payment.reverse", "payment", payment.number, new={"reversed": True}, reason=text
    )
