"""`bodesk check`'s proof of the reconciliation: a matched bank line's matches sum exactly to it, a line
not matched has none, and no journal entry is matched beyond what it moved on the bank's account."""

from __future__ import annotations

from sqlalchemy import and_, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from bodesk.domain.banking.models import BankAccount, BankLine, BankMatch
from bodesk.domain.common.figures import money_text
from bodesk.domain.common.models import Money
from bodesk.domain.finance.models import JournalEntry, JournalLine
from bodesk.i18n import _


def matches_hold(session: Session) -> list[str]:
    done = type_coerce(func.coalesce(func.sum(BankMatch.amount), 0), Money())
    lines = session.execute(
        select(BankLine.id, BankLine.day, BankLine.amount, BankLine.state, done)
        .outerjoin(BankMatch, BankMatch.line_id == BankLine.id)
        .group_by(BankLine.id, BankLine.day, BankLine.amount, BankLine.state, BankLine.matched)
        .having(
            or_(
                and_(
                    BankLine.state == "matched",
                    or_(done != BankLine.amount, BankLine.matched != BankLine.amount),
                ),
                and_(BankLine.state != "matched", or_(done != 0, BankLine.matched != 0)),
            )
        )
        .limit(50)
    ).all()
    problems = [
        _("Bank line of {day} ({amount}, {state}) has matches of {matched}.").format(
            day=day, amount=money_text(amount), state=state, matched=money_text(matched)
        )
        for _id, day, amount, state, matched in lines
    ]
    matched = (
        select(BankMatch.entry_id, BankAccount.account_id, func.sum(BankMatch.amount).label("done"))
        .join(BankLine, BankLine.id == BankMatch.line_id)
        .join(BankAccount, BankAccount.id == BankLine.bank_account_id)
        .group_by(BankMatch.entry_id, BankAccount.account_id)
        .subquery()
    )
    moved = func.coalesce(func.sum(JournalLine.debit - JournalLine.credit), 0)
    entries = session.execute(
        select(JournalEntry.number, type_coerce(matched.c.done, Money()), type_coerce(moved, Money()))
        .select_from(matched)
        .join(JournalEntry, JournalEntry.id == matched.c.entry_id)
        .outerjoin(
            JournalLine,
            and_(JournalLine.entry_id == matched.c.entry_id, JournalLine.account_id == matched.c.account_id),
        )
        .group_by(JournalEntry.number, matched.c.done)
        .limit(100_000)
    ).all()
    problems += [
        _("Journal entry {n} moved {moved} on the bank's account but is matched with {matched}.").format(
            n=number, moved=money_text(amount), matched=money_text(done)
        )
        for number, done, amount in entries
        if (done > 0) != (amount > 0) or abs(done) > abs(amount)
    ][:50]
    return problems
