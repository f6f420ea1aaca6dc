"""Desks posting invoices at once, in child processes (started with `spawn`, importable by name)."""

from __future__ import annotations

import random
from typing import Any

from bodesk.domain.access.actor import Actor
from bodesk.store.engine import Database
from tests.helpers.workers import SimulatedFailure


def post_some_invoices(
    url: str, actor: Actor, invoice_ids: list[int], seed: int, failure_rate: float, barrier: Any, results: Any
) -> None:
    """Post each draft in its own unit of work; about `failure_rate` of them fail after the number and
    the entry were drawn (so the whole posting rolls back). Puts (posted ids, failed ids, errors)."""
    from bodesk.domain.finance.invoicing import post_invoice_in
    from bodesk.store.types import utcnow

    db = Database(url)
    rng = random.Random(seed)
    posted: list[int] = []
    failed: list[int] = []
    errors: list[str] = []
    try:
        barrier.wait(timeout=120)
        for invoice_id in invoice_ids:
            try:
                with db.write() as session:
                    post_invoice_in(session, actor, invoice_id, utcnow())
                    if rng.random() < failure_rate:
                        raise SimulatedFailure
                posted.append(invoice_id)
            except SimulatedFailure:
                failed.append(invoice_id)
            except Exception as exc:
                errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        db.dispose()
        results.put((posted, failed, errors))
