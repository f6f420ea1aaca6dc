"""Child process: a command working on a database, as `bodesk import` does between two of its writes.

Usage: python db_user.py DB_URL — opens the database as a command does, prints "open", waits for a line
on stdin, then writes one audit row and prints "wrote" (or the refusal's code).
"""

from __future__ import annotations

import sys

from sqlalchemy import insert

from bodesk.domain.access.models import AuditEntry
from bodesk.domain.registry import load_modules
from bodesk.errors import BodeskError
from bodesk.store.opening import open_database
from bodesk.store.types import utcnow

ENTITY = "db-user"


def main() -> None:
    load_modules()
    db = open_database(sys.argv[1], create=False)
    print("open", flush=True)
    sys.stdin.readline()
    try:
        with db.write() as session:
            session.execute(
                insert(AuditEntry).values(
                    at=utcnow(), user_login="system", action="test.write", entity=ENTITY, entity_key="1"
                )
            )
    except BodeskError as exc:
        print(exc.code, flush=True)
    else:
        print("wrote", flush=True)
    db.dispose()


if __name__ == "__main__":
    main()
