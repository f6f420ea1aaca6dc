"""Money and quantities: Decimal end to end, one rounding rule in one place.

A float is refused at the boundary (it cannot hold 0.1 exactly). Amounts round to the currency's
minor unit with ABNT NBR 5891 rounding (half to even), the Brazilian standard for rounding numbers.
Unit prices and costs keep 4 places and show 2 unless they need more (`price_places`); how each kind
of figure is written for a person is domain/common/figures.py.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from bodesk.domain.common.errors import ValidationError
from bodesk.i18n import _

ROUNDING = ROUND_HALF_EVEN
MONEY_PLACES = 2
UNIT_PRICE_PLACES = 4
QUANTITY_PLACES = 3
DEFAULT_CURRENCY = "BRL"
CURRENCIES = ("BRL", "USD", "EUR", "ARS", "PYG", "UYU")

_MONEY_EXP = Decimal(1).scaleb(-MONEY_PLACES)
_PRICE_EXP = Decimal(1).scaleb(-UNIT_PRICE_PLACES)
_QTY_EXP = Decimal(1).scaleb(-QUANTITY_PLACES)


def to_decimal(value: Decimal | int | str, field: str = "amount") -> Decimal:
    """A Decimal from an int, a Decimal or a plain string ("1234.56"); floats and junk are refused."""
    if type(value) is Decimal and value.is_finite():  # the common case, kept fast for bulk reports
        return value
    if isinstance(value, bool | float):
        raise TypeError("floats are not money: pass a Decimal, an int or a string")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            raise ValidationError.single(field, _("“{value}” is not a number.").format(value=value)) from None
    else:
        raise TypeError(f"cannot make a Decimal of {type(value).__name__}")
    if not result.is_finite():
        raise ValidationError.single(field, _("“{value}” is not a number.").format(value=value))
    return result


def round_money(value: Decimal | int | str) -> Decimal:
    return to_decimal(value).quantize(_MONEY_EXP, rounding=ROUNDING)


def round_unit_price(value: Decimal | int | str) -> Decimal:
    return to_decimal(value).quantize(_PRICE_EXP, rounding=ROUNDING)


def round_quantity(value: Decimal | int | str) -> Decimal:
    return to_decimal(value).quantize(_QTY_EXP, rounding=ROUNDING)


def price_places(value: Decimal) -> int:
    """How many places a unit price or cost shows: the cents (2), or all 4 it keeps when it has more
    than cents (10.3333 per bottle of a case of 3 bought for 31.00)."""
    return MONEY_PLACES if value == round_money(value) else UNIT_PRICE_PLACES


def validate_currency(code: str) -> str:
    code = code.strip().upper()
    if code not in CURRENCIES:
        raise ValidationError.single(
            "currency",
            _("Unknown currency “{code}”. Choose one of: {choices}.").format(
                code=code, choices=", ".join(CURRENCIES)
            ),
        )
    return code
