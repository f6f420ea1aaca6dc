"""The invoices list: found by customer or number, filtered by state, kind and days, totals summed in
SQL; what is still open; an invoice's lines; the orders waiting for their invoice."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.listing import ListRequest
from bodesk.domain.finance.credit_notes import cancel_invoice
from bodesk.domain.finance.invoice_queries import InvoiceLinesQuery, InvoicesQuery, OrdersToInvoiceQuery
from bodesk.domain.finance.invoicing import draft_invoices, invoice_orders
from bodesk.store.engine import Database
from tests.builders.invoicing import build_books, shipped_order
from tests.builders.sales import line

D = Decimal


def test_lists_of_invoices_and_of_orders_to_invoice(db: Database, owner: Actor) -> None:
    books = build_books(db, owner)
    first, second, _ = books.products
    a = shipped_order(db, owner, books.customer, line(first, 2))
    b = shipped_order(db, owner, books.cash_customer, line(second, 3))
    c = shipped_order(db, owner, books.cash_customer, line(first, 1))
    waiting = OrdersToInvoiceQuery()
    assert waiting.count(db, owner, ListRequest()) == 3
    [posted] = invoice_orders(db, owner, [a], issued_on=date(2026, 10, 1))
    [draft] = draft_invoices(db, owner, [b], issued_on=date(2026, 11, 1))
    assert [row.id for row in waiting.page(db, owner, ListRequest(), 0, 10)] == [c]
    cancel_invoice(db, owner, posted.id, "Erro de digitação", issued_on=date(2026, 10, 2))

    invoices = InvoicesQuery()

    def ids(**filters: object) -> list[int]:
        return [row.id for row in invoices.page(db, owner, ListRequest(filters=filters), 0, 50)]

    def states() -> dict[int, str]:
        rows = invoices.page(db, owner, ListRequest(), 0, 50)
        return {row.id: invoices.value(row, "status") for row in rows}

    assert states()[posted.id] == "credited" and states()[draft] == "draft"
    assert ids(state="draft") == [draft]
    assert len(ids(kind="credit_note")) == 1
    assert ids(kind="invoice", **{"from": date(2026, 10, 15)}) == [draft]
    assert ids(state="open") == []
    found = invoices.page(db, owner, ListRequest(search="Mercadinho"), 0, 10)
    assert [row.id for row in found] == [draft]
    assert [
        row.id
        for row in invoices.page(db, owner, ListRequest(search="#1", filters={"kind": "invoice"}), 0, 5)
    ] == [posted.id]
    totals = invoices.totals(db, owner, ListRequest(filters={"kind": "invoice"}))
    assert totals.values["open"] == 0
    lines = InvoiceLinesQuery().page(db, owner, ListRequest(filters={"invoice": posted.id}), 0, 10)
    assert [InvoiceLinesQuery().value(row, "total") for row in lines] == [posted.total]
