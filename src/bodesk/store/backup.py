"""Copies of a SQLite database made with SQLite's online backup API, safe while others write.

A copy is written under a temporary name, verified with `PRAGMA integrity_check`, flushed to disk
and only then renamed over the target, so a failed or cancelled backup (a full disk, say) leaves
the previous backup exactly as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from bodesk.i18n import _
from bodesk.store.errors import BackupFailed, StoreError

Progress = Callable[[int, int], None]
"""Called with (pages done, pages in all); may raise to cancel."""

PAGES_PER_STEP = 512


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


def _is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return True
    text = str(exc).lower()
    return "disk is full" in text or "disk i/o error" in text


def _discard(temporary: Path) -> None:
    """Delete a partial copy and the journal SQLite may have left beside it (after a failed write)."""
    for suffix in ("", "-journal"):
        with contextlib.suppress(OSError):
            temporary.with_name(temporary.name + suffix).unlink()


def backup_sqlite(source_path: Path, target: Path, progress: Progress | None = None) -> Path:
    """Copy the database at `source_path` to `target`; the copy exists only if it verified."""
    target = target.resolve()
    if target == source_path.resolve():
        raise BackupFailed(
            _("A backup cannot overwrite the database it copies."), code="store.backup_same_file"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.partial")
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
        if _is_disk_full(exc):
            raise BackupFailed(
                _(
                    "The disk is full: the backup was not written. The previous backup {target} is untouched."
                ).format(target=target),
                code="store.backup_disk_full",
            ) from exc
        if isinstance(exc, OSError | sqlite3.Error):
            raise BackupFailed(
                _("The backup failed: {reason}. Nothing was changed.").format(reason=exc),
                code="store.backup_failed",
            ) from exc
        raise
    finally:
        source.close()
    return target


def backup_file_name(prefix: str, now: datetime) -> str:
    return f"{prefix}-{now.strftime('%Y%m%d-%H%M%S')}.sqlite"


def prune_backups(folder: Path, prefix: str, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups named `prefix-*.sqlite`; returns what was deleted."""
    found = sorted(folder.glob(f"{prefix}-*.sqlite"))
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
        raise StoreError(
            _("The restore failed: {reason}. The database was not changed.").format(reason=exc),
            code="store.restore_failed",
        ) from exc
    finally:
        destination.close()
        source.close()
