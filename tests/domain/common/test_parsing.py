"""Cell text from Brazilian (and other) spreadsheets read as numbers, dates, yes/no and clean text."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bodesk.domain.common.money import PRICE_RULE, NumberRule
from bodesk.domain.common.parsing import (
    NumberParser,
    clean_text,
    detect_decimal_comma,
    parse_bool,
    parse_date,
    parse_decimal,
)


def brazilian(value: Decimal) -> str:
    """1234.5 -> "1.234,5", the way a Brazilian spreadsheet writes it."""
    whole, _dot, fraction = f"{abs(value):f}".partition(".")
    text = f"{int(whole):,}".replace(",", ".") + ("," + fraction if fraction else "")
    return "-" + text if value < 0 else text


def english(value: Decimal) -> str:
    whole, _dot, fraction = f"{abs(value):f}".partition(".")
    text = f"{int(whole):,}" + ("." + fraction if fraction else "")
    return "-" + text if value < 0 else text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,56", "1234.56"),
        ("1234,56", "1234.56"),
        ("1234.56", "1234.56"),
        ("1,234.56", "1234.56"),
        ("R$ 1.234,56", "1234.56"),
        ("R$1.234,56", "1234.56"),
        ("-R$ 1.234,56", "-1234.56"),
        ("R$ -1.234,56", "-1234.56"),
        ("-3", "-3"),
        ("+3", "3"),
        ("−3", "-3"),
        (" 12 ", "12"),
        ("\u00a012\u00a0", "12"),
        ("(1.234,56)", "-1234.56"),
        ("1.234,56-", "-1234.56"),
        ("0,5", "0.5"),
        (",5", "0.5"),
        ("0.123", "0.123"),
        ("1.234.567", "1234567"),
        ("1,234,567.5", "1234567.5"),
        ("007", "7"),
        ("-0,00", "0.00"),
    ],
)
def test_numbers_in_either_convention(text: str, expected: str) -> None:
    assert parse_decimal(text) == Decimal(expected)


def test_the_value_is_exact() -> None:
    assert parse_decimal("0,1") + parse_decimal("0,2") == Decimal("0.3")
    assert parse_decimal("12,50").as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("text", "comma", "point"),
    [("1.234", "1234", "1.234"), ("1,234", "1.234", "1234"), ("-1.500", "-1500", "-1.5")],
)
def test_an_ambiguous_value_follows_the_convention(text: str, comma: str, point: str) -> None:
    assert parse_decimal(text, decimal_comma=True) == Decimal(comma)
    assert parse_decimal(text, decimal_comma=False) == Decimal(point)
    assert parse_decimal(text) == Decimal(comma), "with no hint, the Brazilian reading wins"


@pytest.mark.parametrize(("text", "expected"), [("1.234,56", "1234.56"), ("12.5", "12.5"), ("1,5", "1.5")])
def test_an_unambiguous_value_ignores_the_hint(text: str, expected: str) -> None:
    assert parse_decimal(text, decimal_comma=True) == Decimal(expected)
    assert parse_decimal(text, decimal_comma=False) == Decimal(expected)


@pytest.mark.parametrize(
    "text",
    ["abc", "", "   ", "R$", "1,2,3", "1.2.3", "12,", "1.", "--1", "(-1)", "1e5", "1 234", "12a", "1.23.456"],
)
def test_not_numbers_are_refused_with_the_value_quoted(text: str) -> None:
    with pytest.raises(ValueError, match="is not a number") as caught:
        parse_decimal(text)
    assert f"“{text.strip()}”" in str(caught.value)


def test_a_long_value_is_cut_short_in_the_message() -> None:
    with pytest.raises(ValueError) as caught:
        parse_decimal("x" * 500)
    assert len(str(caught.value)) < 100


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["1,5", "2", "3,25"], True),
        (["1.5", "2", "3.25"], False),
        (["1.234,56", "12"], True),
        (["1,234.56", "12"], False),
        (["1.234", "1,234", "12", ""], None),
        ([], None),
        (["1,5", "2,5", "3.5"], True),
        (["1.5", "2.5", "3,5", "abc"], False),
        (["1.234.567"], True),
    ],
)
def test_detect_decimal_comma_from_the_unambiguous_values(values: list[str], expected: bool | None) -> None:
    assert detect_decimal_comma(values) is expected


PRICE = NumberParser(PRICE_RULE, minimum=Decimal(0))
BOXES = NumberParser(NumberRule(0, Decimal(1000)), minimum=Decimal(1))


def test_a_number_field_reads_the_files_convention() -> None:
    assert PRICE.with_decimal_comma(True)("1.234,50") == Decimal("1234.50")
    assert PRICE.with_decimal_comma(False)("1.5") == Decimal("1.5")
    assert PRICE.with_decimal_comma(True)("1.234") == Decimal(1234)
    assert PRICE("1.234,50") == Decimal("1234.50"), "a value that reads one way needs no convention"
    assert BOXES.with_decimal_comma(True)("1.000") == 1000
    assert isinstance(BOXES("12"), int)


@pytest.mark.parametrize("text", ["1.234", "1,234", "-1.500", "1.000"])
def test_an_ambiguous_value_is_refused_when_the_file_shows_no_convention(text: str) -> None:
    with pytest.raises(ValueError, match="could be") as caught:
        PRICE(text) if text != "1.000" else BOXES(text)
    assert f"“{text}”" in str(caught.value)


@pytest.mark.parametrize(
    ("parser", "text", "reason"),
    [
        (PRICE, "-1", "less than 0"),
        (PRICE, "0,001", "more than 2 decimal places"),
        (PRICE, "1,005", "more than 2 decimal places"),
        (PRICE, "100000000000000000", "too large: at most 99,999.99"),
        (PRICE, "1" * 40, "too large"),
        (PRICE, "1" * 40 + ",5", "too large"),
        (PRICE, "0," + "0" * 500 + "1", "more than 2 decimal places"),
        (BOXES, "1,5", "not a whole number"),
        (BOXES, "0", "less than 1"),
        (BOXES, "1001", "too large: at most 1,000"),
    ],
)
def test_a_number_field_refuses_what_breaks_its_rule_naming_the_limit(
    parser: NumberParser, text: str, reason: str
) -> None:
    with pytest.raises(ValueError, match=reason):
        parser.with_decimal_comma(True)(text)


@pytest.mark.parametrize("text", ["sim", "SIM", "s", "Yes", "true", "VERDADEIRO", "1", "x", " X "])
def test_yes(text: str) -> None:
    assert parse_bool(text) is True


@pytest.mark.parametrize("text", ["não", "NAO", "n", "no", "False", "falso", "0"])
def test_no(text: str) -> None:
    assert parse_bool(text) is False


@pytest.mark.parametrize("text", ["talvez", "2", "", "sí"])
def test_neither_yes_nor_no(text: str) -> None:
    with pytest.raises(ValueError, match="not yes or no"):
        parse_bool(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("02/01/2024", date(2024, 1, 2)),
        ("2/1/2024", date(2024, 1, 2)),
        ("02-01-2024", date(2024, 1, 2)),
        ("02.01.2024", date(2024, 1, 2)),
        ("02/01/24", date(2024, 1, 2)),
        ("31/12/99", date(1999, 12, 31)),
        ("2024-01-02", date(2024, 1, 2)),
        ("2024-01-02 00:00:00", date(2024, 1, 2)),
        (" 29/02/2024 ", date(2024, 2, 29)),
    ],
)
def test_dates(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("31/02/2024", "not a valid date"),
        ("29/02/2023", "not a valid date"),
        ("2024-13-01", "not a valid date"),
        ("01/13/2024", "not a valid date"),
        ("ontem", "not a date"),
        ("2024/1", "not a date"),
        ("45292", "not a date"),
    ],
)
def test_bad_dates(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_date(text)


def test_clean_text() -> None:
    assert clean_text("  Guaraná \t  Antarctica\n 2L\u00a0 ") == "Guaraná Antarctica 2L"
    assert clean_text("\ufeffCódigo") == "Código"
    assert clean_text("   ") == ""


decimals = st.decimals(
    min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=4, allow_nan=False, allow_infinity=False
)


@given(decimals)
def test_a_brazilian_number_reads_back_exactly(value: Decimal) -> None:
    assert parse_decimal(brazilian(value)) == value
    assert parse_decimal(brazilian(value), decimal_comma=True) == value
    assert parse_decimal("R$ " + brazilian(value)) == value


@given(decimals)
def test_an_english_number_reads_back_exactly_with_the_point_convention(value: Decimal) -> None:
    assert parse_decimal(english(value), decimal_comma=False) == value


@given(st.lists(decimals, min_size=1), st.booleans())
def test_a_column_with_a_fraction_reveals_its_convention(values: list[Decimal], comma: bool) -> None:
    values = [*values, Decimal("0.5")]
    texts = [brazilian(value) if comma else english(value) for value in values]
    assert detect_decimal_comma(texts) is comma
    assert [parse_decimal(text, comma) for text in texts] == values
