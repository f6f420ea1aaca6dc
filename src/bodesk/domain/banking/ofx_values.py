"""The values inside an OFX file as Brazilian banks write them: amounts with a decimal comma or thousands
separators, and dates with or without a time, milliseconds and a time zone.

A date is kept as the day it was in São Paulo: 2026-11-04 01:00 GMT is a transaction of 2026-11-03.
A time without a zone is taken as São Paulo's own: the OFX standard says GMT, but the banks that leave
the zone out write their local time (midnight, or noon), and reading it as GMT would move midnight to
the evening before.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_NUMBER = re.compile(r"[0-9]*\.?[0-9]*")
_SPACES = re.compile(r"[\s\u00a0']")
_DATE = re.compile(
    r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})"
    r"(?:(?P<hour>\d{2})(?P<minute>\d{2})(?P<second>\d{2})?)?"
    r"(?:\.\d{1,6})?"
    r"\s*(?:\[\s*(?P<sign>[+-]?)(?P<hours>\d{1,2})(?:\.(?P<fraction>\d+)|:(?P<minutes>\d{2}))?"
    r"(?::?\s*[A-Za-z_/]*)?\s*\])?"
)


def _sao_paulo() -> tzinfo:
    try:
        return ZoneInfo("America/Sao_Paulo")
    except ZoneInfoNotFoundError:  # a Windows machine without the tzdata package
        return timezone(timedelta(hours=-3))  # Brazil has kept −03:00 all year since 2019


SAO_PAULO = _sao_paulo()


def parse_amount(text: str) -> Decimal:
    """ "-123,45", "1.234,56", "1,234.56", "+10.5" as a Decimal; ValueError when it is no number.

    When both "." and "," appear the last one is the decimal separator; one lone "," is decimal; a
    separator repeated (1.234.567) only groups thousands."""
    value = _SPACES.sub("", text)
    sign = ""
    if value[:1] in "+-" and value:
        sign, value = value[0], value[1:]
    if value.endswith("-") and not sign:  # "123,45-", as some exports write a debit
        sign, value = "-", value[:-1]
    if "." in value and "," in value:
        decimal_mark = "." if value.rfind(".") > value.rfind(",") else ","
        grouping = "," if decimal_mark == "." else "."
        value = value.replace(grouping, "").replace(decimal_mark, ".")
    elif value.count(",") == 1:
        value = value.replace(",", ".")
    elif value.count(",") > 1:
        value = value.replace(",", "")
    elif value.count(".") > 1:
        value = value.replace(".", "")
    if not value or not _NUMBER.fullmatch(value) or value == ".":
        raise ValueError(f"not an amount: {text!r}")
    try:
        return Decimal(sign + value)
    except InvalidOperation:
        raise ValueError(f"not an amount: {text!r}") from None


def _zone(match: re.Match[str]) -> tzinfo | None:
    if match["hours"] is None:
        return None
    minutes = int(match["hours"]) * 60
    if match["minutes"]:
        minutes += int(match["minutes"])
    elif match["fraction"]:
        minutes += round(float("0." + match["fraction"]) * 60)
    if match["sign"] == "-":
        minutes = -minutes
    if abs(minutes) >= 24 * 60:
        raise ValueError("time zone out of range")
    return timezone(timedelta(minutes=minutes)) if minutes else UTC


def parse_ofx_date(text: str) -> date:
    """The day in São Paulo of an OFX date-time ("20261103", "20261103220000.000[-3:BRT]",
    "20261104010000[-03:00]"); ValueError when it is no date."""
    match = _DATE.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"not an OFX date: {text!r}")
    day = date(int(match["year"]), int(match["month"]), int(match["day"]))
    zone = _zone(match)
    if match["hour"] is None:
        return day
    moment = datetime(
        day.year, day.month, day.day, int(match["hour"]), int(match["minute"]), int(match["second"] or 0)
    )
    if zone is None:
        return moment.date()
    return moment.replace(tzinfo=zone).astimezone(SAO_PAULO).date()
