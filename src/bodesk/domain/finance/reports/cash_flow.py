"""Cash flow, actual and projected.

Actual: the money accounts' movements (cash, banks and money in transit — the accounts with those
roles, the accounts under them, and any asset account a payment used) by month, each entry's money
classified by what it moved against (its other lines' accounts):
- customers: the customers account and customer credits (receipts, refunds);
- suppliers: the suppliers account and goods received not billed (payments to suppliers);
- income and expenses paid or received directly, by their DRE line (rent, fees, interest, ...);
- loans, taxes and other liabilities; capital and opening balances (equity); other assets.
Transfers between money accounts move no money in or out and are left out. Money in is positive.
One GROUP BY per month and counterpart account over the lines of the entries that touch a money account.

Projected: from the money held on the day (`as_of`), what the open installments will bring in and take
out by the month they fall due (those already overdue in the first month), and the recurring payables
not yet generated, month by month up to the period's end.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, or_, select, type_coerce
from sqlalchemy.orm import Session

from bodesk.domain.common.models import Money
from bodesk.domain.finance.chart import AccountRole
from bodesk.domain.finance.document_models import OpenItem, Payment
from bodesk.domain.finance.models import Account
from bodesk.domain.finance.reports.table import (
    ZERO,
    Column,
    ColumnKind,
    FinReport,
    Line,
    Period,
    dec,
    month_label,
    month_start,
    months_between,
    period_text,
)
from bodesk.domain.finance.states import DRE_LINES, AccountKind, Direction, DreLine
from bodesk.i18n import N_, _, format_date

MAX_MONTH_COLUMNS = 12
MONEY_ROLES = (AccountRole.CASH, AccountRole.BANK, AccountRole.CLEARING)
CUSTOMER_ROLES = (AccountRole.RECEIVABLES, AccountRole.CUSTOMER_CREDITS)
SUPPLIER_ROLES = (AccountRole.PAYABLES, AccountRole.GRNI)
CATEGORIES = {
    "customers": N_("Received from customers"),
    "suppliers": N_("Paid to suppliers"),
    **{f"dre:{line.value}": label for line, label in DRE_LINES.items()},
    "liabilities": N_("Loans, taxes and other liabilities"),
    "equity": N_("Capital and opening balances"),
    "assets": N_("Other assets"),
}
# Future months' payables that no open item holds yet (the recurring payables): month -> amount.
Scheduled = Callable[[Session, date, date], dict[date, Decimal]]
_scheduled: list[Scheduled] = []


def register_scheduled_payables(source: Scheduled) -> None:
    """Let a module add what it will owe in future months to the projected cash flow."""
    if source not in _scheduled:
        _scheduled.append(source)


def money_accounts(session: Session) -> list[int]:
    roles = [role.value for role in MONEY_ROLES]
    codes = list(session.execute(select(Account.code).where(Account.role.in_(roles))).scalars())
    found = set(
        session.execute(
            select(Account.id).where(
                or_(Account.role.in_(roles), *(Account.code.startswith(code + ".") for code in codes))
            )
        ).scalars()
    )
    found |= set(
        session.execute(
            select(Payment.account_id)
            .join(Account, Account.id == Payment.account_id)
            .where(Account.kind == AccountKind.ASSET.value)
            .distinct()
        ).scalars()
    )
    return sorted(found)


def money_balance(session: Session, accounts: list[int], before: date) -> Decimal:
    from bodesk.domain.finance.reports.month_sums import account_totals

    totals = account_totals(session, None, before - timedelta(days=1))
    return sum((totals[a][0] - totals[a][1] for a in accounts if a in totals), ZERO)


def _category(role: str | None, kind: str, dre_line: str) -> str:
    if role in CUSTOMER_ROLES:
        return "customers"
    if role in SUPPLIER_ROLES:
        return "suppliers"
    if kind in (AccountKind.INCOME, AccountKind.EXPENSE):
        return f"dre:{dre_line if dre_line in DRE_LINES else DreLine.OTHER.value}"
    if kind == AccountKind.LIABILITY:
        return "liabilities"
    if kind == AccountKind.EQUITY:
        return "equity"
    return "assets"


def actual_flows(
    session: Session, start: date, end: date
) -> tuple[list[int], dict[tuple[str, date], Decimal]]:
    """The money accounts, and money in (less out) per (category, month) from `start` to `end`."""
    from bodesk.domain.finance.reports.month_sums import cash_months

    accounts = money_accounts(session)
    kinds = {
        account: (role, kind, dre_line)
        for account, role, kind, dre_line in session.execute(
            select(Account.id, Account.role, Account.kind, Account.dre_line)
        )
    }
    flows: dict[tuple[str, date], Decimal] = {}
    for (account, month), value in cash_months(session, accounts, start, end).items():
        key = (_category(*kinds[account]), month)
        flows[key] = flows.get(key, ZERO) + value
    return accounts, flows


def _table(
    key: str, title: str, subtitle: str, months: list[date], opening: Decimal,
    rows: list[tuple[str, dict[date, Decimal]]], notes: tuple[str, ...],
) -> FinReport:  # fmt: skip
    """Opening money, one line per category, the net flow and the closing money, by month and in total."""
    monthly = len(months) <= MAX_MONTH_COLUMNS
    shown = months if monthly else []
    columns = [
        Column(_("Category"), ColumnKind.TEXT),
        *(Column(month_label(m)) for m in shown),
        Column(_("Total")),
    ]
    net = {m: sum((values.get(m, ZERO) for _label, values in rows), ZERO) for m in months}
    openings, running = {}, opening
    for m in months:
        openings[m] = running
        running += net[m]
    lines = [Line((_("Money at the start"), *(openings[m] for m in shown), opening), bold=True)]
    for label, values in rows:
        lines.append(
            Line((label, *(values.get(m, ZERO) for m in shown), sum(values.values(), ZERO)), level=1)
        )
    lines.append(Line((_("Net flow"), *(net[m] for m in shown), sum(net.values(), ZERO)), bold=True))
    lines.append(Line((_("Money at the end"), *(openings[m] + net[m] for m in shown), running), bold=True))
    return FinReport(
        key, title, subtitle, tuple(columns), lines, notes, landscape=monthly and len(months) > 3
    )


def cash_flow(session: Session, period: Period) -> FinReport:
    start, end = period.start, period.end
    accounts, flows = actual_flows(session, start, end)
    months = months_between(start, end)
    rows = []
    for category, label in CATEGORIES.items():
        values = {m: value for (found, m), value in flows.items() if found == category}
        if any(values.values()):
            rows.append((_(label), values))
    return _table(
        "cash-flow",
        _("Cash flow"),
        period_text(start, end),
        months,
        money_balance(session, accounts, start),
        rows,
        (
            _(
                "Money held in cash, banks and money in transit, by what it moved against; transfers between them are left out."
            ),
        ),
    )


def _due(session: Session, direction: Direction, first: date, end: date) -> dict[date, Decimal]:
    """What is open in `direction` by the month it falls due (overdue counts in `first`'s month)."""
    left = type_coerce(func.sum(OpenItem.amount - OpenItem.paid - OpenItem.written_off), Money())
    year, month = func.extract("year", OpenItem.due_on), func.extract("month", OpenItem.due_on)
    found: dict[date, Decimal] = {}
    for y, m, value in session.execute(
        select(year, month, left)
        .where(OpenItem.direction == direction.value, OpenItem.settled == False, OpenItem.due_on <= end)  # noqa: E712
        .group_by(year, month)
    ):
        due = max(date(int(y), int(m), 1), first)
        found[due] = found.get(due, ZERO) + dec(value)
    return found


def projected_cash_flow(session: Session, period: Period) -> FinReport:
    as_of = period.as_of
    end = max(period.end, as_of)
    first = month_start(as_of)
    months = months_between(first, end)
    accounts = money_accounts(session)
    incoming = _due(session, Direction.RECEIVABLE, first, end)
    outgoing = {m: -value for m, value in _due(session, Direction.PAYABLE, first, end).items()}
    scheduled: dict[date, Decimal] = {}
    for source in _scheduled:
        for m, value in source(session, first, end).items():
            scheduled[m] = scheduled.get(m, ZERO) - value
    rows = [(_("Receivables due"), incoming), (_("Payables due"), outgoing)]
    if scheduled:
        rows.append((_("Recurring payables to come"), scheduled))
    return _table(
        "projected-cash-flow",
        _("Projected cash flow"),
        _("From {day} to {end}").format(day=format_date(as_of), end=format_date(end)),
        months,
        money_balance(session, accounts, date.fromordinal(as_of.toordinal() + 1)),
        rows,
        (_("Open installments by the month they fall due; those already overdue count in the first month."),),
    )
