"""The income statement (DRE, Lei 6.404 art. 187) per month over a period, its total, and the previous
period of the same length beside it:

    Receita bruta − deduções = receita líquida − CMV = lucro bruto − despesas com vendas − despesas
    administrativas ± resultado financeiro ± outras = resultado antes do IR/CSLL − impostos = lucro líquido

Each income and expense account feeds the line its `dre_line` names (one without a line counts as
"other"); each figure is credits less debits (income positive, expenses negative), so the lines add up
as shown. The net result is the period's change in equity that income and expenses make (a test proves
it against the balance sheet). One GROUP BY per line and month over the journal's lines of the income
and expense accounts, for both periods at once.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from bodesk.domain.finance.models import Account
from bodesk.domain.finance.reports.month_sums import month_sums
from bodesk.domain.finance.reports.table import (
    ZERO,
    Column,
    ColumnKind,
    FinReport,
    Line,
    Period,
    month_label,
    month_start,
    months_between,
    next_month,
    period_text,
)
from bodesk.domain.finance.states import AccountKind, DreLine
from bodesk.i18n import N_, _

MAX_MONTH_COLUMNS = 12
# (label, the DRE lines it adds, or None for a subtotal of everything above it)
STRUCTURE: tuple[tuple[str, tuple[DreLine, ...] | None], ...] = (
    (N_("Gross revenue"), (DreLine.GROSS_REVENUE,)),
    (N_("(−) Deductions from revenue"), (DreLine.DEDUCTIONS,)),
    (N_("Net revenue"), None),
    (N_("(−) Cost of goods sold"), (DreLine.COGS,)),
    (N_("Gross profit"), None),
    (N_("(−) Selling expenses"), (DreLine.SELLING,)),
    (N_("(−) Administrative expenses"), (DreLine.ADMINISTRATIVE,)),
    (N_("(±) Financial result"), (DreLine.FINANCIAL,)),
    (N_("(±) Other income and expenses"), (DreLine.OTHER,)),
    (N_("Result before income taxes"), None),
    (N_("(−) Income taxes (IR/CSLL)"), (DreLine.TAXES,)),
    (N_("Net result"), None),
)


def whole_months(start: date, end: date) -> bool:
    return start.day == 1 and next_month(end).toordinal() - 1 == end.toordinal()


def previous_period(start: date, end: date) -> tuple[date, date]:
    """The period to compare with: as many whole months just before, for whole months (a month with the
    month before, a year with the year before); from a month's first day to some day, the same days a
    year before (the year so far with last year's); else as many days just before."""
    last = date.fromordinal(start.toordinal() - 1)
    if whole_months(start, end):
        first = start
        for _step in months_between(start, end):
            first = month_start(date.fromordinal(first.toordinal() - 1))
        return first, last
    if start.day == 1 and (end.toordinal() - start.toordinal()) < 366:
        return _year_before(start), _year_before(end)
    return date.fromordinal(last.toordinal() - (end.toordinal() - start.toordinal())), last


def _year_before(day: date) -> date:
    return day.replace(year=day.year - 1, day=min(day.day, 28) if day.month == 2 else day.day)


Sums = dict[tuple[str, int, int], Decimal]


def dre_sums(session: Session, start: date, end: date) -> Sums:
    """Credits less debits per (DRE line, year, month) of the income and expense accounts."""
    known = {line.value for line in DreLine}
    lines = {
        account: (line if line in known else DreLine.OTHER.value)
        for account, line in session.execute(
            select(Account.id, Account.dre_line).where(
                Account.kind.in_((AccountKind.INCOME.value, AccountKind.EXPENSE.value))
            )
        )
    }
    found: Sums = {}
    for (account, month), (debit, credit) in month_sums(session, start, end).items():
        if account in lines:
            key = (lines[account], month.year, month.month)
            found[key] = found.get(key, ZERO) + credit - debit
    return found


def _column(sums: Sums, month: date | None = None) -> list[Decimal]:
    """The statement's figures, top to bottom, of every month in `sums` (or of `month` alone)."""
    figures, running = [], ZERO
    for _label, lines in STRUCTURE:
        if lines is None:
            figures.append(running)
            continue
        names = {line.value for line in lines}
        value = sum(
            (
                amount
                for (line, y, m), amount in sums.items()
                if line in names and (month is None or (y, m) == (month.year, month.month))
            ),
            ZERO,
        )
        running += value
        figures.append(value)
    return figures


def net_result(session: Session, start: date, end: date) -> Decimal:
    """Income less expenses from `start` to `end`: the DRE's last line."""
    return _column(dre_sums(session, start, end))[-1]


def income_statement(session: Session, period: Period) -> FinReport:
    start, end = period.start, period.end
    before_start, before_end = previous_period(start, end)
    sums = dre_sums(session, start, end)
    current, previous = _column(sums), _column(dre_sums(session, before_start, before_end))
    months = months_between(start, end)
    monthly = 1 < len(months) <= MAX_MONTH_COLUMNS and whole_months(start, end)
    per_month = [_column(sums, month) for month in months] if monthly else []
    columns = [Column(_("Line"), ColumnKind.TEXT)]
    columns += [Column(month_label(month)) for month in months] if monthly else []
    columns += [Column(_("Period")), Column(_("Previous period"))]
    lines = []
    for index, (label, parts) in enumerate(STRUCTURE):
        values = [_(label), *(figures[index] for figures in per_month), current[index], previous[index]]
        lines.append(Line(tuple(values), bold=parts is None, level=0 if parts is None else 1))
    return FinReport(
        "income-statement",
        _("Income statement (DRE)"),
        period_text(start, end),
        tuple(columns),
        lines,
        (
            _("Previous period: {period}.").format(period=period_text(before_start, before_end)),
            _("Income is positive, expenses negative; each result adds up the lines above it."),
        ),
        landscape=monthly,
    )
