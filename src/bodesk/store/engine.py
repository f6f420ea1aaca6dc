"""Engines for SQLite and PostgreSQL, and the two kinds of unit of work bodesk uses.

SQLite: WAL, foreign keys on, a 10 s busy timeout, synchronous NORMAL, the driver's own
transaction handling switched off, and every write transaction opened with BEGIN IMMEDIATE so that
two desks never both read and then both try to write (which SQLite could only refuse). PostgreSQL: a
10 s lock timeout, so that a desk waiting for another's large change hears why instead of waiting
for ever. What the drivers raise (busy, disk full, read-only, damaged) reaches the caller as the
StoreError of `store.failures`, from every unit of work.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.orm import Session

from bodesk.i18n import _
from bodesk.store.errors import StoreError
from bodesk.store.failures import BUSY_WAIT_SECONDS, translated
from bodesk.store.lock import UsageLock

BUSY_TIMEOUT_MS = BUSY_WAIT_SECONDS * 1000
logger = logging.getLogger(__name__)
_WRITE = "bodesk_write"
CHANGES_CHANNEL = "bodesk_changes"
"""What every write unit of work NOTIFYs on PostgreSQL, for the other desks (`store.changes`)."""


def normalize_url(url: str) -> str:
    """Accept postgres:// and postgresql:// and pick the psycopg 3 driver for them."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for a server database or an in-memory one."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _unicode_lower(value: Any) -> Any:
    if isinstance(value, str):
        return value.lower()
    if value is None or isinstance(value, bytes):
        return value
    return str(value).lower()


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # no driver-started transactions: we say BEGIN ourselves
    # SQLite's own lower() folds ASCII only ("Álvaro" stays "Álvaro"); PostgreSQL's folds every letter.
    dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def _on_sqlite_begin(conn: Connection) -> None:
    if conn.get_execution_options().get(_WRITE):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


def make_engine(url: str) -> Engine:
    url = normalize_url(url)
    if make_url(url).get_backend_name() == "sqlite":
        engine = create_engine(
            url,
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        )
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
        return engine
    given = make_url(url).query.get("options") or ""  # the URL's own options are kept, ours added
    options = " ".join([given] if isinstance(given, str) else given)
    try:
        return create_engine(
            url,
            pool_pre_ping=True,
            connect_args={"options": f"{options} -c lock_timeout={BUSY_TIMEOUT_MS}".strip()},
        )
    except ModuleNotFoundError as exc:  # a bundle built without PostgreSQL support (installer/build.py)
        raise StoreError(
            _(
                "This copy of bodesk cannot open a PostgreSQL server: it was installed without "
                "PostgreSQL support. Install the edition with PostgreSQL support on this computer, "
                "or open a database file instead."
            ),
            code="store.no_server_driver",
        ) from exc


class Database:
    """One database: hands out short units of work, never a long-lived session.

    `write()` is one transaction that commits when the block ends and rolls back on any error;
    `read()` is a consistent snapshot for queries and reports.
    """

    def __init__(self, url: str, engine: Engine | None = None) -> None:
        self.url = normalize_url(url)
        self.engine = engine or make_engine(self.url)
        self._write_engine = self.engine.execution_options(**{_WRITE: True})
        self.path = sqlite_path(self.url)
        self.usage: UsageLock | None = None  # held while opened as a person asks (store.opening)
        self.made: tuple[Path, ...] = ()  # what opening it created: the file, then new folders

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def describe(self) -> str:
        """What the status bar shows: the file, or the server and database name (no password)."""
        if self.path is not None:
            return str(self.path)
        parsed = make_url(self.url)
        return f"{parsed.host or 'localhost'}/{parsed.database or ''}"

    @contextmanager
    def write(self) -> Iterator[Session]:
        with (
            translated(self.describe()),
            Session(self._write_engine, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session
            if not self.is_sqlite:  # delivered to the other desks when, and only if, this commits
                session.execute(text(f"NOTIFY {CHANGES_CHANNEL}"))

    @contextmanager
    def read(self) -> Iterator[Session]:
        with (
            translated(self.describe()),
            Session(self.engine, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session

    @contextmanager
    def write_connection(self) -> Iterator[Connection]:
        with translated(self.describe()), self._write_engine.begin() as connection:
            yield connection
            if not self.is_sqlite:
                connection.execute(text(f"NOTIFY {CHANGES_CHANNEL}"))

    def refresh_statistics(self) -> None:
        """Gather the query planner's statistics (after bulk loads: demo data, large imports)."""
        with translated(self.describe()), self.engine.connect() as connection:
            connection.exec_driver_sql("ANALYZE")
            connection.commit()

    def dispose(self, optimize: bool = True) -> None:
        """Close every connection and let go of the file; on SQLite first let it refresh statistics that
        went stale (`optimize=False` for a file that was refused and must stay untouched)."""
        if optimize and self.is_sqlite:
            try:
                with self.engine.connect() as connection:
                    connection.exec_driver_sql("PRAGMA optimize")
            except Exception:  # closing must not fail on a busy or read-only file
                logger.debug("PRAGMA optimize skipped", exc_info=True)
        self.engine.dispose()
        if self.usage is not None:
            self.usage.release()
