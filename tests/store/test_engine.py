"""The engine's promises: SQLite PRAGMAs on every connection, BEGIN IMMEDIATE for writes, snapshot
reads that never block a writer, and column types that keep money and instants exact."""

from __future__ import annotations

import sqlite3
import sys
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, insert, select, text
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.exc import StatementError

from bodesk.domain.common.models import Money, Quantity, UnitPrice
from bodesk.store.engine import Database
from bodesk.store.types import ScaledDecimal, UTCDateTime
from tests.helpers.refusals import refused
from tests.helpers.server import TEST_DATABASE_URL

pytestmark = pytest.mark.skipif(bool(TEST_DATABASE_URL), reason="SQLite files only")

SCRATCH = MetaData()  # never Base.metadata: the models' metadata must stay what the migrations build
amounts = Table(
    "scratch_amounts",
    SCRATCH,
    Column("id", Integer, primary_key=True),
    Column("money", Money()),
    Column("price", UnitPrice()),
    Column("quantity", Quantity()),
    Column("at", UTCDateTime()),
)


def _probe(path: Path) -> sqlite3.Connection:
    """A second desk's connection that gives up at once instead of waiting for a lock."""
    connection = sqlite3.connect(path, timeout=0, isolation_level=None)
    connection.execute("PRAGMA busy_timeout = 0")
    return connection


@pytest.fixture
def scratch(db: Database) -> Database:
    SCRATCH.create_all(db.engine)
    return db


def test_pragmas_are_in_force_on_every_connection(db: Database) -> None:
    with db.engine.connect() as first, db.engine.connect() as second, db.write() as third:
        for connection in (first, second, third.connection()):
            pragma = connection.exec_driver_sql
            assert pragma("PRAGMA journal_mode").scalar() == "wal"
            assert pragma("PRAGMA foreign_keys").scalar() == 1
            assert pragma("PRAGMA busy_timeout").scalar() >= 5000
            assert pragma("PRAGMA synchronous").scalar() in (1, 2)  # NORMAL or FULL


def test_write_unit_of_work_takes_the_write_lock_at_once(db: Database) -> None:
    assert db.path is not None
    probe = _probe(db.path)
    try:
        with db.write() as session:
            session.execute(text("SELECT 1"))  # only a read so far: a deferred BEGIN would hold no lock
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                probe.execute("BEGIN IMMEDIATE")
        probe.execute("BEGIN IMMEDIATE")  # free again once the unit of work ended
        probe.execute("ROLLBACK")
    finally:
        probe.close()


def test_write_unit_of_work_rolls_back_on_error(scratch: Database) -> None:
    with pytest.raises(RuntimeError), scratch.write() as session:
        session.execute(insert(amounts).values(money=Decimal("1.00")))
        raise RuntimeError("boom")
    with scratch.read() as session:
        assert session.execute(select(amounts)).all() == []


def test_read_unit_of_work_does_not_block_a_writer_and_keeps_its_snapshot(scratch: Database) -> None:
    assert scratch.path is not None
    probe = _probe(scratch.path)
    try:
        with scratch.read() as session:
            before = session.execute(select(amounts.c.id)).all()
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("INSERT INTO scratch_amounts (money) VALUES (100)")
            probe.execute("COMMIT")
            assert session.execute(select(amounts.c.id)).all() == before  # a consistent snapshot
        with scratch.read() as session:
            assert len(session.execute(select(amounts.c.id)).all()) == len(before) + 1
    finally:
        probe.close()


def test_money_is_stored_as_an_integer_and_read_back_exact(scratch: Database) -> None:
    with scratch.write() as session:
        session.execute(
            insert(amounts).values(
                money=Decimal("1234.56"), price=Decimal("0.0375"), quantity=Decimal("12.5")
            )
        )
    with scratch.read() as session:
        stored = session.execute(
            text(
                "SELECT typeof(money), money, typeof(price), price, typeof(quantity), quantity FROM scratch_amounts"
            )
        ).one()
        loaded = session.execute(select(amounts.c.money, amounts.c.price, amounts.c.quantity)).one()
    assert tuple(stored) == ("integer", 123456, "integer", 375, "integer", 12500)
    assert tuple(loaded) == (Decimal("1234.56"), Decimal("0.0375"), Decimal("12.500"))
    assert str(loaded.money) == "1234.56"


def test_money_sums_exactly_in_sql(scratch: Database) -> None:
    with scratch.write() as session:
        session.execute(insert(amounts), [{"money": Decimal("0.10")} for _ in range(10)])
    with scratch.read() as session:
        total = session.execute(text("SELECT sum(money) FROM scratch_amounts")).scalar_one()
    assert total == 100  # ten times 0.10 is exactly 1.00 in cents, where floats would give 0.9999...


@pytest.mark.parametrize("value", [1.5, 0.1, float("nan")])
def test_scaled_decimal_refuses_floats(scratch: Database, value: float) -> None:
    with pytest.raises(TypeError, match="float"):
        Money().process_bind_param(value, sqlite_dialect.dialect())
    with pytest.raises(StatementError) as caught, scratch.write() as session:
        session.execute(insert(amounts).values(money=value))
    assert isinstance(caught.value.orig, TypeError)
    with scratch.read() as session:
        assert session.execute(select(amounts)).all() == []


@pytest.mark.parametrize(
    ("places", "value"), [(2, "1.234"), (2, "0.001"), (4, "0.00001"), (3, "1.0005"), (0, "0.5")]
)
def test_scaled_decimal_refuses_too_many_places(places: int, value: str) -> None:
    with pytest.raises(ValueError, match="decimal places"):
        ScaledDecimal(places).process_bind_param(Decimal(value), sqlite_dialect.dialect())


def test_scaled_decimal_refuses_too_many_places_without_storing(scratch: Database) -> None:
    with pytest.raises(StatementError), scratch.write() as session:
        session.execute(insert(amounts).values(money=Decimal("0.005")))
    with scratch.read() as session:
        assert session.execute(select(amounts)).all() == []


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        (Decimal("1.50"), 150),
        (Decimal("1.500"), 150),
        (7, 700),
        ("2.5", 250),
        (Decimal("-0.01"), -1),
        (None, None),
    ],
)
def test_scaled_decimal_accepts_exact_values(value: object, stored: int | None) -> None:
    assert Money().process_bind_param(value, sqlite_dialect.dialect()) == stored


def test_utc_datetime_round_trips_aware_utc(scratch: Database) -> None:
    sao_paulo = timezone(timedelta(hours=-3))
    local = datetime(2026, 3, 10, 21, 30, 15, 123456, tzinfo=sao_paulo)
    with scratch.write() as session:
        session.execute(insert(amounts).values(at=local))
    with scratch.read() as session:
        loaded = session.execute(select(amounts.c.at)).scalar_one()
    assert loaded == local
    assert loaded.tzinfo is UTC
    assert loaded == datetime(2026, 3, 11, 0, 30, 15, 123456, tzinfo=UTC)


def test_utc_datetime_refuses_naive_values(scratch: Database) -> None:
    with pytest.raises(ValueError, match="aware"):
        UTCDateTime().process_bind_param(datetime(2026, 3, 10, 12, 0), sqlite_dialect.dialect())
    with pytest.raises(StatementError), scratch.write() as session:
        session.execute(insert(amounts).values(at=datetime(2026, 3, 10, 12, 0)))
    with scratch.read() as session:
        assert session.execute(select(amounts)).all() == []


def test_describe_names_the_file_or_the_server_without_password(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite"
    local = Database(f"sqlite:///{path}")
    assert local.describe() == str(path)
    assert local.is_sqlite
    local.dispose()
    remote = Database("postgres://bodesk:secret@db.example.com/loja")
    assert remote.describe() == "db.example.com/loja"
    assert "secret" not in remote.describe()
    assert remote.url.startswith("postgresql+psycopg://")
    assert remote.path is None


def test_a_server_without_its_driver_is_refused_with_a_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # a bundle built without PostgreSQL support

    with refused("store.no_server_driver") as caught:
        Database("postgresql://bodesk@server/bodesk")
    assert "PostgreSQL" in caught.value.message
