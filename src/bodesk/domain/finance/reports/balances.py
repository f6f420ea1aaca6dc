"""The trial balance (each account's opening balance, debits, credits and closing balance for a period)
and the balance sheet (assets, liabilities and equity on a day, with the result not yet closed into
equity, so that assets = liabilities + equity). One GROUP BY over the journal's lines per account
(index ix_journal_lines_account_day); headers ("1.1 Ativo circulante") add up the accounts under them.

Balances read in the account's nature: debits less credits for assets and expenses, credits less debits
for liabilities, equity and income.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from bodesk.domain.finance.book_queries import code_key
from bodesk.domain.finance.chart import account_name
from bodesk.domain.finance.models import Account
from bodesk.domain.finance.reports.month_sums import account_totals
from bodesk.domain.finance.reports.table import (
    ZERO,
    Column,
    ColumnKind,
    FinReport,
    Line,
    Period,
    period_text,
)
from bodesk.domain.finance.states import DEBIT_NATURE, AccountKind
from bodesk.i18n import _, format_date


@dataclass(frozen=True)
class Sums:
    opening: Decimal  # debits less credits before the period
    debits: Decimal
    credits: Decimal

    @property
    def closing(self) -> Decimal:
        return self.opening + self.debits - self.credits


def account_sums(session: Session, start: date | None, end: date) -> dict[int, Sums]:
    """Per account: debits less credits before `start`, and the debits and credits from `start` to `end`
    (everything up to `end` in the period when `start` is None)."""
    before = account_totals(session, None, start - timedelta(days=1)) if start is not None else {}
    during = account_totals(session, start, end)
    found = {}
    for account in set(before) | set(during):
        debit_before, credit_before = before.get(account, (ZERO, ZERO))
        debits, credits = during.get(account, (ZERO, ZERO))
        found[account] = Sums(debit_before - credit_before, debits, credits)
    return found


def _nature(kind: str, value: Decimal) -> Decimal:
    return value if kind in DEBIT_NATURE else -value


def _chart(session: Session) -> list[Account]:
    return sorted(session.execute(select(Account)).scalars(), key=lambda account: code_key(account.code))


def _under(header: Account, account: Account) -> bool:
    return account.code.startswith(header.code + ".")


def trial_balance(session: Session, period: Period) -> FinReport:
    sums = account_sums(session, period.start, period.end)
    accounts = _chart(session)
    lines: list[Line] = []
    totals = [ZERO, ZERO]
    for account in accounts:
        if account.postable:
            found = sums.get(account.id)
            if found is None:
                continue
            members = [found]
            totals = [totals[0] + found.debits, totals[1] + found.credits]
        else:
            members = [sums[a.id] for a in accounts if a.postable and _under(account, a) and a.id in sums]
            if not members:
                continue
        opening = sum((m.opening for m in members), ZERO)
        debits = sum((m.debits for m in members), ZERO)
        credits = sum((m.credits for m in members), ZERO)
        lines.append(
            Line(
                (
                    account.code,
                    account_name(account.name, account.name_en),
                    _nature(account.kind, opening),
                    debits,
                    credits,
                    _nature(account.kind, opening + debits - credits),
                ),
                bold=not account.postable,
                level=account.code.count("."),
            )
        )
    lines.append(Line(("", _("Total"), None, totals[0], totals[1], None), bold=True))
    columns = (
        Column(_("Code"), ColumnKind.TEXT),
        Column(_("Account"), ColumnKind.TEXT),
        Column(_("Opening balance")),
        Column(_("Debits")),
        Column(_("Credits")),
        Column(_("Closing balance")),
    )
    return FinReport(
        "trial-balance",
        _("Trial balance"),
        period_text(period.start, period.end),
        columns,
        lines,
        (
            _(
                "Balances in each account's nature: assets and expenses by their debits, the others by their credits."
            ),
        ),
        landscape=True,
    )


@dataclass(frozen=True)
class SheetTotals:
    assets: Decimal
    liabilities: Decimal
    equity: Decimal  # the equity accounts, without the result not yet closed
    result: Decimal  # income less expenses up to the day


def sheet_totals(session: Session, as_of: date) -> SheetTotals:
    """The balance sheet's totals on `as_of` (in each side's nature)."""
    kinds = dict(session.execute(select(Account.id, Account.kind)).all())
    by_kind: dict[str, Decimal] = {}
    for account, (debit, credit) in account_totals(session, None, as_of).items():
        kind = kinds.get(account, "")
        by_kind[kind] = by_kind.get(kind, ZERO) + debit - credit
    return SheetTotals(
        by_kind.get(AccountKind.ASSET, ZERO),
        -by_kind.get(AccountKind.LIABILITY, ZERO),
        -by_kind.get(AccountKind.EQUITY, ZERO),
        -by_kind.get(AccountKind.INCOME, ZERO) - by_kind.get(AccountKind.EXPENSE, ZERO),
    )


def balance_sheet(session: Session, period: Period) -> FinReport:
    as_of = period.as_of
    sums = account_sums(session, None, as_of)
    accounts = _chart(session)
    totals = sheet_totals(session, as_of)
    lines: list[Line] = []
    sections = (
        (AccountKind.ASSET, _("Total assets"), totals.assets),
        (AccountKind.LIABILITY, _("Total liabilities"), totals.liabilities),
        (AccountKind.EQUITY, _("Total equity"), totals.equity + totals.result),
    )
    for kind, label, total in sections:
        for account in accounts:
            if account.kind != kind:
                continue
            if account.postable:
                members = [sums[account.id]] if account.id in sums else []
            else:
                members = [sums[a.id] for a in accounts if a.postable and _under(account, a) and a.id in sums]
            value = _nature(kind, sum((m.closing for m in members), ZERO))
            if not members or (account.postable and value == 0):
                continue
            lines.append(
                Line(
                    (account.code, account_name(account.name, account.name_en), value),
                    bold=not account.postable,
                    level=account.code.count("."),
                )
            )
        if kind == AccountKind.EQUITY:
            lines.append(Line(("", _("Result of the periods not yet closed"), totals.result), level=1))
        lines.append(Line(("", label, total), bold=True))
    lines.append(
        Line(("", _("Liabilities and equity"), totals.liabilities + totals.equity + totals.result), bold=True)
    )
    columns = (
        Column(_("Code"), ColumnKind.TEXT),
        Column(_("Account"), ColumnKind.TEXT),
        Column(_("Balance")),
    )
    return FinReport(
        "balance-sheet",
        _("Balance sheet"),
        _("On {day}").format(day=format_date(as_of)),
        columns,
        lines,
        (_("The result of the periods not yet closed is income less expenses up to the day."),),
    )


def day_before(day: date) -> date:
    return day - timedelta(days=1)
