"""Period close: the checklist names what is still open (shipped orders not invoiced, receipts not billed,
whatever other modules register), and closing with something open asks first; refused, nothing locks."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import ConfirmableWarning
from bodesk.domain.finance.close_checks import (
    CLOSE_WITH_OPEN,
    _checks,
    close_checklist,
    close_period,
    register_close_check,
)
from bodesk.domain.finance.journal import lock_date
from bodesk.store.engine import Database
from tests.builders.invoicing import build_books, shipped_order
from tests.builders.sales import line

TODAY = date.today()


def locked(db: Database) -> date | None:
    with db.read() as session:
        return lock_date(session)


def test_nothing_open_closes_without_asking(db: Database, owner: Actor) -> None:
    items = close_checklist(db, owner, TODAY)
    assert [item.name for item in items][:3] == [
        "finance.receipts_not_billed",
        "finance.orders_not_invoiced",
        "finance.unbalanced",
    ]
    assert all(item.ok for item in items)
    close_period(db, owner, TODAY)
    assert locked(db) == TODAY


def test_a_shipped_order_not_invoiced_is_listed_and_asked_about(db: Database, owner: Actor) -> None:
    books = build_books(db, owner)
    shipped_order(db, owner, books.customer, line(books.products[0], 2))
    item = next(i for i in close_checklist(db, owner, TODAY) if i.name == "finance.orders_not_invoiced")
    assert item.count == 1 and "not invoiced" in item.details[0]
    before = next(i for i in close_checklist(db, owner, TODAY - timedelta(days=1)) if i.name == item.name)
    assert before.count == 0  # shipped today: not open on the day before
    with pytest.raises(ConfirmableWarning) as warning:
        close_period(db, owner, TODAY)
    assert warning.value.key == CLOSE_WITH_OPEN and "Shipped orders not invoiced: 1" in str(warning.value)
    assert locked(db) is None
    close_period(db, owner, TODAY, confirmed={CLOSE_WITH_OPEN})
    assert locked(db) == TODAY


def test_another_module_registers_its_check(db: Database, owner: Actor) -> None:
    register_close_check("test.lines", "Unreconciled bank lines", lambda session, last: ["a", "b"])
    try:
        item = next(i for i in close_checklist(db, owner, TODAY) if i.name == "test.lines")
        assert (item.label, item.count, item.details) == ("Unreconciled bank lines", 2, ("a", "b"))
    finally:
        del _checks["test.lines"]
    register_close_check("test.count", "Trips not settled", lambda session, last: 3)  # a count is enough
    try:
        item = next(i for i in close_checklist(db, owner, TODAY) if i.name == "test.count")
        assert (item.count, item.details, item.ok) == (3, (), False)
    finally:
        del _checks["test.count"]
