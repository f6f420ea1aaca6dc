"""What in stock needs someone's attention, as rules every screen shares: a lot near or past its expiry,
a product below its minimum. Lists colour rows by these rules (`Tone`), the home page counts them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, and_

from bodesk.domain.common.tones import Tone
from bodesk.domain.stock.models import ZERO, Product

NEAR_EXPIRY_DAYS = 30  # a lot expiring within this many days is near expiry


def expiry_tone(expiry: Any, today: date | None = None) -> Tone | None:
    """DANGER for a lot already expired, WARNING for one expiring within NEAR_EXPIRY_DAYS."""
    if not isinstance(expiry, date):
        return None
    days = (expiry - (today or date.today())).days
    if days < 0:
        return Tone.DANGER
    return Tone.WARNING if days <= NEAR_EXPIRY_DAYS else None


def stock_tone(on_hand: Any, minimum: Any) -> Tone | None:
    """DANGER for a product with a minimum and nothing left, WARNING for one below its minimum."""
    if not isinstance(on_hand, Decimal) or not isinstance(minimum, Decimal) or minimum <= ZERO:
        return None
    if on_hand <= ZERO:
        return Tone.DANGER
    return Tone.WARNING if on_hand < minimum else None


def below_minimum() -> ColumnElement[bool]:
    """Products with a minimum and less than it on hand, in SQL."""
    return and_(Product.min_stock > ZERO, Product.on_hand < Product.min_stock)
