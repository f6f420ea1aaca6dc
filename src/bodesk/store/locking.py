"""How a unit of work locks the rows it is about to change: `FOR NO KEY UPDATE` on PostgreSQL.

A plain `FOR UPDATE` also blocks the `FOR KEY SHARE` lock that PostgreSQL takes on a referenced row
whenever a row pointing at it is inserted (a sales order line at its product, a stock move at its
quant's product). Two desks then deadlock: one inserting an order's lines, holding key-share locks on
its products in the order typed, the other confirming an order, locking the same products for update in
id order. No unit of work changes a primary key, so the weaker `FOR NO KEY UPDATE` serializes the
changes just the same and leaves the references alone. SQLite has no row locks: its write transaction
(BEGIN IMMEDIATE) serializes writers, and SQLAlchemy leaves the clause out there.

Use `select(...).with_for_update(key_share=True)`, or `session.get(Model, id, with_for_update=LOCK)`.
The order in which a posting takes its locks is in ARCHITECTURE.md ("Several desks").
"""

from __future__ import annotations

from typing import Any

LOCK: dict[str, Any] = {"key_share": True}
"""`with_for_update=LOCK`: lock a row for a change that keeps its key (FOR NO KEY UPDATE)."""
