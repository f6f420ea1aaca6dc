"""Customers, their segments, payment terms and sales reps, commission rates and the sales settings.

Prices are in `price_models`, orders and returns in `order_models`; importing this module maps them all.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

import bodesk.domain.stock.models
from bodesk.domain.common.models import Money
from bodesk.domain.common.sorting import sort_key_column
from bodesk.store.types import Base, UTCDateTime

ZERO = Decimal(0)


class Segment(Base):
    """What kind of business a customer is (bar, market, restaurant…): price tables follow it."""

    __tablename__ = "customer_segments"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True, index=True)


class PaymentTerm(Base):
    """When a customer pays: "0" cash, "28" in 28 days, "28/35/42" three installments."""

    __tablename__ = "payment_terms"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True, index=True)
    days: Mapped[str] = mapped_column(String(60), default="0")
    active: Mapped[bool] = mapped_column(default=True)


class SalesRep(Base):
    """Who sells to a customer; `user_id` links the rep to the person's login, so that a rep can be
    shown only their own customers and orders when the company wants so."""

    __tablename__ = "sales_reps"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    name_key: Mapped[str] = sort_key_column("name", 100)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), unique=True, index=True)
    active: Mapped[bool] = mapped_column(default=True, index=True)


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    name_key: Mapped[str] = sort_key_column("name", 200)
    trade_name: Mapped[str] = mapped_column(String(200), default="", index=True)
    trade_name_key: Mapped[str] = sort_key_column("trade_name", 200)
    tax_id: Mapped[str] = mapped_column(String(14), unique=True, index=True)
    state_registration: Mapped[str] = mapped_column(String(20), default="")
    segment_id: Mapped[int | None] = mapped_column(ForeignKey("customer_segments.id"), index=True)
    rep_id: Mapped[int | None] = mapped_column(ForeignKey("sales_reps.id"), index=True)
    price_table_id: Mapped[int | None] = mapped_column(ForeignKey("price_tables.id"), index=True)
    payment_term_id: Mapped[int | None] = mapped_column(ForeignKey("payment_terms.id"), index=True)
    street: Mapped[str] = mapped_column(String(200), default="")
    number: Mapped[str] = mapped_column(String(20), default="")
    complement: Mapped[str] = mapped_column(String(100), default="")
    district: Mapped[str] = mapped_column(String(100), default="")
    city: Mapped[str] = mapped_column(String(100), default="", index=True)
    city_key: Mapped[str] = sort_key_column("city", 100)
    state: Mapped[str] = mapped_column(String(2), default="")
    postal_code: Mapped[str] = mapped_column(String(9), default="")
    delivery_street: Mapped[str] = mapped_column(String(200), default="")
    delivery_number: Mapped[str] = mapped_column(String(20), default="")
    delivery_complement: Mapped[str] = mapped_column(String(100), default="")
    delivery_district: Mapped[str] = mapped_column(String(100), default="")
    delivery_city: Mapped[str] = mapped_column(String(100), default="")
    delivery_state: Mapped[str] = mapped_column(String(2), default="")
    delivery_postal_code: Mapped[str] = mapped_column(String(9), default="")
    delivery_note: Mapped[str] = mapped_column(Text, default="")
    delivery_weekdays: Mapped[str] = mapped_column(String(7), default="")  # "135": Monday, Wednesday, Friday
    phone: Mapped[str] = mapped_column(String(40), default="")
    whatsapp: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    credit_limit: Mapped[Decimal | None] = mapped_column(Money())  # None: no limit
    credit_policy: Mapped[str] = mapped_column(String(10), default="warn")
    blocked: Mapped[bool] = mapped_column(default=False, index=True)
    block_reason: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(default=True, index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    search_text: Mapped[str] = mapped_column(String(600), default="", index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    version: Mapped[int] = mapped_column(default=1, server_default="1")  # raised by each change of the card


class CustomerContact(Base):
    __tablename__ = "customer_contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(60), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")


class CommissionRate(Base):
    """A rep's commission on sales of a category (`category_key` 0: every category without its own rate)."""

    __tablename__ = "commission_rates"
    __table_args__ = (UniqueConstraint("rep_id", "category_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    rep_id: Mapped[int] = mapped_column(ForeignKey("sales_reps.id"), index=True)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"), index=True)
    category_key: Mapped[int] = mapped_column(default=0)
    rate: Mapped[Decimal] = mapped_column(Money())  # percent


class SalesSettings(Base):
    """The company's sales rules, one row: the largest discount a role without the permission may give,
    how many days overdue are tolerated before credit warns or blocks, whether reps see only their own
    customers, and the order in which warehouses are reserved from."""

    __tablename__ = "sales_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    max_discount: Mapped[Decimal] = mapped_column(Money(), default=Decimal("5.00"))
    overdue_tolerance_days: Mapped[int] = mapped_column(default=5)
    reps_see_own: Mapped[bool] = mapped_column(default=False)
    warehouse_order: Mapped[str] = mapped_column(String(200), default="")  # warehouse ids, "3,1,2"


import bodesk.domain.sales.order_models  # noqa: E402 - orders and returns
import bodesk.domain.sales.price_models  # noqa: E402, F401 - price tables, breaks, promotions

# A customer's code is unique ignoring case, as every code is (domain/common/codes.py).
Index("uq_customers_code_upper", func.upper(Customer.code), unique=True)
