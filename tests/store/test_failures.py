"""What the drivers raise reaches a person as a sentence, from every unit of work: a database kept busy by
another desk, a full disk, a read-only file, a damaged page. Each refused write leaves the data as it
was; anything else the driver raises stays a bug."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import event, func, insert, select, text
from sqlalchemy.exc import DBAPIError

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.models import AuditEntry, User
from bodesk.domain.access.services import add_user
from bodesk.store.engine import Database
from bodesk.store.errors import StoreError
from bodesk.store.failures import BUSY_WAIT_SECONDS, Failure, classify
from bodesk.store.types import utcnow
from tests.builders.access import PASSWORD
from tests.helpers.busy import impatient, write_lock_held
from tests.helpers.files import damage_table, integrity
from tests.helpers.refusals import refused
from tests.helpers.server import TEST_DATABASE_URL

sqlite_only = pytest.mark.skipif(bool(TEST_DATABASE_URL), reason="SQLite files only")


def _state(db: Database) -> tuple[Any, ...]:
    with db.read() as session:
        users = session.execute(select(User.login).order_by(User.login)).scalars().all()
        entries = session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
    return tuple(users), entries


def _audit_rows(count: int) -> list[dict[str, object]]:
    now = utcnow()
    return [
        {
            "at": now,
            "user_id": None,
            "user_login": "system",
            "action": "test.fill",
            "entity": "bulk",
            "entity_key": str(index),
            "old_values": None,
            "new_values": "v" * 200,
            "reason": None,
        }
        for index in range(count)
    ]


def _on_every_connection(db: Database, pragma: str) -> None:
    """Run `pragma` on each new connection of `db` (the ones already open are closed first)."""

    def run(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(pragma)

    db.engine.dispose()
    event.listen(db.engine, "connect", run)


def test_a_write_kept_waiting_by_another_desk_is_refused_in_words(
    db: Database, owner: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _state(db)
    with impatient(db, monkeypatch) as other_program, write_lock_held(db), refused("store.busy") as caught:
        add_user(other_program, owner, "lateuser", "Late User", "sales", PASSWORD)
    assert "another desk" in caught.value.message.lower()
    assert f"{BUSY_WAIT_SECONDS} seconds" in caught.value.message
    assert _state(db) == before


@sqlite_only
def test_a_full_disk_is_refused_in_words_and_saves_nothing(db: Database, owner: Actor) -> None:
    """SQLite's own "database or disk is full" (SQLITE_FULL), reached with a page limit."""
    assert db.path is not None
    before = _state(db)
    with db.read() as session:
        pages = session.execute(text("PRAGMA page_count")).scalar_one()
    _on_every_connection(db, f"PRAGMA max_page_count = {pages + 5}")
    with refused("store.disk_full") as caught, db.write() as session:
        session.execute(insert(AuditEntry), _audit_rows(2_000))
    assert str(db.path) in caught.value.message and "nothing was saved" in caught.value.message
    assert _state(db) == before
    assert integrity(db.path) == ["ok"]


@sqlite_only
def test_a_read_only_database_is_refused_in_words(db: Database, owner: Actor) -> None:
    before = _state(db)
    _on_every_connection(db, "PRAGMA query_only = 1")
    with refused("store.read_only"):
        add_user(db, owner, "lateuser", "Late User", "sales", PASSWORD)
    assert _state(db) == before


@sqlite_only
def test_a_damaged_page_is_reported_in_words(db: Database, owner: Actor) -> None:
    assert db.path is not None
    db.dispose()
    damage_table(db.path, "users")
    with refused("store.corrupt") as caught, db.read() as session:
        session.execute(select(User.__table__)).all()
    assert "bodesk restore" in caught.value.message


def test_a_broken_rule_of_the_database_stays_a_bug(db: Database, owner: Actor) -> None:
    """A trigger's refusal is not a failure of the store: it reaches the crash dialog, not a message."""
    with pytest.raises(DBAPIError) as caught, db.write() as session:
        session.execute(text("UPDATE audit_log SET reason = 'rewritten'"))
    assert not isinstance(caught.value, StoreError)


class _ServerError(Exception):
    """An error as psycopg raises it: its SQLSTATE in `sqlstate`."""

    def __init__(self, sqlstate: str | None) -> None:
        super().__init__("server error")
        self.sqlstate = sqlstate


_ServerError.__module__ = "psycopg.errors"


@pytest.mark.parametrize(
    ("make", "failure"),
    [
        (lambda: _ServerError("55P03"), Failure.BUSY),
        (lambda: _ServerError("40P01"), Failure.CONFLICT),
        (lambda: _ServerError("40001"), Failure.CONFLICT),
        (lambda: _ServerError("53100"), Failure.DISK_FULL),
        (lambda: _ServerError("25006"), Failure.READ_ONLY),
        (lambda: _ServerError("XX001"), Failure.DAMAGED),
        (lambda: _ServerError("08006"), Failure.UNREACHABLE),
        (lambda: _ServerError(None), Failure.UNREACHABLE),
        (lambda: _ServerError("23505"), None),  # a unique key: a bug, not the store
        (lambda: sqlite3.OperationalError("database is locked"), Failure.BUSY),
        (lambda: sqlite3.OperationalError("database or disk is full"), Failure.DISK_FULL),
        (lambda: sqlite3.IntegrityError("UNIQUE constraint failed: users.login"), None),
        (lambda: OSError(28, "No space left on device"), Failure.DISK_FULL),
        (lambda: OSError(2, "No such file or directory"), None),
    ],
    ids=[
        "pg-lock-timeout",
        "pg-deadlock",
        "pg-serialization",
        "pg-disk-full",
        "pg-standby",
        "pg-corrupt",
        "pg-connection",
        "pg-no-state",
        "pg-unique",
        "sqlite-locked",
        "sqlite-full",
        "sqlite-unique",
        "enospc",
        "enoent",
    ],
)
def test_each_driver_error_is_classified(make: Callable[[], BaseException], failure: Failure | None) -> None:
    assert classify(make()) is failure
