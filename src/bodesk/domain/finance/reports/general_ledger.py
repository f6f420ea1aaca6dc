"""An account's general ledger for a period: the balance at the start, each line with its running
balance (the books' own `LedgerQuery`, whose window runs over the whole account), and the balance at the
end. Balances are debits less credits. At most MAX_LINES lines are listed (the screen's Journal and
Accounts views page through any number; the note says when the list was cut)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import func, select, type_coerce
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import ValidationError
from bodesk.domain.common.listing import ListRequest
from bodesk.domain.common.models import Money
from bodesk.domain.finance.book_queries import LedgerQuery
from bodesk.domain.finance.chart import account_name
from bodesk.domain.finance.models import Account, JournalLine
from bodesk.domain.finance.reports.table import (
    ZERO,
    Column,
    ColumnKind,
    FinReport,
    Line,
    Period,
    dec,
    period_text,
)
from bodesk.i18n import _

MAX_LINES = 20_000


def _balance_before(session: Session, account: int, day: date) -> Decimal:
    net = type_coerce(func.sum(JournalLine.debit - JournalLine.credit), Money())
    return dec(
        session.execute(
            select(net).where(JournalLine.account_id == account, JournalLine.day < day)
        ).scalar_one()
    )


def general_ledger(session: Session, actor: Actor, period: Period) -> FinReport:
    account = session.get(Account, period.account_id) if period.account_id else None
    if account is None:
        raise ValidationError.single("account", _("Choose the account whose ledger to show."))
    query = LedgerQuery()
    request = ListRequest(filters={"account": account.id, "from": period.start, "to": period.end})
    stmt = query._ordered(query.where(query.base(), request), request).limit(MAX_LINES + 1)
    rows = query.rows(session, actor, stmt)
    opening = _balance_before(session, account.id, period.start)
    lines = [Line((period.start, "", "", _("Balance at the start"), "", None, None, opening), bold=True)]
    debits = credits = ZERO
    for row in rows[:MAX_LINES]:
        day, number, document, memo, partner, debit, credit, running = row.values
        debits, credits = debits + dec(debit), credits + dec(credit)
        lines.append(
            Line((day, number, document, memo, partner or "", debit or None, credit or None, running))
        )
    closing = _balance_before(session, account.id, date.fromordinal(period.end.toordinal() + 1))
    lines.append(Line((period.end, "", "", _("Balance at the end"), "", debits, credits, closing), bold=True))
    columns = (
        Column(_("Date"), ColumnKind.DATE),
        Column(_("Entry"), ColumnKind.TEXT),
        Column(_("Document"), ColumnKind.TEXT),
        Column(_("Description"), ColumnKind.TEXT),
        Column(_("Customer or supplier"), ColumnKind.TEXT),
        Column(_("Debit")),
        Column(_("Credit")),
        Column(_("Balance")),
    )
    notes: tuple[str, ...] = (_("Balances are debits less credits."),)
    if len(rows) > MAX_LINES:
        notes += (
            _("Only the first {n} lines are listed: choose a shorter period to see the rest.").format(
                n=MAX_LINES
            ),
        )
    return FinReport(
        "general-ledger",
        _("General ledger: {code} {name}").format(
            code=account.code, name=account_name(account.name, account.name_en)
        ),
        period_text(period.start, period.end),
        columns,
        lines,
        notes,
        landscape=True,
    )
