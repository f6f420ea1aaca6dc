"""Several desks posting invoices against one database at once, some postings failing after drawing
their number: the invoice numbers still run 1, 2, 3… without a hole, and the books check."""

from __future__ import annotations

import multiprocessing

from sqlalchemy import select

from bodesk.domain.access.actor import Actor
from bodesk.domain.finance.document_models import Invoice
from bodesk.domain.finance.invoicing import draft_invoices
from bodesk.domain.finance.states import InvoiceStatus
from bodesk.store.engine import Database
from tests.builders.invoicing import build_books, failed_checks, shipped_order
from tests.builders.sales import line
from tests.helpers.invoice_workers import post_some_invoices

DESKS = 3
PER_DESK = 6


def test_desks_posting_at_once_leave_the_numbers_gapless(db: Database, owner: Actor) -> None:
    books = build_books(db, owner)
    orders = [
        shipped_order(db, owner, books.customer, line(books.products[n % 3], 1 + n % 4))
        for n in range(DESKS * PER_DESK)
    ]
    drafts = draft_invoices(db, owner, orders)
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(DESKS), context.Queue()
    workers = [
        context.Process(
            target=post_some_invoices,
            args=(db.url, owner, drafts[desk::DESKS], desk, 0.3, barrier, results),
        )
        for desk in range(DESKS)
    ]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=300) for _worker in workers]
    for worker in workers:
        worker.join(timeout=60)
    assert [errors for _posted, _failed, errors in outcomes] == [[]] * DESKS
    posted = sorted(invoice for done, _failed, _errors in outcomes for invoice in done)
    failed = sorted(invoice for _done, missed, _errors in outcomes for invoice in missed)
    assert sorted(posted + failed) == sorted(drafts) and posted and failed
    with db.read() as session:
        rows = session.execute(select(Invoice.id, Invoice.status, Invoice.number)).all()
    numbers = sorted(number for _id, status, number in rows if status == InvoiceStatus.POSTED)
    assert numbers == list(range(1, len(posted) + 1))
    assert {invoice for invoice, status, _n in rows if status == InvoiceStatus.DRAFT} == set(failed)
    assert failed_checks(db) == []
