"""The ledger's records: accounts, journal entries and their lines, and the finance settings.

An account has a code (the accountant's, "1.1.01"), a name in Portuguese and one in English, a kind
(asset, liability, equity, income, expense) that drives the reports, the DRE line it feeds, and — for
the accounts postings are made to automatically — a role ("receivables", "stock", ...). Header
accounts ("1 Ativo") group others and take no postings.

A journal entry is final when written: it is numbered in the series "journal" and never edited or
deleted (the ORM guard and the triggers of migration 0007 refuse it); a mistake is corrected by its
reversal, a new entry that `reverses` it. Each line is a debit or a credit, never both, with the
partner (customer or supplier) it concerns and the entry's date copied for the ledger's queries.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

import bodesk.domain.purchasing.models
import bodesk.domain.sales.models
from bodesk.domain.common.lifecycle import Posted
from bodesk.domain.common.models import Money
from bodesk.i18n import N_
from bodesk.store.types import Base, UTCDateTime

ZERO = Decimal(0)


class Account(Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100), default="")
    kind: Mapped[str] = mapped_column(String(10), index=True)  # AccountKind
    role: Mapped[str | None] = mapped_column(String(30), unique=True)  # AccountRole, for automatic postings
    dre_line: Mapped[str] = mapped_column(String(20), default="")  # DreLine; "" for balance sheet accounts
    postable: Mapped[bool] = mapped_column(default=True)
    active: Mapped[bool] = mapped_column(default=True, index=True)


class JournalEntry(Base):
    __tablename__ = "journal_entries"
    __frozen__ = Posted(N_("Journal entry"))

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(unique=True, index=True)
    day: Mapped[date] = mapped_column(Date(), index=True)
    memo: Mapped[str] = mapped_column(String(200), default="")
    doc_kind: Mapped[str | None] = mapped_column(String(20))
    doc_id: Mapped[int | None] = mapped_column()
    doc_number: Mapped[int | None] = mapped_column()
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("journal_entries.id"), index=True)
    manual: Mapped[bool] = mapped_column(default=False)
    total: Mapped[Decimal] = mapped_column(Money())  # the sum of its debits (= of its credits)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)

    __table_args__ = (Index("ix_journal_entries_doc", "doc_kind", "doc_id"),)


class JournalLine(Base):
    __tablename__ = "journal_lines"
    __frozen__ = Posted(N_("Journal entry line"))

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("journal_entries.id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    day: Mapped[date] = mapped_column(Date())
    debit: Mapped[Decimal] = mapped_column(Money(), default=ZERO)
    credit: Mapped[Decimal] = mapped_column(Money(), default=ZERO)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("suppliers.id"), index=True)
    memo: Mapped[str] = mapped_column(String(200), default="")

    __table_args__ = (Index("ix_journal_lines_account_day", "account_id", "day"),)


class FinanceSettings(Base):
    """One row: the lock date (nothing is posted on or before it), the company's state registration
    and PIX key for the invoices, and the invoice series."""

    __tablename__ = "finance_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    lock_date: Mapped[date | None] = mapped_column(Date())
    state_registration: Mapped[str] = mapped_column(String(20), default="")
    pix_key: Mapped[str] = mapped_column(String(77), default="")
    invoice_series: Mapped[str] = mapped_column(String(3), default="1")


import bodesk.domain.banking.models  # noqa: E402 - bank accounts, statements, reconciliation
import bodesk.domain.finance.document_models  # noqa: E402 - invoices, bills, open items, payments
import bodesk.domain.finance.month_sum_models  # noqa: E402 - the closed months' sums
import bodesk.domain.finance.recurring_models  # noqa: E402, F401 - recurring payables and their charges
