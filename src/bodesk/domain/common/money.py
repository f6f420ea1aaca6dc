"""Money and quantities: Decimal end to end, one rounding rule in one place.

A float is refused at the boundary (it cannot hold 0.1 exactly). Amounts round to the currency's
minor unit with ABNT NBR 5891 rounding (half to even), the Brazilian standard for rounding numbers.
Unit prices and costs keep 4 places and show 2 unless they need more (`price_places`); how each kind
of figure is written for a person is domain/common/figures.py.

What a person enters is held to a `NumberRule` (its places and its largest value), the same rule for
the form, the import and the service, and refused — never rounded — when it has more places than its
column keeps. The largest values keep every figure inside the BIGINT columns that store them as scaled
integers (domain/common/models.py), and keep a quantity times a unit price, multiplied as the stored
integers in SQL (999,999.999 x 99,999.9999 = 10^18 in units of 10^-7), under BIGINT's 9.2 x 10^18.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from bodesk.domain.common.errors import ValidationError
from bodesk.i18n import _, format_decimal

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


def decimal_places(value: Decimal) -> int:
    """How many decimal places `value` needs ("1.50" needs 1, "1E+3" none), exactly, without the
    context's precision (a 40-digit number is not rounded to count them)."""
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int) or exponent >= 0:
        return 0
    digits = value.as_tuple().digits
    trailing = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    return max(0, -exponent - trailing)


@dataclass(frozen=True)
class NumberRule:
    """What a number a person enters may be: at most `places` decimal places (0: a whole number) and at
    most `maximum` either way from zero. A field's own floor (above zero, not negative) is its
    service's rule."""

    places: int
    maximum: Decimal

    def problem(self, value: Decimal | int, written: str | None = None) -> str | None:
        """What is wrong with `value`, translated and naming the limit; None when it follows the rule.
        `written` is the text the person wrote, quoted in the message instead of the number."""
        number = Decimal(value)
        if number.is_finite() and abs(number) <= self.maximum and decimal_places(number) <= self.places:
            return None
        quoted = f"“{written}”" if written is not None else _shown(number)
        if not number.is_finite() or abs(number) > self.maximum:
            return _("{value} is too large: at most {maximum} here.").format(
                value=quoted, maximum=format_decimal(self.maximum, self.places)
            )
        if self.places == 0:
            return _("{value} is not a whole number: write it without decimals.").format(value=quoted)
        return _("{value} has more than {places} decimal places: write at most {places}.").format(
            value=quoted, places=self.places
        )


def _shown(number: Decimal) -> str:
    """A refused number as a message quotes it: in the person's format, or shortened when huge."""
    if number.is_finite() and number.adjusted() < 16 and len(number.as_tuple().digits) <= 24:
        return format_decimal(number, decimal_places(number))
    return f"{number:.6E}" if number.is_finite() else str(number)


QUANTITY_RULE = NumberRule(QUANTITY_PLACES, Decimal("999999.999"))
"""Quantities in a product's base unit: a count, a receipt, a move, a minimum, units per packaging."""
UNIT_PRICE_RULE = NumberRule(UNIT_PRICE_PLACES, Decimal("99999.9999"))
"""Costs and prices of one unit or one package, to the ten-thousandth."""
PRICE_RULE = NumberRule(MONEY_PLACES, Decimal("99999.99"))
"""Prices in cents (a product's sale price)."""
AMOUNT_RULE = NumberRule(MONEY_PLACES, Decimal("999999999999999.99"))
"""Amounts of money in the books (a journal line, a payment, an installment, a bank line): under a
quadrillion, so that their cents stay well inside the BIGINT they are stored in, and above what a
stock document can be worth (each line at most 999,999.999 units × 99,999.9999)."""


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
