"""The triggers hold against SQL written by hand, here SQLite's INSERT OR REPLACE from a plain sqlite3
connection (no bodesk, no ORM): it may not overwrite an audit entry, a posted row (by its id or by
another unique key such as a receipt's number), a finished document or a line of one. PostgreSQL's
INSERT ... ON CONFLICT DO UPDATE is refused by the update triggers."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from bodesk.domain.access.actor import Actor
from bodesk.domain.stock.counts import cancel_count, start_count
from bodesk.store.engine import Database
from tests.builders.purchasing import make_product_in_cases, make_supplier, receive, sent_order
from tests.builders.stock import make_warehouse
from tests.helpers.files import dump

ORDER_STATUS = "SELECT status FROM purchase_orders WHERE id = ?"


@pytest.fixture
def books(db: Database, owner: Actor) -> dict[str, int]:
    """A received order (with its receipt and moves), a cancelled count with lines, an open order."""
    warehouse = make_warehouse(db, owner).warehouse_id
    supplier = make_supplier(db, owner)
    water = make_product_in_cases(db, owner, "AGUA")
    received = sent_order(db, owner, supplier, warehouse, (water, 1, "10.00"))
    receipt = receive(db, owner, received, [12])
    count = start_count(db, owner, warehouse)
    cancel_count(db, owner, count, "wrong aisle")
    still_open = sent_order(db, owner, supplier, warehouse, (water, 2, "10.00"))
    return {"order": received, "receipt": receipt, "count": count, "open": still_open}


def _row(connection: sqlite3.Connection, table: str, where: str, *args: Any) -> dict[str, Any]:
    connection.row_factory = sqlite3.Row
    row = connection.execute(f"SELECT * FROM {table} WHERE {where}", args).fetchone()
    assert row is not None, (table, where)
    return dict(row)


def _replace(connection: sqlite3.Connection, table: str, row: dict[str, Any]) -> None:
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    connection.execute(f"INSERT OR REPLACE INTO {table} ({columns}) VALUES ({marks})", list(row.values()))


def _by_hand(db: Database) -> sqlite3.Connection:
    """Another program's connection: plain sqlite3, foreign keys off, no recursive triggers."""
    assert db.path is not None
    db.dispose()
    return sqlite3.connect(db.path, isolation_level=None)


def _replacements(connection: sqlite3.Connection, books: dict[str, int]) -> list[tuple[str, dict[str, Any]]]:
    """Each final row changed, once keeping its id and once under a new id with its other unique key."""
    entry = _row(connection, "audit_log", "1 = 1 ORDER BY id LIMIT 1")
    receipt = _row(connection, "receipts", "id = ?", books["receipt"])
    order = _row(connection, "purchase_orders", "id = ?", books["order"])
    count = _row(connection, "stock_counts", "id = ?", books["count"])
    order_line = _row(connection, "purchase_order_lines", "order_id = ?", books["order"])
    count_line = _row(connection, "stock_count_lines", "count_id = ?", books["count"])
    move = _row(connection, "stock_moves", "1 = 1 LIMIT 1")
    return [
        ("audit_log", {**entry, "action": "rewritten"}),
        ("stock_moves", {**move, "quantity": 999}),
        ("receipts", {**receipt, "total": 0}),
        ("receipts", {**receipt, "id": 9_001, "total": 0}),  # a new id, the same number
        ("purchase_orders", {**order, "notes": "rewritten"}),
        ("purchase_orders", {**order, "id": 9_002, "status": "draft"}),
        ("stock_counts", {**count, "status": "open"}),
        ("purchase_order_lines", {**order_line, "quantity": 1}),
        ("stock_count_lines", {**count_line, "counted": 5}),
        ("stock_count_lines", {**count_line, "id": 9_003, "counted": 5}),  # its unique line key
    ]


def test_insert_or_replace_by_hand_cannot_overwrite_a_final_row(db: Database, books: dict[str, int]) -> None:
    if not db.is_sqlite:
        pytest.skip("INSERT OR REPLACE is SQLite's")
    assert db.path is not None
    connection = _by_hand(db)
    try:
        before = dump(db.path)
        for table, row in _replacements(connection, books):
            with pytest.raises(sqlite3.IntegrityError, match=r"append-only|final records"):
                _replace(connection, table, row)
        assert dump(db.path) == before
        still_open = _row(connection, "purchase_orders", "id = ?", books["open"])
        _replace(
            connection, "purchase_orders", {**still_open, "notes": "call first"}
        )  # not final: may change
        assert _row(connection, "purchase_orders", "id = ?", books["open"])["notes"] == "call first"
    finally:
        connection.close()


def test_on_conflict_do_update_cannot_rewrite_an_audit_entry_on_a_server(db: Database, owner: Actor) -> None:
    if db.is_sqlite:
        pytest.skip("PostgreSQL's upsert")
    with db.read() as session:
        first = session.execute(text("SELECT id, action FROM audit_log ORDER BY id LIMIT 1")).one()
    upsert = text(
        "INSERT INTO audit_log (id, at, user_login, action, entity, entity_key) "
        "VALUES (:id, now(), 'x', 'rewritten', 'user', 'x') ON CONFLICT (id) DO UPDATE SET action = 'rewritten'"
    )
    with pytest.raises(DatabaseError, match="append-only"), db.write_connection() as connection:
        connection.execute(upsert, {"id": first.id})
    with db.read() as session:
        assert session.execute(
            text("SELECT action FROM audit_log WHERE id = :id"), {"id": first.id}
        ).scalar() == (first.action)


def test_an_audit_entry_is_still_appended(db: Database, owner: Actor) -> None:
    with db.write_connection() as connection:
        connection.execute(
            text(
                "INSERT INTO audit_log (at, user_login, action, entity, entity_key) "
                "VALUES ('2026-01-01 00:00:00.000000', 'x', 'test.append', 'user', 'x')"
            )
        )
    with db.read() as session:
        assert (
            session.execute(text("SELECT count(*) FROM audit_log WHERE action = 'test.append'")).scalar() == 1
        )
