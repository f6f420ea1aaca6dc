"""The 44-character access key of an NF-e (or NFC-e), as printed on the DANFE or read from the XML's `Id`.

Key: state (cUF, 2), year and month of issue (AAMM, 4), issuer's CNPJ (14), model (55 NF-e, 65 NFC-e, 2),
series (3), number (9), issue type (1), random code (8), check digit (1). The check digit is mod 11 with
weights 2–9 from the right over the other 43; a remainder below 2 gives 0. From July 2026 the CNPJ may
hold letters (IN RFB 2.229/2024); a letter counts as its ASCII code − 48 in the check, as in the CNPJ's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bodesk.domain.common.errors import ValidationError
from bodesk.i18n import _

KEY_LENGTH = 44
MODELS = ("55", "65")
# IBGE codes of the 27 states, the first two digits of every key
STATE_CODES = frozenset(
    {"11", "12", "13", "14", "15", "16", "17", "21", "22", "23", "24", "25", "26", "27", "28", "29"}
    | {"31", "32", "33", "35", "41", "42", "43", "50", "51", "52", "53"}
)
_SHAPE = re.compile(r"[0-9]{6}[0-9A-Z]{12}[0-9]{26}")
_SPACES = re.compile(r"[\s.\-]")


@dataclass(frozen=True)
class NfeKeyParts:
    key: str
    state_code: str  # cUF, IBGE: "35" is São Paulo
    year_month: str  # AAMM: "2611" is November 2026
    cnpj: str
    model: str  # "55" NF-e, "65" NFC-e
    series: str
    number: str
    issue_type: str
    random_code: str
    check_digit: str


def nfe_check_digit(first_43: str) -> int:
    total = sum((ord(char) - 48) * (2 + position % 8) for position, char in enumerate(reversed(first_43)))
    remainder = total % 11
    return 0 if remainder < 2 else 11 - remainder


def _refuse(message: str) -> ValidationError:
    return ValidationError.single("nfe_key", message)


def nfe_key_parts(text: str) -> NfeKeyParts:
    """The parts of an access key typed with or without spaces (or read as "NFe…" from the XML), after
    checking its length, state, month, model and check digit."""
    key = _SPACES.sub("", text).upper().removeprefix("NFE")
    if len(key) != KEY_LENGTH:
        raise _refuse(
            _(
                "An NF-e access key has 44 digits; this one has {count}. "
                "Copy it again from the DANFE or the XML."
            ).format(count=len(key))
        )
    if not _SHAPE.fullmatch(key):
        raise _refuse(
            _("An NF-e access key holds only digits (letters only in the issuer's CNPJ); copy it again.")
        )
    if key[0:2] not in STATE_CODES or not 1 <= int(key[4:6]) <= 12:
        raise _refuse(
            _(
                "This NF-e access key does not start with a state code and a month of issue; "
                "check its first six digits."
            )
        )
    if key[20:22] not in MODELS:
        raise _refuse(
            _(
                "This access key is of a document of model {model}; only NF-e (55) and NFC-e (65) keys are read."
            ).format(model=key[20:22])
        )
    if int(key[43]) != nfe_check_digit(key[:43]):
        raise _refuse(
            _(
                "The NF-e access key's last digit does not match the others; "
                "a digit was mistyped: check the key and type it again."
            )
        )
    return NfeKeyParts(
        key=key,
        state_code=key[0:2],
        year_month=key[2:6],
        cnpj=key[6:20],
        model=key[20:22],
        series=key[22:25],
        number=key[25:34],
        issue_type=key[34],
        random_code=key[35:43],
        check_digit=key[43],
    )


def validate_nfe_key(text: str) -> str:
    """The 44-character key, or a ValidationError on field "nfe_key" saying what is wrong."""
    return nfe_key_parts(text).key
