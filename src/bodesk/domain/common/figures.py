"""Figures as a person reads and types them, in their language: one way for each kind of number,
shared by the screens and the printed documents. These functions only write the figures in the
current locale (bodesk.i18n, with Babel) and read back what a person typed; how many places each kind
keeps is the rule of domain/common/money.py."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from bodesk.domain.common.errors import ValidationError
from bodesk.domain.common.money import round_money
from bodesk.i18n import _, format_decimal, parse_decimal


def quantity_text(value: Any) -> str:
    """A quantity without trailing zeros: 12, 1.5, 0.25 (12, 1,5, 0,25 in Portuguese)."""
    if not isinstance(value, Decimal):
        return str(value)
    if value == value.to_integral_value():
        return format_decimal(value.quantize(Decimal(1)))
    return format_decimal(value.normalize())


def price_text(value: Any) -> str:
    """A unit price or cost: 2 decimal places, or 4 when it has them (10.3333)."""
    if not isinstance(value, Decimal):
        return str(value)
    return format_decimal(value, 2 if value == round_money(value) else 4)


def parse_number(text: str, field: str) -> Decimal:
    """A number typed in the person's language ("1.234,5" in Portuguese), or a ValidationError that
    names `field`."""
    if not text.strip():
        raise ValidationError.single(field, _("Enter a number."))
    try:
        return parse_decimal(text)
    except ValueError:
        raise ValidationError.single(
            field, _("“{text}” is not a number.").format(text=text.strip())
        ) from None


def parse_optional_number(text: str, field: str) -> Decimal | None:
    """As `parse_number`, with None when nothing was typed."""
    return parse_number(text, field) if text.strip() else None
