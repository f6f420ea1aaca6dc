"""What happens before the first window: opening the database (a refusal shown in words a person
can act on), holding the instance lock, and the backups this desk makes (daily and on request), each in
a file of its own. A database created for a first run that was given up is deleted again on close."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.backups import back_up_into
from bodesk.domain.company.services import is_set_up
from bodesk.i18n import _
from bodesk.settings import Preferences, save_preferences
from bodesk.store.backup import Progress, backup_file_name, prune_backups
from bodesk.store.engine import Database, normalize_url, sqlite_path
from bodesk.store.errors import DatabaseInUse, StoreError
from bodesk.store.lock import InstanceLock
from bodesk.store.opening import backup_into, discard, open_database
from bodesk.store.sqlite_file import new_paths, preflight
from bodesk.ui.widgets import messages

logger = logging.getLogger(__name__)

DAILY = "daily"
MANUAL = "manual"
DAILY_INTERVAL = timedelta(hours=24)

Report = Callable[[str, float], None]
"""Progress callback: (what is happening, fraction done); may raise to cancel."""


@dataclass
class OpenDatabase:
    db: Database
    lock: InstanceLock | None  # held while the app has a SQLite file open

    def close(self) -> None:
        """Close the database and let go of it; one this start created for a first run that was given
        up (no company) is deleted, with the folders made for it."""
        abandoned = bool(self.db.made) and not self._set_up()
        if self.lock is not None:
            self.lock.release()
        if abandoned:
            discard(self.db)
        else:
            self.db.dispose()

    def _set_up(self) -> bool:
        try:
            return is_set_up(self.db)
        except StoreError:  # unreadable now: keep whatever is there
            logger.warning("Could not tell whether %s was set up", self.db.describe(), exc_info=True)
            return True


def open_for_desk(url: str, backup_dir: Path) -> OpenDatabase:
    """Check the file, take the instance lock (SQLite), then open and migrate; StoreError if refused.

    The lock is taken before anything may change the file, so a second window never upgrades a
    database another one is using. A refused file is left exactly as it was.
    """
    path = sqlite_path(normalize_url(url))
    made = new_paths(path) if path is not None else ()
    lock: InstanceLock | None = None
    try:
        if path is not None:
            preflight(path)
            lock = InstanceLock(path)
            try:
                lock.acquire()
            except OSError as exc:
                lock = None
                raise StoreError(
                    _("Cannot use the folder of {path}: {reason}").format(path=path, reason=exc.strerror),
                    code="store.folder_unusable",
                ) from exc
        db = open_database(url, backup_dir=backup_dir)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    if made:  # the file is new: what preflight made for it is new too
        db.made = made
    return OpenDatabase(db, lock)


def open_or_explain(url: str, backup_dir: Path, parent: QWidget | None = None) -> OpenDatabase | None:
    """The open database, or None after telling the person why not (in a message box)."""
    try:
        return open_for_desk(url, backup_dir)
    except StoreError as exc:
        logger.warning("Cannot open %s: %s", url, exc.message)
        title = (
            _("The database is in use")
            if isinstance(exc, DatabaseInUse)
            else _("bodesk cannot open the database")
        )
        messages.show_warning(parent, title, exc.message)
        return None


def _copy_into(prefix: str, report: Report | None, copy: Callable[[datetime, Progress], Path]) -> Path:
    """`copy` the database into a new file named after `prefix` and the local time."""
    now = datetime.now()
    text = _("Copying {name}…").format(name=backup_file_name(prefix, now))

    def progress(done: int, total: int) -> None:
        if report is not None:
            report(text, done / total if total else 1.0)

    if report is not None:
        report(text, 0.0)
    return copy(now, progress)


def make_backup(db: Database, actor: Actor, folder: Path, report: Report | None = None) -> Path:
    """The backup a person asks for ("Back up now"): a verified copy in `folder`, refused unless
    their role may back up."""
    return _copy_into(
        MANUAL, report, lambda now, progress: back_up_into(db, actor, folder, MANUAL, now, progress)
    )


def record_backup(preferences: Preferences, when: datetime | None = None) -> None:
    """Remember on this desk when the last backup was made (shown on the home page)."""
    preferences.last_daily_backup = (when or datetime.now(UTC)).isoformat()
    save_preferences(preferences)


def daily_backup_due(preferences: Preferences, db: Database, now: datetime | None = None) -> bool:
    if not preferences.daily_backup or db.path is None:
        return False
    last = preferences.last_daily_backup_at
    if last is None:
        return True
    if last.tzinfo is None:
        last = last.replace(tzinfo=UTC)
    return (now or datetime.now(UTC)) - last >= DAILY_INTERVAL


def daily_backup(db: Database, preferences: Preferences, report: Report | None = None) -> Path:
    """The daily copy this desk makes whoever is logged in (a safety net the preferences switch on,
    not a person's command), then the oldest daily copies pruned to `backups_to_keep`."""
    folder = preferences.backup_folder
    path = _copy_into(DAILY, report, lambda now, progress: backup_into(db, folder, DAILY, now, progress))
    prune_backups(folder, DAILY, max(1, preferences.backups_to_keep))
    return path
