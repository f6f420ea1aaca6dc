"""Money is Decimal end to end: floats refused, one rounding rule (half to even), exact sums."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bodesk.domain.common.money import (
    round_money,
    round_quantity,
    round_unit_price,
    to_decimal,
    validate_currency,
)
from tests.helpers.refusals import invalid


@pytest.mark.parametrize("value", [0.1, 1.0, 2.5, float("inf"), float("nan")])
def test_floats_are_refused(value: float) -> None:
    with pytest.raises(TypeError, match="float"):
        to_decimal(value)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        round_money(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [True, None, [1], b"1"])
def test_other_types_are_refused(value: object) -> None:
    with pytest.raises(TypeError):
        to_decimal(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "rounded"),
    [
        ("0.125", "0.12"),
        ("0.135", "0.14"),
        ("0.145", "0.14"),
        ("0.155", "0.16"),
        ("2.675", "2.68"),
        ("-0.125", "-0.12"),
        ("-0.135", "-0.14"),
        ("0.1251", "0.13"),
        ("0.1249", "0.12"),
        ("10", "10.00"),
    ],
)
def test_round_money_rounds_half_to_even_on_two_places(value: str, rounded: str) -> None:
    result = round_money(Decimal(value))
    assert result == Decimal(rounded)
    assert str(result) == rounded
    assert round_money(value) == result  # a string gives the same


def test_prices_and_quantities_have_their_own_places() -> None:
    assert str(round_unit_price("1.23455")) == "1.2346"
    assert str(round_unit_price("1.23445")) == "1.2344"
    assert str(round_quantity("0.0005")) == "0.000"
    assert str(round_quantity("0.0015")) == "0.002"
    assert str(round_quantity(12)) == "12.000"


@pytest.mark.parametrize(
    ("text", "value"), [("1234.56", "1234.56"), (" 7 ", "7"), ("-0.01", "-0.01"), ("1e3", "1000"), ("0", "0")]
)
def test_plain_strings_are_parsed(text: str, value: str) -> None:
    assert to_decimal(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "abc", "1,5", "R$ 10", "1.2.3", "NaN", "Infinity", "-inf", "sNaN"])
def test_junk_is_refused_with_a_validation_error(text: str) -> None:
    with invalid("price"):
        to_decimal(text, field="price")


def test_decimal_and_int_pass_through_unchanged() -> None:
    assert to_decimal(Decimal("3.14159")) == Decimal("3.14159")
    assert to_decimal(42) == Decimal(42)


@pytest.mark.parametrize(("code", "clean"), [("BRL", "BRL"), (" usd ", "USD"), ("eur", "EUR")])
def test_known_currencies_pass(code: str, clean: str) -> None:
    assert validate_currency(code) == clean


@pytest.mark.parametrize("code", ["", "XXX", "R$", "BR"])
def test_unknown_currencies_are_refused(code: str) -> None:
    with invalid("currency"):
        validate_currency(code)


amounts = st.decimals(
    min_value=Decimal("-1000000"),
    max_value=Decimal("1000000"),
    places=4,
    allow_nan=False,
    allow_infinity=False,
)


@given(st.lists(amounts, max_size=60))
def test_sums_of_rounded_parts_stay_exact(parts: list[Decimal]) -> None:
    rounded = [round_money(part) for part in parts]
    total = sum(rounded, Decimal("0.00"))
    cents = sum(int(part.scaleb(2)) for part in rounded)
    assert isinstance(total, Decimal)
    assert total == Decimal(cents).scaleb(-2)  # no drift, whatever the number of parts
    assert total == round_money(total)  # still a whole number of cents
    assert all(part.as_tuple().exponent == -2 for part in rounded)


@given(amounts)
def test_rounding_is_idempotent_and_moves_less_than_half_a_cent(value: Decimal) -> None:
    once = round_money(value)
    assert round_money(once) == once
    assert abs(once - value) <= Decimal("0.005")
