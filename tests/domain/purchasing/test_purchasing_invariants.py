"""Generated sequences of receipts (hypothesis): whatever a clerk types, what was received, the stock,
the receipts' values, the order's status and the numbers stay consistent, and a refused receipt
changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import UserError
from bodesk.domain.common.money import round_money
from bodesk.domain.purchasing.documents import order_view
from bodesk.domain.purchasing.models import PurchaseOrder, Receipt, ReceiptLine
from bodesk.domain.purchasing.receiving import ReceiveLineInput, receive_goods
from bodesk.domain.stock.checks import nothing_negative, product_totals, quants_equal_moves
from bodesk.domain.stock.models import Product
from bodesk.store.engine import Database
from tests.builders.purchasing import Item, make_product_in_cases, make_supplier, received, sent_order
from tests.builders.readings import snapshot
from tests.builders.stock import make_warehouse

D = Decimal
orders_strategy = st.lists(st.integers(min_value=1, max_value=5), min_size=1, max_size=3)  # cases per line
receipts_strategy = st.lists(
    st.lists(st.integers(min_value=0, max_value=30), min_size=3, max_size=3), min_size=1, max_size=4
)


def check_invariants(db: Database, owner: Actor, order_id: int) -> None:
    view = order_view(db, owner, order_id)
    with db.read() as session:
        for line in view.lines:
            from_receipts = session.execute(
                select(func.coalesce(func.sum(ReceiptLine.quantity), 0)).where(
                    ReceiptLine.order_line_id == line.id
                )
            ).scalar_one()
            assert D(from_receipts) == line.received
            assert line.received <= line.quantity
            value = session.execute(
                select(func.coalesce(func.sum(ReceiptLine.total), 0)).where(
                    ReceiptLine.order_line_id == line.id
                )
            ).scalar_one()
            assert D(value) == round_money(line.received * line.package_price / line.units_per_package)
            if line.received == line.quantity:
                assert D(value) == line.total
        complete = all(line.received == line.quantity for line in view.lines)
        some = any(line.received > 0 for line in view.lines)
        expected = "received" if complete else "partly_received" if some else "sent"
        assert view.status == expected
        for receipt in session.execute(select(Receipt)).scalars():
            values = session.execute(
                select(ReceiptLine.total).where(ReceiptLine.receipt_id == receipt.id)
            ).scalars()
            assert receipt.total == sum(values, D(0))
        numbers = list(session.execute(select(Receipt.number).order_by(Receipt.number)).scalars())
        assert numbers == list(range(1, len(numbers) + 1))
        for product in session.execute(select(Product)).scalars():
            total = session.execute(
                select(func.coalesce(func.sum(ReceiptLine.quantity), 0)).where(
                    ReceiptLine.product_id == product.id
                )
            ).scalar_one()
            assert product.on_hand == D(total)
        assert (
            quants_equal_moves(session) == []
            and product_totals(session) == []
            and nothing_negative(session) == []
        )


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cases=orders_strategy, attempts=receipts_strategy)
def test_receipts_keep_everything_consistent(
    db: Database,
    owner: Actor,
    make_user: Callable[..., Actor],
    monkeypatch: pytest.MonkeyPatch,
    cases: list[int],
    attempts: list[list[int]],
) -> None:
    with db.read() as session:
        made = session.execute(select(func.count()).select_from(PurchaseOrder)).scalar_one()
    if made == 0:
        make_warehouse(db, owner)
        make_supplier(db, owner)
        for n in range(3):
            make_product_in_cases(db, owner, f"P{n}", case_units=6)
    clerk = make_user("warehouse")
    items = [Item(n + 1, n + 1, D(6)) for n in range(len(cases))]
    order_id = sent_order(
        db, owner, 1, 1, *[(item, count, "10.00") for item, count in zip(items, cases, strict=True)]
    )
    line_ids = [line.id for line in order_view(db, owner, order_id).lines]
    for quantities in attempts:
        inputs = [ReceiveLineInput(line, D(q)) for line, q in zip(line_ids, quantities, strict=False)]
        before = snapshot(db)
        try:
            receipt_id = receive_goods(db, clerk, order_id, inputs)
        except UserError:
            assert snapshot(db) == before
        else:
            with db.read() as session:
                receipt = session.get(Receipt, receipt_id)
                assert receipt is not None
                assert receipt.total > 0
        check_invariants(db, owner, order_id)
    assert received(db, order_id) == [line.received for line in order_view(db, owner, order_id).lines]
