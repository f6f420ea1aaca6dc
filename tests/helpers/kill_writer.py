"""Child process: one large write transaction of audit rows, to be killed in the middle.

Usage: python kill_writer.py DB_URL ROWS BATCH — prints "batch N" after each insert batch (inside the
still open transaction) and "committed" once the transaction has committed.
"""

from __future__ import annotations

import sys

from sqlalchemy import insert

from bodesk.domain.access.models import AuditEntry
from bodesk.store.engine import Database
from bodesk.store.types import utcnow

ENTITY = "kill-test"


def main() -> None:
    url, rows, batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    db = Database(url)
    now = utcnow()
    with db.write() as session:
        for start in range(0, rows, batch):
            values = [
                {
                    "at": now,
                    "user_id": None,
                    "user_login": "system",
                    "action": "test.bulk",
                    "entity": ENTITY,
                    "entity_key": str(index),
                    "old_values": None,
                    "new_values": "x" * 40,
                    "reason": None,
                }
                for index in range(start, min(start + batch, rows))
            ]
            session.execute(insert(AuditEntry), values)
            print(f"batch {start // batch + 1}", flush=True)
    print("committed", flush=True)
    db.dispose()


if __name__ == "__main__":
    main()
