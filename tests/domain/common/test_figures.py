"""Figures read and typed the one bodesk way: quantities without trailing zeros, prices with 2 places
or the 4 they need, money in cents, numbers typed in the person's language, each rule with the value
it shows and the value it refuses or treats apart."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from bodesk import i18n
from bodesk.domain.common.errors import ValidationError
from bodesk.domain.common.figures import (
    date_text,
    datetime_text,
    input_text,
    money_text,
    optional_quantity_text,
    packaging_text,
    parse_number,
    parse_optional_number,
    price_text,
    quantity_text,
)
from bodesk.domain.common.money import MONEY_PLACES, UNIT_PRICE_PLACES, price_places
from tests.helpers.refusals import invalid

D = Decimal


@pytest.fixture
def portuguese() -> Iterator[None]:
    i18n.set_language("pt_BR")
    yield
    i18n.set_language("en")


@pytest.mark.parametrize(
    ("price", "places"),
    [
        ("18.90", MONEY_PLACES),
        ("18.9000", MONEY_PLACES),
        ("10", MONEY_PLACES),
        ("10.3333", UNIT_PRICE_PLACES),
    ],
)
def test_a_price_shows_its_cents_unless_it_has_more(price: str, places: int) -> None:
    assert price_places(D(price)) == places


@pytest.mark.parametrize(
    ("price", "shown"),
    [
        ("18.9000", "18.90"),
        ("0.5", "0.50"),
        ("1234.5", "1,234.50"),
        ("10.3333", "10.3333"),
        ("0.0050", "0.0050"),
    ],
)
def test_price_text_shows_two_places_or_four(price: str, shown: str) -> None:
    assert price_text(D(price)) == shown


def test_price_text_shows_a_value_that_is_not_a_number_as_it_is() -> None:
    assert price_text("—") == "—"
    assert price_text(None) == "None"


@pytest.mark.parametrize(
    ("quantity", "shown"),
    [
        ("12.000", "12"),
        ("120.000", "120"),
        ("1E+2", "100"),
        ("1.500", "1.5"),
        ("0.250", "0.25"),
        ("12345", "12,345"),
    ],
)
def test_quantity_text_drops_trailing_zeros_and_never_writes_an_exponent(quantity: str, shown: str) -> None:
    assert quantity_text(D(quantity)) == shown


def test_quantity_text_formats_whole_numbers_and_keeps_text() -> None:
    assert quantity_text(1200) == "1,200"
    assert quantity_text("cx") == "cx"
    assert quantity_text(True) == "True"  # a flag is not a number


def test_an_optional_quantity_is_blank_for_zero_only() -> None:
    assert optional_quantity_text(D("0.000")) == ""
    assert optional_quantity_text(D("6.000")) == "6"


@pytest.mark.parametrize(
    ("amount", "shown"), [("1234.5", "1,234.50"), ("0.125", "0.12"), ("0.135", "0.14"), ("7", "7.00")]
)
def test_money_text_rounds_half_to_even_to_cents(amount: str, shown: str) -> None:
    assert money_text(D(amount)) == shown


def test_money_text_takes_whole_amounts_and_keeps_text() -> None:
    assert money_text(15) == "15.00"
    assert money_text("") == ""


def test_figures_follow_the_language(portuguese: None) -> None:
    assert quantity_text(D("1234.500")) == "1.234,5"
    assert price_text(D("10.3333")) == "10,3333"
    assert money_text(D("1234.5")) == "1.234,50"
    assert input_text(D("2.50"), 2) == "2,50"


def test_packaging_text_names_what_a_package_holds() -> None:
    assert packaging_text("Caixa 12", D("12.000"), "un") == "Caixa 12 (12 un)"
    assert packaging_text("Fardo", D("1.5"), "kg") == "Fardo (1.5 kg)"
    assert packaging_text("", D("1"), "un") == "un"


def test_input_text_is_what_a_person_would_type() -> None:
    assert input_text(None) == ""
    assert input_text(D("12.000")) == "12"
    assert input_text(D("0.250")) == "0.25"
    assert input_text(D("3.5"), 2) == "3.50"


@pytest.mark.parametrize(
    ("typed", "value"), [("1.234,5", "1234.5"), (" 12 ", "12"), ("-3", "-3"), ("0,25", "0.25")]
)
def test_numbers_typed_in_portuguese_are_read(portuguese: None, typed: str, value: str) -> None:
    assert parse_number(typed, "units") == D(value)


@pytest.mark.parametrize("typed", ["abc", "1,2,3", "12 caixas", "1.5.6"])
def test_what_is_not_a_number_is_refused_for_its_field(portuguese: None, typed: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_number(typed, "units")
    assert caught.value.for_field("units") == f"“{typed.strip()}” não é um número."


def test_a_number_must_be_typed_unless_it_is_optional() -> None:
    with invalid("packages"):
        parse_number("  ", "packages")
    assert parse_optional_number("  ", "packages") is None
    assert parse_optional_number("2.5", "packages") == D("2.5")
    with pytest.raises(ValidationError):
        parse_optional_number("two", "packages")


def test_dates_read_in_the_persons_language_also_from_iso_text(portuguese: None) -> None:
    assert date_text(date(2027, 5, 13)) == "13/05/2027"
    assert date_text("2027-05-13") == "13/05/2027"  # as the audit log and SQLite keep a day
    instant = datetime(2026, 12, 3, 15, 5, tzinfo=UTC)
    assert (
        datetime_text(instant) == datetime_text(instant.isoformat()) == datetime_text("2026-12-03 15:05:00")
    )
    assert datetime_text(instant).startswith("03/12/2026")
    assert date_text("not a date") == "not a date"
    i18n.set_language("en")
    assert date_text(date(2027, 5, 13)) == "5/13/27"
