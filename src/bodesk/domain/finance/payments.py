"""Payments and receipts: money from a customer or to a supplier, and the open items it settles.

Decisions:
- What a payment settles (Σ allocations) = money + discount − interest − what is left as a credit.
  Allocations not given go to the partner's open items, oldest due first (credits the partner holds are
  used only when named). Money beyond what it settles is refused unless the person says what to do:
  `excess="credit"` leaves it with the partner as a credit (a negative open item of doc kind "payment",
  posted to the customers (or suppliers) account itself, so the control accounts still equal their
  open items), `excess="interest"` takes it as interest.
- Receipt: bank/cash Dr money − bank fees (the bank nets its fee), bank fees Dr fees, discounts given
  Dr discount, customers Cr what it settles and the credit, interest earned Cr interest. A supplier
  payment mirrors it: suppliers Dr what it settles and the advance, interest paid Dr interest, bank/cash
  Cr money + bank fees, bank fees Dr fees, discounts taken Cr discount.
- Items are locked (FOR NO KEY UPDATE, by id) before they are read; `paid` is raised and `settled` set
  in the payment's own transaction. A reversal (`payment_reversal.py`) turns every allocation around.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.errors import NotFound, UserError, ValidationError, Validator
from bodesk.domain.common.figures import money_text
from bodesk.domain.common.money import AMOUNT_RULE, round_money
from bodesk.domain.common.numbering import next_number
from bodesk.domain.common.postings import DocRef
from bodesk.domain.finance.chart import AccountRole, account_of
from bodesk.domain.finance.document_models import Allocation, OpenItem, Payment
from bodesk.domain.finance.items import Installment, left_of, write_items
from bodesk.domain.finance.journal import LineDraft, post_entry, refuse_if_locked
from bodesk.domain.finance.models import Account
from bodesk.domain.finance.permissions import PAYMENT
from bodesk.domain.finance.states import Direction, PaymentMethod
from bodesk.domain.purchasing.models import Supplier
from bodesk.domain.sales.models import Customer
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.store.locking import LOCK
from bodesk.store.types import utcnow

ZERO = Decimal(0)
SERIES = "payment"
KIND = "payment"
MAX_MEMO = 200
ALLOCATIONS = cast(Table, Allocation.__table__)
EXCESS_CHOICES = ("credit", "interest")


class ExcessRefused(UserError):
    code = "payment.excess"


class ShortPayment(UserError):
    code = "payment.short"


@dataclass(frozen=True)
class PaymentInput:
    direction: Direction
    partner_id: int  # a customer (receivable) or a supplier (payable)
    day: date
    method: PaymentMethod
    amount: Decimal  # the money received or paid
    allocations: Sequence[tuple[int, Decimal]] = ()  # (open item id, amount); none: oldest due first
    account_id: int | None = None  # cash or bank; None: the cash account for cash, the bank for the rest
    discount: Decimal = ZERO
    interest: Decimal = ZERO  # interest and late fees
    fees: Decimal = ZERO  # bank fees
    cheque_bank: str = ""
    cheque_number: str = ""
    cheque_date: date | None = None
    memo: str = ""
    excess: str | None = None  # "credit" or "interest": what to do with money beyond what it settles


def partner_columns(direction: Direction, partner_id: int) -> dict[str, int | None]:
    if direction == Direction.RECEIVABLE:
        return {"customer_id": partner_id, "supplier_id": None}
    return {"customer_id": None, "supplier_id": partner_id}


def partner_of(item: OpenItem) -> int | None:
    return item.customer_id if item.direction == Direction.RECEIVABLE else item.supplier_id


def lock_items(session: Session, ids: Sequence[int]) -> dict[int, OpenItem]:
    """The open items `ids`, locked in id order (FOR NO KEY UPDATE on PostgreSQL)."""
    if not ids:
        return {}
    rows = session.execute(
        select(OpenItem)
        .where(OpenItem.id.in_(sorted(set(ids))))
        .order_by(OpenItem.id)
        .with_for_update(**LOCK)
    ).scalars()
    return {item.id: item for item in rows}


def open_items_of(session: Session, direction: Direction, partner_id: int) -> list[OpenItem]:
    """The partner's unsettled items owed (amount above zero), oldest due first, locked."""
    partner = OpenItem.customer_id if direction == Direction.RECEIVABLE else OpenItem.supplier_id
    ids = session.execute(
        select(OpenItem.id).where(
            OpenItem.direction == direction.value,
            OpenItem.settled.is_(False),
            partner == partner_id,
            OpenItem.amount > 0,
        )
    ).scalars()
    items = lock_items(session, list(ids))
    return sorted(items.values(), key=lambda item: (item.due_on, item.id))


def settle(
    session: Session, payment_id: int, item: OpenItem, amount: Decimal, write_off: bool = False
) -> None:
    """Allocate `amount` of a payment to `item` (negative: turn an allocation around)."""
    if write_off:
        item.written_off += amount
    else:
        item.paid += amount
    item.settled = left_of(item) == ZERO
    session.execute(insert(ALLOCATIONS).values(payment_id=payment_id, item_id=item.id, amount=amount))


def _money(value: Decimal) -> bool:
    return value >= ZERO and round_money(value) == value


def _validate(session: Session, data: PaymentInput) -> None:
    check = Validator()
    for name, value in (
        ("amount", data.amount),
        ("discount", data.discount),
        ("interest", data.interest),
        ("fees", data.fees),
    ):
        too_large = AMOUNT_RULE.problem(value)
        if too_large:
            check.add(name, too_large)
            continue
        check.check(_money(value), name, _("Enter an amount of zero or more, with at most 2 decimals."))
    check.check(
        data.method != PaymentMethod.WRITE_OFF,
        "method",
        _("Write off what a customer will not pay with Write off…, not as a payment."),
    )
    if data.method == PaymentMethod.CHEQUE:
        check.check(bool(data.cheque_bank.strip()), "cheque_bank", _("Enter the cheque's bank."))
        check.check(bool(data.cheque_number.strip()), "cheque_number", _("Enter the cheque's number."))
        check.check(data.cheque_date is not None, "cheque_date", _("Enter the cheque's date."))
    check.check(
        len(data.memo) <= MAX_MEMO, "memo", _("A memo has at most {n} characters.").format(n=MAX_MEMO)
    )
    check.check(
        data.excess is None or data.excess in EXCESS_CHOICES,
        "excess",
        _("Choose to keep the difference as the partner's credit or to take it as interest."),
    )
    for _item_id, amount in data.allocations:
        check.check(
            AMOUNT_RULE.problem(amount) is None and round_money(amount) == amount and amount != ZERO,
            "allocations",
            _("Enter each installment's amount, not zero, with at most 2 decimals."),
        )
    if data.account_id is not None:
        check.check(
            is_money_account(session, data.account_id),
            "account",
            _("Choose a cash or bank account for the money."),
        )
    check.raise_if_any()
    partner = Customer if data.direction == Direction.RECEIVABLE else Supplier
    if session.get(partner, data.partner_id) is None:
        raise NotFound(_("That customer or supplier does not exist."), code="payment.partner_not_found")


MONEY_ROLES = (AccountRole.CASH.value, AccountRole.BANK.value, AccountRole.CLEARING.value)


def is_money_account(session: Session, account_id: int) -> bool:
    roots = [
        code
        for (code,) in session.execute(
            select(Account.code).where(Account.role.in_([AccountRole.CASH.value, AccountRole.BANK.value]))
        )
    ]
    row = session.execute(
        select(Account.code, Account.role, Account.postable, Account.active).where(Account.id == account_id)
    ).one_or_none()
    if row is None or not row.postable or not row.active:
        return False
    return row.role in MONEY_ROLES or any(row.code.startswith(root + ".") for root in roots)


def money_account(session: Session, method: PaymentMethod, account_id: int | None) -> int:
    if account_id is not None:
        return account_id
    return account_of(session, AccountRole.CASH if method == PaymentMethod.CASH else AccountRole.BANK)


def _allocations(session: Session, data: PaymentInput, available: Decimal) -> list[tuple[OpenItem, Decimal]]:
    """The items the payment settles and how much of each, locked and checked."""
    if not data.allocations:
        found = []
        for item in open_items_of(session, data.direction, data.partner_id):
            if available <= ZERO:
                break
            share = min(left_of(item), available)
            found.append((item, share))
            available -= share
        return found
    items = lock_items(session, [item_id for item_id, _amount in data.allocations])
    check = Validator()
    chosen: list[tuple[OpenItem, Decimal]] = []
    taking: dict[int, Decimal] = {}
    for item_id, amount in data.allocations:
        given = items.get(item_id)
        if given is None or given.direction != data.direction.value or partner_of(given) != data.partner_id:
            check.add(
                "allocations",
                _("An installment chosen is not one this customer or supplier owes or is owed."),
            )
            continue
        item = given
        if item.settled:
            check.add(
                "allocations",
                _("Installment {k} of document {n} is already settled: leave it out.").format(
                    k=item.installment, n=item.doc_number
                ),
            )
            continue
        left = left_of(item) - taking.get(item.id, ZERO)
        # an item owed takes up to what is left of it; a credit held (negative) is used up to all of it
        if (left > ZERO and not ZERO < amount <= left) or (left < ZERO and not left <= amount < ZERO):
            check.add(
                "allocations",
                _("Installment {k} of document {n} has {left} open: allocate no more than that.").format(
                    k=item.installment, n=item.doc_number, left=money_text(left)
                ),
            )
            continue
        taking[item.id] = taking.get(item.id, ZERO) + amount
        chosen.append((item, amount))
    check.raise_if_any()
    return chosen


def register_payment(db: Database, actor: Actor, data: PaymentInput) -> int:
    """Register money received from a customer or paid to a supplier; returns the payment's id."""
    with db.write() as session:
        return register_payment_in(session, actor, data)


def register_payment_in(session: Session, actor: Actor, data: PaymentInput) -> int:
    require(session, actor, PAYMENT)
    return record_payment_in(session, actor, data)


def record_payment_in(session: Session, actor: Actor, data: PaymentInput) -> int:
    """The payment, without asking for the payment permission: for money another permitted event
    brings in (a trip's collections, posted when whoever may close the trip closes it)."""
    _validate(session, data)
    refuse_if_locked(session, data.day)
    receipt = data.direction == Direction.RECEIVABLE
    account_id = money_account(session, data.method, data.account_id)
    available = data.amount + data.discount - data.interest
    if available < ZERO:
        raise ShortPayment(
            _(
                "The interest ({interest}) is more than the money and the discount: enter less interest."
            ).format(interest=money_text(data.interest))
        )
    if receipt and data.fees > data.amount:
        raise ShortPayment(
            _(
                "The bank fees ({fees}) are more than the money received: enter the fees the bank took."
            ).format(fees=money_text(data.fees))
        )
    allocations = _allocations(session, data, available)
    settled = sum((amount for _item, amount in allocations), ZERO)
    excess = available - settled
    interest, credit = data.interest, ZERO
    if excess < ZERO:
        raise ShortPayment(
            _(
                "The installments chosen take {settled}, but the money, discount and interest cover only "
                "{available}: allocate {short} less or enter more money."
            ).format(settled=money_text(settled), available=money_text(available), short=money_text(-excess))
        )
    if excess > ZERO:
        if data.excess is None:
            raise ExcessRefused(
                _(
                    "The money is {excess} more than what it settles: choose to keep it as a credit of the "
                    "customer or supplier, or to take it as interest."
                ).format(excess=money_text(excess))
            )
        if data.excess == "credit":
            credit = excess
        else:
            interest += excess
    if data.amount == ZERO and not allocations:
        raise ValidationError.single("amount", _("Enter the money received or paid."))
    number = next_number(session, SERIES)
    payment = Payment(
        number=number,
        direction=data.direction.value,
        **partner_columns(data.direction, data.partner_id),
        day=data.day,
        method=data.method.value,
        account_id=account_id,
        amount=data.amount,
        discount=data.discount,
        interest=interest,
        fees=data.fees,
        credit=credit,
        cheque_bank=data.cheque_bank.strip(),
        cheque_number=data.cheque_number.strip(),
        cheque_date=data.cheque_date,
        memo=data.memo.strip(),
        reversed=False,
        at=utcnow(),
        user_id=actor.user_id,
    )
    session.add(payment)
    session.flush()
    for item, amount in allocations:
        settle(session, payment.id, item, amount)
    document = DocRef(KIND, payment.id, number)
    if credit > ZERO:
        write_items(
            session,
            data.direction,
            document,
            data.day,
            [Installment(data.day, -credit)],
            customer_id=data.partner_id if receipt else None,
            supplier_id=None if receipt else data.partner_id,
        )
    lines = _lines(session, data, account_id, settled + credit, interest)
    memo = (data.memo.strip() or _("Payment {n}").format(n=number))[:MAX_MEMO]
    if lines:  # a credit held set against an installment moves no money and posts nothing
        post_entry(session, actor, data.day, lines, memo, document)
    audit.record(
        session,
        actor,
        "payment.add",
        "payment",
        number,
        new={
            "method": data.method.value,
            "amount": data.amount,
            "installments": len(allocations),
            "interest": interest,
            "fees": data.fees,
            "credit": credit,
        },
    )
    return payment.id


def _lines(
    session: Session, data: PaymentInput, account_id: int, partner_total: Decimal, interest: Decimal
) -> list[LineDraft]:
    """The payment's journal lines, the zero ones left out."""
    receipt = data.direction == Direction.RECEIVABLE
    if receipt:
        drafts = [
            LineDraft(account_id, debit=data.amount - data.fees),
            LineDraft(account_of(session, AccountRole.BANK_FEES), debit=data.fees),
            LineDraft(account_of(session, AccountRole.DISCOUNTS_GIVEN), debit=data.discount),
            LineDraft(
                account_of(session, AccountRole.RECEIVABLES),
                credit=partner_total,
                customer_id=data.partner_id,
            ),
            LineDraft(account_of(session, AccountRole.INTEREST_EARNED), credit=interest),
        ]
    else:
        drafts = [
            LineDraft(
                account_of(session, AccountRole.PAYABLES), debit=partner_total, supplier_id=data.partner_id
            ),
            LineDraft(account_of(session, AccountRole.INTEREST_PAID), debit=interest),
            LineDraft(account_of(session, AccountRole.BANK_FEES), debit=data.fees),
            LineDraft(account_id, credit=data.amount + data.fees),
            LineDraft(account_of(session, AccountRole.DISCOUNTS_TAKEN), credit=data.discount),
        ]
    return [line for line in drafts if line.debit > ZERO or line.credit > ZERO]
