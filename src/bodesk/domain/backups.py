"""Backing up and restoring the database as a person asks for it, from the app or the command line:
the store copies the file, this checks first that the person's role may (`BACKUP_RUN`,
`BACKUP_RESTORE`), so that every way in is refused the same. The daily copy a desk makes on
its own is the store's (`store.opening.backup_database`), not a person's command."""

from __future__ import annotations

from pathlib import Path

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.access.permissions import BACKUP_RESTORE, BACKUP_RUN
from bodesk.store.backup import Progress
from bodesk.store.engine import Database
from bodesk.store.opening import backup_database, restore_database


def back_up(db: Database, actor: Actor, target: Path, progress: Progress | None = None) -> Path:
    """A verified copy of the database at `target` (SQLite only); `progress` may raise to cancel."""
    with db.read() as session:
        require(session, actor, BACKUP_RUN)
    return backup_database(db, target, progress)


def restore(
    db: Database, actor: Actor, backup: Path, safety_dir: Path, progress: Progress | None = None
) -> Path:
    """Replace the database's content with `backup`; returns the safety copy of what was there,
    written in `safety_dir` first."""
    with db.read() as session:
        require(session, actor, BACKUP_RESTORE)
    return restore_database(db, backup, safety_dir, progress)
