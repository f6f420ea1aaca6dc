"""Setting up the company (the first-run wizard) and changing its details later (the owner)."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import actor_of, require
from bodesk.domain.access.permissions import COMPANY_EDIT, Role
from bodesk.domain.access.services import create_user, validate_new_user
from bodesk.domain.common.errors import NotFound, UserError, ValidationError, Validator
from bodesk.domain.common.lengths import check_lengths
from bodesk.domain.common.money import DEFAULT_CURRENCY, validate_currency
from bodesk.domain.common.taxid import validate_cnpj
from bodesk.domain.company.models import Company
from bodesk.i18n import LANGUAGES, _
from bodesk.store.engine import Database
from bodesk.store.types import utcnow

BRAZILIAN_STATES = (
    "AC",
    "AL",
    "AP",
    "AM",
    "BA",
    "CE",
    "DF",
    "ES",
    "GO",
    "MA",
    "MT",
    "MS",
    "MG",
    "PA",
    "PB",
    "PR",
    "PE",
    "PI",
    "RJ",
    "RN",
    "RS",
    "RO",
    "RR",
    "SC",
    "SP",
    "SE",
    "TO",
)
_POSTAL_CODE = re.compile(r"^\d{5}-?\d{3}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_LOGO_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class CompanyDetails:
    name: str
    tax_id: str
    street: str = ""
    number: str = ""
    district: str = ""
    city: str = ""
    state: str = ""
    postal_code: str = ""
    phone: str = ""
    email: str = ""
    language: str = "pt_BR"
    currency: str = DEFAULT_CURRENCY
    logo: bytes | None = field(default=None, repr=False)


def validate_details(details: CompanyDetails) -> CompanyDetails:
    """The details cleaned up (CNPJ compacted, state upper-cased), or every problem at once."""
    check = Validator()
    check.check(bool(details.name.strip()), "name", _("Enter the company's name."))
    tax_id = details.tax_id
    try:
        tax_id = validate_cnpj(details.tax_id, "tax_id")
    except ValidationError as exc:
        check.errors.extend(exc.errors)
    state = details.state.strip().upper()
    check.check(
        not state or state in BRAZILIAN_STATES,
        "state",
        _("“{state}” is not a Brazilian state.").format(state=details.state),
    )
    postal = details.postal_code.strip()
    check.check(
        not postal or bool(_POSTAL_CODE.match(postal)), "postal_code", _("A CEP has 8 digits: 01310-100.")
    )
    email = details.email.strip()
    check.check(
        not email or bool(_EMAIL.match(email)),
        "email",
        _("“{email}” is not an e-mail address.").format(email=email),
    )
    check.check(details.language in LANGUAGES, "language", _("Choose a language."))
    currency = details.currency
    try:
        currency = validate_currency(details.currency)
    except ValidationError as exc:
        check.errors.extend(exc.errors)
    check_lengths(
        check,
        {
            key: (getattr(details, key).strip(), getattr(Company, key))
            for key in ("name", "street", "number", "district", "city", "phone", "email")
        },
    )
    if details.logo is not None:
        check.check(len(details.logo) <= MAX_LOGO_BYTES, "logo", _("The logo is larger than 2 MB."))
        check.check(_is_image(details.logo), "logo", _("The logo must be a PNG or JPEG picture."))
    check.raise_if_any()
    if postal and "-" not in postal:
        postal = f"{postal[:5]}-{postal[5:]}"
    return replace(
        details,
        name=details.name.strip(),
        tax_id=tax_id,
        state=state,
        postal_code=postal,
        email=email,
        currency=currency,
        street=details.street.strip(),
        number=details.number.strip(),
        district=details.district.strip(),
        city=details.city.strip(),
        phone=details.phone.strip(),
    )


def _is_image(data: bytes) -> bool:
    return data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff")


def _snapshot(company: Company) -> dict[str, Any]:
    values = {key: getattr(company, key) for key in asdict(CompanyDetails(name="", tax_id=""))}
    return values


def is_set_up(db: Database) -> bool:
    with db.read() as session:
        return bool(session.execute(select(func.count()).select_from(Company)).scalar_one())


def set_up_company(
    db: Database, details: CompanyDetails, owner_login: str, owner_name: str, owner_password: str
) -> Actor:
    """First run: the company and its first owner, in one transaction; refused once set up."""
    with db.write() as session:
        if session.execute(select(func.count()).select_from(Company)).scalar_one():
            raise UserError(_("This database already belongs to a company."), code="company.already_set_up")
        problems: list[ValidationError] = []
        try:
            details = validate_details(details)
        except ValidationError as exc:
            problems.append(exc)
        try:
            validate_new_user(session, owner_login, owner_name, Role.OWNER, owner_password)
        except ValidationError as exc:
            problems.append(exc)
        if problems:
            raise ValidationError(error for problem in problems for error in problem.errors)
        owner = create_user(session, None, owner_login, owner_name, Role.OWNER, owner_password)
        company = Company(**asdict(details), created_at=utcnow())
        session.add(company)
        session.flush()
        actor = actor_of(owner)
        audit.record(session, actor, "company.setup", "company", company.id, new=_snapshot(company))
        return actor


def _the_company(session: Session) -> Company:
    company = session.execute(select(Company).order_by(Company.id).limit(1)).scalar_one_or_none()
    if company is None:
        raise NotFound(_("The company has not been set up yet."), code="company.not_set_up")
    return company


def company_details(db: Database) -> CompanyDetails:
    with db.read() as session:
        company = _the_company(session)
        return CompanyDetails(**_snapshot(company))


def update_company(db: Database, actor: Actor, details: CompanyDetails) -> CompanyDetails:
    details = validate_details(details)
    with db.write() as session:
        require(session, actor, COMPANY_EDIT)
        company = _the_company(session)
        before = _snapshot(company)
        for key, value in asdict(details).items():
            setattr(company, key, value)
        old, new = audit.changes(before, _snapshot(company))
        if new:
            audit.record(session, actor, "company.update", "company", company.id, old=old, new=new)
    return details
