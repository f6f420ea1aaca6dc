"""Functions run in child processes (started with `spawn`, so they must be importable by name)."""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.audit import record
from bodesk.domain.common.numbering import next_number
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
