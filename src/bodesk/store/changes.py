"""Knowing that another desk changed the database, so that a window can show it without being asked.

- PostgreSQL: every write unit of work ends with `NOTIFY bodesk_changes` (`Database.write`), which the
  server delivers to every listener when, and only if, the transaction commits. A `ChangeWatcher` holds
  one connection of its own that LISTENs, and `changed()` takes in what arrived with a trivial query, without waiting.
- SQLite: `PRAGMA data_version` on the watcher's own connection moves when any other connection (of
  this process or another) commits to the file; `changed()` compares it with the last reading.

`desks()` says how many windows watch the database (PostgreSQL: the listening connections, which
bodesk names `bodesk-desk`; SQLite: None, one PC). Watching must never get in the way of work: a
failure to read is logged and read as "nothing changed".
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import make_url

from bodesk.store.engine import CHANGES_CHANNEL as CHANNEL
from bodesk.store.engine import Database

DESK_NAME = "bodesk-desk"

logger = logging.getLogger(__name__)


class ChangeWatcher:
    """Watches `db` for commits by other connections; call `changed()` from a timer, `close()` at the end."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._connection: Any = None
        self._version: int | None = None
        self._notified = False
        try:
            self._open()
        except Exception:
            logger.warning("cannot watch %s for other desks' changes", db.describe(), exc_info=True)
            self.close()

    def _open(self) -> None:
        if self.db.is_sqlite:
            import sqlite3

            assert self.db.path is not None
            self._connection = sqlite3.connect(str(self.db.path), check_same_thread=False)
            self._version = self._sqlite_version()
            return
        import psycopg

        url = make_url(self.db.url).set(drivername="postgresql")
        self._connection = psycopg.connect(
            url.render_as_string(hide_password=False), autocommit=True, application_name=DESK_NAME
        )
        self._connection.add_notify_handler(self._heard)
        self._connection.execute(f"LISTEN {CHANNEL}")

    def _heard(self, _notify: Any) -> None:
        self._notified = True

    def _sqlite_version(self) -> int:
        return int(self._connection.execute("PRAGMA data_version").fetchone()[0])

    def changed(self) -> bool:
        """Whether another connection committed a change since the last call."""
        if self._connection is None:
            return False
        try:
            if self.db.is_sqlite:
                version = self._sqlite_version()
                moved, self._version = version != self._version, version
                return moved
            self._connection.execute("SELECT 1")  # takes in what the server sent meanwhile
            heard, self._notified = self._notified, False
            return heard
        except Exception:
            logger.warning("cannot read other desks' changes", exc_info=True)
            return False

    def desks(self) -> int | None:
        """How many bodesk windows watch this database now (None where that cannot be known)."""
        if self._connection is None or self.db.is_sqlite:
            return None
        try:
            row = self._connection.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND application_name = %s",
                (DESK_NAME,),
            ).fetchone()
            return int(row[0])
        except Exception:
            logger.warning("cannot count the desks", exc_info=True)
            return None

    def close(self) -> None:
        if self._connection is not None:
            try:
                self._connection.close()
            except Exception:  # closing must not fail
                logger.debug("closing the watcher failed", exc_info=True)
        self._connection = None
