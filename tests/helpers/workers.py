"""Functions run in child processes (started with `spawn`, so they must be importable by name)."""

from __future__ import annotations

import random
from typing import Any

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
