"""Generated sequences of invoices, returns, credit notes and cancellations: every check of the books
stays ok, the numbers of each series run without a hole, and what customers owe is exact to the cent."""

from __future__ import annotations

from contextlib import suppress
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import UserError
from bodesk.domain.finance.credit_notes import cancel_invoice, credit_note_for_return
from bodesk.domain.finance.document_models import Invoice
from bodesk.domain.finance.invoicing import discard_invoice, draft_invoices, post_invoices
from bodesk.domain.finance.items import open_of
from bodesk.domain.finance.states import Direction, InvoiceKind, InvoiceStatus
from bodesk.domain.sales.returns import ReturnLineInput, record_return
from bodesk.domain.sales.states import ReturnReason
from bodesk.store.engine import Database
from tests.builders.invoicing import build_books, failed_checks, shipped_order
from tests.builders.sales import line, line_ids

D = Decimal

order_lines = st.lists(
    st.tuples(st.integers(0, 2), st.integers(1, 9), st.sampled_from(["0", "1.5", "2", "5"])),
    min_size=1,
    max_size=3,
)
step = st.one_of(
    st.tuples(st.just("order"), st.booleans(), order_lines),
    st.tuples(st.just("invoice"), st.booleans(), st.booleans()),  # grouped?, discard instead of posting?
    st.tuples(st.just("return"), st.integers(0, 50), st.integers(1, 3)),
    st.tuples(st.just("cancel"), st.integers(0, 50), st.just(None)),
)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=st.lists(step, min_size=3, max_size=12))
def test_any_sequence_keeps_the_books_exact(
    db: Database, owner: Actor, steps: list[tuple[object, ...]]
) -> None:
    state = _State(db, owner)
    for item in steps:
        state.run(item)
    with db.read() as session:
        invoices = session.execute(
            select(Invoice.kind, Invoice.status, Invoice.number, Invoice.total, Invoice.credited)
        ).all()
        owed = sum((open_of(session, Direction.RECEIVABLE, c) for c in state.customers), D(0))
    for kind in (InvoiceKind.INVOICE, InvoiceKind.CREDIT_NOTE):
        numbers = sorted(n for k, s, n, _t, _c in invoices if k == kind and s == InvoiceStatus.POSTED)
        assert numbers == list(range(1, len(numbers) + 1))
    posted = [(k, t, c) for k, s, _n, t, c in invoices if s == InvoiceStatus.POSTED]
    assert owed == sum((t for k, t, _c in posted if k == InvoiceKind.INVOICE), D(0)) - sum(
        (t for k, t, _c in posted if k == InvoiceKind.CREDIT_NOTE), D(0)
    )
    assert all(c <= t for k, t, c in posted if k == InvoiceKind.INVOICE)
    assert failed_checks(db) == []


BOOKS: dict[str, object] = {}  # the shop, made once per database the examples share


class _State:
    def __init__(self, db: Database, owner: Actor) -> None:
        key = db.url
        if key not in BOOKS:
            BOOKS.clear()
            BOOKS[key] = build_books(db, owner)
        self.books = BOOKS[key]
        self.db, self.owner = db, owner
        self.shipped: list[int] = []
        self.invoices: list[int] = []
        self.orders_of: dict[int, int] = {}

    @property
    def customers(self) -> list[int]:
        return [self.books.customer, self.books.cash_customer]  # type: ignore[attr-defined]

    def run(self, item: tuple[object, ...]) -> None:
        kind = item[0]
        with suppress(UserError):  # a refusal is fine: the checks at the end prove it changed nothing
            getattr(self, f"_{kind}")(*item[1:])

    def _order(self, cash: bool, lines: list[tuple[int, int, str]]) -> None:
        books = self.books
        customer = books.cash_customer if cash else books.customer  # type: ignore[attr-defined]
        made = [line(books.products[p], n, discount=D(d)) for p, n, d in lines]  # type: ignore[attr-defined]
        self.shipped.append(shipped_order(self.db, self.owner, customer, *made))

    def _invoice(self, grouped: bool, discard: bool) -> None:
        if not self.shipped:
            return
        orders, self.shipped = self.shipped, []
        drafts = draft_invoices(self.db, self.owner, orders, group_by_customer=grouped)
        if discard:
            discard_invoice(self.db, self.owner, drafts[0])
            drafts = drafts[1:]
            self.shipped = [orders[0]] if not grouped else []
        posted = post_invoices(self.db, self.owner, drafts)
        self.invoices += [p.id for p in posted]
        for order in orders:
            self.orders_of[order] = order

    def _return(self, pick: int, quantity: int) -> None:
        if not self.orders_of:
            return
        order = sorted(self.orders_of)[pick % len(self.orders_of)]
        back = record_return(
            self.db,
            self.owner,
            order,
            [ReturnLineInput(line_ids(self.db, order)[0], D(quantity), ReturnReason.DAMAGED)],
        )
        credit_note_for_return(self.db, self.owner, back)

    def _cancel(self, pick: int, _unused: None) -> None:
        if self.invoices:
            cancel_invoice(self.db, self.owner, self.invoices[pick % len(self.invoices)], "gerado")
