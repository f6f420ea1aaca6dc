"""NF-e access keys: read with or without spaces, split into their parts, and refused when a digit, the
length, the state, the month or the model is wrong."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bodesk.domain.finance.nfe_key import nfe_check_digit, nfe_key_parts, validate_nfe_key
from tests.helpers.refusals import invalid

KEY = "35261111222333000181550010000123451123456788"  # SP, 2026-11, CNPJ 11.222.333/0001-81, NF-e 1/12345
ALPHANUMERIC = "35261112ABC34501DE35650020000000771876543216"  # an NFC-e of an alphanumeric CNPJ


def spaced(key: str) -> str:
    """The key as a DANFE prints it: groups of four."""
    return " ".join(key[start : start + 4] for start in range(0, 44, 4))


def test_the_check_digit_by_hand() -> None:
    # weights 2..9 from the right over the first 43 digits: the sum leaves 3, and 11 - 3 = 8
    weights = [2, 3, 4, 5, 6, 7, 8, 9] * 6
    total = sum(int(char) * weight for char, weight in zip(reversed(KEY[:43]), weights, strict=False))
    assert total % 11 == 3
    assert nfe_check_digit(KEY[:43]) == 8


@pytest.mark.parametrize("typed", [KEY, spaced(KEY), f"  {KEY}\n", f"NFe{KEY}"])
def test_a_key_typed_any_way(typed: str) -> None:
    assert validate_nfe_key(typed) == KEY


def test_the_parts() -> None:
    parts = nfe_key_parts(spaced(KEY))
    assert (parts.state_code, parts.year_month, parts.cnpj, parts.model) == (
        "35",
        "2611",
        "11222333000181",
        "55",
    )
    assert (parts.series, parts.number, parts.issue_type, parts.random_code) == (
        "001",
        "000012345",
        "1",
        "12345678",
    )
    assert parts.check_digit == "8"


def test_an_nfce_of_an_alphanumeric_cnpj() -> None:
    parts = nfe_key_parts(ALPHANUMERIC.lower())
    assert parts.cnpj == "12ABC34501DE35"
    assert parts.model == "65"


@pytest.mark.parametrize("position", range(44))
def test_any_digit_altered_is_refused(position: int) -> None:
    altered = KEY[:position] + str((int(KEY[position]) + 1) % 10) + KEY[position + 1 :]
    with invalid("nfe_key"):
        validate_nfe_key(altered)


def test_two_digits_swapped_are_refused() -> None:
    with invalid("nfe_key"):
        validate_nfe_key(KEY[:30] + KEY[31] + KEY[30] + KEY[32:])


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        (KEY[:-1], "44"),
        (KEY + "1", "44"),
        ("", "44"),
        (KEY[:30] + "X" + KEY[31:], "digits"),  # a letter outside the CNPJ
        ("99" + KEY[2:], "state"),
        (KEY[:4] + "13" + KEY[6:], "month"),
        (KEY[:20] + "57" + KEY[22:], "57"),  # a CT-e key
    ],
)
def test_what_is_wrong_is_said(typed: str, said: str) -> None:
    with invalid("nfe_key") as caught:
        validate_nfe_key(typed)
    assert said in caught.value.message


@given(
    head=st.sampled_from(["35", "33", "41", "53"]),
    month=st.integers(1, 12),
    rest=st.from_regex(r"[0-9]{14}(55|65)[0-9]{21}", fullmatch=True),
)
def test_any_key_with_its_check_digit_is_accepted(head: str, month: int, rest: str) -> None:
    first_43 = f"{head}26{month:02d}{rest}"
    key = first_43 + str(nfe_check_digit(first_43))
    assert validate_nfe_key(spaced(key)) == key
