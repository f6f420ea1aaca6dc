"""Brazilian tax ids with python-stdnum: CNPJ (including the alphanumeric format of 2026) and CPF.

stdnum accepts numbers made of one repeated character (111.111.111-11) because their check digits
fit; the Receita Federal never issues them, so they are refused here.
"""

from __future__ import annotations

from enum import StrEnum

from stdnum.br import cnpj, cpf
from stdnum.exceptions import ValidationError as StdnumError

from bodesk.domain.common.errors import ValidationError
from bodesk.i18n import _


class TaxIdKind(StrEnum):
    CNPJ = "cnpj"
    CPF = "cpf"


def _compact(value: str) -> str:
    return cnpj.compact(value).upper()


def _repeated(number: str) -> bool:
    return len(set(number)) == 1


def validate_cnpj(value: str, field: str = "tax_id") -> str:
    """The compact CNPJ (14 characters) or a ValidationError naming `field`."""
    number = _compact(value)
    try:
        number = cnpj.validate(number)
    except StdnumError:
        raise ValidationError.single(
            field, _("“{value}” is not a valid CNPJ.").format(value=value.strip())
        ) from None
    if _repeated(number):
        raise ValidationError.single(
            field,
            _("“{value}” is not a valid CNPJ: a number of one repeated digit is never issued.").format(
                value=value.strip()
            ),
        )
    return number


def validate_cpf(value: str, field: str = "tax_id") -> str:
    """The compact CPF (11 digits) or a ValidationError naming `field`."""
    number = cpf.compact(value)
    try:
        number = cpf.validate(number)
    except StdnumError:
        raise ValidationError.single(
            field, _("“{value}” is not a valid CPF.").format(value=value.strip())
        ) from None
    if _repeated(number):
        raise ValidationError.single(
            field,
            _("“{value}” is not a valid CPF: a number of one repeated digit is never issued.").format(
                value=value.strip()
            ),
        )
    return number


def tax_id_kind(value: str) -> TaxIdKind | None:
    compact = _compact(value)
    if len(compact) == 14:
        return TaxIdKind.CNPJ
    if len(compact) == 11 and compact.isdigit():
        return TaxIdKind.CPF
    return None


def validate_tax_id(value: str, field: str = "tax_id") -> str:
    """A CNPJ or a CPF, told apart by length."""
    kind = tax_id_kind(value)
    if kind is TaxIdKind.CNPJ:
        return validate_cnpj(value, field)
    if kind is TaxIdKind.CPF:
        return validate_cpf(value, field)
    raise ValidationError.single(
        field,
        _("“{value}” is neither a CNPJ (14 characters) nor a CPF (11 digits).").format(value=value.strip()),
    )


def format_tax_id(number: str) -> str:
    """12.ABC.345/01DE-35 or 529.982.247-25; anything else unchanged."""
    if len(number) == 14:
        return f"{number[:2]}.{number[2:5]}.{number[5:8]}/{number[8:12]}-{number[12:]}"
    if len(number) == 11:
        return cpf.format(number)
    return number
