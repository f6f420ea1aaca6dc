"""The one place where the store turns what the operating system and the database drivers raise into
messages a person can act on: a busy database, a full disk, a read-only file, a damaged file, a server
that cannot be reached.

Every unit of work (`Database.write`, `read`, `write_connection`), opening a database, `bodesk check`
and the backups go through `translated` (or `translate`), so each of these reads the same wherever it
happens: in the app, on the command line, in a long import or in the demo. Anything the driver raises
that is not one of them (a constraint, a bug in a statement) passes through unchanged: it is a bug.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum

from sqlalchemy.exc import DBAPIError

from bodesk.i18n import _
from bodesk.store.errors import (
    ConcurrentChange,
    CorruptDatabase,
    DatabaseBusy,
    DiskFull,
    NotADatabase,
    ReadOnlyDatabase,
    ServerUnreachable,
    StoreError,
)

BUSY_WAIT_SECONDS = 10
"""How long a unit of work waits for another desk's write lock before it gives up (SQLite's busy
timeout, PostgreSQL's lock_timeout)."""


class Failure(Enum):
    BUSY = "busy"
    CONFLICT = "conflict"
    DISK_FULL = "disk_full"
    DISK_ERROR = "disk_error"
    READ_ONLY = "read_only"
    DAMAGED = "damaged"
    NOT_A_DATABASE = "not_a_database"
    UNREACHABLE = "unreachable"
    CANNOT_OPEN = "cannot_open"


# SQLite's primary result codes (https://sqlite.org/rescode.html).
_SQLITE = {
    5: Failure.BUSY,  # SQLITE_BUSY
    6: Failure.BUSY,  # SQLITE_LOCKED
    8: Failure.READ_ONLY,  # SQLITE_READONLY
    10: Failure.DISK_ERROR,  # SQLITE_IOERR
    11: Failure.DAMAGED,  # SQLITE_CORRUPT
    13: Failure.DISK_FULL,  # SQLITE_FULL
    14: Failure.CANNOT_OPEN,  # SQLITE_CANTOPEN
    26: Failure.NOT_A_DATABASE,  # SQLITE_NOTADB
}
# The same, read from the message where the driver gives no code.
_SQLITE_WORDS = (
    ("database is locked", Failure.BUSY),
    ("database table is locked", Failure.BUSY),
    ("disk is full", Failure.DISK_FULL),
    ("disk i/o error", Failure.DISK_ERROR),
    ("readonly", Failure.READ_ONLY),
    ("read-only", Failure.READ_ONLY),
    ("malformed", Failure.DAMAGED),
    ("file is not a database", Failure.NOT_A_DATABASE),
    ("unable to open database file", Failure.CANNOT_OPEN),
)
# PostgreSQL's SQLSTATE codes (https://www.postgresql.org/docs/current/errcodes-appendix.html), by
# the whole code first, then by its class (the first two characters).
_POSTGRES = {
    "55P03": Failure.BUSY,  # lock_not_available (lock_timeout)
    "40P01": Failure.CONFLICT,  # deadlock_detected
    "40001": Failure.CONFLICT,  # serialization_failure
    "57014": Failure.BUSY,  # query_canceled (statement_timeout)
    "53100": Failure.DISK_FULL,  # disk_full
    "25006": Failure.READ_ONLY,  # read_only_sql_transaction (a standby server)
    "XX001": Failure.DAMAGED,  # data_corrupted
    "XX002": Failure.DAMAGED,  # index_corrupted
    "57P01": Failure.UNREACHABLE,  # admin_shutdown
    "57P02": Failure.UNREACHABLE,  # crash_shutdown
    "57P03": Failure.UNREACHABLE,  # cannot_connect_now
    "08": Failure.UNREACHABLE,  # connection_exception
    "58": Failure.DISK_ERROR,  # system_error (an I/O error on the server)
}
_OS = {
    errno.ENOSPC: Failure.DISK_FULL,
    errno.EDQUOT: Failure.DISK_FULL,
    errno.EFBIG: Failure.DISK_FULL,
    errno.EROFS: Failure.READ_ONLY,
    errno.EIO: Failure.DISK_ERROR,
}


def classify(exc: BaseException) -> Failure | None:
    """What kind of failure `exc` is (a driver error, wrapped by SQLAlchemy or not, or an OSError);
    None for anything else."""
    if isinstance(exc, DBAPIError):
        if exc.connection_invalidated and not isinstance(exc.orig, sqlite3.Error):
            return Failure.UNREACHABLE
        return classify(exc.orig) if exc.orig is not None else None
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        if isinstance(code, int) and (code & 0xFF) in _SQLITE:
            return _SQLITE[code & 0xFF]
        text = str(exc).lower()
        return next((failure for words, failure in _SQLITE_WORDS if words in text), None)
    state = getattr(exc, "sqlstate", None)
    if isinstance(state, str) and state:
        return _POSTGRES.get(state) or _POSTGRES.get(state[:2])
    if _is_postgres_error(exc):
        return Failure.UNREACHABLE  # no SQLSTATE: the connection itself failed
    if isinstance(exc, OSError):
        return _OS.get(exc.errno or 0)
    return None


def _is_postgres_error(exc: BaseException) -> bool:
    return type(exc).__module__.startswith("psycopg") and isinstance(exc, Exception)


def message(failure: Failure, where: str, reason: object = "") -> StoreError:
    """The error a person reads for `failure` of the database (or file) `where`."""
    if failure is Failure.BUSY:
        return DatabaseBusy(
            _(
                "Another desk is saving a large change to {where}, and the database stayed busy for more "
                "than {seconds} seconds: nothing was saved here. Try again in a moment."
            ).format(where=where, seconds=BUSY_WAIT_SECONDS)
        )
    if failure is Failure.CONFLICT:
        return ConcurrentChange(
            _(
                "Another desk changed the same records of {where} at the same moment, so nothing was "
                "saved here. Try again: what you typed is still here."
            ).format(where=where)
        )
    if failure is Failure.DISK_FULL:
        return DiskFull(
            _(
                "The disk holding {where} is full: nothing was saved. Free some space on it and try again."
            ).format(where=where)
        )
    if failure is Failure.DISK_ERROR:
        return StoreError(
            _(
                "bodesk could not write to the disk holding {where}: it may be full, removed or failing. "
                "Nothing was saved; check the disk and try again."
            ).format(where=where),
            code="store.disk_error",
        )
    if failure is Failure.READ_ONLY:
        return ReadOnlyDatabase(
            _(
                "The database {where} is read-only: nothing was saved. Check the permissions of the file "
                "and its folder (or, for a server, that it accepts changes)."
            ).format(where=where)
        )
    if failure is Failure.DAMAGED:
        return CorruptDatabase(
            _(
                "The database {where} is damaged. Restore the latest backup (bodesk restore FILE); "
                "the damaged file was not changed."
            ).format(where=where)
        )
    if failure is Failure.NOT_A_DATABASE:
        return NotADatabase(
            _("{where} is not a bodesk database, or it is damaged beyond reading.").format(where=where),
            code="store.not_a_database",
        )
    if failure is Failure.UNREACHABLE:
        return ServerUnreachable(
            _(
                "The database server of {where} cannot be reached: check the network and that the server "
                "is running, then try again. Nothing was saved."
            ).format(where=where)
        )
    return StoreError(
        _("Cannot open the database {where}: {reason}").format(where=where, reason=reason),
        code="store.cannot_open",
    )


def translate(exc: BaseException, where: str) -> StoreError | None:
    """The StoreError to raise in place of `exc`, or None when `exc` is not a failure of the store."""
    failure = classify(exc)
    if failure is None:
        return None
    reason = exc.orig if isinstance(exc, DBAPIError) else exc
    return message(failure, where, reason)


@contextmanager
def translated(where: str) -> Iterator[None]:
    """Raise what the database driver raises in the block as the StoreError a person reads."""
    try:
        yield
    except (DBAPIError, sqlite3.Error) as exc:
        error = translate(exc, where)
        if error is None:
            raise
        raise error from exc


def file_error(exc: OSError) -> StoreError | None:
    """A sentence for an OSError about a named file (a report or an export written where it cannot be, a
    file that vanished); None for one that names no file."""
    if not exc.filename:
        return None
    name = exc.filename
    if classify(exc) is Failure.DISK_FULL:
        return message(Failure.DISK_FULL, name)
    if exc.errno == errno.ENOENT:
        return StoreError(
            _("{file} does not exist, or its folder does not: check the name.").format(file=name),
            code="store.file_missing",
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StoreError(
            _("bodesk may not use {file}: check the permissions of the file and its folder.").format(
                file=name
            ),
            code="store.file_denied",
        )
    if exc.errno == errno.EISDIR:
        return StoreError(
            _("{file} is a folder: name a file.").format(file=name), code="store.file_is_folder"
        )
    return StoreError(
        _("Cannot use {file}: {reason}").format(file=name, reason=exc.strerror or exc),
        code="store.file_unusable",
    )
