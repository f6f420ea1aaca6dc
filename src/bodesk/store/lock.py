"""Who holds a SQLite file, with locks the operating system releases when the holding process ends
(however it ends), so that a lock left behind by a crash is stale and is taken over without asking.

- The instance lock (`bodesk.sqlite.lock`): one bodesk window per file; the file says who holds it.
- The usage lock (`bodesk.sqlite.inuse`): every process that opens the file for work (a window, a
  command) holds it shared; a restore holds it alone, so that it never runs while another process may
  still write, and nobody opens the file while it runs.
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
from bodesk.store.errors import DatabaseInUse, StoreError


@dataclass(frozen=True)
class LockHolder:
    host: str
    pid: int
    restoring: bool = False  # a restore holds it, not a window


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def _try_lock(handle: IO[str], shared: bool = False) -> bool:
    """Lock the file of `handle` without waiting (`shared`: alongside other shared holders)."""
    if sys.platform == "win32":
        import ctypes
        import msvcrt
        from ctypes import wintypes

        class Overlapped(ctypes.Structure):
            _fields_ = [
                ("internal", ctypes.c_void_p),
                ("internal_high", ctypes.c_void_p),
                ("offset", wintypes.DWORD),
                ("offset_high", wintypes.DWORD),
                ("event", wintypes.HANDLE),
            ]

        fail_immediately, exclusive = 0x1, 0x2
        flags = fail_immediately | (0 if shared else exclusive)
        os_handle = wintypes.HANDLE(msvcrt.get_osfhandle(handle.fileno()))
        # One byte at 4 GiB, far past what the file holds: Windows locks are mandatory, and the holder's
        # name at the start of the file must stay readable to the process that is refused.
        where = Overlapped(offset=0, offset_high=1)
        return bool(ctypes.windll.kernel32.LockFileEx(os_handle, flags, 0, 1, 0, ctypes.byref(where)))
    import fcntl

    try:
        fcntl.flock(handle.fileno(), (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def process_alive(pid: int) -> bool:
    """Whether a process `pid` runs on this computer."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        import ctypes
        from ctypes import wintypes

        kernel32 = ctypes.windll.kernel32
        query_limited_information, still_active, access_denied = 0x1000, 259, 5
        process = kernel32.OpenProcess(query_limited_information, False, pid)
        if not process:
            return bool(kernel32.GetLastError() == access_denied)  # another user's process
        try:
            status = wintypes.DWORD()
            return bool(kernel32.GetExitCodeProcess(process, ctypes.byref(status))) and (
                status.value == still_active
            )
        finally:
            kernel32.CloseHandle(process)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def read_holder(path: Path) -> LockHolder | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return LockHolder(host=str(data["host"]), pid=int(data["pid"]), restoring=bool(data.get("restoring")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


class InstanceLock:
    """Held for as long as the application has the database open, or a restore runs (`restoring`)."""

    def __init__(self, db_path: Path, restoring: bool = False) -> None:
        self.path = lock_path(db_path)
        self.restoring = restoring
        self._handle: IO[str] | None = None

    def acquire(self) -> None:
        handle = self.path.open("a+", encoding="utf-8")
        if not _try_lock(handle):
            handle.close()
            holder = read_holder(self.path)
            if holder is not None and holder.restoring:
                raise DatabaseInUse(
                    _(
                        "A backup is being restored into the database (computer {host}, process {pid}). "
                        "Try again when the restore has finished."
                    ).format(host=holder.host, pid=holder.pid),
                    code="store.restoring",
                )
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
        mine: dict[str, object] = {"host": socket.gethostname(), "pid": os.getpid()}
        handle.write(json.dumps({**mine, "restoring": True} if self.restoring else mine))
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


def usage_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".inuse")


class UsageLock:
    """Held shared by every process that works on a SQLite file, and alone by a restore."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.path = usage_path(db_path)
        self._handle: IO[str] | None = None

    def _take(self, shared: bool) -> bool:
        self.release()
        try:
            handle = self.path.open("a+", encoding="utf-8")
        except OSError as exc:
            raise StoreError(
                _("Cannot use the folder of {path}: {reason}").format(path=self.db_path, reason=exc.strerror),
                code="store.folder_unusable",
            ) from exc
        if not _try_lock(handle, shared):
            handle.close()
            return False
        self._handle = handle
        return True

    def share(self) -> None:
        """Hold the file alongside other processes; refused while a restore runs."""
        if not self._take(shared=True):
            raise DatabaseInUse(
                _(
                    "A backup is being restored into {path} right now. Try again when the restore has finished."
                ).format(path=self.db_path),
                code="store.restoring",
            )

    def take_alone(self) -> bool:
        """Hold the file alone; False (holding nothing) while any other process works on it."""
        return self._take(shared=False)

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
