"""Amounts and dates as Brazilian banks write them in OFX files."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bodesk.domain.banking.ofx_values import parse_amount, parse_ofx_date


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("-123.45", "-123.45"),
        ("-123,45", "-123.45"),
        ("1.234,56", "1234.56"),
        ("1,234.56", "1234.56"),
        ("-1.234.567,89", "-1234567.89"),
        ("1,234,567.89", "1234567.89"),
        ("1.234.567", "1234567"),  # a repeated separator only groups thousands
        ("1,234,567", "1234567"),
        ("+10.5", "10.5"),
        ("0,5", "0.5"),
        ("  -7,00 ", "-7.00"),
        ("123,45-", "-123.45"),
        ("1 234,56", "1234.56"),
        (".50", "0.50"),
        ("100", "100"),
    ],
)
def test_amounts(text: str, amount: str) -> None:
    assert parse_amount(text) == Decimal(amount)


@pytest.mark.parametrize(
    "text", ["", "-", "abc", "R$ 12", "1.2.3,4,5", "12e3", "NaN", ".", "--5", "1,2,3.4.5"]
)
def test_not_amounts(text: str) -> None:
    with pytest.raises(ValueError):
        parse_amount(text)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("20261103", date(2026, 11, 3)),
        ("20261103120000", date(2026, 11, 3)),
        ("202611031200", date(2026, 11, 3)),
        ("20261103220000[-3:BRT]", date(2026, 11, 3)),
        ("20261104010000[0:GMT]", date(2026, 11, 3)),
        ("20261104010000.000[+0:UTC]", date(2026, 11, 3)),
        ("20261104030000[0:GMT]", date(2026, 11, 4)),
        ("20261103235959.123[-03:00]", date(2026, 11, 3)),
        ("20261104000000[-03:00]", date(2026, 11, 4)),
        ("20261104000000", date(2026, 11, 4)),  # no zone: São Paulo's own time
        ("20261104050000[+5.30:IST]", date(2026, 11, 3)),  # 23:30 UTC the day before = 20:30 in São Paulo
        ("20261104020000[-3]", date(2026, 11, 4)),
        ("20181201233000[-3:BRT]", date(2018, 12, 2)),  # São Paulo kept summer time (−02:00) then: 00:30
        ("20181103233000[-3:BRT]", date(2018, 11, 3)),  # summer time began at 03:00 UTC on 2018-11-04
    ],
)
def test_dates_are_days_in_sao_paulo(text: str, day: date) -> None:
    assert parse_ofx_date(text) == day


@pytest.mark.parametrize(
    "text", ["", "2026-11-03", "20261332", "2026110", "20261103250000", "20261103[-30:X]", "hoje"]
)
def test_not_dates(text: str) -> None:
    with pytest.raises(ValueError):
        parse_ofx_date(text)
