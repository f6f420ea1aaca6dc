"""A customer's statement: what the books say the customer owed at the start of a period, every
movement of their account in it (invoices, credit notes, receipts, write-offs, reversals) with the
running balance, what they owe at its end, and the installments still open with their due dates.

The movements are the customers account's journal lines of this customer, so the statement always
agrees with the books; the open installments are the subledger the checks prove equal to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, or_, select, type_coerce
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.errors import NotFound, UserError, ValidationError
from bodesk.domain.common.listing import has_words
from bodesk.domain.common.models import Money
from bodesk.domain.common.postings import document_label
from bodesk.domain.finance.chart import AccountRole, account_of
from bodesk.domain.finance.models import JournalEntry, JournalLine
from bodesk.domain.finance.payment_queries import OpenLine, open_lines
from bodesk.domain.finance.permissions import FINANCE_VIEW
from bodesk.domain.finance.states import Direction
from bodesk.domain.sales.models import Customer
from bodesk.i18n import _
from bodesk.store.engine import Database

ZERO = Decimal(0)
MAX_MOVEMENTS = 5000  # one statement's lines; a longer period is refused, naming the limit


@dataclass(frozen=True)
class Movement:
    day: date
    document: str  # "Invoice 12"
    memo: str
    debit: Decimal  # what the customer came to owe
    credit: Decimal  # what they paid or were credited
    balance: Decimal  # after this line


@dataclass(frozen=True)
class StatementCustomer:
    code: str
    name: str
    tax_id: str
    address: str


@dataclass(frozen=True)
class Statement:
    customer: StatementCustomer
    start: date
    end: date
    opening: Decimal
    movements: list[Movement]
    debits: Decimal
    credits: Decimal
    closing: Decimal
    open_items: list[OpenLine]
    overdue: Decimal  # of the open items, what is past due at the statement's end


def customer_named(db: Database, actor: Actor, text: str) -> int:
    """The customer a person names by code, or by name words naming one customer only."""
    wanted = text.strip()
    with db.read() as session:
        require(session, actor, FINANCE_VIEW)
        by_code = session.execute(select(Customer.id).where(Customer.code == wanted.upper())).scalar()
        if by_code is not None:
            return int(by_code)
        found = session.execute(
            select(Customer.id, Customer.name)
            .where(or_(has_words(Customer.search_text, wanted), func.lower(Customer.name) == wanted.lower()))
            .order_by(Customer.name_key)
            .limit(6)
        ).all()
    exact = [row.id for row in found if row.name.lower() == wanted.lower()]
    if exact:
        return int(exact[0])
    if len(found) == 1:
        return int(found[0].id)
    if found and wanted:
        raise UserError(
            _("“{text}” names more than one customer: {names}. Give the code.").format(
                text=text[:40], names=", ".join(row.name for row in found[:5])
            ),
            code="customer.ambiguous",
        )
    raise NotFound(
        _("No customer has the code or name “{text}”.").format(text=text[:40]), code="customer.unknown"
    )


def _balance_before(session: Session, account: int, customer_id: int, start: date) -> Decimal:
    total = type_coerce(func.coalesce(func.sum(JournalLine.debit - JournalLine.credit), 0), Money())
    return Decimal(
        session.execute(
            select(total).where(
                JournalLine.account_id == account,
                JournalLine.customer_id == customer_id,
                JournalLine.day < start,
            )
        ).scalar_one()
    )


def customer_statement(db: Database, actor: Actor, customer_id: int, start: date, end: date) -> Statement:
    if end < start:
        raise ValidationError.single("to", _("The last day comes before the first: swap them."))
    with db.read() as session:
        require(session, actor, FINANCE_VIEW)
        customer = session.get(Customer, customer_id)
        if customer is None:
            raise NotFound(_("That customer does not exist."), code="customer.not_found")
        account = account_of(session, AccountRole.RECEIVABLES)
        opening = _balance_before(session, account, customer_id, start)
        rows = session.execute(
            select(
                JournalLine.day,
                JournalEntry.doc_kind,
                JournalEntry.doc_number,
                JournalEntry.number,
                JournalEntry.memo,
                JournalLine.debit,
                JournalLine.credit,
            )
            .join(JournalEntry, JournalEntry.id == JournalLine.entry_id)
            .where(
                JournalLine.account_id == account,
                JournalLine.customer_id == customer_id,
                JournalLine.day >= start,
                JournalLine.day <= end,
            )
            .order_by(JournalLine.day, JournalLine.entry_id, JournalLine.id)
            .limit(MAX_MOVEMENTS + 1)
        ).all()
        card = StatementCustomer(
            customer.code,
            customer.name,
            customer.tax_id,
            " · ".join(
                part
                for part in (
                    f"{customer.street}, {customer.number}".strip(", "),
                    customer.district,
                    f"{customer.city}/{customer.state}".strip("/"),
                    customer.postal_code,
                )
                if part
            ),
        )
    if len(rows) > MAX_MOVEMENTS:
        raise ValidationError.single(
            "from",
            _("A statement shows at most {n} movements: choose a shorter period.").format(
                n=f"{MAX_MOVEMENTS:,}"
            ),
        )
    balance, movements = opening, []
    for day, kind, doc_number, entry_number, memo, debit, credit in rows:
        balance += debit - credit
        document = (
            f"{document_label(kind)} {doc_number}" if kind else _("Journal entry {n}").format(n=entry_number)
        )
        movements.append(Movement(day, document, memo, debit, credit, balance))
    items = open_lines(db, actor, Direction.RECEIVABLE, customer_id)
    return Statement(
        customer=card,
        start=start,
        end=end,
        opening=opening,
        movements=movements,
        debits=sum((m.debit for m in movements), ZERO),
        credits=sum((m.credit for m in movements), ZERO),
        closing=balance,
        open_items=items,
        overdue=sum((item.left for item in items if item.due_on < end and item.left > ZERO), ZERO),
    )
