"""Another desk saving a large change: a connection that holds the database's write lock, on SQLite or
PostgreSQL, and a program that waits for it only briefly (instead of bodesk's 10 seconds)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine

from bodesk.store import engine as engine_module
from bodesk.store.engine import Database

IMPATIENT_MS = 300
# What a bodesk write touches: holding these in EXCLUSIVE mode blocks every write and no read.
SERVER_TABLES = "audit_log, login_throttle, users, company"


@contextmanager
def impatient(db: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    """Another program on the database of `db` that waits IMPATIENT_MS for a lock, not 10 s."""
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", IMPATIENT_MS)
    other = Database(db.url)
    try:
        yield other
    finally:
        other.dispose()


@contextmanager
def write_lock_held(db: Database, seconds: float | None = None) -> Iterator[None]:
    """Another desk holds the write lock of `db` for the block (or only for `seconds`, from a timer)."""
    release, close = _hold(db)
    timer = threading.Timer(seconds, release) if seconds is not None else None
    try:
        if timer is not None:
            timer.start()
        yield
    finally:
        if timer is not None:
            timer.join()
        else:
            release()
        close()


def _hold(db: Database) -> tuple[Callable[[], None], Callable[[], None]]:
    """Take the write lock in a connection of its own; returns (release it, close the connection)."""
    if db.path is not None:
        connection = sqlite3.connect(db.path, isolation_level=None, check_same_thread=False)
        connection.execute("BEGIN IMMEDIATE")
        return connection.rollback, connection.close
    server = create_engine(engine_module.normalize_url(db.url))
    held = server.connect()
    transaction = held.begin()
    held.exec_driver_sql(f"LOCK TABLE {SERVER_TABLES} IN EXCLUSIVE MODE")

    def close() -> None:
        held.close()
        server.dispose()

    return transaction.rollback, close
