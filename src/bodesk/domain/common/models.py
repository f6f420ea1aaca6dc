"""Mapped classes and column types shared by every module.

The column types keep the places of domain/common/money.py, so that what the domain rounds to is what
the database stores: a value with more places is refused by the column rather than rounded again.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from bodesk.domain.common.money import MONEY_PLACES, QUANTITY_PLACES, UNIT_PRICE_PLACES
from bodesk.store.types import Base, ScaledDecimal


def Money() -> ScaledDecimal:
    """An amount of money, in cents."""
    return ScaledDecimal(MONEY_PLACES)


def UnitPrice() -> ScaledDecimal:
    """A price or cost per unit or package, to the ten-thousandth."""
    return ScaledDecimal(UNIT_PRICE_PLACES)


def Quantity() -> ScaledDecimal:
    """A quantity in a product's base unit, to the thousandth."""
    return ScaledDecimal(QUANTITY_PLACES)


def ExactValue() -> ScaledDecimal:
    """A quantity times a unit price multiplied in SQL as the stored integers, read back exactly
    (before the money rounding)."""
    return ScaledDecimal(QUANTITY_PLACES + UNIT_PRICE_PLACES)


class DocumentSequence(Base):
    """The next number of one series of documents (invoices, orders, receipts, ...)."""

    __tablename__ = "document_sequences"

    series: Mapped[str] = mapped_column(String(40), primary_key=True)
    next_number: Mapped[int] = mapped_column(BigInteger)
