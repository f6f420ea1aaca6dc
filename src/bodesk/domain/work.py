"""The day's work on the home page: what each module counts as waiting for someone (products below
their minimum, lots near expiry, orders to receive, counts open; sales orders to confirm, trips to
settle, overdue receivables as those modules come), for the roles that do it, and how the desk's backup
stands.

Each module declares its items in its manifest (`WorkItem`, with a query of its own); `work_to_do`
reads those the actor may see in one snapshot. Screens only lay the figures out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import may
from bodesk.domain.common.tones import Tone
from bodesk.domain.registry import work_items
from bodesk.i18n import format_decimal, ngettext
from bodesk.store.engine import Database

BACKUP_DUE_DAYS = 7  # a desk's last backup older than this needs one soon


@dataclass(frozen=True)
class WorkCount:
    key: str
    count: int
    words: str  # translated, agreeing with the count, with "{n}" where the number goes
    tone: Tone | None  # None when nothing is waiting

    @property
    def text(self) -> str:
        """ "3 products below their minimum"."""
        return self.words.format(n=format_decimal(self.count))


def work_to_do(db: Database, actor: Actor) -> list[WorkCount]:
    """Every work item the actor's role may see, counted now (nothing waiting included, toned None)."""
    found = []
    with db.read() as session:
        for item in work_items():
            if not may(session, actor, item.permission):
                continue
            count = int(item.count(session, actor))
            words = ngettext(*item.words, count)
            found.append(WorkCount(item.key, count, words, item.tone if count else None))
    return found


def backup_tone(last: datetime | None, now: datetime | None = None) -> Tone | None:
    """DANGER with no backup at all, WARNING when the last one is older than BACKUP_DUE_DAYS."""
    if last is None:
        return Tone.DANGER
    now = now or datetime.now(UTC)
    return Tone.WARNING if now - last > timedelta(days=BACKUP_DUE_DAYS) else None
