"""The closed months' sums: per account and month, the debits and credits of the journal's lines, kept
for the months wholly on or before the lock date — which nothing can change while locked — so that the
reports read a few hundred rows instead of a million lines. `MonthSumsState.covered_until` is the last
day they cover; a reopen makes the months after the new lock date unusable (readers never use a month
after the lock date) and the next refresh drops them. `bodesk check` proves them equal to the lines.

`CashMonth` is the same for the cash flow: per month and counterpart account, the money that the entries
touching a money account moved against it (money in positive)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Date, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from bodesk.domain.common.models import Money
from bodesk.store.types import Base


class MonthSum(Base):
    __tablename__ = "ledger_month_sums"

    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    month: Mapped[date] = mapped_column(Date(), primary_key=True, index=True)  # its first day
    debit: Mapped[Decimal] = mapped_column(Money())
    credit: Mapped[Decimal] = mapped_column(Money())


class CashMonth(Base):
    __tablename__ = "ledger_cash_months"

    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)  # the counterpart
    month: Mapped[date] = mapped_column(Date(), primary_key=True, index=True)
    money_in: Mapped[Decimal] = mapped_column(Money())


class MonthSumsState(Base):
    __tablename__ = "ledger_month_sums_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    covered_until: Mapped[date | None] = mapped_column(Date())
