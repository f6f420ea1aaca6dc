"""A posted journal entry and its lines are final below the services: the ORM's guard refuses any change
or deletion (FrozenDocument), and the triggers refuse the same by SQL (UPDATE, DELETE); a correction is a
reversal, a new entry."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.lifecycle import FrozenDocument
from bodesk.domain.finance.models import JournalEntry, JournalLine
from bodesk.store.engine import Database
from tests.builders.books import books, pay_rent


def _edit(db: Database, change: Callable[[Session], None]) -> None:
    with db.write() as session:
        change(session)


def _refused_by_sql(db: Database, statement: Any) -> None:
    with pytest.raises(DatabaseError, match="final records"), db.write_connection() as connection:
        connection.execute(statement)


def test_the_orm_refuses_to_change_or_delete_a_posted_entry_or_line(db: Database, owner: Actor) -> None:
    entry_id = pay_rent(db, owner)
    before = books(db)

    def rewrite_memo(session: Session) -> None:
        session.get(JournalEntry, entry_id).memo = "outra coisa"  # type: ignore[union-attr]

    def change_amount(session: Session) -> None:
        line = session.execute(select(JournalLine).where(JournalLine.entry_id == entry_id)).scalars().first()
        assert line is not None
        line.debit = Decimal("1.00")

    def erase_line(session: Session) -> None:
        session.delete(session.execute(select(JournalLine)).scalars().first())

    def erase_entry(session: Session) -> None:
        session.delete(session.get(JournalEntry, entry_id))

    for attempt in (rewrite_memo, change_amount, erase_line, erase_entry):
        with pytest.raises(FrozenDocument):
            _edit(db, attempt)
    assert books(db) == before


def test_sql_cannot_update_or_delete_a_posted_entry_or_line(db: Database, owner: Actor) -> None:
    pay_rent(db, owner)
    before = books(db)
    for statement in (
        update(JournalEntry).values(memo="changed"),
        update(JournalEntry).values(total=Decimal(0)),
        delete(JournalEntry),
        update(JournalLine).values(debit=Decimal("2.00")),
        update(JournalLine).values(account_id=1),
        delete(JournalLine),
    ):
        _refused_by_sql(db, statement)
    assert books(db) == before
