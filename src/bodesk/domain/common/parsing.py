"""Reading the text of a spreadsheet cell as a number, a date, a yes/no or clean text.

Files made in Brazilian offices write numbers with a decimal comma and thousands dots ("1.234,56"),
files from elsewhere with a decimal point ("1,234.56"). A value such as "1.234" or "1,234" reads both
ways; every other value fits one convention only and is read that way whatever the hint says. A file
uses one convention, so an importer first decides it from the values that are not ambiguous
(`detect_decimal_comma`), then reads every value with it (`parse_decimal(text, decimal_comma)`).
A number field of an import (`NumberParser`) whose file shows no convention at all refuses an ambiguous
value, saying both readings, rather than guess; `parse_decimal` alone, with no hint, reads it the
Brazilian way.

Every parser raises ValueError with a translated reason that quotes the value, fit to show a person.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from bodesk.domain.common.money import NumberRule
from bodesk.domain.common.text import fold
from bodesk.i18n import _, format_decimal

SHOWN_LENGTH = 60
_INVISIBLE = str.maketrans("", "", "\ufeff\u200b\u200c\u200d\u2060")
_MINUS = ("-", "\u2212")
_CURRENCY = re.compile(r"^(?:R\$|US\$|\$|€)\s*", re.IGNORECASE)
# (decimal comma reading, decimal point reading): an optional integer part, plain or grouped by three
# with a first group that does not start with 0, then an optional fraction.
_COMMA = re.compile(r"^(?:[0-9]*|[1-9][0-9]{0,2}(?:\.[0-9]{3})+)(?:,[0-9]+)?$")
_POINT = re.compile(r"^(?:[0-9]*|[1-9][0-9]{0,2}(?:,[0-9]{3})+)(?:\.[0-9]+)?$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$")
_YMD = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_TRUE = frozenset({"sim", "s", "yes", "y", "true", "verdadeiro", "v", "1", "x"})
_FALSE = frozenset({"nao", "n", "no", "false", "falso", "f", "0"})


def shown(text: str) -> str:
    """The value as quoted in a message: cleaned and cut short."""
    value = clean_text(text)
    return value if len(value) <= SHOWN_LENGTH else value[: SHOWN_LENGTH - 1] + "…"


def clean_text(text: str) -> str:
    """Strip, drop invisible characters and collapse every run of spaces, tabs or line breaks to one space."""
    return " ".join(text.translate(_INVISIBLE).split())


def _split_sign(text: str) -> tuple[bool, str] | None:
    """(negative, digits and separators) from "R$ -1.234,56", "(12,00)", "5-"; None if not number-like."""
    body = clean_text(text)
    signs = 0
    if body.startswith("(") and body.endswith(")"):
        body, signs = body[1:-1].strip(), 1
    if body.endswith(_MINUS):
        body, signs = body[:-1].strip(), signs + 1
    negative = signs > 0
    for _round in range(2):
        if body.startswith((*_MINUS, "+")):
            negative = negative or body[0] != "+"
            body, signs = body[1:].strip(), signs + 1
        body = _CURRENCY.sub("", body)
    if signs > 1 or not any("0" <= char <= "9" for char in body):
        return None
    return negative, body


def _readings(body: str) -> tuple[Decimal | None, Decimal | None]:
    """The value under the decimal comma reading and under the decimal point reading (None: impossible)."""
    comma = Decimal(body.replace(".", "").replace(",", ".")) if _COMMA.match(body) else None
    point = Decimal(body.replace(",", "")) if _POINT.match(body) else None
    return comma, point


def parse_decimal(text: str, decimal_comma: bool | None = None) -> Decimal:
    """The exact Decimal a person wrote, in either convention (see the module notes)."""
    split = _split_sign(text)
    if split is None:
        raise ValueError(_("“{value}” is not a number.").format(value=shown(text)))
    negative, body = split
    comma, point = _readings(body)
    if comma is not None and point is not None:
        value = point if decimal_comma is False else comma
    elif comma is not None:
        value = comma
    elif point is not None:
        value = point
    else:
        raise ValueError(_("“{value}” is not a number.").format(value=shown(text)))
    return -value if negative and value else value


def decimal_vote(text: str) -> bool | None:
    """True if the value can only be read with a decimal comma, False if only with a point, else None."""
    split = _split_sign(text)
    if split is None:
        return None
    comma, point = _readings(split[1])
    if (comma is None) == (point is None):
        return None
    return point is None


def detect_decimal_comma(values: Iterable[str]) -> bool | None:
    """Whether a column (or a file) writes numbers with a decimal comma: the majority of the values
    that read one way only decides, a tie goes to the comma (as in Brazil); None when no value tells."""
    comma_votes = point_votes = 0
    for value in values:
        vote = decimal_vote(value)
        if vote is True:
            comma_votes += 1
        elif vote is False:
            point_votes += 1
    if comma_votes == point_votes == 0:
        return None
    return comma_votes >= point_votes


def _ambiguous(text: str, decimal_comma: bool | None) -> str | None:
    """The refusal of a value that reads two ways when the convention is unknown; None otherwise."""
    split = _split_sign(text) if decimal_comma is None else None
    if split is None:
        return None
    comma, point = _readings(split[1])
    if comma is None or point is None or comma == point:
        return None
    return _(
        "“{value}” could be {comma} or {point}, and no other number in the file shows whether it "
        "uses a decimal comma or a decimal point: write it without the thousands separator."
    ).format(value=shown(text), comma=format_decimal(comma), point=format_decimal(point))


@dataclass(frozen=True)
class NumberParser:
    """A number field's parser: the importer gives it the file's decimal convention
    (`with_decimal_comma`; None when the file shows none, and then an ambiguous value is refused) before
    reading the column; `rule` (places, largest value) and `minimum` are rules of the field."""

    rule: NumberRule
    minimum: Decimal | None = None
    decimal_comma: bool | None = None

    def with_decimal_comma(self, decimal_comma: bool | None) -> NumberParser:
        return replace(self, decimal_comma=decimal_comma)

    def __call__(self, text: str) -> Decimal | int:
        problem = _ambiguous(text, self.decimal_comma)
        if problem is not None:
            raise ValueError(problem)
        value = parse_decimal(text, self.decimal_comma)
        problem = self.rule.problem(value, written=shown(text))
        if problem is not None:
            raise ValueError(problem)
        if self.minimum is not None and value < self.minimum:
            raise ValueError(
                _("“{value}” is less than {minimum}.").format(
                    value=shown(text), minimum=format_decimal(self.minimum)
                )
            )
        return int(value) if self.rule.places == 0 else value


def parse_bool(text: str) -> bool:
    """Yes or no: sim/não, s/n, yes/no, true/false, verdadeiro/falso, 1/0, and "x" for a ticked box."""
    word = fold(clean_text(text))
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ValueError(_("“{value}” is not yes or no (write sim or não).").format(value=shown(text)))


def parse_date(text: str) -> date:
    """dd/mm/yyyy, dd/mm/yy (00-69 is 2000-2069), or yyyy-mm-dd (a time after it is ignored)."""
    value = clean_text(text)
    if match := _DMY.match(value):
        day, month, year = (int(part) for part in match.groups())
        if len(match.group(3)) == 2:
            year += 2000 if year < 70 else 1900
    elif match := _YMD.match(value):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise ValueError(_("“{value}” is not a date (write it as dd/mm/yyyy).").format(value=shown(text)))
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(_("“{value}” is not a valid date.").format(value=shown(text))) from None
