"""Price tables (per segment or customer) with a price per product and packaging, quantity breaks and
promotions between dates. How a line's price is found: `pricing.py`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bodesk.domain.common.models import Money, Quantity
from bodesk.store.types import Base


class PriceTable(Base):
    __tablename__ = "price_tables"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True, index=True)
    segment_id: Mapped[int | None] = mapped_column(ForeignKey("customer_segments.id"), index=True)
    is_default: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    notes: Mapped[str] = mapped_column(Text, default="")


class PriceTableItem(Base):
    """The price of one package (`packaging_key` 0: one base unit) of a product in a table, and the
    minimum below which a sale needs a permission."""

    __tablename__ = "price_table_items"
    __table_args__ = (UniqueConstraint("table_id", "product_id", "packaging_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("price_tables.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    packaging_id: Mapped[int | None] = mapped_column(ForeignKey("packagings.id"), index=True)
    packaging_key: Mapped[int] = mapped_column(default=0)
    price: Mapped[Decimal] = mapped_column(Money())
    min_price: Mapped[Decimal | None] = mapped_column(Money())


class PriceBreak(Base):
    """From `min_units` base units of a product (or of any product of a category) on, a discount in
    percent; in one table, or in every table (`table_id` None). `label` is how a person said it
    ("from 10 cases")."""

    __tablename__ = "price_breaks"

    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int | None] = mapped_column(ForeignKey("price_tables.id"), index=True)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"), index=True)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"), index=True)
    min_units: Mapped[Decimal] = mapped_column(Quantity())
    label: Mapped[str] = mapped_column(String(60), default="")
    discount: Mapped[Decimal] = mapped_column(Money())  # percent


class Promotion(Base):
    """A discount in percent on a product or a category between two dates (inclusive), in one table or
    in every table."""

    __tablename__ = "promotions"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    starts_on: Mapped[date] = mapped_column(Date(), index=True)
    ends_on: Mapped[date] = mapped_column(Date(), index=True)
    table_id: Mapped[int | None] = mapped_column(ForeignKey("price_tables.id"), index=True)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"), index=True)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"), index=True)
    discount: Mapped[Decimal] = mapped_column(Money())  # percent
    active: Mapped[bool] = mapped_column(default=True)
