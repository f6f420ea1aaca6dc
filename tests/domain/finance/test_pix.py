"""PIX copia e cola: the BCB example byte for byte, keys of every kind told apart and refused when wrong,
and any name, city, amount and txid written as a code that reads back with a valid CRC."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bodesk.domain.common.errors import ValidationError
from bodesk.domain.finance.pix import (
    CITY_MAX,
    KEY_MAX,
    NAME_MAX,
    PixKeyKind,
    crc16_ccitt_false,
    normalize_pix_key,
    parse_emv,
    parse_tlv,
    pix_key_kind,
    pix_payload,
)
from tests.helpers.refusals import invalid

BCB_EXAMPLE = (
    "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR"
    "5913Fulano de Tal6008BRASILIA62070503***63041D3D"
)
RANDOM_KEY = "123e4567-e12b-12d1-a456-426655440000"


def test_crc_of_the_check_string() -> None:
    assert crc16_ccitt_false(b"123456789") == 0x29B1


def test_the_bcb_example_byte_for_byte() -> None:
    assert pix_payload(RANDOM_KEY, "Fulano de Tal", "BRASILIA", None, "***") == BCB_EXAMPLE


def test_the_bcb_example_reads_back() -> None:
    fields = parse_emv(BCB_EXAMPLE)
    assert fields["59"] == "Fulano de Tal"
    assert fields["60"] == "BRASILIA"
    assert "54" not in fields
    assert parse_tlv(fields["26"]) == {"00": "br.gov.bcb.pix", "01": RANDOM_KEY}
    assert parse_tlv(fields["62"]) == {"05": "***"}


@pytest.mark.parametrize(
    ("key", "kind", "stored"),
    [
        ("529.982.247-25", PixKeyKind.CPF, "52998224725"),
        ("52998224725", PixKeyKind.CPF, "52998224725"),
        ("11.222.333/0001-81", PixKeyKind.CNPJ, "11222333000181"),
        ("12.ABC.345/01DE-35", PixKeyKind.CNPJ, "12ABC34501DE35"),
        ("Financeiro@Distribuidora.com.br", PixKeyKind.EMAIL, "financeiro@distribuidora.com.br"),
        ("+55 (11) 98765-4321", PixKeyKind.PHONE, "+5511987654321"),
        ("+552133334444", PixKeyKind.PHONE, "+552133334444"),
        (RANDOM_KEY.upper(), PixKeyKind.RANDOM, RANDOM_KEY),
        ("  " + RANDOM_KEY + " ", PixKeyKind.RANDOM, RANDOM_KEY),
    ],
)
def test_keys_of_every_kind(key: str, kind: PixKeyKind, stored: str) -> None:
    assert pix_key_kind(key) == kind
    assert normalize_pix_key(key) == stored


@pytest.mark.parametrize(
    "key",
    [
        "",
        "529.982.247-26",  # CPF check digit wrong
        "111.111.111-11",  # one repeated digit
        "11.222.333/0001-82",  # CNPJ check digit wrong
        "fulano@",
        "fulano@exemplo",
        "a b@exemplo.com",
        "+1 212 555 0100",  # not Brazil
        "+55 (11) 8765",  # too short
        "+55 (01) 98765-4321",  # no area code starts with 0
        "123e4567-e12b-12d1-a456-42665544000",  # 35 characters
        "123e4567e12b12d1a456426655440000",  # no dashes
        "banana",
        "x" * 70 + "@ex.com.br",  # 80 characters
    ],
)
def test_keys_refused(key: str) -> None:
    with invalid("pix_key"):
        normalize_pix_key(key)


def test_the_refusal_names_what_is_accepted_and_the_limit() -> None:
    with invalid("pix_key") as caught:
        normalize_pix_key("x" * 70 + "@ex.com.br")
    assert str(KEY_MAX) in caught.value.message
    assert "CNPJ" in caught.value.message


def test_amount_with_cents_and_accents_stripped() -> None:
    payload = pix_payload(
        "11.222.333/0001-81",
        "Água Mineral São Lourenço Ltda",
        "São João da Boa Vista",
        Decimal("1234.5"),
        "Pedido nº 12/3",
    )
    fields = parse_emv(payload)
    assert fields["54"] == "1234.50"
    assert fields["59"] == "Agua Mineral Sao Lourenco"
    assert fields["60"] == "Sao Joao da Boa"
    assert parse_tlv(fields["62"]) == {"05": "Pedidono123"}
    assert payload.isascii()


@pytest.mark.parametrize("txid", ["", "  ", "---", "***"])
def test_an_empty_txid_is_three_stars(txid: str) -> None:
    fields = parse_emv(pix_payload(RANDOM_KEY, "Fulano", "Rio", None, txid))
    assert parse_tlv(fields["62"]) == {"05": "***"}


@pytest.mark.parametrize("amount", [Decimal(0), Decimal("-1.00"), Decimal("0.001"), Decimal("10000000000")])
def test_amounts_refused(amount: Decimal) -> None:
    with invalid("amount"):
        pix_payload(RANDOM_KEY, "Fulano", "Rio", amount, "")


def test_a_float_amount_is_a_bug() -> None:
    with pytest.raises(TypeError):
        pix_payload(RANDOM_KEY, "Fulano", "Rio", 10.5, "")  # type: ignore[arg-type]


def test_a_txid_too_long_is_refused() -> None:
    with invalid("txid"):
        pix_payload(RANDOM_KEY, "Fulano", "Rio", None, "A" * 26)


@pytest.mark.parametrize(
    ("name", "city", "field"), [("", "Rio", "name"), ("Fulano", "  ", "city"), ("東京", "Rio", "name")]
)
def test_name_and_city_are_needed(name: str, city: str, field: str) -> None:
    with invalid(field):
        pix_payload(RANDOM_KEY, name, city, None, "")


@pytest.mark.parametrize(
    "payload",
    [
        BCB_EXAMPLE[:-1] + "E",  # CRC changed
        BCB_EXAMPLE.replace("Fulano", "Fulana"),  # content changed
        BCB_EXAMPLE[:40],  # cut
        BCB_EXAMPLE[:-8],  # no CRC
        "hello",
    ],
)
def test_a_damaged_code_is_refused(payload: str) -> None:
    with invalid("pix_payload"):
        parse_emv(payload)


names = st.text(min_size=1, max_size=60).filter(lambda text: any(c.isascii() and c.isalnum() for c in text))
amounts = st.one_of(
    st.none(), st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999999.99"), places=2)
)
txids = st.text(max_size=25)


@given(name=names, city=names, amount=amounts, txid=txids)
def test_any_payment_reads_back(name: str, city: str, amount: Decimal | None, txid: str) -> None:
    try:
        payload = pix_payload(RANDOM_KEY, name, city, amount, txid)
    except ValidationError as error:  # only a txid over 25 letters and digits after NFKD may be refused
        assert [e.field for e in error.errors] == ["txid"]
        return
    fields = parse_emv(payload)
    assert payload.isascii()
    assert 1 <= len(fields["59"]) <= NAME_MAX
    assert 1 <= len(fields["60"]) <= CITY_MAX
    assert fields["59"] == " ".join(fields["59"].split())
    if amount is None:
        assert "54" not in fields
    else:
        assert Decimal(fields["54"]) == amount
    txid_read = parse_tlv(fields["62"])["05"]
    assert txid_read == "***" or (txid_read.isalnum() and len(txid_read) <= 25)
    assert parse_tlv(fields["26"])["01"] == RANDOM_KEY
    assert list(fields)[-1] == "63"
