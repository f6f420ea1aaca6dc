"""Functions run in child processes (started with `spawn`, so they must be importable by name)."""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.audit import record
from bodesk.domain.common.numbering import next_number
from bodesk.errors import BodeskError
from bodesk.store.engine import Database

DRAW_ENTITY = "numbering-test"


class SimulatedFailure(Exception):
    """Raised after drawing a number, to roll the whole unit of work back."""


def draw_numbers(
    url: str, series: str, draws: int, seed: int, failure_rate: float, barrier: Any, results: Any
) -> None:
    """Draw `draws` numbers, each in its own write unit of work that also writes an audit row keyed
    by the number; about `failure_rate` of them fail after drawing. Puts the count that committed."""
    db = Database(url)
    rng = random.Random(seed)
    committed = 0
    try:
        barrier.wait(timeout=120)  # a worker that failed to start breaks it, rather than hanging
        for _ in range(draws):
            try:
                with db.write() as session:
                    number = next_number(session, series)
                    record(session, None, "test.draw", DRAW_ENTITY, number)
                    if rng.random() < failure_rate:
                        raise SimulatedFailure
                committed += 1
            except SimulatedFailure:
                pass
    finally:
        db.dispose()
        results.put(committed)


def take_last_units(
    url: str,
    actor: Actor,
    product_id: int,
    from_location_id: int,
    to_location_id: int,
    quantity: str,
    barrier: Any,
    results: Any,
) -> None:
    """Run in a child process: wait for the others at `barrier`, then try to move `quantity` out;
    put "moved" or "short" (StockShortage) or the error's text on `results`."""
    from bodesk.domain.stock.errors import StockShortage
    from bodesk.domain.stock.operations import transfer_stock

    db = Database(url)
    try:
        barrier.wait(timeout=120)
        try:
            transfer_stock(db, actor, product_id, from_location_id, to_location_id, Decimal(quantity))
        except StockShortage:
            results.put("short")
        except Exception as exc:
            results.put(f"{type(exc).__name__}: {exc}")
        else:
            results.put("moved")
    finally:
        db.dispose()


def adjust_repeatedly(
    url: str,
    actor: Actor,
    product_ids: list[int],
    location_id: int,
    rounds: int,
    seed: int,
    barrier: Any,
    results: Any,
) -> None:
    """Run in a child process: `rounds` adjustments of ±1 unit over the products in a random order,
    each its own unit of work, called as the services are (no retry). Puts the errors' texts (none
    expected) on `results`."""
    from bodesk.domain.stock.operations import adjust_stock

    db = Database(url)
    rng = random.Random(seed)
    errors: list[str] = []
    try:
        barrier.wait(timeout=120)
        for _ in range(rounds):
            product_id = rng.choice(product_ids)
            try:
                adjust_stock(db, actor, product_id, location_id, Decimal(rng.choice((-1, 1))), "race")
            except Exception as exc:
                errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        db.dispose()
        results.put(errors)


def count_repeatedly(
    url: str, actor: Actor, warehouse_id: int, product_ids: list[int], counts: int, barrier: Any, results: Any
) -> None:
    """Run in a child process: `counts` times open a count of the warehouse, count every product at 50
    and post it, while other processes adjust the same products. Puts the errors' texts on `results`."""
    from bodesk.domain.stock.count_entries import record_counts
    from bodesk.domain.stock.count_posting import POST_WITH_UNCOUNTED, post_count
    from bodesk.domain.stock.count_resolver import CountEntry
    from bodesk.domain.stock.counts import start_count

    db = Database(url)
    errors: list[str] = []
    try:
        barrier.wait(timeout=120)
        for _ in range(counts):
            try:
                count_id = start_count(db, actor, warehouse_id)
                entries = [CountEntry(product_id, Decimal(50)) for product_id in product_ids]
                record_counts(db, actor, count_id, entries)
                post_count(db, actor, count_id, confirmed=frozenset({POST_WITH_UNCOUNTED}))
            except Exception as exc:
                errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        db.dispose()
        results.put(errors)


def enter_and_confirm_orders(
    url: str,
    actor: Actor,
    customer_id: int,
    product_ids: list[int],
    orders: int,
    seed: int,
    barrier: Any,
    results: Any,
) -> None:
    """Run in a child process: `orders` times enter a sales order for the products in a random order,
    then confirm it, each its own unit of work, called as the services are (no retry). Puts the
    errors' texts (none expected) on `results`."""
    from bodesk.domain.sales.order_lines import SalesLineInput
    from bodesk.domain.sales.orders import confirm_order, create_order

    db = Database(url)
    rng = random.Random(seed)
    errors: list[str] = []
    try:
        barrier.wait(timeout=120)
        for _ in range(orders):
            chosen = rng.sample(product_ids, rng.randint(2, len(product_ids)))
            lines = [SalesLineInput(product_id, None, Decimal(rng.randint(1, 3))) for product_id in chosen]
            try:
                confirm_order(db, actor, create_order(db, actor, customer_id, lines))
            except Exception as exc:
                errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        db.dispose()
        results.put(errors)


def sell_repeatedly(
    url: str,
    actor: Actor,
    customer_id: int,
    product_ids: list[int],
    orders: int,
    seed: int,
    barrier: Any,
    results: Any,
) -> None:
    """Run in a child process: `orders` times enter, confirm and ship an order of one unit of each of
    some products, while counts post. A refusal of the business (a count took the stock the order
    reserved) is expected; puts only what is not one (a conflict, a driver error) on `results`."""
    from bodesk.domain.sales.order_lines import SalesLineInput
    from bodesk.domain.sales.orders import confirm_order, create_order
    from bodesk.domain.sales.shipping import ship_order
    from bodesk.store.errors import StoreError

    db = Database(url)
    rng = random.Random(seed)
    errors: list[str] = []
    try:
        barrier.wait(timeout=120)
        for _ in range(orders):
            chosen = rng.sample(product_ids, rng.randint(1, len(product_ids)))
            try:
                order = create_order(
                    db, actor, customer_id, [SalesLineInput(p, None, Decimal(1)) for p in chosen]
                )
                confirm_order(db, actor, order)
                ship_order(db, actor, order)
            except StoreError as exc:
                errors.append(f"{type(exc).__name__}: {exc}")
            except BodeskError:
                pass
            except Exception as exc:
                errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        db.dispose()
        results.put(errors)
