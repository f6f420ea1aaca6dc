"""Opening a database as a person asks for it: checked, migrated (after a verified backup), ready.

Every way a file can be wrong ends in a StoreError whose message says what to do; the file is
left exactly as it was. Only what may create a database (`bodesk init`, `bodesk demo`, the app's first
run) opens with `create=True`; a database it created is `discard`ed again if that work fails.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from bodesk.i18n import _
from bodesk.store import migrate
from bodesk.store.backup import (
    Progress,
    backup_sqlite,
    backup_to_new_file,
    restore_sqlite,
    verify_sqlite_copy,
)
from bodesk.store.engine import Database
from bodesk.store.errors import BackupFailed, CorruptDatabase, DatabaseInUse, NotADatabase, StoreError
from bodesk.store.failures import Failure, message, translate
from bodesk.store.lock import InstanceLock, UsageLock, holder_of, lock_path, usage_path
from bodesk.store.server_dump import dump_server
from bodesk.store.sqlite_file import has_sqlite_header, new_paths, no_database, preflight

SIDECARS = ("-wal", "-shm", "-journal")


@contextmanager
def translated_errors(where: str) -> Iterator[None]:
    """What the driver raises while opening, as the StoreError a person reads; what `store.failures`
    does not know is "cannot open" with the driver's reason."""
    try:
        yield
    except (DBAPIError, sqlite3.Error) as exc:
        reason = exc.orig if isinstance(exc, DBAPIError) else exc
        raise (translate(exc, where) or message(Failure.CANNOT_OPEN, where, reason)) from exc


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


def open_database(
    url: str, backup_dir: Path | None = None, upgrade: bool = True, create: bool = True
) -> Database:
    """A Database ready for use, its schema at the newest revision (when `upgrade`). Without `create`, a
    missing or empty database is refused (NotADatabase, code "store.no_database") and nothing is made."""
    db = Database(url)
    if db.path is not None:
        db.made = new_paths(db.path)
        preflight(db.path, create=create)
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
                revision = migrate.check_revision(connection, where)
            if revision is None and not create:
                raise no_database(where)
            if db.path is not None:
                db.usage = UsageLock(db.path)
                db.usage.share()
            if upgrade:
                migrate.upgrade(
                    db, backup=(lambda: _pre_upgrade_backup(db, backup_dir)) if backup_dir else None
                )
    except BaseException:
        discard(db)
        raise
    return db


def discard(db: Database) -> None:
    """Close `db`; if opening it created the file, delete the file, what SQLite and bodesk keep beside
    it, and the folders made for it (when they hold nothing else). A database that existed before is
    only closed, never deleted."""
    db.dispose(optimize=False)
    if not db.made:
        return
    path = db.made[0]
    for extra in (*(path.with_name(path.name + suffix) for suffix in SIDECARS), usage_path(path)):
        with contextlib.suppress(OSError):
            extra.unlink(missing_ok=True)
    if holder_of(path) is None:
        with contextlib.suppress(OSError):
            lock_path(path).unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
    for folder in db.made[1:]:
        with contextlib.suppress(OSError):
            folder.rmdir()  # only when empty


def _pre_upgrade_backup(db: Database, backup_dir: Path) -> Path:
    if db.path is None:
        raise BackupFailed(
            _("Only a SQLite database is backed up before an upgrade."), code="store.backup_sqlite_only"
        )
    return backup_to_new_file(db.path, backup_dir, "before-upgrade", datetime.now(UTC))


def _sqlite_only(db: Database) -> Path:
    if db.path is None:
        raise BackupFailed(
            _(
                "bodesk backs up SQLite files only. For a PostgreSQL database use the server's own tools "
                "(pg_dump), as its administrator does."
            ),
            code="store.backup_sqlite_only",
        )
    return db.path


def backup_database(db: Database, target: Path, progress: Progress | None = None) -> Path:
    """A verified copy at `target`: SQLite's backup of a file, or the server's pg_dump."""
    if db.path is None:
        return dump_server(db, target)
    return backup_sqlite(db.path, target, progress)


@contextmanager
def read_backup(backup: Path) -> Iterator[Session]:
    """A session that reads the backup file `backup` and can change nothing in it (not even its
    journal mode); for what a backup holds, before it is restored."""
    engine = create_engine(f"sqlite:///file:{backup}?mode=ro&uri=true", poolclass=NullPool)
    try:
        with translated_errors(str(backup)), Session(engine) as session:
            yield session
    finally:
        engine.dispose()


def backup_into(
    db: Database, folder: Path, prefix: str, now: datetime, progress: Progress | None = None
) -> Path:
    """A verified copy of the database in a new file of `folder` named after `prefix` and `now`."""
    return backup_to_new_file(_sqlite_only(db), folder, prefix, now, progress)


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


def restore_database(
    db: Database,
    backup: Path,
    safety_dir: Path,
    progress: Progress | None = None,
    accept: Callable[[Path], None] | None = None,
) -> Path:
    """Replace the database's content with `backup`; returns the safety copy of what was there.

    `accept(backup)`, once the backup is known to be a sound bodesk database, may refuse it for what
    it holds. The restore then takes the lock the app holds while it has the database open, and the
    database for itself alone (the usage lock every window and command holds while it works): it is
    refused while another process works on it, and none opens it until the restore and the upgrade
    of its schema are done.
    """
    if db.path is None:
        raise StoreError(
            _("bodesk restores SQLite files only; restore a PostgreSQL database with pg_restore."),
            code="store.restore_sqlite_only",
        )
    if backup.resolve() == db.path.resolve():
        raise StoreError(
            _("{path} is the database itself: name a backup of it to restore.").format(path=backup),
            code="store.restore_same_file",
        )
    check_restorable(backup)
    if accept is not None:
        accept(backup)
    window = InstanceLock(db.path, restoring=True)
    try:
        window.acquire()
    except DatabaseInUse:
        raise _in_use(db.path) from None
    try:
        return _restore_alone(db, db.path, backup, safety_dir, progress)
    finally:
        window.release()


def _restore_alone(
    db: Database, path: Path, backup: Path, safety_dir: Path, progress: Progress | None
) -> Path:
    usage = db.usage or UsageLock(path)
    db.dispose(optimize=False)
    if not usage.take_alone():
        usage.share()
        db.usage = usage
        raise _in_use(path)
    try:
        safety = backup_to_new_file(path, safety_dir, "before-restore", datetime.now(UTC))
        restore_sqlite(backup, path, progress)
        migrate.upgrade(db)
    finally:
        usage.release()
    usage.share()
    db.usage = usage
    return safety


def _in_use(path: Path) -> StoreError:
    holder = holder_of(path)
    if holder is not None and holder.restoring:
        return StoreError(
            _(
                "Another restore into {path} is running (computer {host}, process {pid}). "
                "Let it finish; nothing was changed."
            ).format(path=path, host=holder.host, pid=holder.pid),
            code="store.restore_while_open",
        )
    if holder is not None:
        return StoreError(
            _(
                "The database is open in bodesk on computer {host} (process {pid}). Close it there before restoring."
            ).format(host=holder.host, pid=holder.pid),
            code="store.restore_while_open",
        )
    return StoreError(
        _(
            "Another bodesk program on this computer (a window or a command) is working on {path}. "
            "Wait for it to finish or close it, then restore again; nothing was changed."
        ).format(path=path),
        code="store.restore_while_open",
    )
