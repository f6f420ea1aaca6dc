"""A supplier's bank boleto, read from its 47-digit "linha digitável" (typed) or its 44-digit barcode
(scanned), every check digit checked.

Barcode: bank (3), currency (1), check digit (1), due-date factor (4), amount in cents (10), the bank's
free field (25). The line shows the same digits in five fields: barcode 1–4 + 20–24 and a mod-10 digit,
25–34 and a mod-10 digit, 35–44 and a mod-10 digit, the barcode's check digit, then factor and amount.
The factor counts days since 1997-10-07 and went back to 1000 on 2025-02-22 after 9999 (FEBRABAN), so a
factor stands for one day every 9000 and is read as the one nearest today.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from bodesk.domain.common.errors import ValidationError
from bodesk.i18n import _

FACTOR_BASE = date(1997, 10, 7)
FACTOR_CYCLE = 9000
LINE_DIGITS = 47
BARCODE_DIGITS = 44
_TYPED_SEPARATORS = re.compile(r"[\s.\-]")
_DIGITS = re.compile(r"[0-9]*")


@dataclass(frozen=True)
class Boleto:
    bank_code: str  # "001" is Banco do Brasil
    currency: str  # "9" is the real
    amount: Decimal | None  # None: the payer types the amount
    due_date: date | None  # None: no due date (factor 0)
    barcode: str  # 44 digits
    line: str  # "00190.50095 40144.816069 06809.350314 3 37370000000100"


def mod10(digits: str) -> int:
    """The check digit of a line field: weights 2, 1, 2, … from the right, products' digits summed."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        product = int(char) * (2 if position % 2 == 0 else 1)
        total += product // 10 + product % 10
    return (10 - total % 10) % 10


def barcode_check_digit(barcode: str) -> int:
    """The general check digit (position 5) of a barcode, from its other 43 digits: mod 11 with weights
    2–9 from the right; 0, 10 and 11 become 1."""
    others = barcode[:4] + barcode[5:] if len(barcode) == BARCODE_DIGITS else barcode
    total = sum(int(char) * (2 + position % 8) for position, char in enumerate(reversed(others)))
    result = 11 - total % 11
    return 1 if result in (0, 10, 11) else result


def due_factor(due: date) -> int:
    """The factor a bank prints for a due date (1000–9999, restarting at 1000 every 9000 days)."""
    days = (due - FACTOR_BASE).days
    if days < 1000:  # before July 2000 the factor was the day count itself
        return days
    return (days - 1000) % FACTOR_CYCLE + 1000


def due_date_from_factor(factor: int, today: date) -> date | None:
    """The day a factor stands for that is nearest `today`; None for factor 0 (no due date)."""
    if factor == 0:
        return None
    first = FACTOR_BASE + timedelta(days=factor)
    cycles = round((today - first).days / FACTOR_CYCLE)
    return first + timedelta(days=max(cycles, 0) * FACTOR_CYCLE)


def _refuse(message: str) -> ValidationError:
    return ValidationError.single("boleto", message)


def _digits_of(text: str) -> str:
    digits = _TYPED_SEPARATORS.sub("", text)
    if not _DIGITS.fullmatch(digits):  # str.isdigit would take ² and other scripts' digits
        raise _refuse(
            _("A boleto line holds only digits, dots and spaces; check what was typed and type it again.")
        )
    if digits.startswith("8"):
        raise _refuse(
            _(
                "This is a utility or tax payment code (it starts with 8); only bank boletos are read here. "
                "Pay it in the bank's own app or website."
            )
        )
    if len(digits) not in (LINE_DIGITS, BARCODE_DIGITS):
        raise _refuse(
            _(
                "A boleto line has 47 digits, or 44 when read from its barcode; this one has {count}. "
                "Check for a missing or extra digit and type it again."
            ).format(count=len(digits))
        )
    return digits


def _check_barcode(barcode: str) -> None:
    if int(barcode[4]) != barcode_check_digit(barcode):
        raise _refuse(
            _(
                "The boleto's general check digit (field 4, the single digit) does not match the other digits; "
                "check every digit of the line, or scan the barcode again."
            )
        )


def barcode_from_line(line: str) -> str:
    """The 44-digit barcode a 47-digit line (dots and spaces allowed) stands for, after checking the three
    field check digits and the general one."""
    digits = _digits_of(line)
    if len(digits) != LINE_DIGITS:
        raise _refuse(
            _("A boleto line has 47 digits; this one has {count}. Type the whole line again.").format(
                count=len(digits)
            )
        )
    fields = ((1, digits[0:9], digits[9]), (2, digits[10:20], digits[20]), (3, digits[21:31], digits[31]))
    for number, field, check in fields:
        if mod10(field) != int(check):
            raise _refuse(
                _(
                    "Field {number} of the boleto line does not match its check digit (its last digit); "
                    "check the digits of field {number} and type them again."
                ).format(number=number)
            )
    barcode = digits[0:4] + digits[32] + digits[33:47] + digits[4:9] + digits[10:20] + digits[21:31]
    _check_barcode(barcode)
    return barcode


def _line_digits(barcode: str) -> tuple[str, str, str, str, str]:
    field1 = barcode[0:4] + barcode[19:24]
    field2 = barcode[24:34]
    field3 = barcode[34:44]
    return (
        field1 + str(mod10(field1)),
        field2 + str(mod10(field2)),
        field3 + str(mod10(field3)),
        barcode[4],
        barcode[5:19],
    )


def boleto_line_from_barcode(barcode: str) -> str:
    """The formatted line of a 44-digit barcode: "00190.50095 40144.816069 06809.350314 3 37370000000100"."""
    digits = _digits_of(barcode)
    if len(digits) != BARCODE_DIGITS:
        raise _refuse(
            _("A boleto barcode has 44 digits; this one has {count}. Scan it again.").format(
                count=len(digits)
            )
        )
    _check_barcode(digits)
    first, second, third, check, value = _line_digits(digits)
    return f"{first[:5]}.{first[5:]} {second[:5]}.{second[5:]} {third[:5]}.{third[5:]} {check} {value}"


def read_boleto(text: str, today: date) -> Boleto:
    """A boleto from its typed line or scanned barcode; every check digit is checked, and the due date is
    the one its factor stands for nearest `today`."""
    digits = _digits_of(text)
    barcode = barcode_from_line(digits) if len(digits) == LINE_DIGITS else digits
    line = boleto_line_from_barcode(barcode)
    cents = int(barcode[9:19])
    return Boleto(
        bank_code=barcode[0:3],
        currency=barcode[3],
        amount=Decimal(cents).scaleb(-2) if cents else None,
        due_date=due_date_from_factor(int(barcode[5:9]), today),
        barcode=barcode,
        line=line,
    )
