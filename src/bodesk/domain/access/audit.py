"""Writing to the append-only audit log, always in the transaction of the change it records."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.models import AuditEntry
from bodesk.store.types import utcnow

SECRET_FIELDS = frozenset({"password", "password_hash"})


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return value


def _dump(values: Mapping[str, Any] | None) -> str | None:
    if values is None:
        return None
    clean = {key: ("***" if key in SECRET_FIELDS else _plain(value)) for key, value in values.items()}
    return json.dumps(clean, ensure_ascii=False, sort_keys=True)


def record(
    session: Session,
    actor: Actor | None,
    action: str,
    entity: str,
    key: object,
    old: Mapping[str, Any] | None = None,
    new: Mapping[str, Any] | None = None,
    reason: str | None = None,
    at: datetime | None = None,
    login: str | None = None,
) -> AuditEntry:
    """Append one entry; `actor` None means the system or, with `login`, someone not logged in."""
    entry = AuditEntry(
        at=at or utcnow(),
        user_id=actor.user_id if actor else None,
        user_login=actor.login if actor else (login or "system"),
        action=action,
        entity=entity,
        entity_key=str(key),
        old_values=_dump(old),
        new_values=_dump(new),
        reason=reason,
    )
    session.add(entry)
    return entry


def record_many(
    session: Session,
    actor: Actor | None,
    entries: Iterable[tuple[str, str, object, Mapping[str, Any] | None, Mapping[str, Any] | None]],
    at: datetime | None = None,
) -> None:
    """Append many entries — (action, entity, key, old, new) each — with one bulk statement (an import
    of thousands of rows keeps its write transaction short)."""
    now = at or utcnow()
    rows = [
        {
            "at": now,
            "user_id": actor.user_id if actor else None,
            "user_login": actor.login if actor else "system",
            "action": action,
            "entity": entity,
            "entity_key": str(key),
            "old_values": _dump(old),
            "new_values": _dump(new),
            "reason": None,
        }
        for action, entity, key, old, new in entries
    ]
    if rows:
        session.execute(insert(cast(Table, AuditEntry.__table__)), rows)  # Core: one executemany


def changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the fields that differ, as (old, new)."""
    keys = [key for key in after if before.get(key) != after.get(key)]
    return {key: before.get(key) for key in keys}, {key: after[key] for key in keys}
