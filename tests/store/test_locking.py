"""Desks entering and confirming orders over the same products at once never deadlock: a row about to
change is locked FOR NO KEY UPDATE, which leaves alone the key-share locks an insert takes on the rows
it references (on PostgreSQL, FOR UPDATE deadlocked an order's lines against a confirmation)."""

from __future__ import annotations

import multiprocessing
from decimal import Decimal

from bodesk.domain.access.actor import Actor
from bodesk.store.engine import Database
from tests.builders.catalogue import make_product
from tests.builders.sales import make_customer
from tests.builders.stock import make_warehouse, on_hand, stock_in, stock_problems
from tests.helpers.workers import enter_and_confirm_orders

DESKS = 4
ORDERS = 15


def test_desks_entering_and_confirming_orders_at_once_never_deadlock(db: Database, owner: Actor) -> None:
    place = make_warehouse(db, owner, "CD1")
    products = [
        make_product(db, owner, f"BEB{n:02d}", f"Bebida {n}", cost="3.00", sale_price="4.50")
        for n in range(6)
    ]
    for product in products:
        stock_in(db, owner, product, place.location_id, 10_000)
    customer = make_customer(db, owner, 1)
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(DESKS), context.Queue()
    workers = [
        context.Process(
            target=enter_and_confirm_orders,
            args=(db.url, owner, customer, products, ORDERS, seed, barrier, results),
        )
        for seed in range(DESKS)
    ]
    for worker in workers:
        worker.start()
    errors = [error for _ in workers for error in results.get(timeout=300)]
    for worker in workers:
        worker.join(timeout=60)

    assert errors == []
    assert stock_problems(db) == []
    assert all(on_hand(db, product) == Decimal(10_000) for product in products)  # reserved, not moved
