"""Banking's records: the bank accounts and cash boxes money is kept in, the statements imported from
the bank, their lines, and the matches that reconcile a line with what the books say.

A bank account (or a cash box: the office's, a truck's) posts to a ledger account of its own. A bank
line is one transaction of a statement, kept once per bank account and bank transaction id (`fitid`),
so that importing the same statement again writes nothing. A match links a bank line to a journal
entry that moved the bank account's ledger account (a payment's, a transfer's, a fee's), with the part
of the line it covers; lines and entries matched together form a group (numbered by its first line),
undone as a whole. Amounts are never changed by a match: a line is matched only when its group's
matches sum exactly to it.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bodesk.domain.common.models import Money
from bodesk.store.types import Base, UTCDateTime

ZERO = Decimal(0)


class BankAccount(Base):
    __tablename__ = "bank_accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(4), index=True)  # BankAccountKind: bank | cash
    name: Mapped[str] = mapped_column(String(60))
    bank_code: Mapped[str] = mapped_column(String(3), default="")  # COMPE: 001, 237, 341…
    branch: Mapped[str] = mapped_column(String(10), default="")
    number: Mapped[str] = mapped_column(String(20), default="", index=True)  # as the bank writes it: 12345-6
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), unique=True)
    note: Mapped[str] = mapped_column(String(60), default="")  # e.g. the vehicle of a truck's cash box
    active: Mapped[bool] = mapped_column(default=True, index=True)


class StatementImport(Base):
    __tablename__ = "statement_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    bank_account_id: Mapped[int] = mapped_column(ForeignKey("bank_accounts.id"), index=True)
    file_name: Mapped[str] = mapped_column(String(200), default="")
    start: Mapped[date | None] = mapped_column(Date())
    end: Mapped[date | None] = mapped_column(Date())
    read: Mapped[int] = mapped_column(default=0)  # transactions in the file
    written: Mapped[int] = mapped_column(default=0)  # new lines
    known: Mapped[int] = mapped_column(default=0)  # already imported before
    errors: Mapped[int] = mapped_column(default=0)  # transactions that could not be read
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)


class BankLine(Base):
    __tablename__ = "bank_lines"
    __table_args__ = (
        UniqueConstraint("bank_account_id", "fitid"),
        Index("ix_bank_lines_account_state_day", "bank_account_id", "state", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    bank_account_id: Mapped[int] = mapped_column(ForeignKey("bank_accounts.id"))
    import_id: Mapped[int | None] = mapped_column(ForeignKey("statement_imports.id"), index=True)
    fitid: Mapped[str] = mapped_column(String(80))  # the bank's id, or a stable hash when it gives none
    day: Mapped[date] = mapped_column(Date(), index=True)
    amount: Mapped[Decimal] = mapped_column(Money())  # negative: money out
    name: Mapped[str] = mapped_column(String(100), default="")
    memo: Mapped[str] = mapped_column(String(200), default="")
    check_number: Mapped[str] = mapped_column(String(20), default="")
    state: Mapped[str] = mapped_column(String(10), default="unmatched")  # LineState
    matched: Mapped[Decimal] = mapped_column(Money(), default=ZERO)  # Σ of its matches (0 or amount)


class BankMatch(Base):
    __tablename__ = "bank_matches"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(index=True)  # the smallest line id of the group
    line_id: Mapped[int] = mapped_column(ForeignKey("bank_lines.id"), index=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("journal_entries.id"), index=True)
    amount: Mapped[Decimal] = mapped_column(Money())  # signed as the line: the part of it this entry covers
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
