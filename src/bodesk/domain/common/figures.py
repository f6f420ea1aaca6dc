"""Figures as a person reads and types them, in their language: one way for each kind of number and
for dates, shared by the screens and the printed documents.

How many places each kind keeps is the rule of domain/common/money.py (`price_places` for a price
or a cost); these functions only write the figures in the current locale (bodesk.i18n, with Babel)
and read back what a person typed. A formatter takes any value, because list columns hand over
whatever the query gave; a value that is not a number is shown as it is.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from bodesk.domain.common.errors import ValidationError
from bodesk.domain.common.money import MONEY_PLACES, price_places, round_money
from bodesk.i18n import _, format_date, format_datetime, format_decimal, parse_decimal

ISO_DAY = len("2027-05-13")


def _is_number(value: Any) -> bool:
    return isinstance(value, Decimal | int) and not isinstance(value, bool)


def _trimmed(value: Decimal) -> Decimal:
    """The value without trailing zeros, and never in exponent form (120, not 1.2E+2)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def quantity_text(value: Any) -> str:
    """A quantity without trailing zeros: 12, 1.5, 0.25 (12, 1,5, 0,25 in Portuguese)."""
    if isinstance(value, Decimal):
        return format_decimal(_trimmed(value))
    return format_decimal(value) if _is_number(value) else str(value)


def optional_quantity_text(value: Any) -> str:
    """A minimum or a maximum: blank for none (zero)."""
    return "" if isinstance(value, Decimal) and not value else quantity_text(value)


def price_text(value: Any) -> str:
    """A unit price or cost: 2 decimal places, or 4 when it has them (10.3333)."""
    return format_decimal(value, price_places(value)) if isinstance(value, Decimal) else str(value)


def money_text(value: Any) -> str:
    """An amount of money, rounded to cents by the one rule: 1,234.50."""
    return format_decimal(round_money(value), MONEY_PLACES) if _is_number(value) else str(value)


def date_text(value: Any) -> str:
    """A day in the person's language (13/05/2027 in Portuguese, 5/13/27 in English); a day kept as
    ISO text (the audit log's values, SQLite's computed dates) is read first."""
    if isinstance(value, str):
        value = _iso(value)
    if isinstance(value, datetime):
        return datetime_text(value)
    return format_date(value) if isinstance(value, date) else str(value)


def datetime_text(value: Any) -> str:
    """An instant in this machine's time zone, in the person's language (ISO text is read first)."""
    if isinstance(value, str):
        value = _iso(value)
    if isinstance(value, datetime):
        return format_datetime(value)
    return date_text(value) if isinstance(value, date) else str(value)


def _iso(text: str) -> date | datetime | str:
    """ISO text as the date or instant it stands for (an instant without a zone is UTC); other text
    as it is."""
    try:
        if len(text) == ISO_DAY:
            return date.fromisoformat(text)
        instant = datetime.fromisoformat(text)
    except ValueError:
        return text
    return instant if instant.tzinfo else instant.replace(tzinfo=UTC)


def packaging_text(packaging: str, units: Decimal, base_unit: str) -> str:
    """A packaging with what it holds, "Caixa 12 (12 un)"; the base unit alone for none ("")."""
    return f"{packaging} ({quantity_text(units)} {base_unit})" if packaging else base_unit


def input_text(value: Decimal | None, places: int | None = None) -> str:
    """A number as a person types it in their language, for an edit field ("" for none): with
    `places` decimals, or without trailing zeros."""
    if value is None:
        return ""
    return format_decimal(value, places) if places is not None else format_decimal(_trimmed(value))


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
