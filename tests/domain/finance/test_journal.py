"""The journal: entries balance or are refused, nothing is posted into a closed period, a reversal
mirrors its entry, and posted entries cannot change."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select, update

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.lifecycle import FrozenDocument
from bodesk.domain.finance.chart import AccountRole, account_of
from bodesk.domain.finance.journal import LineDraft, post_entry, reverse_entry
from bodesk.domain.finance.models import Account, FinanceSettings, JournalEntry, JournalLine
from bodesk.store.engine import Database
from tests.helpers.refusals import invalid, refused

D = Decimal

DAY = date(2026, 11, 20)


def _accounts(db: Database) -> tuple[int, int]:
    with db.read() as session:
        return account_of(session, AccountRole.CASH), account_of(session, AccountRole.SALES)


def _count(db: Database) -> tuple[int, int]:
    with db.read() as session:
        entries = session.execute(select(func.count()).select_from(JournalEntry)).scalar_one()
        lines = session.execute(select(func.count()).select_from(JournalLine)).scalar_one()
        return entries, lines


def test_a_balanced_entry_is_numbered_and_written(db: Database, owner: Actor) -> None:
    cash, sales = _accounts(db)
    with db.write() as session:
        first = post_entry(
            session, owner, DAY, [LineDraft(cash, debit=D("10.00")), LineDraft(sales, credit=D("10.00"))]
        )
        second = post_entry(
            session, owner, DAY, [LineDraft(cash, debit=D("5.50")), LineDraft(sales, credit=D("5.50"))]
        )
    with db.read() as session:
        numbers = [session.get(JournalEntry, first).number, session.get(JournalEntry, second).number]
        assert numbers[1] == numbers[0] + 1
        assert session.get(JournalEntry, second).total == D("5.50")


@pytest.mark.parametrize(
    "lines",
    [
        [("cash", "10.00", "0"), ("sales", "0", "9.99")],  # one cent short
        [("cash", "10.00", "0")],  # one side only
    ],
)
def test_an_unbalanced_entry_is_refused_and_nothing_is_written(
    db: Database, owner: Actor, lines: list
) -> None:
    cash, sales = _accounts(db)
    ids = {"cash": cash, "sales": sales}
    before = _count(db)
    with refused("journal.unbalanced"), db.write() as session:
        post_entry(session, owner, DAY, [LineDraft(ids[a], debit=D(d), credit=D(c)) for a, d, c in lines])
    assert _count(db) == before


def test_lines_that_are_both_sides_negative_or_a_header_account_are_refused(
    db: Database, owner: Actor
) -> None:
    cash, sales = _accounts(db)
    with db.read() as session:
        header = session.execute(select(Account.id).where(Account.code == "1")).scalar_one()
    before = _count(db)
    with invalid("line:1:amount", "line:2:amount", "line:3:account", "line:3:amount"), db.write() as session:
        post_entry(
            session,
            owner,
            DAY,
            [
                LineDraft(cash, debit=D("1.00"), credit=D("1.00")),
                LineDraft(sales, credit=D("-1.00")),
                LineDraft(header, debit=D("0.001")),
            ],
        )
    assert _count(db) == before


def test_nothing_is_posted_on_or_before_the_lock_date(db: Database, owner: Actor) -> None:
    cash, sales = _accounts(db)
    with db.write() as session:
        session.execute(update(FinanceSettings).values(lock_date=DAY))
    before = _count(db)
    with refused("journal.locked_period"), db.write() as session:
        post_entry(
            session, owner, DAY, [LineDraft(cash, debit=D("1.00")), LineDraft(sales, credit=D("1.00"))]
        )
    assert _count(db) == before
    with db.write() as session:
        post_entry(
            session, owner, date(2026, 11, 21), [LineDraft(cash, debit=D(1)), LineDraft(sales, credit=D(1))]
        )
    assert _count(db) == (before[0] + 1, before[1] + 2)


def test_a_reversal_mirrors_the_entry_once(db: Database, owner: Actor) -> None:
    cash, sales = _accounts(db)
    with db.write() as session:
        entry = post_entry(
            session, owner, DAY, [LineDraft(cash, debit=D("7.00")), LineDraft(sales, credit=D("7.00"))]
        )
        mirror = reverse_entry(session, owner, entry, date(2026, 11, 25))
    with db.read() as session:
        lines = session.execute(
            select(JournalLine.account_id, JournalLine.debit, JournalLine.credit).where(
                JournalLine.entry_id == mirror
            )
        ).all()
        assert sorted(lines) == sorted([(cash, D("0.00"), D("7.00")), (sales, D("7.00"), D("0.00"))])
        assert session.get(JournalEntry, mirror).reverses_id == entry
    with refused("journal.already_reversed"), db.write() as session:
        reverse_entry(session, owner, entry, date(2026, 11, 26))


def test_a_posted_entry_cannot_change_through_the_orm_nor_by_sql(db: Database, owner: Actor) -> None:
    cash, sales = _accounts(db)
    with db.write() as session:
        entry = post_entry(
            session, owner, DAY, [LineDraft(cash, debit=D("3.00")), LineDraft(sales, credit=D("3.00"))]
        )
    with pytest.raises(FrozenDocument), db.write() as session:
        session.get(JournalEntry, entry).memo = "changed"
        session.flush()
    for statement in (
        f"UPDATE journal_lines SET debit = 999 WHERE entry_id = {entry}",
        f"DELETE FROM journal_entries WHERE id = {entry}",
    ):
        with pytest.raises(Exception, match="final records"), db.write_connection() as connection:
            connection.exec_driver_sql(statement)
    with db.read() as session:
        assert session.get(JournalEntry, entry).total == D("3.00")


def test_an_amount_beyond_the_books_limit_is_refused_naming_it(db: Database, owner: Actor) -> None:
    cash, sales = _accounts(db)
    before = _count(db)
    for huge in (D("1e20"), D("1000000000000000.00"), D("NaN")):
        with invalid("line:1:amount", "line:2:amount") as caught, db.write() as session:
            post_entry(session, owner, DAY, [LineDraft(cash, debit=huge), LineDraft(sales, credit=huge)])
        message = caught.value.message
        assert "999,999,999,999,999.99" in message or "999.999.999.999.999,99" in message
    assert _count(db) == before
