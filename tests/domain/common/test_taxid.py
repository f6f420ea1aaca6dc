"""Brazilian tax ids: CNPJ (numeric and the alphanumeric format) and CPF; wrong check digits and
numbers of one repeated digit refused with a message naming the field."""

from __future__ import annotations

import pytest

from bodesk.domain.common.errors import ValidationError
from bodesk.domain.common.taxid import (
    TaxIdKind,
    format_tax_id,
    tax_id_kind,
    validate_cnpj,
    validate_cpf,
    validate_tax_id,
)
from tests.helpers.refusals import invalid


@pytest.mark.parametrize(
    ("value", "compact"),
    [
        ("11.222.333/0001-81", "11222333000181"),
        ("11222333000181", "11222333000181"),
        ("12ABC34501DE35", "12ABC34501DE35"),
        ("12.ABC.345/01DE-35", "12ABC34501DE35"),
        ("12.abc.345/01de-35", "12ABC34501DE35"),
        (" 11.222.333/0001-81 ", "11222333000181"),
    ],
)
def test_valid_cnpj(value: str, compact: str) -> None:
    assert validate_cnpj(value) == compact
    assert validate_tax_id(value) == compact


@pytest.mark.parametrize(
    ("value", "compact"), [("529.982.247-25", "52998224725"), ("52998224725", "52998224725")]
)
def test_valid_cpf(value: str, compact: str) -> None:
    assert validate_cpf(value) == compact
    assert validate_tax_id(value) == compact


@pytest.mark.parametrize(
    "value", ["11.222.333/0001-82", "11.222.333/0001-91", "12.ABC.345/01DE-36", "12ABC34501DE53"]
)
def test_cnpj_with_wrong_check_digits_is_refused(value: str) -> None:
    with invalid("supplier_tax_id"):
        validate_cnpj(value, field="supplier_tax_id")


@pytest.mark.parametrize("value", ["529.982.247-24", "529.982.247-52", "12345678900"])
def test_cpf_with_wrong_check_digits_is_refused(value: str) -> None:
    with invalid("cpf"):
        validate_cpf(value, field="cpf")


@pytest.mark.parametrize("digit", "123456789")
def test_cpf_of_one_repeated_digit_is_refused(digit: str) -> None:
    value = f"{digit * 3}.{digit * 3}.{digit * 3}-{digit * 2}"
    with pytest.raises(ValidationError) as caught:
        validate_cpf(value)
    assert caught.value.for_field("tax_id") == (
        f"“{value}” is not a valid CPF: a number of one repeated digit is never issued."
    )
    with pytest.raises(ValidationError):
        validate_tax_id(digit * 11)


def test_cpf_of_zeros_is_refused() -> None:
    with invalid("tax_id"):
        validate_cpf("000.000.000-00")


@pytest.mark.parametrize("digit", "0123456789")
def test_cnpj_of_one_repeated_digit_is_refused(digit: str) -> None:
    value = f"{digit * 2}.{digit * 3}.{digit * 3}/{digit * 4}-{digit * 2}"
    with invalid("tax_id"):
        validate_cnpj(value)
    with pytest.raises(ValidationError):
        validate_tax_id(digit * 14)


@pytest.mark.parametrize("value", ["", "abc", "123", "1234567890123", "123456789012345", "ABCDEFGHIJK"])
def test_neither_cnpj_nor_cpf_is_refused(value: str) -> None:
    with invalid("document"):
        validate_tax_id(value, field="document")


def test_kinds_are_told_apart_by_length() -> None:
    assert tax_id_kind("11.222.333/0001-81") is TaxIdKind.CNPJ
    assert tax_id_kind("12.ABC.345/01DE-35") is TaxIdKind.CNPJ
    assert tax_id_kind("529.982.247-25") is TaxIdKind.CPF
    assert tax_id_kind("1234") is None


@pytest.mark.parametrize(
    ("number", "shown"),
    [
        ("11222333000181", "11.222.333/0001-81"),
        ("12ABC34501DE35", "12.ABC.345/01DE-35"),
        ("52998224725", "529.982.247-25"),
        ("123", "123"),
        ("", ""),
    ],
)
def test_format_tax_id(number: str, shown: str) -> None:
    assert format_tax_id(number) == shown


@pytest.mark.parametrize("value", ["11.222.333/0001-81", "12ABC34501DE35", "529.982.247-25"])
def test_format_of_a_validated_number_validates_again(value: str) -> None:
    compact = validate_tax_id(value)
    assert validate_tax_id(format_tax_id(compact)) == compact
