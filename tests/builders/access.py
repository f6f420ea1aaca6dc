"""Access: the password every test user gets, and audit entries written straight into the log."""

from __future__ import annotations

from sqlalchemy import insert

from bodesk.domain.access.models import AuditEntry
from bodesk.store.engine import Database

PASSWORD = "correct-horse-42"


def add_audit_rows(db: Database, rows: list[dict[str, object]]) -> None:
    """Audit entries written straight into the log, as the demo data does."""
    full = [
        {
            "user_id": None,
            "entity": "user",
            "entity_key": "x",
            "old_values": None,
            "new_values": None,
            "reason": None,
            "action": "login",
            **row,
        }
        for row in rows
    ]
    with db.write() as session:
        session.execute(insert(AuditEntry), full)
