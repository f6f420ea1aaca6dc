"""Two desks editing the same record: the second save is refused, naming who changed it and when.

A record a person edits in a form (a product, a customer) carries a `version` that every change to
its card raises by one. The form keeps the version it read; the service compares it, under the row's
lock, with the stored one, and refuses with `ChangedElsewhere` when they differ: nothing is saved, the
form stays open with what the person typed, and the message names the last change in the audit log.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bodesk.domain.access.models import AuditEntry
from bodesk.domain.common.errors import UserError
from bodesk.i18n import _, format_datetime


class ChangedElsewhere(UserError):
    """The record changed after the person opened it; their changes were not saved."""

    code = "record.changed_elsewhere"


def refuse_if_changed(
    session: Session, entity: str, entity_key: str, stored: int, seen: int | None, what: str
) -> None:
    """Refuse when the person read version `seen` of a record now at `stored`. `what` is the record as
    a person calls it ("the product AGUA500"); `entity`/`entity_key` find its last change in the audit log."""
    if seen is None or seen == stored:
        return
    last = session.execute(
        select(AuditEntry.user_login, AuditEntry.at)
        .where(AuditEntry.entity == entity, AuditEntry.entity_key == entity_key)
        .order_by(AuditEntry.id.desc())
        .limit(1)
    ).first()
    if last is None:
        message = _(
            "Another desk changed {what} after you opened it, so your changes were not saved. What you "
            "typed is still here: close the form, open it again to see the other changes, then type yours."
        ).format(what=what)
    else:
        message = _(
            "{who} changed {what} at {when}, after you opened it, so your changes were not saved. What you "
            "typed is still here: close the form, open it again to see the other changes, then type yours."
        ).format(who=last.user_login, what=what, when=format_datetime(last.at))
    raise ChangedElsewhere(message)
