"""Customer invoices: drafted from shipped orders, posted with their entry, installments and the orders
invoiced; numbers gapless; refusals that leave everything as it was."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import update

from bodesk.domain.access.actor import Actor
from bodesk.domain.finance import invoicing
from bodesk.domain.finance.invoicing import (
    discard_invoice,
    draft_invoices,
    post_invoice,
    post_invoices,
    record_nfe,
)
from bodesk.domain.finance.models import FinanceSettings
from bodesk.domain.finance.nfe_key import nfe_check_digit
from bodesk.domain.finance.states import InvoiceStatus
from bodesk.domain.sales.order_models import SalesOrder
from bodesk.store.engine import Database
from tests.builders.company import CNPJ
from tests.builders.invoicing import (
    Books,
    build_books,
    failed_checks,
    finance_snapshot,
    items_of,
    journal_of,
    order_status,
    shipped_order,
    stored_invoice,
)
from tests.builders.sales import line, make_sale
from tests.helpers.refusals import invalid, refused

D = Decimal
DAY = date(2026, 11, 2)
CNPJ_DIGITS = "".join(char for char in CNPJ if char.isdigit())


@pytest.fixture
def books(db: Database, owner: Actor) -> Books:
    return build_books(db, owner)


def nfe_key(number: int = 1234, series: int = 1) -> str:
    first = f"352611{CNPJ_DIGITS}55{series:03d}{number:09d}1{12345678:08d}"
    return first + str(nfe_check_digit(first))


def test_a_posted_invoice_books_revenue_at_list_price_and_writes_the_installments(
    db: Database, owner: Actor, books: Books
) -> None:
    first, second, _third = books.products
    order = shipped_order(
        db, owner, books.customer, line(first, 2, books.case, discount=D("5.00")), line(second, 7)
    )
    [invoice_id] = draft_invoices(db, owner, [order], issued_on=DAY)
    draft = stored_invoice(db, invoice_id)
    assert draft.number is None and draft.status == InvoiceStatus.DRAFT
    goods = D("2") * draft.goods / D("2")
    assert draft.total == draft.goods - draft.discount and draft.discount > 0
    with db.read() as session:
        shipped_total = session.get(SalesOrder, order).shipped_total  # type: ignore[union-attr]
    assert draft.total == shipped_total

    posted = post_invoice(db, owner, invoice_id)
    invoice = stored_invoice(db, invoice_id)
    assert (posted.number, invoice.status, invoice.posted_at is not None) == (1, InvoiceStatus.POSTED, True)
    assert journal_of(db, "invoice", invoice_id) == {
        "receivables": (invoice.total, D(0), books.customer),
        "discounts_given": (invoice.discount, D(0), None),
        "sales": (D(0), goods, None),
    }
    items = items_of(db, "invoice", invoice_id)
    assert [(k, due) for k, due, *_rest in items] == [
        (1, DAY + timedelta(days=28)),
        (2, DAY + timedelta(days=35)),
        (3, DAY + timedelta(days=42)),
    ]
    assert sum(amount for _k, _due, amount, _paid, _settled in items) == invoice.total
    assert order_status(db, order) == "invoiced"
    with db.read() as session:
        stored = session.get(SalesOrder, order)
        assert stored is not None and stored.invoiced_at is not None and stored.seconds_to_invoice is not None
    assert failed_checks(db) == []


def test_grouped_per_customer_one_invoice_holds_all_its_orders(
    db: Database, owner: Actor, books: Books
) -> None:
    first, second, third = books.products
    a = shipped_order(db, owner, books.customer, line(first, 3))
    b = shipped_order(db, owner, books.customer, line(second, 4), line(third, 1))
    c = shipped_order(db, owner, books.cash_customer, line(third, 2))
    drafts = draft_invoices(db, owner, [a, b, c], group_by_customer=True, issued_on=DAY)
    assert len(drafts) == 2
    posted = post_invoices(db, owner, drafts)
    assert [invoice.number for invoice in posted] == [1, 2]
    assert {order_status(db, order) for order in (a, b, c)} == {"invoiced"}
    cash = next(p for p in posted if stored_invoice(db, p.id).customer_id == books.cash_customer)
    assert [(k, due, amount) for k, due, amount, *_ in items_of(db, "invoice", cash.id)] == [
        (1, DAY, cash.total)
    ]
    assert failed_checks(db) == []


def test_one_invoice_per_order_and_a_discarded_draft_leaves_no_hole(
    db: Database, owner: Actor, books: Books
) -> None:
    first = books.products[0]
    orders = [shipped_order(db, owner, books.customer, line(first, n)) for n in (1, 2, 3)]
    drafts = draft_invoices(db, owner, orders, issued_on=DAY)
    assert len(drafts) == 3
    discard_invoice(db, owner, drafts[0])
    assert [p.number for p in post_invoices(db, owner, drafts[1:])] == [1, 2]
    assert order_status(db, orders[0]) == "shipped"
    [again] = draft_invoices(db, owner, [orders[0]], issued_on=DAY)
    assert post_invoice(db, owner, again).number == 3


def test_a_failed_posting_returns_its_number(
    db: Database, owner: Actor, books: Books, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = books.products[0]
    orders = [shipped_order(db, owner, books.customer, line(first, n)) for n in (1, 2)]
    drafts = draft_invoices(db, owner, orders, issued_on=DAY)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the disk went away after the number was drawn")

    monkeypatch.setattr(invoicing, "write_items", broken)
    before = finance_snapshot(db)
    with pytest.raises(RuntimeError):
        post_invoice(db, owner, drafts[0])
    assert finance_snapshot(db) == before
    monkeypatch.undo()
    assert [post_invoice(db, owner, draft).number for draft in drafts] == [1, 2]
    assert failed_checks(db) == []


def test_refused_orders_change_nothing(db: Database, owner: Actor, books: Books) -> None:
    first = books.products[0]
    confirmed = make_sale(db, owner, books.customer, line(first, 1), confirm=True)
    shipped = shipped_order(db, owner, books.customer, line(first, 1))
    before = finance_snapshot(db)
    with refused("invoice.order_not_shipped"):
        draft_invoices(db, owner, [shipped, confirmed])
    with invalid("orders"):
        draft_invoices(db, owner, [])
    assert finance_snapshot(db) == before
    [draft] = draft_invoices(db, owner, [shipped])
    on_draft = finance_snapshot(db)
    with refused("invoice.order_on_draft"):
        draft_invoices(db, owner, [shipped])
    assert finance_snapshot(db) == on_draft
    post_invoice(db, owner, draft)
    posted = finance_snapshot(db)
    with refused("invoice.order_invoiced"):
        draft_invoices(db, owner, [shipped])
    with refused("document.state"):
        post_invoice(db, owner, draft)
    with refused("document.state"):
        discard_invoice(db, owner, draft)
    assert finance_snapshot(db) == posted
    assert order_status(db, confirmed) == "confirmed"


def test_posting_into_a_closed_period_is_refused_and_keeps_the_number(
    db: Database, owner: Actor, books: Books
) -> None:
    order = shipped_order(db, owner, books.customer, line(books.products[1], 5))
    [draft] = draft_invoices(db, owner, [order], issued_on=DAY)
    with db.write() as session:
        session.execute(update(FinanceSettings).values(lock_date=DAY))
    before = finance_snapshot(db)
    with refused("journal.locked_period"):
        post_invoice(db, owner, draft)
    assert finance_snapshot(db) == before
    assert order_status(db, order) == "shipped"
    with db.write() as session:
        session.execute(update(FinanceSettings).values(lock_date=DAY - timedelta(days=1)))
    assert post_invoice(db, owner, draft).number == 1


def test_the_nfe_is_recorded_on_a_posted_invoice_with_a_valid_key(
    db: Database, owner: Actor, books: Books
) -> None:
    order = shipped_order(db, owner, books.customer, line(books.products[1], 5))
    [draft] = draft_invoices(db, owner, [order], issued_on=DAY)
    key = nfe_key(1234, 1)
    with refused("document.state"):
        record_nfe(db, owner, draft, "", "", key)
    post_invoice(db, owner, draft)
    before = finance_snapshot(db)
    wrong = key[:-1] + str((int(key[-1]) + 1) % 10)
    with invalid("nfe_key"):
        record_nfe(db, owner, draft, "1234", "1", wrong)
    with invalid("nfe_number"):
        record_nfe(db, owner, draft, "999", "1", key)
    assert finance_snapshot(db) == before
    record_nfe(db, owner, draft, "", "", key)
    invoice = stored_invoice(db, draft)
    assert (invoice.nfe_number, invoice.nfe_series, invoice.nfe_key) == ("1234", "1", key)
    assert failed_checks(db) == []
