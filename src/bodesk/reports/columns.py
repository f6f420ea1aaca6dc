"""A table's columns: what their values are, how a value reads in its column, and how wide each
column is laid out.

Widths start from each column's share and then make room: a column that never wraps (a code, a
figure, a date) is at least as wide as its widest value, and every column at least as wide as the
longest word of its title, taken from the columns that have room to spare (the text columns, which
wrap). So a supplier's code, a lot code or an amount is never broken over two lines, and a title is
never broken inside a word. What still does not fit (a code far longer than any column) is cut with an
ellipsis by `fonts.fit_lines`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from reportlab.lib.units import mm

from bodesk.domain.common.figures import quantity_text
from bodesk.domain.common.money import DEFAULT_CURRENCY, MONEY_PLACES, UNIT_PRICE_PLACES, round_money
from bodesk.i18n import format_date, format_datetime, format_decimal, format_money
from bodesk.reports.fonts import text_width

ColumnKind = Literal["text", "code", "number", "price", "money", "quantity", "date"]
NUMERIC_KINDS: frozenset[str] = frozenset({"number", "price", "money", "quantity"})
PADDING = 3  # points left and right of a cell's text
TEXT_LEAST = 20 * mm  # a text column keeps at least this much (or its share, if smaller)
CODE_MOST = 0.4  # a code column never takes more than this share of the table


@dataclass(frozen=True)
class ReportColumn:
    """A column: its heading, what its values are, and its share of the width (shares are relative:
    0.4, 0.2, 0.2, 0.2 and 2, 1, 1, 1 give the same table). `places` fixes the decimals of a number
    or quantity; left None, a value shows the digits it has (trailing zeros dropped), and a price
    column shows the cents, or 4 places on every line when one of its prices has more than cents.
    Text wraps within `lines` lines; a code (a SKU, a lot, a supplier's code) is never wrapped."""

    title: str
    kind: ColumnKind = "text"
    width: float = 1.0
    places: int | None = None
    lines: int = 2

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS

    @property
    def wraps(self) -> bool:
        return self.kind == "text"


def format_value(column: ReportColumn, value: Any, currency: str = DEFAULT_CURRENCY) -> str:
    """The text a value shows in `column`; None shows nothing, a str is shown as it is."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if column.numeric and isinstance(value, float):
        raise TypeError("reports show Decimal figures the domain rounded, never floats")
    if column.kind == "money":
        return format_money(value, currency)
    if column.kind == "price":
        places = column.places if column.places is not None else price_places([value])
        return format_decimal(value, places)
    if column.kind in ("number", "quantity"):
        return quantity_text(value) if column.places is None else format_decimal(value, column.places)
    if column.kind == "date":
        return format_datetime(value) if isinstance(value, datetime) else format_date(value)
    if isinstance(value, date):
        return format_date(value)
    return str(value)


def price_places(values: Iterable[Any]) -> int:
    """The places a column of prices shows: the cents, or 4 when any price has more than cents."""
    for value in values:
        if isinstance(value, Decimal) and value != round_money(value):
            return UNIT_PRICE_PLACES
    return MONEY_PLACES


def settled(columns: Sequence[ReportColumn], rows: Sequence[Sequence[Any]]) -> list[ReportColumn]:
    """The columns with the places of each price column decided by all of its values."""
    return [
        replace(column, places=price_places(row[index] for row in rows if len(row) > index))
        if column.kind == "price" and column.places is None
        else column
        for index, column in enumerate(columns)
    ]


@dataclass(frozen=True)
class Fonts:
    """The fonts a table's text is measured in."""

    regular: str
    bold: str
    size: float


def _widest(values: Iterable[Any], font: str, size: float) -> float:
    strings = {value for value in values if isinstance(value, str) and value}
    return max((text_width(value, font, size) for value in strings), default=0.0)


def column_widths(
    columns: Sequence[ReportColumn],
    cells: Sequence[Sequence[Any]],
    totals: Sequence[Any] | None,
    width: float,
    fonts: Fonts,
) -> tuple[list[float], list[float]]:
    """Each column's width in points, adding up to `width`, and the width of the widest value of each
    column that never wraps (0 for a text column); `cells` are the shown strings of the body's rows
    (group headings left out), `totals` those of the totals row (set in bold)."""
    share = sum(column.width for column in columns)
    preferred = [width * column.width / share for column in columns]
    least: list[float] = []
    natural: list[float] = []
    for index, column in enumerate(columns):
        words = column.title.split() or [""]
        need = _widest(words, fonts.bold, fonts.size)
        widest = 0.0
        if column.wraps:
            need = max(need, min(preferred[index], TEXT_LEAST - 2 * PADDING))
        else:
            widest = _widest((row[index] for row in cells), fonts.regular, fonts.size)
            if totals is not None:
                widest = max(widest, _widest([totals[index]], fonts.bold, fonts.size))
            need = max(need, widest)
        need += 2 * PADDING
        least.append(min(need, width * CODE_MOST) if column.kind == "code" else need)
        natural.append(widest)
    return _share_out(preferred, least, width), natural


def _share_out(preferred: list[float], least: list[float], width: float) -> list[float]:
    """`preferred` widths raised to their `least`, the excess taken from the columns with room to
    spare in proportion to it; when not even the least widths fit, they shrink together."""
    widths = [max(want, need) for want, need in zip(preferred, least, strict=True)]
    excess = sum(widths) - width
    if excess <= 0:
        return widths
    spare = [have - need for have, need in zip(widths, least, strict=True)]
    room = sum(spare)
    if room >= excess:
        return [have - free * excess / room for have, free in zip(widths, spare, strict=True)]
    total = sum(least)
    return [need * width / total for need in least]
