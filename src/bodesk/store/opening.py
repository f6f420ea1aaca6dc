"""Opening a database as a person asks for it: checked, migrated (after a verified backup), ready.

Every way a file can be wrong ends in a StoreError whose message says what to do; the file is
left exactly as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.pool import NullPool

from bodesk.i18n import _
from bodesk.store import migrate
from bodesk.store.backup import Progress, backup_file_name, backup_sqlite, restore_sqlite, verify_sqlite_copy
from bodesk.store.engine import Database
from bodesk.store.errors import (
    BackupFailed,
    CorruptDatabase,
    NotADatabase,
    ReadOnlyDatabase,
    StoreError,
)
from bodesk.store.lock import holder_of
from bodesk.store.sqlite_file import has_sqlite_header, preflight


def _translate(exc: DBAPIError, where: str) -> StoreError:
    reason = str(exc.orig).lower()
    if "file is not a database" in reason:
        return NotADatabase(
            _("{where} is not a bodesk database, or it is damaged beyond reading.").format(where=where),
            code="store.not_a_database",
        )
    if "malformed" in reason or "corrupt" in reason:
        return CorruptDatabase(
            _(
                "The database {where} is damaged. Restore the latest backup (bodesk restore FILE); "
                "the damaged file was not changed."
            ).format(where=where)
        )
    if "readonly" in reason or "read-only" in reason:
        return ReadOnlyDatabase(_("The database {where} is read-only.").format(where=where))
    if isinstance(exc, OperationalError):
        return StoreError(
            _("Cannot open the database {where}: {reason}").format(where=where, reason=exc.orig),
            code="store.cannot_open",
        )
    return StoreError(
        _("The database {where} cannot be used: {reason}").format(where=where, reason=exc.orig),
        code="store.unusable",
    )


@contextmanager
def translated_errors(where: str) -> Iterator[None]:
    try:
        yield
    except DBAPIError as exc:
        raise _translate(exc, where) from exc


def _in_wal_mode(path: Path) -> bool:
    """Whether a SQLite file is in WAL mode already (its header's format versions, bytes 18-19, are 2)."""
    with path.open("rb") as handle:
        return handle.read(20)[18:20] == b"\x02\x02"


def _read_revision(path: Path, where: str) -> str | None:
    """The schema revision of an existing SQLite file, refusing one bodesk cannot use, read without
    changing a byte of it: no PRAGMA is set here (the engine's switch to WAL rewrites the header)."""
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)
    try:
        with translated_errors(where), engine.connect() as connection:
            connection.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
            return migrate.check_revision(connection, where)
    finally:
        engine.dispose()


def open_database(url: str, backup_dir: Path | None = None, upgrade: bool = True) -> Database:
    """A Database ready for use, its schema at the newest revision (when `upgrade`)."""
    db = Database(url)
    if db.path is not None:
        preflight(db.path)
    where = db.describe()
    try:
        if (
            db.path is not None
            and db.path.is_file()
            and db.path.stat().st_size > 0
            and not _in_wal_mode(db.path)
        ):
            _read_revision(db.path, where)  # before the engine switches the file to WAL
        with translated_errors(where):
            with db.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
                if db.is_sqlite:
                    connection.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
            if upgrade:
                migrate.upgrade(
                    db, backup=(lambda: _pre_upgrade_backup(db, backup_dir)) if backup_dir else None
                )
            else:
                with db.engine.connect() as connection:
                    migrate.check_revision(connection, where)
    except BaseException:
        db.dispose(optimize=False)
        raise
    return db


def _pre_upgrade_backup(db: Database, backup_dir: Path) -> Path:
    if db.path is None:
        raise BackupFailed(
            _("Only a SQLite database is backed up before an upgrade."), code="store.backup_sqlite_only"
        )
    name = backup_file_name("before-upgrade", datetime.now(UTC))
    return backup_sqlite(db.path, backup_dir / name)


def backup_database(db: Database, target: Path, progress: Progress | None = None) -> Path:
    if db.path is None:
        raise BackupFailed(
            _(
                "bodesk backs up SQLite files only. For a PostgreSQL database use the server's own tools "
                "(pg_dump), as its administrator does."
            ),
            code="store.backup_sqlite_only",
        )
    return backup_sqlite(db.path, target, progress)


def check_restorable(backup: Path) -> str | None:
    """Refuse a file that is not a verified, readable bodesk database; returns its schema revision."""
    if not backup.is_file():
        raise NotADatabase(
            _("{path} does not exist or is not a file.").format(path=backup), code="store.no_file"
        )
    if not has_sqlite_header(backup):
        raise NotADatabase(
            _("{path} is not a bodesk backup (it is not a SQLite file).").format(path=backup),
            code="store.not_sqlite",
        )
    try:
        verify_sqlite_copy(backup)
    except (sqlite3.DatabaseError, BackupFailed) as exc:
        raise CorruptDatabase(
            _("{path} is damaged and cannot be restored; the database was not changed.").format(path=backup)
        ) from exc
    revision = _read_revision(backup, str(backup))
    if revision is None:
        raise NotADatabase(
            _("{path} is an empty database, not a bodesk backup.").format(path=backup),
            code="store.empty_database",
        )
    return revision


def restore_database(db: Database, backup: Path, safety_dir: Path, progress: Progress | None = None) -> Path:
    """Replace the database's content with `backup`; returns the safety copy of what was there."""
    if db.path is None:
        raise StoreError(
            _("bodesk restores SQLite files only; restore a PostgreSQL database with pg_restore."),
            code="store.restore_sqlite_only",
        )
    check_restorable(backup)
    holder = holder_of(db.path)
    if holder is not None:
        raise StoreError(
            _(
                "The database is open in bodesk on computer {host} (process {pid}). Close it there before restoring."
            ).format(host=holder.host, pid=holder.pid),
            code="store.restore_while_open",
        )
    safety = backup_sqlite(db.path, safety_dir / backup_file_name("before-restore", datetime.now(UTC)))
    db.dispose()
    restore_sqlite(backup, db.path, progress)
    migrate.upgrade(db)
    return safety
