"""Backing up and restoring the database as a person asks for it, from the app or the command line:
the store copies the file, this checks first that the person's role may (`BACKUP_RUN`,
`BACKUP_RESTORE`), so that every way in is refused the same. The daily copy a desk makes on
its own is the store's (`store.opening.backup_database`), not a person's command.

A restore also looks at what the backup holds before anything changes: a database with no company, or
no owner who can log in, would lock everyone out, so it is refused; what is restored is described (the
company, its users, its last recorded activity), so the person sees which copy came back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.access.models import AuditEntry, User
from bodesk.domain.access.permissions import BACKUP_RESTORE, BACKUP_RUN, Role
from bodesk.domain.common.errors import UserError
from bodesk.domain.company.models import Company
from bodesk.i18n import _, format_datetime, ngettext
from bodesk.store.backup import Progress
from bodesk.store.copy import CopyReport, copy_database
from bodesk.store.copy import Progress as CopyProgress
from bodesk.store.engine import Database
from bodesk.store.opening import backup_database, backup_into, read_backup, restore_database


@dataclass(frozen=True)
class BackupContents:
    """What a backup holds, in the few words that tell one copy from another."""

    company: str | None
    users: int
    owners: int  # owners who can log in
    last_activity: datetime | None  # the newest audit entry

    def describe(self) -> str:
        users = ngettext("{n} user", "{n} users", self.users).format(n=self.users)
        when = format_datetime(self.last_activity) if self.last_activity else _("none recorded")
        return _("company “{company}”, {users}, last activity {when}").format(
            company=self.company or "", users=users, when=when
        )


@dataclass(frozen=True)
class Restored:
    contents: BackupContents
    safety_copy: Path  # what the database held before


def backup_contents(backup: Path) -> BackupContents:
    """What the bodesk backup `backup` holds, read without changing it."""
    with read_backup(backup) as session:
        company = session.execute(select(Company.name).limit(1)).scalar_one_or_none()
        users = session.execute(select(func.count()).select_from(User)).scalar_one()
        owners = session.execute(
            select(func.count()).select_from(User).where(User.role == Role.OWNER, User.is_locked.is_(False))
        ).scalar_one()
        last = session.execute(select(func.max(AuditEntry.at))).scalar_one_or_none()
    return BackupContents(company, users, owners, last)


def refuse_unusable(backup: Path, contents: BackupContents) -> None:
    """Refuse a backup that would leave nobody able to log in and manage the users."""
    if contents.company is None:
        raise UserError(
            _(
                "{path} holds no company: it is an empty bodesk database, and restoring it would lock "
                "everyone out. Choose another backup; nothing was changed."
            ).format(path=backup),
            code="backup.no_company",
        )
    if contents.owners == 0:
        raise UserError(
            _(
                "{path} holds no owner who can log in ({users}): after restoring it nobody could manage "
                "the users. Choose another backup; nothing was changed."
            ).format(
                path=backup, users=ngettext("{n} user", "{n} users", contents.users).format(n=contents.users)
            ),
            code="backup.no_owner",
        )


def back_up(db: Database, actor: Actor, target: Path, progress: Progress | None = None) -> Path:
    """A verified copy of the database at `target` (SQLite only); `progress` may raise to cancel."""
    with db.read() as session:
        require(session, actor, BACKUP_RUN)
    return backup_database(db, target, progress)


def copy_to_server(
    db: Database, actor: Actor, target_url: str, progress: CopyProgress | None = None
) -> CopyReport:
    """Copy the whole SQLite database into the empty PostgreSQL database at `target_url`: for those who
    may back it up (it is a copy of everything)."""
    with db.read() as session:
        require(session, actor, BACKUP_RUN)
    return copy_database(db, target_url, progress)


def back_up_into(
    db: Database, actor: Actor, folder: Path, prefix: str, now: datetime, progress: Progress | None = None
) -> Path:
    """A verified copy of the database in a new file of `folder` (named after `prefix` and `now`, never
    one that exists); `progress` may raise to cancel."""
    with db.read() as session:
        require(session, actor, BACKUP_RUN)
    return backup_into(db, folder, prefix, now, progress)


def restore(
    db: Database, actor: Actor, backup: Path, safety_dir: Path, progress: Progress | None = None
) -> Restored:
    """Replace the database's content with `backup`, refused unless it holds a company and an owner who
    can log in; what was there before is first copied into `safety_dir`."""
    with db.read() as session:
        require(session, actor, BACKUP_RESTORE)
    seen: list[BackupContents] = []

    def accept(path: Path) -> None:
        contents = backup_contents(path)
        refuse_unusable(path, contents)
        seen.append(contents)

    safety = restore_database(db, backup, safety_dir, progress, accept=accept)
    return Restored(seen[0], safety)
