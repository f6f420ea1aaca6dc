"""The one shape every finance report returns: titled columns and lines of values, some in bold (totals),
some indented (accounts under their group). The screen, the PDF and the CSV/XLSX export read it alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

ZERO = Decimal(0)


class ColumnKind(StrEnum):
    TEXT = "text"
    MONEY = "money"
    NUMBER = "number"
    DATE = "date"


@dataclass(frozen=True)
class Column:
    label: str  # translated
    kind: ColumnKind = ColumnKind.MONEY

    @property
    def numeric(self) -> bool:
        return self.kind in (ColumnKind.MONEY, ColumnKind.NUMBER)


@dataclass(frozen=True)
class Line:
    values: tuple[Any, ...]
    bold: bool = False  # a total or a result
    level: int = 0  # indentation of the first value


@dataclass(frozen=True)
class FinReport:
    key: str
    title: str  # translated
    subtitle: str  # the period or the day, as read
    columns: tuple[Column, ...]
    lines: list[Line] = field(default_factory=list)
    notes: tuple[str, ...] = ()  # sentences under the table (what the figures mean, what was left out)
    landscape: bool = False

    def column_values(self, index: int) -> list[Any]:
        return [line.values[index] for line in self.lines]


@dataclass(frozen=True)
class Period:
    """What a report is asked for: a period (`start`..`end`), a day (`as_of`), an account, a window."""

    start: date
    end: date
    as_of: date
    account_id: int | None = None
    days: int = 90


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def month_end(day: date) -> date:
    return date.fromordinal(next_month(day).toordinal() - 1)


def months_between(start: date, end: date) -> list[date]:
    """The first day of every month from `start`'s to `end`'s."""
    months, current = [], month_start(start)
    while current <= end:
        months.append(current)
        current = next_month(current)
    return months


def dec(value: Any) -> Decimal:
    return ZERO if value is None else Decimal(value)


def month_label(first: date) -> str:
    """ "jan. de 2025" / "Jan 2025": a month as a column title reads it."""
    from babel.dates import format_date as babel_date

    from bodesk.i18n import current_locale

    return str(babel_date(first, "MMM yyyy", locale=current_locale()))


def period_text(start: date, end: date) -> str:
    from bodesk.i18n import _, format_date

    return _("{start} to {end}").format(start=format_date(start), end=format_date(end))
