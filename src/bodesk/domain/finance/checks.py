"""Ledger invariants that `bodesk check` proves: every entry balances; the stock account equals the
stock valuation; the customers and suppliers accounts equal what is open in their installments; each
installment's paid sum equals its allocations."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import ColumnElement, func, or_, select, type_coerce
from sqlalchemy.orm import InstrumentedAttribute, Session

from bodesk.domain.common.figures import money_text
from bodesk.domain.common.models import Money
from bodesk.domain.common.money import round_money
from bodesk.domain.finance.chart import AccountRole, role_accounts
from bodesk.domain.finance.document_models import Allocation, OpenItem
from bodesk.domain.finance.models import JournalEntry, JournalLine
from bodesk.domain.finance.states import Direction
from bodesk.domain.purchasing.models import Receipt
from bodesk.domain.stock.models import Product
from bodesk.i18n import _

ZERO = Decimal(0)


def _sum(column: ColumnElement[Decimal] | InstrumentedAttribute[Decimal]) -> ColumnElement[Decimal]:
    return type_coerce(func.coalesce(func.sum(column), 0), Money())


def entries_balance(session: Session) -> list[str]:
    debit, credit = _sum(JournalLine.debit), _sum(JournalLine.credit)
    rows = session.execute(
        select(JournalEntry.number, JournalEntry.total, debit, credit)
        .join(JournalLine, JournalLine.entry_id == JournalEntry.id)
        .group_by(JournalEntry.id, JournalEntry.number, JournalEntry.total)
        .having(or_(debit != credit, debit != JournalEntry.total))
        .limit(50)
    )
    return [
        _("Journal entry {n}: debits {debit}, credits {credit}, total {total}.").format(
            n=number, debit=money_text(d), credit=money_text(c), total=money_text(total)
        )
        for number, total, d, c in rows
    ]


def balance_of(session: Session, role: AccountRole) -> Decimal:
    """The debit balance of the account holding `role` (zero when no account has it)."""
    account = role_accounts(session).get(role.value)
    if account is None:
        return ZERO
    debit, credit = session.execute(
        select(_sum(JournalLine.debit), _sum(JournalLine.credit)).where(JournalLine.account_id == account)
    ).one()
    return Decimal(debit) - Decimal(credit)


def stock_valuation(session: Session) -> Decimal:
    """On hand × average cost, each product to cents, summed."""
    total = ZERO
    for on_hand, cost in session.execute(select(Product.on_hand, Product.cost).where(Product.on_hand != 0)):
        total += round_money(on_hand * cost)
    return total


def stock_account_equals_valuation(session: Session) -> list[str]:
    books, valuation = balance_of(session, AccountRole.STOCK), stock_valuation(session)
    if books == valuation:
        return []
    return [
        _("The stock account holds {books}; the stock is valued at {valuation}.").format(
            books=money_text(books), valuation=money_text(valuation)
        )
    ]


def open_total(session: Session, direction: Direction) -> Decimal:
    left = OpenItem.amount - OpenItem.paid - OpenItem.written_off
    return Decimal(
        session.execute(select(_sum(left)).where(OpenItem.direction == direction.value)).scalar_one()
    )


def receivables_equal_items(session: Session) -> list[str]:
    books = balance_of(session, AccountRole.RECEIVABLES)
    items = open_total(session, Direction.RECEIVABLE)
    if books == items:
        return []
    return [
        _(
            "The customers account holds {books}; the open installments of customers add up to {items}."
        ).format(books=money_text(books), items=money_text(items))
    ]


def payables_equal_items(session: Session) -> list[str]:
    books = -balance_of(session, AccountRole.PAYABLES)
    items = open_total(session, Direction.PAYABLE)
    if books == items:
        return []
    return [
        _(
            "The suppliers account holds {books}; the open installments of suppliers add up to {items}."
        ).format(books=money_text(books), items=money_text(items))
    ]


def items_equal_allocations(session: Session) -> list[str]:
    allocated = (
        select(Allocation.item_id, _sum(Allocation.amount).label("allocated"))
        .group_by(Allocation.item_id)
        .subquery()
    )
    settled = OpenItem.paid + OpenItem.written_off
    rows = session.execute(
        select(OpenItem.doc_kind, OpenItem.doc_number, OpenItem.installment, settled, allocated.c.allocated)
        .outerjoin(allocated, allocated.c.item_id == OpenItem.id)
        .where(settled != func.coalesce(allocated.c.allocated, 0))
        .limit(50)
    )
    return [
        _("{document} installment {k}: settled {settled}, its payments add up to {allocated}.").format(
            document=f"{kind} {number}", k=k, settled=money_text(s), allocated=money_text(a or 0)
        )
        for kind, number, k, s, a in rows
    ]


def grni_equals_unbilled_receipts(session: Session) -> list[str]:
    """Goods received not billed holds exactly what the receipts not yet billed posted to it."""
    account = role_accounts(session).get(AccountRole.GRNI.value)
    if account is None:
        return []
    owed = _sum(JournalLine.credit - JournalLine.debit)
    books = Decimal(session.execute(select(owed).where(JournalLine.account_id == account)).scalar_one())
    unbilled = Decimal(
        session.execute(
            select(owed)
            .join(JournalEntry, JournalEntry.id == JournalLine.entry_id)
            .join(Receipt, Receipt.id == JournalEntry.doc_id)
            .where(
                JournalLine.account_id == account,
                JournalEntry.doc_kind == "receipt",
                Receipt.billed.is_(False),
            )
        ).scalar_one()
    )
    if books == unbilled:
        return []
    return [
        _("Goods received not billed holds {books}; the receipts not yet billed posted {unbilled}.").format(
            books=money_text(books), unbilled=money_text(unbilled)
        )
    ]
