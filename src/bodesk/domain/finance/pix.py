"""PIX "copia e cola": the static BR Code a customer pastes (or scans) to pay us, and the PIX keys in it.

The code is a run of EMV fields, each `ID(2) + length(2) + value`, closed by field 63: a CRC-16/CCITT-FALSE
over everything before it, "6304" included, in 4 uppercase hex digits (BCB, *Manual de Padrões para
Iniciação do Pix*). Name and city lose their accents so that a character is a byte, as payers' banks expect.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from enum import StrEnum

from bodesk.domain.common.errors import ValidationError
from bodesk.domain.common.taxid import validate_cnpj, validate_cpf
from bodesk.i18n import _

KEY_MAX = 77
NAME_MAX = 25
CITY_MAX = 15
TXID_MAX = 25
OPEN_TXID = "***"
AMOUNT_MAX = Decimal("9999999999.99")  # field 54 holds at most 13 characters
GUI = "br.gov.bcb.pix"

_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_PHONE = re.compile(r"\+55[1-9]{2}[0-9]{8,9}")  # area code (11-99, no 0), then 8 or 9 digits
_TAX_ID_PUNCTUATION = re.compile(r"[\s./\-]")
_PHONE_PUNCTUATION = re.compile(r"[\s()\-.]")
_NOT_ALPHANUMERIC = re.compile(r"[^A-Za-z0-9]")


def crc16_ccitt_false(data: bytes) -> int:
    """CRC-16/CCITT-FALSE: polynomial 0x1021, initial 0xFFFF, no reflection, no final XOR."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _bit in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


class PixKeyKind(StrEnum):
    CPF = "cpf"
    CNPJ = "cnpj"
    EMAIL = "email"
    PHONE = "phone"
    RANDOM = "random"


def _refuse_key(problem: str) -> ValidationError:
    """`problem` (one sentence, formatted) followed by what a PIX key may be."""
    accepted = _(
        "A PIX key is a CPF, a CNPJ, an e-mail address, a phone number written +55 with its area code, "
        "or a random key of 36 characters, at most {limit} characters in all; check the key and type it again."
    ).format(limit=KEY_MAX)
    return ValidationError.single("pix_key", f"{problem} {accepted}")


def _classify(key: str) -> tuple[PixKeyKind, str]:
    """The key's kind and its stored form, or a ValidationError saying what is accepted."""
    text = key.strip()
    if not text:
        raise _refuse_key(_("The PIX key is empty."))
    if len(text) > KEY_MAX:
        raise _refuse_key(_("The PIX key is longer than {limit} characters.").format(limit=KEY_MAX))
    if "@" in text:
        if not _EMAIL.fullmatch(text):
            raise _refuse_key(_("“{key}” is not an e-mail address.").format(key=text))
        return PixKeyKind.EMAIL, text.lower()
    if _UUID.fullmatch(text.lower()):
        return PixKeyKind.RANDOM, text.lower()
    if text.startswith("+"):
        phone = _PHONE_PUNCTUATION.sub("", text)
        if not _PHONE.fullmatch(phone):
            raise _refuse_key(
                _("“{key}” is not a Brazilian phone number (+55, area code and number).").format(key=text)
            )
        return PixKeyKind.PHONE, phone
    compact = _TAX_ID_PUNCTUATION.sub("", text).upper()
    if len(compact) == 11 and compact.isdigit():
        try:
            return PixKeyKind.CPF, validate_cpf(compact, "pix_key")
        except ValidationError:
            raise _refuse_key(
                _("“{key}” has the length of a CPF but is not a valid CPF.").format(key=text)
            ) from None
    if len(compact) == 14 and compact.isalnum():
        try:
            return PixKeyKind.CNPJ, validate_cnpj(compact, "pix_key")
        except ValidationError:
            raise _refuse_key(
                _("“{key}” has the length of a CNPJ but is not a valid CNPJ.").format(key=text)
            ) from None
    raise _refuse_key(_("“{key}” is not a PIX key.").format(key=text))


def pix_key_kind(key: str) -> PixKeyKind:
    return _classify(key)[0]


def normalize_pix_key(key: str) -> str:
    """The key as the PIX directory holds it: digits only for a CPF or CNPJ, +55DDNNNNNNNNN for a phone,
    lower case for an e-mail or a random key."""
    return _classify(key)[1]


def ascii_text(text: str, limit: int) -> str:
    """`text` without accents or other non-ASCII characters, spaces collapsed, cut to `limit`."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if " " <= char <= "~")
    return " ".join(plain.split())[:limit].rstrip()


def clean_txid(txid: str) -> str:
    """The transaction id as field 62/05 holds it: letters and digits only, "***" when none."""
    if txid.strip() == OPEN_TXID:
        return OPEN_TXID
    cleaned = _NOT_ALPHANUMERIC.sub("", unicodedata.normalize("NFKD", txid))
    if len(cleaned) > TXID_MAX:
        raise ValidationError.single(
            "txid",
            _("The PIX transaction id has {count} letters and digits; shorten it to {limit} at most.").format(
                count=len(cleaned), limit=TXID_MAX
            ),
        )
    return cleaned or OPEN_TXID


def format_amount(amount: Decimal) -> str:
    if isinstance(amount, bool | float) or not isinstance(amount, Decimal) or not amount.is_finite():
        raise TypeError("a PIX amount is a Decimal")
    if amount <= 0:
        raise ValidationError.single(
            "amount", _("A PIX amount must be more than zero; leave it empty to let the payer type it.")
        )
    if amount > AMOUNT_MAX:
        raise ValidationError.single(
            "amount", _("A PIX amount can be at most {limit}; split the payment.").format(limit=AMOUNT_MAX)
        )
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError.single("amount", _("A PIX amount has at most 2 decimal places (cents)."))
    return f"{amount:.2f}"


def _field(tag: str, value: str) -> str:
    return f"{tag}{len(value):02d}{value}"


def pix_payload(key: str, name: str, city: str, amount: Decimal | None, txid: str) -> str:
    """The static BR Code ("copia e cola") for a payment of `amount` (None: the payer types it) to `key`."""
    merchant_name = ascii_text(name, NAME_MAX)
    merchant_city = ascii_text(city, CITY_MAX)
    if not merchant_name:
        raise ValidationError.single("name", _("Type the name of who receives the PIX payment."))
    if not merchant_city:
        raise ValidationError.single("city", _("Type the city of who receives the PIX payment."))
    account = _field("00", GUI) + _field("01", normalize_pix_key(key))
    parts = [_field("00", "01"), _field("26", account), _field("52", "0000"), _field("53", "986")]
    if amount is not None:
        parts.append(_field("54", format_amount(amount)))
    parts += [
        _field("58", "BR"),
        _field("59", merchant_name),
        _field("60", merchant_city),
        _field("62", _field("05", clean_txid(txid))),
        "6304",
    ]
    body = "".join(parts)
    return body + f"{crc16_ccitt_false(body.encode('ascii')):04X}"


def parse_tlv(text: str) -> dict[str, str]:
    """The fields of an EMV run (`ID(2) + length(2) + value` …), or a ValidationError when it is cut."""
    fields: dict[str, str] = {}
    position = 0
    while position < len(text):
        tag, length = text[position : position + 2], text[position + 2 : position + 4]
        if len(length) < 2 or not (tag.isdigit() and length.isdigit()):
            raise _unreadable()
        value = text[position + 4 : position + 4 + int(length)]
        if len(value) != int(length):
            raise _unreadable()
        fields[tag] = value
        position += 4 + int(length)
    return fields


def _unreadable() -> ValidationError:
    return ValidationError.single(
        "pix_payload", _("This PIX code is cut or damaged; copy the whole code again.")
    )


def parse_emv(payload: str) -> dict[str, str]:
    """The top-level fields of a BR Code, after checking its CRC; templates (26, 62) stay as their text,
    read them with `parse_tlv`."""
    text = payload.strip()
    fields = parse_tlv(text)
    if "63" not in fields or not text.endswith("6304" + fields["63"]) or len(fields["63"]) != 4:
        raise _unreadable()
    expected = f"{crc16_ccitt_false(text[:-4].encode('utf-8')):04X}"
    if fields["63"].upper() != expected:
        raise ValidationError.single(
            "pix_payload",
            _("This PIX code fails its check (CRC); copy the whole code again, without changing it."),
        )
    return fields
