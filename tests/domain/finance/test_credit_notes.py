"""Credit notes: a return of invoiced goods and a cancellation take an invoice back, book returns
against the customer, settle the invoice's installments, and never credit more than is left."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from bodesk.domain.access.actor import Actor
from bodesk.domain.finance.credit_notes import cancel_invoice, credit_note_for_return
from bodesk.domain.finance.document_models import Payment
from bodesk.domain.finance.invoicing import invoice_orders
from bodesk.domain.finance.items import open_of
from bodesk.domain.finance.states import Direction
from bodesk.domain.sales.order_models import SalesReturn
from bodesk.domain.sales.returns import ReturnLineInput, record_return
from bodesk.domain.sales.states import ReturnReason
from bodesk.store.engine import Database
from tests.builders.invoicing import (
    Books,
    build_books,
    failed_checks,
    finance_snapshot,
    items_of,
    journal_of,
    shipped_order,
    stored_invoice,
)
from tests.builders.sales import line, line_ids
from tests.helpers.refusals import invalid, refused

D = Decimal
DAY = date(2026, 11, 2)


@pytest.fixture
def books(db: Database, owner: Actor) -> Books:
    return build_books(db, owner)


def owed(db: Database, customer: int) -> Decimal:
    with db.read() as session:
        return open_of(session, Direction.RECEIVABLE, customer)


def test_a_return_of_invoiced_goods_is_credited_once(db: Database, owner: Actor, books: Books) -> None:
    first, second, _ = books.products
    order = shipped_order(db, owner, books.customer, line(first, 2, books.case), line(second, 10))
    back = record_return(
        db, owner, order, [ReturnLineInput(line_ids(db, order)[1], D(4), ReturnReason.DAMAGED)]
    )
    before = finance_snapshot(db)
    with refused("credit_note.not_invoiced"):
        credit_note_for_return(db, owner, back)
    assert finance_snapshot(db) == before
    [invoice] = invoice_orders(db, owner, [order], issued_on=DAY)
    note_id = credit_note_for_return(db, owner, back, issued_on=DAY)
    note = stored_invoice(db, note_id)
    with db.read() as session:
        value = session.execute(select(SalesReturn.total).where(SalesReturn.id == back)).scalar_one()
    assert note.total == value
    assert (note.kind, note.number, note.credits_id, note.return_id) == ("credit_note", 1, invoice.id, back)
    assert journal_of(db, "credit_note", note_id) == {
        "returns": (value, D(0), None),
        "receivables": (D(0), value, books.customer),
    }
    assert stored_invoice(db, invoice.id).credited == value
    assert owed(db, books.customer) == invoice.total - value
    # the last installment took the credit first
    installments = items_of(db, "invoice", invoice.id)
    assert installments[-1][3] == min(value, installments[-1][2])
    assert [item[4] for item in items_of(db, "credit_note", note_id)] == [True]
    with refused("credit_note.return_credited"):
        credit_note_for_return(db, owner, back)
    assert failed_checks(db) == []


def test_cancelling_credits_all_that_is_left_and_settles_every_installment(
    db: Database, owner: Actor, books: Books
) -> None:
    first, second, third = books.products
    order = shipped_order(
        db, owner, books.customer, line(first, 7, discount=D("3.00")), line(second, 3), line(third, 1)
    )
    back = record_return(
        db, owner, order, [ReturnLineInput(line_ids(db, order)[0], D(2), ReturnReason.EXPIRED)]
    )
    [invoice] = invoice_orders(db, owner, [order], issued_on=DAY)
    returned = stored_invoice(db, credit_note_for_return(db, owner, back, issued_on=DAY))
    with invalid("reason"):
        cancel_invoice(db, owner, invoice.id, "  ")
    note_id = cancel_invoice(db, owner, invoice.id, "Cliente desistiu da compra", issued_on=DAY)
    note = stored_invoice(db, note_id)
    assert note.total == invoice.total - returned.total and note.number == 2
    assert stored_invoice(db, invoice.id).credited == invoice.total
    assert all(settled for *_rest, settled in items_of(db, "invoice", invoice.id))
    assert owed(db, books.customer) == 0
    with db.read() as session:
        methods = session.execute(select(Payment.method, Payment.amount)).all()
    assert methods == [("credit", D(0)), ("credit", D(0))]
    before = finance_snapshot(db)
    with refused("credit_note.nothing_left"):
        cancel_invoice(db, owner, invoice.id, "again")
    assert finance_snapshot(db) == before
    assert failed_checks(db) == []


def test_a_credit_above_what_is_left_is_refused(db: Database, owner: Actor, books: Books) -> None:
    order = shipped_order(db, owner, books.customer, line(books.products[0], 10))
    back = record_return(
        db, owner, order, [ReturnLineInput(line_ids(db, order)[0], D(3), ReturnReason.REFUSED)]
    )
    [invoice] = invoice_orders(db, owner, [order], issued_on=DAY)
    cancel_invoice(db, owner, invoice.id, "Pedido em duplicidade", issued_on=DAY)
    before = finance_snapshot(db)
    with refused("credit_note.too_much"):
        credit_note_for_return(db, owner, back)
    assert finance_snapshot(db) == before
    assert failed_checks(db) == []
