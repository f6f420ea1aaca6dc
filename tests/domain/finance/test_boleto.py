"""Supplier boletos: the line typed or the barcode scanned, every check digit checked, the due date read
from its factor across the 2025-02-22 restart, and any valid barcode written as a line and read back."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bodesk.domain.finance.boleto import (
    barcode_check_digit,
    barcode_from_line,
    boleto_line_from_barcode,
    due_date_from_factor,
    due_factor,
    mod10,
    read_boleto,
)
from tests.helpers.refusals import invalid

LINE = "00190.50095 40144.816069 06809.350314 3 37370000000100"
DIGITS = "".join(char for char in LINE if char.isdigit())
BARCODE = "00193373700000001000500940144816060680935031"
TODAY = date(2026, 12, 3)


def make_barcode(bank: str, factor: int, cents: int, free: str) -> str:
    """A barcode with its general check digit computed."""
    without = f"{bank}9{factor:04d}{cents:010d}{free}"
    return without[:4] + str(barcode_check_digit(without)) + without[4:]


def test_the_reference_line() -> None:
    boleto = read_boleto(LINE, TODAY)
    assert boleto.bank_code == "001"
    assert boleto.currency == "9"
    assert boleto.amount == Decimal("1.00")
    assert boleto.barcode == BARCODE
    assert boleto.line == LINE


def test_the_reference_due_date_is_the_one_nearest_today() -> None:
    # factor 3737 stands for 2007-12-31 and, 9000 days later, for 2032-08-21
    assert read_boleto(LINE, date(2008, 1, 10)).due_date == date(2007, 12, 31)
    assert read_boleto(LINE, TODAY).due_date == date(2032, 8, 21)


@pytest.mark.parametrize("typed", [LINE, DIGITS, LINE.replace(" ", ""), " " + LINE.replace(".", " ") + " "])
def test_the_line_typed_any_way(typed: str) -> None:
    assert read_boleto(typed, TODAY).barcode == BARCODE


def test_the_barcode_scanned() -> None:
    boleto = read_boleto(BARCODE, TODAY)
    assert boleto.line == LINE
    assert boleto.amount == Decimal("1.00")


def test_check_digits_of_the_reference() -> None:
    assert [mod10(DIGITS[0:9]), mod10(DIGITS[10:20]), mod10(DIGITS[21:31])] == [5, 9, 4]
    assert barcode_check_digit(BARCODE) == 3


@pytest.mark.parametrize("position", range(47))
def test_any_digit_altered_is_refused(position: int) -> None:
    digit = DIGITS[position]
    altered = DIGITS[:position] + str((int(digit) + 3) % 10) + DIGITS[position + 1 :]
    with invalid("boleto"):
        read_boleto(altered, TODAY)


@pytest.mark.parametrize(("position", "number"), [(3, "1"), (15, "2"), (25, "3")])
def test_the_refusal_names_the_wrong_field(position: int, number: str) -> None:
    altered = DIGITS[:position] + str((int(DIGITS[position]) + 1) % 10) + DIGITS[position + 1 :]
    with invalid("boleto") as caught:
        read_boleto(altered, TODAY)
    assert f"Field {number}" in caught.value.message


def test_a_wrong_general_digit_is_refused_in_a_barcode() -> None:
    with invalid("boleto"):
        read_boleto(BARCODE[:4] + "7" + BARCODE[5:], TODAY)


@pytest.mark.parametrize("typed", [DIGITS[:-1], DIGITS + "0", BARCODE[:-1], "", "123"])
def test_wrong_lengths_are_refused_naming_47_and_44(typed: str) -> None:
    with invalid("boleto") as caught:
        read_boleto(typed, TODAY)
    assert "47" in caught.value.message
    assert "44" in caught.value.message


def test_letters_are_refused() -> None:
    with invalid("boleto"):
        read_boleto(LINE.replace("5", "S"), TODAY)


def test_a_utility_payment_code_is_refused() -> None:
    with invalid("boleto") as caught:
        read_boleto("83640000001-1 33120138000-2 81288462711-6 08013618155-1", TODAY)
    assert "8" in caught.value.message


def test_a_line_must_have_47_digits_and_a_barcode_44() -> None:
    with invalid("boleto"):
        barcode_from_line(BARCODE)
    with invalid("boleto"):
        boleto_line_from_barcode(DIGITS)


def test_an_open_amount_and_no_due_date() -> None:
    boleto = read_boleto(make_barcode("237", 0, 0, "1" * 25), TODAY)
    assert boleto.amount is None
    assert boleto.due_date is None


@pytest.mark.parametrize(
    ("due", "factor"),
    [
        (date(2000, 7, 3), 1000),
        (date(2025, 2, 21), 9999),
        (date(2025, 2, 22), 1000),
        (date(2025, 2, 23), 1001),
        (date(2026, 12, 3), 1649),
        (date(2049, 10, 13), 9999),  # the next restart, by the same count
        (date(2049, 10, 14), 1000),
    ],
)
def test_the_factor_restarts_at_1000(due: date, factor: int) -> None:
    assert due_factor(due) == factor


@pytest.mark.parametrize(
    ("factor", "due"),
    [
        (9999, date(2025, 2, 21)),
        (1000, date(2025, 2, 22)),
        (1001, date(2025, 2, 23)),
        (1649, date(2026, 12, 3)),
        (9000, date(2022, 5, 29)),
        (4000, date(2033, 5, 11)),
    ],
)
def test_a_factor_around_the_restart_is_read_near_today(factor: int, due: date) -> None:
    assert due_date_from_factor(factor, TODAY) == due
    boleto = read_boleto(boleto_line_from_barcode(make_barcode("341", factor, 123456, "9" * 25)), TODAY)
    assert boleto.due_date == due
    assert boleto.amount == Decimal("1234.56")


@given(st.dates(min_value=date(2000, 7, 3), max_value=date(2060, 1, 1)))
def test_a_due_date_within_12_years_of_today_reads_back(due: date) -> None:
    today = due + timedelta(days=(due.toordinal() % 8001) - 4000)
    assert due_date_from_factor(due_factor(due), today) == due


@given(
    bank=st.from_regex(r"[0-79][0-9]{2}", fullmatch=True),
    factor=st.integers(0, 9999),
    cents=st.integers(0, 9_999_999_999),
    free=st.from_regex(r"[0-9]{25}", fullmatch=True),
)
def test_any_valid_barcode_makes_a_line_that_reads_back(
    bank: str, factor: int, cents: int, free: str
) -> None:
    barcode = make_barcode(bank, factor, cents, free)
    line = boleto_line_from_barcode(barcode)
    assert len(line) == 54
    assert barcode_from_line(line) == barcode
    assert read_boleto(line, TODAY) == read_boleto(barcode, TODAY)
