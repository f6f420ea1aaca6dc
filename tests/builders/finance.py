"""Open items as finance's tests need them, while invoices and bills post on their own branches: a posted
invoice (or bill) row, its installments through `items.write_items` and its entry through `post_entry`
(customers Dr / sales Cr; an expense Dr / suppliers Cr: a bill without receipts), all in one unit of work, so every check holds."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.numbering import next_number
from bodesk.domain.common.postings import DocRef
from bodesk.domain.finance.chart import AccountRole, account_of
from bodesk.domain.finance.document_models import Allocation, Bill, Invoice, OpenItem, Payment
from bodesk.domain.finance.items import installment_plan, write_items
from bodesk.domain.finance.journal import LineDraft, post_entry
from bodesk.domain.finance.models import JournalEntry, JournalLine
from bodesk.domain.finance.states import Direction
from bodesk.store.check import run_checks
from bodesk.store.engine import Database
from bodesk.store.types import utcnow

D = Decimal
DAY = date(2025, 3, 3)


def receivable(
    db: Database,
    actor: Actor,
    customer_id: int,
    total: Decimal | str,
    issued_on: date = DAY,
    days: Sequence[int] = (28,),
) -> list[int]:
    """A posted invoice of `total` to the customer, in installments due `days` after `issued_on`; returns
    the ids of its open items, in installment order."""
    amount = D(total)
    with db.write() as session:
        number = next_number(session, "invoice")
        invoice = Invoice(
            kind="invoice",
            number=number,
            status="posted",
            customer_id=customer_id,
            issued_on=issued_on,
            goods=amount,
            total=amount,
            created_at=utcnow(),
            created_by=actor.user_id,
            posted_at=utcnow(),
        )
        session.add(invoice)
        session.flush()
        document = DocRef("invoice", invoice.id, number)
        write_items(
            session,
            Direction.RECEIVABLE,
            document,
            issued_on,
            installment_plan(amount, issued_on, days),
            customer_id=customer_id,
        )
        lines = [
            LineDraft(account_of(session, AccountRole.RECEIVABLES), debit=amount, customer_id=customer_id),
            LineDraft(account_of(session, AccountRole.SALES), credit=amount),
        ]
        post_entry(session, actor, issued_on, lines, f"Invoice {number}", document)
        return _items(session, "invoice", invoice.id)


def credit_note(
    db: Database, actor: Actor, customer_id: int, total: Decimal | str, issued_on: date = DAY
) -> int:
    """A posted credit note of `total` to the customer: a credit the customer holds (a negative open
    item), returns Dr / customers Cr; returns the item's id."""
    amount = D(total)
    with db.write() as session:
        number = next_number(session, "credit_note")
        note = Invoice(
            kind="credit_note",
            number=number,
            status="posted",
            customer_id=customer_id,
            issued_on=issued_on,
            goods=amount,
            total=amount,
            created_at=utcnow(),
            created_by=actor.user_id,
            posted_at=utcnow(),
        )
        session.add(note)
        session.flush()
        document = DocRef("credit_note", note.id, number)
        write_items(
            session,
            Direction.RECEIVABLE,
            document,
            issued_on,
            installment_plan(-amount, issued_on, ()),
            customer_id=customer_id,
        )
        lines = [
            LineDraft(account_of(session, AccountRole.RETURNS), debit=amount),
            LineDraft(account_of(session, AccountRole.RECEIVABLES), credit=amount, customer_id=customer_id),
        ]
        post_entry(session, actor, issued_on, lines, f"Credit note {number}", document)
        (found,) = _items(session, "credit_note", note.id)
        return found


def payable(
    db: Database,
    actor: Actor,
    supplier_id: int,
    total: Decimal | str,
    issued_on: date = DAY,
    days: Sequence[int] = (30,),
) -> list[int]:
    """A posted bill of `total` from the supplier; returns the ids of its open items."""
    amount = D(total)
    with db.write() as session:
        number = next_number(session, "bill")
        bill = Bill(
            number=number,
            status="posted",
            supplier_id=supplier_id,
            issued_on=issued_on,
            received_value=amount,
            total=amount,
            created_at=utcnow(),
            created_by=actor.user_id,
            posted_at=utcnow(),
        )
        session.add(bill)
        session.flush()
        document = DocRef("bill", bill.id, number)
        write_items(
            session,
            Direction.PAYABLE,
            document,
            issued_on,
            installment_plan(amount, issued_on, days),
            supplier_id=supplier_id,
        )
        lines = [
            LineDraft(account_of(session, AccountRole.PRICE_DIFFERENCES), debit=amount),
            LineDraft(account_of(session, AccountRole.PAYABLES), credit=amount, supplier_id=supplier_id),
        ]
        post_entry(session, actor, issued_on, lines, f"Bill {number}", document)
        return _items(session, "bill", bill.id)


def _items(session: Any, kind: str, doc_id: int) -> list[int]:
    return list(
        session.execute(
            select(OpenItem.id)
            .where(OpenItem.doc_kind == kind, OpenItem.doc_id == doc_id)
            .order_by(OpenItem.installment)
        ).scalars()
    )


def item(db: Database, item_id: int) -> OpenItem:
    with db.read() as session:
        found = session.get(OpenItem, item_id)
        assert found is not None
        return found


def payment(db: Database, payment_id: int) -> Payment:
    with db.read() as session:
        found = session.get(Payment, payment_id)
        assert found is not None
        return found


def credit_items(db: Database, payment_id: int) -> list[OpenItem]:
    with db.read() as session:
        return list(
            session.execute(
                select(OpenItem).where(OpenItem.doc_kind == "payment", OpenItem.doc_id == payment_id)
            ).scalars()
        )


def balance(db: Database, role: AccountRole) -> Decimal:
    """The account's debit balance."""
    with db.read() as session:
        account = account_of(session, role)
        debit, credit = session.execute(
            select(
                func.coalesce(func.sum(JournalLine.debit), 0), func.coalesce(func.sum(JournalLine.credit), 0)
            ).where(JournalLine.account_id == account)
        ).one()
        return D(str(debit)) - D(str(credit))


def problems(db: Database) -> list[tuple[str, tuple[str, ...]]]:
    return [(result.name, result.problems) for result in run_checks(db) if not result.ok]


def books(db: Database) -> dict[str, Any]:
    """What a refused payment, write-off or reversal must leave unchanged."""
    with db.read() as session:
        items = session.execute(
            select(OpenItem.id, OpenItem.paid, OpenItem.written_off, OpenItem.settled).order_by(OpenItem.id)
        ).all()
        counts = {
            model.__tablename__: session.execute(select(func.count()).select_from(model)).scalar_one()
            for model in (Payment, Allocation, JournalEntry, JournalLine, OpenItem)
        }
        reversed_ = session.execute(select(Payment.id, Payment.reversed).order_by(Payment.id)).all()
    return {"items": items, "counts": counts, "reversed": reversed_}
