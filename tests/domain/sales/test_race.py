"""Desks racing for the last units, in separate processes (started with `spawn`, as two desks are): each
confirms its own order for the same stock at the same moment. One wins whole; the other is refused with
the shortfall of each product (code `stock.not_available`) and reserves nothing, not even the products
it could have had."""

from __future__ import annotations

import multiprocessing
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from bodesk.domain.access.actor import Actor
from bodesk.domain.sales.order_models import SalesOrder
from bodesk.domain.stock.models import Product, StockReservation
from bodesk.store.check import run_checks
from bodesk.store.engine import Database
from tests.builders.catalogue import make_product
from tests.builders.sales import line, make_customer, make_sale
from tests.builders.stock import make_warehouse, stock_in

D = Decimal


def confirm_at_once(url: str, actor: Actor, order_id: int, barrier: Any, results: Any) -> None:
    """Run in a child process: wait for the other desk at `barrier`, then confirm `order_id`; put
    (order, "confirmed") or (order, code, [(product, wanted, available)...]) on `results`."""
    from bodesk.domain.sales.orders import confirm_order
    from bodesk.domain.stock.reservations import ReservationShortage

    db = Database(url)
    try:
        barrier.wait(timeout=120)
        try:
            confirm_order(db, actor, order_id)
        except ReservationShortage as exc:
            missing = [(item.product, item.wanted, item.available) for item in exc.missing]
            results.put((order_id, exc.code, missing))
        except Exception as exc:
            results.put((order_id, f"{type(exc).__name__}: {exc}", []))
        else:
            results.put((order_id, "confirmed", []))
    finally:
        db.dispose()


def race(db: Database, owner: Actor, orders: list[int]) -> dict[int, tuple[str, list[Any]]]:
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(len(orders)), context.Queue()
    workers = [
        context.Process(target=confirm_at_once, args=(db.url, owner, order_id, barrier, results))
        for order_id in orders
    ]
    for worker in workers:
        worker.start()
    outcomes = {}
    for _worker in workers:
        order_id, outcome, missing = results.get(timeout=180)
        outcomes[order_id] = (outcome, missing)
    for worker in workers:
        worker.join(timeout=60)
    return outcomes


def reserved_by_order(db: Database) -> dict[int, dict[int, Decimal]]:
    found: dict[int, dict[int, Decimal]] = {}
    with db.read() as session:
        for doc_id, product_id, quantity in session.execute(
            select(StockReservation.doc_id, StockReservation.product_id, StockReservation.quantity).where(
                StockReservation.doc_kind == "sales_order"
            )
        ):
            per_product = found.setdefault(doc_id, {})
            per_product[product_id] = per_product.get(product_id, D(0)) + quantity
    return found


def test_two_desks_confirming_the_last_units_at_once(db: Database, owner: Actor) -> None:
    place = make_warehouse(db, owner, "CD1")
    beer = make_product(db, owner, "CERV", "Cerveja Pilsen 350 ml", sale_price="4.00")
    water = make_product(db, owner, "AGUA", "Água Mineral 500 ml", sale_price="2.00")
    soda = make_product(db, owner, "REFRI", "Refrigerante Cola 2 L", sale_price="8.00")
    stock_in(db, owner, beer, place.location_id, 10, "2.00")
    stock_in(db, owner, water, place.location_id, 12, "0.80")
    stock_in(db, owner, soda, place.location_id, 30, "4.00")
    bar, market = make_customer(db, owner, 1), make_customer(db, owner, 2)
    # both want every beer and most of the water; the soda alone would fit both
    first = make_sale(db, owner, bar, line(beer, 10), line(water, 8), line(soda, 10))
    second = make_sale(db, owner, market, line(beer, 6), line(water, 10), line(soda, 10))
    wanted = {first: {beer: D(10), water: D(8), soda: D(10)}, second: {beer: D(6), water: D(10), soda: D(10)}}

    outcomes = race(db, owner, [first, second])

    winners = [order for order, (outcome, _missing) in outcomes.items() if outcome == "confirmed"]
    assert len(winners) == 1, outcomes
    (winner,) = winners
    loser = second if winner == first else first
    outcome, missing = outcomes[loser]
    assert outcome == "stock.not_available"
    available = {beer: D(10), water: D(12)}
    short = {beer: "CERV Cerveja Pilsen 350 ml", water: "AGUA Água Mineral 500 ml"}
    assert sorted(missing) == sorted(  # each short product with what it wanted and what was left
        (short[product], wanted[loser][product], available[product] - wanted[winner][product])
        for product in short
    )
    assert reserved_by_order(db) == {winner: wanted[winner]}  # the loser holds nothing, not even soda
    with db.read() as session:
        states = dict(session.execute(select(SalesOrder.id, SalesOrder.status)).all())
        reserved = dict(session.execute(select(Product.id, Product.reserved)).all())
    assert states == {winner: "confirmed", loser: "draft"}
    assert reserved == wanted[winner]
    assert [result.name for result in run_checks(db) if not result.ok] == []


def test_three_desks_for_stock_that_serves_two(db: Database, owner: Actor) -> None:
    place = make_warehouse(db, owner, "CD1")
    beer = make_product(db, owner, "CERV", "Cerveja Pilsen 350 ml", sale_price="4.00")
    stock_in(db, owner, beer, place.location_id, 20, "2.00")
    orders = [make_sale(db, owner, make_customer(db, owner, n), line(beer, 10)) for n in (1, 2, 3)]

    outcomes = race(db, owner, orders)

    assert sorted(outcome for outcome, _missing in outcomes.values()) == [
        "confirmed",
        "confirmed",
        "stock.not_available",
    ]
    (loser,) = [order for order, (outcome, _m) in outcomes.items() if outcome != "confirmed"]
    assert outcomes[loser][1] == [("CERV Cerveja Pilsen 350 ml", D(10), D(0))]
    assert set(reserved_by_order(db)) == set(orders) - {loser}
    with db.read() as session:
        held = session.get(Product, beer)
        assert held is not None and held.reserved == held.on_hand == D(20)
