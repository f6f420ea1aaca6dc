"""Debits and credits per account and month, read from the closed months' sums where they cover (the
months wholly on or before the lock date: nothing can change them) and from the journal's lines for
the rest — so a report over three years reads a few hundred rows and only the open months' lines.

A reader never uses a stored month after today's lock date (after a reopen those may be stale); the
refresh (`refresh_month_sums`, run when the books are closed and by a report that finds them behind)
drops such months and adds the newly closed ones. `month_sums_match` is `bodesk check`'s proof.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import delete, func, insert, select, type_coerce
from sqlalchemy.orm import Session

from bodesk.domain.common.figures import money_text
from bodesk.domain.common.models import Money
from bodesk.domain.finance.journal import lock_date
from bodesk.domain.finance.models import Account, JournalLine
from bodesk.domain.finance.month_sum_models import CashMonth, MonthSum, MonthSumsState
from bodesk.domain.finance.reports.table import ZERO, dec, month_start, next_month
from bodesk.i18n import _

Sums = dict[tuple[int, date], tuple[Decimal, Decimal]]  # (account, month) -> (debits, credits)


def closed_until(session: Session) -> date | None:
    """The last day of the last month wholly on or before the lock date."""
    locked = lock_date(session)
    if locked is None:
        return None
    if next_month(locked) == locked + timedelta(days=1):
        return locked
    last = month_start(locked) - timedelta(days=1)
    return last


def _state(session: Session) -> date | None:
    return session.execute(select(MonthSumsState.covered_until)).scalar()


def covered(session: Session) -> date | None:
    """The last day the stored sums may be read for (never after the lock date)."""
    stored, closed = _state(session), closed_until(session)
    if stored is None or closed is None:
        return None
    return min(stored, closed)


def _line_sums(session: Session, start: date, end: date) -> Sums:
    year, month = func.extract("year", JournalLine.day), func.extract("month", JournalLine.day)
    rows = session.execute(
        select(
            JournalLine.account_id,
            year,
            month,
            type_coerce(func.sum(JournalLine.debit), Money()),
            type_coerce(func.sum(JournalLine.credit), Money()),
        )
        # by account first: SQLite reads ix_journal_lines_account_day, one range per account
        .where(
            JournalLine.account_id.in_(select(Account.id)), JournalLine.day >= start, JournalLine.day <= end
        )
        .group_by(JournalLine.account_id, year, month)
    )
    return {(account, date(int(y), int(m), 1)): (dec(d), dec(c)) for account, y, m, d, c in rows}


def month_sums(session: Session, start: date | None, end: date) -> Sums:
    """Debits and credits per account and month of the lines from `start` (None: the first) to `end`."""
    first = start or date(1900, 1, 1)
    if first > end:
        return {}
    until = covered(session)
    whole_from = first if first.day == 1 else next_month(first)
    whole_to = None if until is None else min(until, end)
    if whole_to is not None and next_month(whole_to) != whole_to + timedelta(days=1):
        whole_to = month_start(whole_to) - timedelta(days=1)
    if whole_to is None or whole_from > whole_to:
        return _line_sums(session, first, end)
    found: Sums = {}
    for account, month, debit, credit in session.execute(
        select(MonthSum.account_id, MonthSum.month, MonthSum.debit, MonthSum.credit).where(
            MonthSum.month >= whole_from, MonthSum.month <= whole_to
        )
    ):
        found[(account, month)] = (dec(debit), dec(credit))
    if first < whole_from:
        found.update(_line_sums(session, first, whole_from - timedelta(days=1)))
    if whole_to < end:
        found.update(_line_sums(session, whole_to + timedelta(days=1), end))
    return found


def account_totals(session: Session, start: date | None, end: date) -> dict[int, tuple[Decimal, Decimal]]:
    """Debits and credits per account of the lines from `start` to `end`."""
    totals: dict[int, tuple[Decimal, Decimal]] = {}
    for (account, _month), (debit, credit) in month_sums(session, start, end).items():
        before = totals.get(account, (ZERO, ZERO))
        totals[account] = (before[0] + debit, before[1] + credit)
    return totals


# --- the cash flow's months ---------------------------------------------------------------------------


def _cash_line_sums(
    session: Session, money: list[int], start: date, end: date
) -> dict[tuple[int, date], Decimal]:
    touching = (
        select(JournalLine.entry_id)
        .where(JournalLine.account_id.in_(money), JournalLine.day >= start, JournalLine.day <= end)
        .distinct()
    )
    year, month = func.extract("year", JournalLine.day), func.extract("month", JournalLine.day)
    rows = session.execute(
        select(
            JournalLine.account_id,
            year,
            month,
            type_coerce(func.sum(JournalLine.credit - JournalLine.debit), Money()),
        )
        .where(
            JournalLine.entry_id.in_(touching),
            JournalLine.account_id.not_in(money),
            JournalLine.day >= start,
            JournalLine.day <= end,
        )
        .group_by(JournalLine.account_id, year, month)
    )
    return {(account, date(int(y), int(m), 1)): dec(value) for account, y, m, value in rows}


def cash_months(
    session: Session, money: list[int], start: date, end: date
) -> dict[tuple[int, date], Decimal]:
    """Money in (less out) per counterpart account and month, from `start` (a month's first day) to `end`."""
    until = covered(session)
    whole_to = None if until is None else min(until, end)
    if whole_to is not None and next_month(whole_to) != whole_to + timedelta(days=1):
        whole_to = month_start(whole_to) - timedelta(days=1)
    if whole_to is None or start > whole_to or start.day != 1:
        return _cash_line_sums(session, money, start, end)
    found = {
        (account, month): dec(value)
        for account, month, value in session.execute(
            select(CashMonth.account_id, CashMonth.month, CashMonth.money_in).where(
                CashMonth.month >= start, CashMonth.month <= whole_to
            )
        )
    }
    if whole_to < end:
        found.update(_cash_line_sums(session, money, whole_to + timedelta(days=1), end))
    return found


# --- keeping them --------------------------------------------------------------------------------------


def month_sums_behind(session: Session) -> bool:
    return _state(session) != closed_until(session)


def refresh_month_sums(session: Session) -> None:
    """Bring the stored sums to the lock date: drop the months after it, add the newly closed ones."""
    from bodesk.domain.finance.reports.cash_flow import money_accounts

    stored, closed = _state(session), closed_until(session)
    if stored == closed:
        return
    state = session.execute(select(MonthSumsState)).scalar_one_or_none()
    if state is None:
        state = MonthSumsState(id=1, covered_until=None)
        session.add(state)
    if stored is not None and (closed is None or stored > closed):
        keep = closed or date(1900, 1, 1)
        session.execute(delete(MonthSum).where(MonthSum.month > keep))
        session.execute(delete(CashMonth).where(CashMonth.month > keep))
        stored = closed
    if closed is not None and (stored is None or stored < closed):
        start = stored + timedelta(days=1) if stored else date(1900, 1, 1)
        sums = _line_sums(session, start, closed)
        if sums:
            session.execute(
                insert(MonthSum),
                [{"account_id": a, "month": m, "debit": d, "credit": c} for (a, m), (d, c) in sums.items()],
            )
        cash = _cash_line_sums(session, money_accounts(session), start, closed)
        if cash:
            session.execute(
                insert(CashMonth),
                [{"account_id": a, "month": m, "money_in": v} for (a, m), v in cash.items()],
            )
    state.covered_until = closed
    session.flush()


def month_sums_match(session: Session) -> list[str]:
    """`bodesk check`: every stored month equals its lines."""
    until = _state(session)
    if until is None:
        return []
    lines = _line_sums(session, date(1900, 1, 1), until)
    stored = {
        (account, month): (dec(debit), dec(credit))
        for account, month, debit, credit in session.execute(
            select(MonthSum.account_id, MonthSum.month, MonthSum.debit, MonthSum.credit)
        )
    }
    problems: list[str] = []
    for key in sorted(set(lines) | set(stored)):
        if len(problems) >= 50:
            break
        if lines.get(key, (ZERO, ZERO)) != stored.get(key, (ZERO, ZERO)):
            account, month = key
            problems.append(
                _(
                    "Account {account}, {month}: the closed month's sums {stored} differ from its lines {lines}."
                ).format(
                    account=account,
                    month=month.isoformat()[:7],
                    stored=" / ".join(money_text(v) for v in stored.get(key, (ZERO, ZERO))),
                    lines=" / ".join(money_text(v) for v in lines.get(key, (ZERO, ZERO))),
                )
            )
    return problems
