"""What banking shows: the bank accounts with their balances, the imports and their lines, the lines to
reconcile, and the financial accuracy figure — the reconciled share of the bank lines per bank account
and month, by count and by value, with what is unmatched and for how long.

Decision: ignored lines (the person said the books need no movement for them) leave the figure's
count; what is left is matched or not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import case, extract, func, select, type_coerce
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.banking.models import BankAccount, BankLine, BankMatch, StatementImport
from bodesk.domain.common.models import Money
from bodesk.domain.finance.models import Account, JournalEntry, JournalLine
from bodesk.domain.finance.permissions import FINANCE_VIEW
from bodesk.store.engine import Database

ZERO = Decimal(0)


@dataclass(frozen=True)
class BankAccountRow:
    id: int
    kind: str
    name: str
    bank_code: str
    branch: str
    number: str
    account_id: int
    account: str  # code and name of the ledger account
    note: str
    active: bool
    balance: Decimal  # the ledger's


@dataclass(frozen=True)
class ImportRow:
    id: int
    bank_account: str
    file_name: str
    start: date | None
    end: date | None
    read: int
    written: int
    known: int
    errors: int
    at: object


@dataclass(frozen=True)
class LineRow:
    id: int
    day: date
    amount: Decimal
    name: str
    memo: str
    fitid: str
    state: str
    matched_to: str  # the memos of the movements it is matched with


@dataclass(frozen=True)
class AccuracyRow:
    bank_account_id: int
    bank_account: str
    year: int
    month: int
    lines: int  # not ignored
    matched: int
    value: Decimal  # Σ |amount| of the lines not ignored
    matched_value: Decimal

    @property
    def share(self) -> float:
        return self.matched / self.lines if self.lines else 1.0

    @property
    def value_share(self) -> float:
        return float(self.matched_value / self.value) if self.value else 1.0


def bank_accounts(db: Database, actor: Actor, active_only: bool = False) -> list[BankAccountRow]:
    with db.read() as session:
        require(session, actor, FINANCE_VIEW)
        return bank_accounts_in(session, active_only)


def bank_accounts_in(session: Session, active_only: bool = False) -> list[BankAccountRow]:
    balance = (
        select(
            JournalLine.account_id,
            type_coerce(func.sum(JournalLine.debit - JournalLine.credit), Money()).label("balance"),
        )
        .where(JournalLine.account_id.in_(select(BankAccount.account_id)))
        .group_by(JournalLine.account_id)
        .subquery()
    )
    query = (
        select(BankAccount, Account.code, Account.name, balance.c.balance)
        .join(Account, Account.id == BankAccount.account_id)
        .outerjoin(balance, balance.c.account_id == BankAccount.account_id)
        .order_by(BankAccount.kind, Account.code)
    )
    if active_only:
        query = query.where(BankAccount.active.is_(True))
    return [
        BankAccountRow(
            row.id,
            row.kind,
            row.name,
            row.bank_code,
            row.branch,
            row.number,
            row.account_id,
            f"{code} {name}",
            row.note,
            row.active,
            amount or ZERO,
        )
        for row, code, name, amount in session.execute(query)
    ]


def imports(
    db: Database, actor: Actor, bank_account_id: int | None = None, limit: int = 500
) -> list[ImportRow]:
    with db.read() as session:
        require(session, actor, FINANCE_VIEW)
        query = (
            select(StatementImport, BankAccount.name)
            .join(BankAccount, BankAccount.id == StatementImport.bank_account_id)
            .order_by(StatementImport.id.desc())
            .limit(limit)
        )
        if bank_account_id is not None:
            query = query.where(StatementImport.bank_account_id == bank_account_id)
        return [
            ImportRow(
                row.id,
                name,
                row.file_name,
                row.start,
                row.end,
                row.read,
                row.written,
                row.known,
                row.errors,
                row.at,
            )
            for row, name in session.execute(query)
        ]


def lines(
    db: Database,
    actor: Actor,
    bank_account_id: int | None = None,
    import_id: int | None = None,
    state: str | None = None,
    limit: int = 2000,
) -> list[LineRow]:
    """Bank lines, newest first (a state: only those), with what they are matched to."""
    with db.read() as session:
        require(session, actor, FINANCE_VIEW)
        query = select(BankLine).order_by(BankLine.day.desc(), BankLine.id.desc()).limit(limit)
        if bank_account_id is not None:
            query = query.where(BankLine.bank_account_id == bank_account_id)
        if import_id is not None:
            query = query.where(BankLine.import_id == import_id)
        if state is not None:
            query = query.where(BankLine.state == state)
        found = list(session.execute(query).scalars())
        matched: dict[int, list[str]] = {}
        ids = [line.id for line in found if line.state == "matched"]
        for start in range(0, len(ids), 900):
            for line_id, memo, number in session.execute(
                select(BankMatch.line_id, JournalEntry.memo, JournalEntry.number)
                .join(JournalEntry, JournalEntry.id == BankMatch.entry_id)
                .where(BankMatch.line_id.in_(ids[start : start + 900]))
            ):
                matched.setdefault(line_id, []).append(memo or f"#{number}")
        return [
            LineRow(
                line.id,
                line.day,
                line.amount,
                line.name,
                line.memo,
                line.fitid,
                line.state,
                "; ".join(matched.get(line.id, [])),
            )
            for line in found
        ]


def accuracy(db: Database, actor: Actor, bank_account_id: int | None = None) -> list[AccuracyRow]:
    """The financial accuracy figure per bank account and month, newest month first."""
    with db.read() as session:
        require(session, actor, FINANCE_VIEW)
        return accuracy_in(session, bank_account_id)


def accuracy_in(session: Session, bank_account_id: int | None = None) -> list[AccuracyRow]:
    year, month = extract("year", BankLine.day), extract("month", BankLine.day)
    done = BankLine.state == "matched"
    size = case((BankLine.amount < 0, -BankLine.amount), else_=BankLine.amount)
    query = (
        select(
            BankLine.bank_account_id,
            BankAccount.name,
            year,
            month,
            func.count(),
            func.sum(case((done, 1), else_=0)),
            type_coerce(func.sum(size), Money()),
            type_coerce(func.sum(case((done, size), else_=0)), Money()),
        )
        .join(BankAccount, BankAccount.id == BankLine.bank_account_id)
        .where(BankLine.state != "ignored")
        .group_by(BankLine.bank_account_id, BankAccount.name, year, month)
        .order_by(year.desc(), month.desc(), BankAccount.name)
    )
    if bank_account_id is not None:
        query = query.where(BankLine.bank_account_id == bank_account_id)
    return [
        AccuracyRow(
            account_id, name, int(y), int(m), count, int(matched or 0), value or ZERO, matched_value or ZERO
        )
        for account_id, name, y, m, count, matched, value, matched_value in session.execute(query)
    ]


def unmatched_ages(
    db: Database, actor: Actor, today: date, bank_account_id: int | None = None
) -> list[tuple[LineRow, int]]:
    """The unmatched lines, oldest first, each with its age in days."""
    found = lines(db, actor, bank_account_id, state="unmatched", limit=100_000)
    return sorted(((line, (today - line.day).days) for line in found), key=lambda pair: -pair[1])


def unreconciled_lines(session: Session, until: date) -> int:
    """How many bank lines up to `until` are neither matched nor ignored (for the period-close checklist)."""
    return int(
        session.execute(
            select(func.count(BankLine.id)).where(BankLine.state == "unmatched", BankLine.day <= until)
        ).scalar_one()
    )


def entry_accounts(db: Database, actor: Actor) -> list[tuple[int, str, str | None]]:
    """The accounts a bank line's entry may go to (id, "code name", role), by code: the active accounts
    that take postings, the bank and cash accounts aside."""
    from bodesk.domain.finance.chart import account_name

    with db.read() as session:
        require(session, actor, FINANCE_VIEW)
        money = set(session.execute(select(BankAccount.account_id)).scalars())
        rows = session.execute(
            select(Account.id, Account.code, Account.name, Account.name_en, Account.role)
            .where(Account.active.is_(True), Account.postable.is_(True))
            .order_by(Account.code)
        ).all()
        return [
            (row.id, f"{row.code} {account_name(row.name, row.name_en)}", row.role)
            for row in rows
            if row.id not in money and row.role not in ("cash", "bank")
        ]
