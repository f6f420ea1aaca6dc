"""DSO (days sales outstanding): how many days of credit sales the customers owe,

    DSO = what customers owe on the day ÷ credit sales of the last N days × N

where what they owe is the customers account's balance on the day and the credit sales are the
invoices' debits to it in the N days up to the day (credit notes and receipts left out). Two sums over
the customers account's lines (index ix_journal_lines_account_day)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select, type_coerce
from sqlalchemy.orm import Session

from bodesk.domain.common.models import Money
from bodesk.domain.common.money import round_money
from bodesk.domain.finance.chart import AccountRole, role_accounts
from bodesk.domain.finance.models import JournalEntry, JournalLine
from bodesk.domain.finance.reports.table import ZERO, Column, ColumnKind, FinReport, Line, Period, dec
from bodesk.i18n import _, format_date


def dso_figures(session: Session, as_of: date, days: int) -> tuple[Decimal, Decimal, Decimal | None]:
    """(owed on the day, credit sales of the `days` days up to it, DSO in days or None without sales)."""
    account = role_accounts(session).get(AccountRole.RECEIVABLES.value)
    if account is None:
        return ZERO, ZERO, None
    owed = dec(
        session.execute(
            select(type_coerce(func.sum(JournalLine.debit - JournalLine.credit), Money())).where(
                JournalLine.account_id == account, JournalLine.day <= as_of
            )
        ).scalar_one()
    )
    sales = dec(
        session.execute(
            select(type_coerce(func.sum(JournalLine.debit), Money()))
            .join(JournalEntry, JournalEntry.id == JournalLine.entry_id)
            .where(
                JournalLine.account_id == account,
                JournalLine.day > as_of - timedelta(days=days),
                JournalLine.day <= as_of,
                JournalEntry.doc_kind == "invoice",
            )
        ).scalar_one()
    )
    if sales <= 0:
        return owed, sales, None
    return owed, sales, round_money(owed / sales * days)


def dso(session: Session, _actor: object, period: Period) -> FinReport:
    owed, sales, value = dso_figures(session, period.as_of, period.days)
    lines = [
        Line((_("Owed by customers on the day"), owed)),
        Line((_("Credit sales of the last {n} days").format(n=period.days), sales)),
        Line((_("Days sales outstanding"), value), bold=True),
    ]
    return FinReport(
        "dso",
        _("Days sales outstanding (DSO)"),
        _("On {day}, over {n} days").format(day=format_date(period.as_of), n=period.days),
        (Column(_("Figure"), ColumnKind.TEXT), Column(_("Value"), ColumnKind.NUMBER)),
        lines,
        (
            _("DSO = owed by customers ÷ credit sales of the last {n} days × {n}.").format(n=period.days),
            *(() if value is not None else (_("No credit sales in the window: DSO cannot be computed."),)),
        ),
    )
