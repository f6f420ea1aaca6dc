"""Running a unit of work again when another desk's change undid it.

Every posting path takes its locks in one order (ARCHITECTURE.md, "Several desks"), so two desks wait
for each other instead of deadlocking. What may still happen (a deadlock with a path written later, a
serialization failure on PostgreSQL) rolls the whole unit of work back and raises ConcurrentChange:
nothing of it was saved, so running the same call again is safe. `retrying` does that a bounded
number of times, after a short random pause so the two desks do not meet again; the last failure
reaches the person as its sentence. Screens call services through `ui.widgets.calls.run_service`,
which retries this way.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from typing import TypeVar

from bodesk.store.errors import ConcurrentChange

T = TypeVar("T")

ATTEMPTS = 3
"""How many times a call runs in all before its ConcurrentChange reaches the person."""

logger = logging.getLogger(__name__)


def retrying(call: Callable[[], T], attempts: int = ATTEMPTS, pause: float = 0.05) -> T:
    """`call()`, run again (at most `attempts` times in all) while it raises ConcurrentChange."""
    for attempt in range(1, attempts + 1):
        try:
            return call()
        except ConcurrentChange:
            if attempt == attempts:
                raise
            logger.info("a concurrent change undid a unit of work; attempt %d of %d", attempt + 1, attempts)
            time.sleep(pause * attempt * (1 + random.random()))
    raise AssertionError("unreachable")  # pragma: no cover
