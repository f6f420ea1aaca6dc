"""Copies of a SQLite database made with SQLite's online backup API, safe while others write.

A copy is written under a temporary name, verified with `PRAGMA integrity_check`, flushed to disk
and only then renamed over the target, so a failed or cancelled backup (a full disk, say) leaves
the previous backup exactly as it was. The temporary copy is named after the computer and the process
that writes it, so that the next backup deletes what a killed one left (`remove_stale_partials`). A
backup replaces a regular file that is empty or a SQLite database, never anything else.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import sqlite3
import stat
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from bodesk.i18n import _
from bodesk.store.errors import BackupFailed, StoreError
from bodesk.store.failures import Failure, classify, translate
from bodesk.store.lock import process_alive
from bodesk.store.sqlite_file import has_sqlite_header

Progress = Callable[[int, int], None]
"""Called with (pages done, pages in all); may raise to cancel."""

PAGES_PER_STEP = 512
PARTIAL_SUFFIX = ".partial"
STALE_ELSEWHERE_SECONDS = 24 * 3600
"""A partial copy of another computer (a shared backup folder) is stale once untouched this long: a
running backup writes to its copy at every step."""
_NAME = re.compile(r"^(?P<stamp>.*-\d{8}-\d{6})(?:-(?P<n>\d+))?\.sqlite$")


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def verify_sqlite_copy(path: Path) -> None:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        result = connection.execute("PRAGMA integrity_check").fetchall()
    finally:
        connection.close()
    if result != [("ok",)]:
        raise BackupFailed(
            _("The copy {path} failed its integrity check.").format(path=path), code="store.backup_unverified"
        )


def _copy(source: sqlite3.Connection, target: Path, progress: Progress | None) -> None:
    destination = sqlite3.connect(target)
    try:

        def step(_status: int, remaining: int, total: int) -> None:
            if progress is not None:
                progress(total - remaining, total)

        source.backup(destination, pages=PAGES_PER_STEP, progress=step)
        destination.execute("PRAGMA journal_mode = DELETE")
    finally:
        destination.close()


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9-]", "_", socket.gethostname()) or "host"


def partial_path(target: Path) -> Path:
    """Where the copy for `target` is written until it is verified: hidden, named after this process."""
    return target.with_name(f".{target.name}~{_host()}~{os.getpid()}{PARTIAL_SUFFIX}")


def _writer_of(partial: Path) -> tuple[str, int] | None:
    """(computer, process) that wrote a partial copy, or None for a file that is not one."""
    stem = partial.name.removesuffix(PARTIAL_SUFFIX)
    parts = stem.rsplit("~", 2)
    if len(parts) == 3 and parts[2].isdigit():
        return parts[1], int(parts[2])
    legacy = stem.rpartition(".")[2]  # ".name.PID.partial", written before copies named their computer
    return (_host(), int(legacy)) if legacy.isdigit() else None


def remove_stale_partials(folder: Path) -> list[Path]:
    """Delete the partial copies killed backups left in `folder`: those written by a process of this
    computer that has ended, and those of another computer untouched for a day. Returns them."""
    removed = []
    for partial in sorted(folder.glob(f".*{PARTIAL_SUFFIX}")):
        writer = _writer_of(partial)
        if writer is None:
            continue
        host, pid = writer
        stale = False
        if host == _host():
            stale = pid != os.getpid() and not process_alive(pid)
        else:
            with contextlib.suppress(OSError):
                stale = time.time() - partial.stat().st_mtime > STALE_ELSEWHERE_SECONDS
        if stale:
            _discard(partial)
            removed.append(partial)
    return removed


def _failed(exc: Exception, target: Path) -> BackupFailed:
    if classify(exc) in (Failure.DISK_FULL, Failure.DISK_ERROR):
        return BackupFailed(
            _(
                "The disk could not take the backup (it is full, or failing): the backup was not written. "
                "The previous backup {target} is untouched."
            ).format(target=target),
            code="store.backup_disk_full",
        )
    return BackupFailed(
        _("The backup failed: {reason}. Nothing was changed.").format(reason=exc), code="store.backup_failed"
    )


def _discard(temporary: Path) -> None:
    """Delete a partial copy and the journal SQLite may have left beside it (after a failed write)."""
    for suffix in ("", "-journal"):
        with contextlib.suppress(OSError):
            temporary.with_name(temporary.name + suffix).unlink()


def _check_target(target: Path) -> None:
    """Refuse to replace anything but an empty regular file or a SQLite database (an earlier backup)."""
    try:
        found = os.stat(target)
    except FileNotFoundError:
        return
    if not stat.S_ISREG(found.st_mode):
        raise BackupFailed(
            _(
                "{target} is not a plain file (a folder, a device or a pipe): a backup never replaces it. "
                "Name a file."
            ).format(target=target),
            code="store.backup_not_a_file",
        )
    if found.st_size > 0 and not has_sqlite_header(target):
        raise BackupFailed(
            _(
                "{target} exists and is not a bodesk backup: a backup never replaces another kind of file. "
                "Name a new file, or an earlier backup."
            ).format(target=target),
            code="store.backup_not_a_backup",
        )


def backup_sqlite(source_path: Path, target: Path, progress: Progress | None = None) -> Path:
    """Copy the database at `source_path` to `target`; the copy exists only if it verified."""
    target = target.resolve()
    if target == source_path.resolve():
        raise BackupFailed(
            _("A backup cannot overwrite the database it copies."), code="store.backup_same_file"
        )
    _check_target(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_partials(target.parent)
    except OSError as exc:
        raise _failed(exc, target) from exc
    temporary = partial_path(target)
    source = sqlite3.connect(source_path, timeout=10)
    try:
        _copy(source, temporary, progress)
        verify_sqlite_copy(temporary)
        with temporary.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, target)
        _fsync_dir(target.parent)
    except BaseException as exc:
        _discard(temporary)
        if isinstance(exc, StoreError | KeyboardInterrupt) or not isinstance(exc, Exception):
            raise
        if isinstance(exc, OSError | sqlite3.Error):
            raise _failed(exc, target) from exc
        raise
    finally:
        source.close()
    return target


def backup_file_name(prefix: str, now: datetime) -> str:
    return f"{prefix}-{now.strftime('%Y%m%d-%H%M%S')}.sqlite"


def _reserve(folder: Path, prefix: str, now: datetime) -> Path:
    """A name in `folder` no file has yet, made (empty) at once so that no other backup takes it:
    `prefix-YYYYmmdd-HHMMSS.sqlite`, then `...-2.sqlite`, `...-3.sqlite` within the same second."""
    stem = backup_file_name(prefix, now).removesuffix(".sqlite")
    number = 1
    while True:
        path = folder / (f"{stem}.sqlite" if number == 1 else f"{stem}-{number}.sqlite")
        with contextlib.suppress(FileExistsError):
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
            return path
        number += 1


def backup_to_new_file(
    source_path: Path, folder: Path, prefix: str, now: datetime, progress: Progress | None = None
) -> Path:
    """A verified copy of `source_path` in a new file of `folder` named after `prefix` and `now`
    (safety copies before a restore or an upgrade, daily and manual backups): never one that exists."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        reserved = _reserve(folder, prefix, now)
    except OSError as exc:
        raise _failed(exc, folder) from exc
    try:
        return backup_sqlite(source_path, reserved, progress)
    except BaseException:
        reserved.unlink(missing_ok=True)
        raise


def _age_order(path: Path) -> tuple[str, int]:
    """Backups in the order they were made: by time, then by the number added within one second."""
    named = _NAME.match(path.name)
    if named is None:
        return path.name, 0
    return named["stamp"], int(named["n"] or 1)


def prune_backups(folder: Path, prefix: str, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups named `prefix-*.sqlite`; returns what was deleted."""
    found = sorted(folder.glob(f"{prefix}-*.sqlite"), key=_age_order)
    doomed = found[:-keep] if keep > 0 else found
    for path in doomed:
        path.unlink(missing_ok=True)
    return doomed


def restore_sqlite(backup: Path, target_path: Path, progress: Progress | None = None) -> None:
    """Write the (already verified) copy `backup` into the live database at `target_path`.

    Uses the backup API in reverse, so every other connection sees either the old or the new
    content, never a mix.
    """
    source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    destination = sqlite3.connect(target_path, timeout=10)
    try:

        def step(_status: int, remaining: int, total: int) -> None:
            if progress is not None:
                progress(total - remaining, total)

        source.backup(destination, pages=PAGES_PER_STEP, progress=step)
    except sqlite3.Error as exc:
        raise translate(exc, str(target_path)) or StoreError(
            _("The restore failed: {reason}. The database was not changed.").format(reason=exc),
            code="store.restore_failed",
        ) from exc
    finally:
        destination.close()
        source.close()
