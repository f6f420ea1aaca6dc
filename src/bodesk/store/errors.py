"""Why a database cannot be opened or copied, in words a person can act on."""

from __future__ import annotations

from bodesk.errors import BodeskError


class StoreError(BodeskError):
    """The database cannot be used as asked; nothing was changed. Where it is raised as such, `code` says
    why ("store.restore_sqlite_only")."""

    code = "store.unusable"


class NotADatabase(StoreError):
    """The file is not a bodesk database (missing, a folder, another program's)."""

    code = "store.not_a_database"


class CorruptDatabase(StoreError):
    """The database (or a backup) is damaged."""

    code = "store.corrupt"


class ReadOnlyDatabase(StoreError):
    """bodesk may not write to the database."""

    code = "store.read_only"


class NewerDatabase(StoreError):
    """A newer bodesk wrote the database: this version cannot read it."""

    code = "store.newer"


class NetworkShareRefused(StoreError):
    """A SQLite file on a network share, which SQLite cannot share safely."""

    code = "store.network_share"


class DatabaseInUse(StoreError):
    """Another bodesk window (or computer) has the database open."""

    code = "store.in_use"


class BackupFailed(StoreError):
    """A backup was not written; `code` says why where it is more precise."""

    code = "store.backup_failed"


class DatabaseBusy(StoreError):
    """Another desk held the database's write lock for longer than bodesk waits (a large change)."""

    code = "store.busy"


class ConcurrentChange(StoreError):
    """Two desks changed the same records at once and the database undid one of them (a deadlock, or a
    serialization failure on PostgreSQL): nothing of this unit of work was saved, and running it again
    is safe (`bodesk.store.retry.retrying`)."""

    code = "store.conflict"


class DiskFull(StoreError):
    """The disk (or the quota, or the file size limit) left no room to write: nothing was saved."""

    code = "store.disk_full"


class ServerUnreachable(StoreError):
    """The database server cannot be reached (network, server down, connection lost)."""

    code = "store.unreachable"
