"""Finance reports agree with the ledger: aging = the customers (suppliers) account, the trial balance's
debits = its credits, the balance sheet balances, the DRE's result = the change in equity, the cash
flow's closing money = the money accounts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import ValidationError
from bodesk.domain.finance.chart import AccountRole
from bodesk.domain.finance.payments import PaymentInput, register_payment
from bodesk.domain.finance.reports.catalogue import REPORTS, finance_report
from bodesk.domain.finance.reports.table import FinReport, Period
from bodesk.domain.finance.states import Direction, PaymentMethod
from bodesk.store.engine import Database
from tests.builders.books import pay_rent
from tests.builders.finance import balance, payable, problems, receivable
from tests.builders.purchasing import make_supplier
from tests.builders.sales import make_customer

D = Decimal
AS_OF = date(2025, 6, 30)


@pytest.fixture
def ledger(db: Database, owner: Actor) -> Database:
    first = make_customer(db, owner)
    second = make_customer(db, owner, 2, name="Bar do Zé")
    supplier = make_supplier(db, owner)
    receivable(db, owner, first, "300.00", issued_on=date(2025, 1, 10), days=(30, 60, 90))
    receivable(db, owner, second, "1000.00", issued_on=date(2025, 5, 20), days=(28,))
    receivable(db, owner, second, "500.00", issued_on=date(2025, 6, 25), days=(28,))
    payable(db, owner, supplier, "800.00", issued_on=date(2025, 5, 2), days=(30,))
    payable(db, owner, supplier, "200.00", issued_on=date(2025, 6, 2), days=(45,))
    register_payment(
        db,
        owner,
        PaymentInput(
            Direction.RECEIVABLE, first, date(2025, 3, 1), method=PaymentMethod.PIX, amount=D("150.00")
        ),
    )
    register_payment(
        db,
        owner,
        PaymentInput(
            Direction.PAYABLE, supplier, date(2025, 6, 1), method=PaymentMethod.PIX, amount=D("800.00")
        ),
    )
    pay_rent(db, owner, "1500.00", date(2025, 6, 5))
    assert problems(db) == []
    return db


def run(db: Database, actor: Actor, key: str, start: date = date(2025, 1, 1), end: date = AS_OF) -> FinReport:
    return finance_report(db, actor, key, Period(start, end, AS_OF))


def total_line(report: FinReport, label: str) -> tuple:  # type: ignore[type-arg]
    return next(
        line.values for line in report.lines if label in str(line.values[0]) or label in str(line.values[1])
    )


def test_receivables_aging_adds_up_to_the_customers_account(ledger: Database, owner: Actor) -> None:
    report = run(ledger, owner, "aging-receivables")
    *partners, total = report.lines
    assert total.bold and total.values[-1] == balance(ledger, AccountRole.RECEIVABLES) == D("1650.00")
    # the first customer: 150 of 300 paid (the first installment and half the second) — all over 90 days
    # overdue on 30 June except the third (due 10 April: 81 days)
    assert len(partners) == 2
    buckets = {p.values[0]: p.values[1:] for p in partners}
    bar = next(values for name, values in buckets.items() if "Zé" in name)
    assert bar == (D("500.00"), D("1000.00"), D("0"), D("0"), D("0"), D("1500.00"))  # 13 days late
    assert sum(total.values[1:6], D(0)) == total.values[6]


def test_payables_aging_adds_up_to_the_suppliers_account(ledger: Database, owner: Actor) -> None:
    total = run(ledger, owner, "aging-payables").lines[-1]
    assert total.values[-1] == -balance(ledger, AccountRole.PAYABLES) == D("200.00")
    assert total.values[1] == D("200.00")  # due 17 July: not yet due


def test_trial_balance_debits_equal_credits(ledger: Database, owner: Actor) -> None:
    report = run(ledger, owner, "trial-balance", start=date(2025, 6, 1))
    total = report.lines[-1]
    assert total.values[3] == total.values[4] > 0
    bank = next(line for line in report.lines if line.values[0] == "1.1.02")
    assert bank.values[2:] == (D("150.00"), D("0"), D("2300.00"), D("-2150.00"))


def test_balance_sheet_balances(ledger: Database, owner: Actor) -> None:
    report = run(ledger, owner, "balance-sheet")
    values = {line.values[1]: line.values[2] for line in report.lines if line.bold}
    assert values["Total assets"] == values["Liabilities and equity"]


def test_income_statement_result_is_the_change_in_equity(ledger: Database, owner: Actor) -> None:
    from bodesk.domain.finance.reports.balances import sheet_totals

    report = run(ledger, owner, "income-statement", start=date(2025, 5, 1), end=date(2025, 6, 30))
    labels = [line.values[0] for line in report.lines]
    assert labels[0] == "Gross revenue" and labels[-1] == "Net result"
    result = report.lines[-1].values
    # May and June side by side, the period and the previous two months
    assert [c.label for c in report.columns][-2:] == ["Period", "Previous period"]
    with ledger.read() as session:
        before, after = sheet_totals(session, date(2025, 4, 30)), sheet_totals(session, date(2025, 6, 30))
    net_assets = lambda t: t.assets - t.liabilities - t.equity  # noqa: E731
    assert result[-2] == net_assets(after) - net_assets(before) == D("1500.00") - D("1000.00") - D("1500.00")
    assert result[1] + result[2] == result[-2]  # the months add up to the period
    assert result[-1] == D("0")  # nothing in March and April but the receipt (no income)


def test_cash_flow_closing_money_is_the_money_accounts(ledger: Database, owner: Actor) -> None:
    report = run(ledger, owner, "cash-flow")
    end = report.lines[-1].values
    assert end[-1] == balance(ledger, AccountRole.BANK) + balance(ledger, AccountRole.CASH) == D("-2150.00")
    labels = [line.values[0] for line in report.lines]
    assert "Received from customers" in labels and "Paid to suppliers" in labels
    assert "Administrative expenses" in labels


def test_projected_cash_flow_starts_from_the_money_held(ledger: Database, owner: Actor) -> None:
    report = finance_report(ledger, owner, "projected-cash-flow", Period(AS_OF, date(2025, 9, 30), AS_OF))
    assert report.lines[0].values[-1] == D("-2150.00")
    assert report.lines[-1].values[-1] == D("-2150.00") + D("1650.00") - D("200.00")


def test_dso_is_what_is_owed_over_credit_sales(ledger: Database, owner: Actor) -> None:
    report = finance_report(ledger, owner, "dso", Period(AS_OF, AS_OF, AS_OF, days=90))
    owed, sales, days = (line.values[1] for line in report.lines)
    assert (owed, sales) == (D("1650.00"), D("1500.00"))
    assert days == D("99.00")


def test_every_report_runs_on_empty_books(db: Database, owner: Actor) -> None:
    for kind in REPORTS:
        if kind.key == "general-ledger":
            continue
        assert run(db, owner, kind.key).lines


def test_general_ledger_runs_the_balance(ledger: Database, owner: Actor) -> None:
    from tests.builders.books import account_id

    bank = account_id(ledger, "1.1.02")
    report = finance_report(ledger, owner, "general-ledger", Period(date(2025, 6, 1), AS_OF, AS_OF, bank))
    assert report.lines[0].values[-1] == D("150.00")
    assert report.lines[-1].values[-1] == D("-2150.00")
    assert len(report.lines) == 4


def test_a_period_backwards_is_refused(ledger: Database, owner: Actor) -> None:
    with pytest.raises(ValidationError):
        run(ledger, owner, "trial-balance", start=AS_OF, end=date(2025, 1, 1))


def test_the_previous_period_is_the_one_to_compare_with() -> None:
    from bodesk.domain.finance.reports.income_statement import previous_period

    assert previous_period(date(2025, 3, 1), date(2025, 3, 31)) == (date(2025, 2, 1), date(2025, 2, 28))
    assert previous_period(date(2025, 1, 1), date(2025, 12, 31)) == (date(2024, 1, 1), date(2024, 12, 31))
    assert previous_period(date(2025, 1, 1), date(2025, 6, 15)) == (date(2024, 1, 1), date(2024, 6, 15))
    assert previous_period(date(2025, 3, 10), date(2025, 3, 19)) == (date(2025, 2, 28), date(2025, 3, 9))


def test_closed_months_are_read_from_their_sums_and_stay_true_after_a_reopen(
    ledger: Database, owner: Actor
) -> None:
    from bodesk.domain.finance.books import lock_books, reopen_books
    from bodesk.domain.finance.month_sum_models import MonthSum
    from bodesk.domain.finance.reports.month_sums import covered, month_sums_match

    keys = ("trial-balance", "income-statement", "cash-flow", "balance-sheet")

    def figures() -> list[list[tuple[object, ...]]]:
        return [[line.values for line in run(ledger, owner, key).lines] for key in keys]

    before = figures()
    lock_books(ledger, owner, date(2025, 5, 20))  # closes April whole, May in part
    assert figures() == before  # the first report brings the closed months' sums up
    with ledger.read() as session:
        assert covered(session) == date(2025, 4, 30)
        assert session.query(MonthSum).count() > 0 and month_sums_match(session) == []
    reopen_books(ledger, owner, date(2025, 1, 31), "correction")
    pay_rent(ledger, owner, "100.00", date(2025, 3, 15))  # into a month the sums held
    after = figures()
    assert after != before and problems(ledger) == []
    with ledger.read() as session:
        assert covered(session) == date(2025, 1, 31) and month_sums_match(session) == []
    rent = next(line for line in run(ledger, owner, "trial-balance").lines if line.values[0] == "6.5")
    assert rent.values[3] == D("1600.00")
