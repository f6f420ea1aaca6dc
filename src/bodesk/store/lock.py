"""One bodesk window per SQLite file: a lock file beside the database that says who holds it.

The operating system releases the lock when the holding process ends, however it ends, so a lock
file left behind by a crash is stale and is taken over without asking anyone.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from bodesk.i18n import _
from bodesk.store.errors import DatabaseInUse


@dataclass(frozen=True)
class LockHolder:
    host: str
    pid: int


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def _try_lock(handle: IO[str]) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def read_holder(path: Path) -> LockHolder | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return LockHolder(host=str(data["host"]), pid=int(data["pid"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


class InstanceLock:
    """Held for as long as the application has the database open."""

    def __init__(self, db_path: Path) -> None:
        self.path = lock_path(db_path)
        self._handle: IO[str] | None = None

    def acquire(self) -> None:
        handle = self.path.open("a+", encoding="utf-8")
        if not _try_lock(handle):
            handle.close()
            holder = read_holder(self.path)
            if holder is None:
                message = _("The database is open in another bodesk window. Close it first.")
            else:
                message = _(
                    "The database is open in another bodesk window (computer {host}, process {pid}). "
                    "Close that window first."
                ).format(host=holder.host, pid=holder.pid)
            raise DatabaseInUse(message)
        # Ours now: whatever the file said before was left by a process that has ended.
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps({"host": socket.gethostname(), "pid": os.getpid()}))
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is None:
            return
        try:
            self._handle.seek(0)
            self._handle.truncate()
            self._handle.flush()
        finally:
            self._handle.close()
            self._handle = None

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def holder_of(db_path: Path) -> LockHolder | None:
    """Who holds the database now, or None when no live process does."""
    path = lock_path(db_path)
    if not path.exists():
        return None
    with path.open("a+", encoding="utf-8") as handle:
        if _try_lock(handle):
            return None
    return read_holder(path) or LockHolder(host="?", pid=0)
