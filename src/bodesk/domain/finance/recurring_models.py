"""Recurring payables: what the company owes every month without a supplier's bill to enter — rent,
energy, phone, salaries until staff exists — and each month's charge generated from it.

A `RecurringPayable` names the supplier (the payee; its description says what it is), the expense
account, the amount and the day of the month it falls due, whether it is active, and the last month
generated. A `RecurringCharge` is one month's: numbered in the series "recurring", it holds the payable
installment and the entry (expense Dr / suppliers Cr) of that month; one per payable and month (unique).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bodesk.domain.common.lifecycle import Posted
from bodesk.domain.common.models import Money
from bodesk.i18n import N_
from bodesk.store.types import Base, UTCDateTime


class RecurringPayable(Base):
    __tablename__ = "recurring_payables"

    id: Mapped[int] = mapped_column(primary_key=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id"), index=True)
    description: Mapped[str] = mapped_column(String(120))
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)  # an expense
    amount: Mapped[Decimal] = mapped_column(Money())
    day: Mapped[int] = mapped_column()  # of the month it falls due, 1 to 28
    active: Mapped[bool] = mapped_column(default=True, index=True)
    last_month: Mapped[date | None] = mapped_column(Date())  # the first day of the last month generated
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class RecurringCharge(Base):
    __tablename__ = "recurring_charges"
    __frozen__ = Posted(N_("Recurring charge"))
    __table_args__ = (UniqueConstraint("recurring_id", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(unique=True, index=True)
    recurring_id: Mapped[int] = mapped_column(ForeignKey("recurring_payables.id"), index=True)
    month: Mapped[date] = mapped_column(Date(), index=True)  # its first day
    due_on: Mapped[date] = mapped_column(Date())
    amount: Mapped[Decimal] = mapped_column(Money())
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
