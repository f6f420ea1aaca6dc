"""Recurring payables: a month is generated once (again writes nothing), posts expense Dr / suppliers Cr
with its installment, keeps every check green, is refused in a locked month (nothing changed), and the
months to come feed the projected cash flow."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bodesk.domain.access.actor import Actor
from bodesk.domain.finance.books import lock_books
from bodesk.domain.finance.chart import AccountRole
from bodesk.domain.finance.recurring import (
    RecurringData,
    add_recurring,
    generate_recurring,
    recurring_list,
    update_recurring,
)
from bodesk.domain.finance.reports.catalogue import finance_report
from bodesk.domain.finance.reports.table import Period
from bodesk.store.engine import Database
from tests.builders.books import account_id
from tests.builders.finance import balance, books, problems
from tests.builders.purchasing import make_supplier
from tests.helpers.refusals import invalid, refused

D = Decimal
MARCH = date(2025, 3, 1)


@pytest.fixture
def rent(db: Database, owner: Actor) -> int:
    supplier = make_supplier(db, owner)
    return add_recurring(
        db, owner, RecurringData(supplier, "Aluguel do galpão", account_id(db, "6.5"), D("4800.00"), 10)
    )


def test_a_month_is_generated_once(db: Database, owner: Actor, rent: int) -> None:
    assert generate_recurring(db, owner, date(2025, 3, 17)) == 1
    assert balance(db, AccountRole.PAYABLES) == D("-4800.00")
    assert generate_recurring(db, owner, MARCH) == 0
    assert generate_recurring(db, owner, date(2025, 2, 1)) == 0  # an earlier month than the last: nothing
    assert balance(db, AccountRole.PAYABLES) == D("-4800.00")
    assert generate_recurring(db, owner, date(2025, 4, 1)) == 1
    assert balance(db, AccountRole.PAYABLES) == D("-9600.00")
    assert problems(db) == []
    aging = finance_report(db, owner, "aging-payables", Period(MARCH, MARCH, date(2025, 4, 30)))
    assert aging.lines[-1].values[-1] == D("9600.00")
    row, _supplier, account = recurring_list(db, owner)[0]
    assert row.last_month == date(2025, 4, 1) and account.startswith("6.5")


def test_a_locked_month_is_refused_and_nothing_changes(db: Database, owner: Actor, rent: int) -> None:
    lock_books(db, owner, date(2025, 3, 31))
    before = books(db)
    with refused("journal.locked_period"):
        generate_recurring(db, owner, MARCH)
    assert books(db) == before
    assert recurring_list(db, owner)[0][0].last_month is None


def test_an_inactive_template_is_not_generated(db: Database, owner: Actor, rent: int) -> None:
    row, _supplier, _account = recurring_list(db, owner)[0]
    update_recurring(
        db,
        owner,
        rent,
        RecurringData(row.supplier_id, row.description, row.account_id, row.amount, row.day, False),
    )
    assert generate_recurring(db, owner, MARCH) == 0


def test_bad_templates_are_refused(db: Database, owner: Actor) -> None:
    supplier = make_supplier(db, owner)
    with invalid("description", "account", "amount", "day"):
        add_recurring(db, owner, RecurringData(supplier, " ", account_id(db, "1.1.04"), D("0"), 31))
    assert recurring_list(db, owner) == []


def test_the_months_to_come_feed_the_projected_cash_flow(db: Database, owner: Actor, rent: int) -> None:
    generate_recurring(db, owner, MARCH)
    report = finance_report(db, owner, "projected-cash-flow", Period(MARCH, date(2025, 5, 31), MARCH))
    labels = [line.values[0] for line in report.lines]
    assert "Recurring payables to come" in labels
    scheduled = report.lines[labels.index("Recurring payables to come")].values
    assert scheduled[1:] == (D("0"), D("-4800.00"), D("-4800.00"), D("-9600.00"))
