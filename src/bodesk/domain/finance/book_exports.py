"""`bodesk export journal`: the journal in the accountant's layout, one row per line — date, entry,
account code and name, debit, credit, customer or supplier, document ("Invoice 12") — oldest first,
read from the database a batch at a time (never the whole journal in memory), optionally between two
days (`--from`, `--to`, both included)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.errors import UserError
from bodesk.domain.common.export import ExportFormat, export_rows
from bodesk.domain.common.parsing import parse_date
from bodesk.domain.common.postings import describe
from bodesk.domain.finance.chart import account_name
from bodesk.domain.finance.models import Account, JournalEntry, JournalLine
from bodesk.domain.finance.permissions import FINANCE_VIEW
from bodesk.domain.purchasing.models import Supplier
from bodesk.domain.sales.models import Customer
from bodesk.i18n import N_, _
from bodesk.store.engine import Database

BATCH = 2000
BEANCOUNT = "beancount"  # a plain-text ledger (beancount_export), beside CSV and XLSX
HEADERS = (
    N_("Date"),
    N_("Entry"),
    N_("Account code"),
    N_("Account name"),
    N_("Debit"),
    N_("Credit"),
    N_("Customer or supplier"),
    N_("Document"),
)


def _day(flag: str, text: str | date | None) -> date | None:
    if text is None or isinstance(text, date):
        return text
    if not text.strip():
        return None
    try:
        return parse_date(text)
    except ValueError as exc:
        raise UserError(f"{flag}: {exc}", code="export.bad_date") from None


def journal_rows(db: Database, actor: Actor, start: date | None, end: date | None) -> Iterator[list[Any]]:
    """Each journal line as the accountant reads it, oldest first, streamed from one snapshot."""
    stmt = (
        select(
            JournalLine.day, JournalEntry.number, Account.code, Account.name, Account.name_en,
            JournalLine.debit, JournalLine.credit, func.coalesce(Customer.name, Supplier.name),
            JournalEntry.doc_kind, JournalEntry.doc_number,
        )
        .join(JournalEntry, JournalEntry.id == JournalLine.entry_id)
        .join(Account, Account.id == JournalLine.account_id)
        .outerjoin(Customer, Customer.id == JournalLine.customer_id)
        .outerjoin(Supplier, Supplier.id == JournalLine.supplier_id)
        .order_by(JournalLine.day, JournalEntry.number, JournalLine.id)
    )  # fmt: skip
    if start is not None:
        stmt = stmt.where(JournalLine.day >= start)
    if end is not None:
        stmt = stmt.where(JournalLine.day <= end)
    with db.read() as session:
        require(session, actor, FINANCE_VIEW)
        for day, number, code, name, name_en, debit, credit, partner, kind, doc in session.execute(
            stmt.execution_options(yield_per=BATCH)
        ):
            document = describe(kind, doc) if kind else ""
            yield [day, number, code, account_name(name, name_en), debit, credit, partner or "", document]


def export_journal(db: Database, actor: Actor, path: Path, fmt: ExportFormat | str, **options: Any) -> int:
    """Write the journal's lines (between the days `from` and `to` of `options`, when given); returns
    the rows written (the entries, for Beancount)."""
    start, end = _day("--from", options.get("from")), _day("--to", options.get("to"))
    if start is not None and end is not None and start > end:
        raise UserError(_("--from is after --to: give the earlier day first."), code="export.bad_period")
    if fmt == BEANCOUNT:
        from bodesk.domain.finance.beancount_export import export_beancount

        return export_beancount(db, actor, path, start, end)
    return export_rows(
        path, ExportFormat(fmt), [_(header) for header in HEADERS], journal_rows(db, actor, start, end)
    )
