"""Setting up the company: every problem reported at once, only once per database; later changes
audited field by field."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import func, select

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.login import authenticate
from bodesk.domain.access.models import AuditEntry, User
from bodesk.domain.common.errors import NotFound, ValidationError
from bodesk.domain.company.models import Company
from bodesk.domain.company.services import (
    CompanyDetails,
    company_details,
    is_set_up,
    set_up_company,
    update_company,
)
from bodesk.store.engine import Database
from tests.builders.access import PASSWORD
from tests.builders.company import CNPJ
from tests.helpers.refusals import invalid, refused

PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)
GOOD = CompanyDetails(
    name="  Distribuidora Boa Sede Ltda. ",
    tax_id="12.abc.345/01de-35",
    street="Avenida Paulista",
    number="1000",
    district="Bela Vista",
    city="São Paulo",
    state="sp",
    postal_code="01310100",
    phone="(11) 3000-0000",
    email="contato@boasede.com.br",
    language="pt_BR",
    currency="brl",
    logo=PNG,
)


def _state(db: Database) -> tuple[Any, ...]:
    with db.read() as session:
        users = [tuple(row) for row in session.execute(select(User.__table__).order_by(User.id))]
        company = [tuple(row) for row in session.execute(select(Company.__table__))]
        rows = session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
    return users, company, rows


def test_set_up_company_with_good_details(db: Database) -> None:
    assert not is_set_up(db)
    owner = set_up_company(db, GOOD, "Dono", "Roberto Almeida", PASSWORD)
    assert (owner.login, owner.role) == ("dono", "owner")
    assert is_set_up(db)
    stored = company_details(db)
    assert stored == replace(
        GOOD,
        name="Distribuidora Boa Sede Ltda.",
        tax_id="12ABC34501DE35",
        state="SP",
        postal_code="01310-100",
        currency="BRL",
    )
    assert authenticate(db, "dono", PASSWORD) == owner
    with db.read() as session:
        actions = list(session.execute(select(AuditEntry.action).order_by(AuditEntry.id)).scalars())
    assert actions == ["user.add", "company.setup", "login"]


def test_set_up_company_reports_every_problem_at_once(db: Database) -> None:
    bad = replace(GOOD, tax_id="11.222.333/0001-82", postal_code="1310-10")
    with invalid("tax_id", "postal_code", "password"):
        set_up_company(db, bad, "dono", "Roberto Almeida", "short")
    assert _state(db) == ([], [], 0)
    assert not is_set_up(db)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "  "}, "name"),
        ({"state": "XX"}, "state"),
        ({"email": "not-an-address"}, "email"),
        ({"language": "fr"}, "language"),
        ({"currency": "XYZ"}, "currency"),
        ({"logo": b"GIF89a" + bytes(10)}, "logo"),
        ({"logo": PNG + bytes(2 * 1024 * 1024)}, "logo"),
        ({"tax_id": "529.982.247-25"}, "tax_id"),  # a CPF is no company
        ({"city": "c" * 5_000}, "city"),  # longer than its column: it would break every report
        ({"street": "r" * 201}, "street"),
    ],
)
def test_each_bad_detail_is_refused(db: Database, change: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        set_up_company(db, replace(GOOD, **change), "dono", "Roberto Almeida", PASSWORD)
    assert [error.field for error in caught.value.errors] == [field]
    assert _state(db) == ([], [], 0)


def test_a_second_setup_is_refused(db: Database, owner: Actor) -> None:
    before = _state(db)
    with refused("company.already_set_up"):
        set_up_company(db, GOOD, "other", "Another Owner", PASSWORD)
    assert _state(db) == before


def test_company_details_before_setup(db: Database) -> None:
    with pytest.raises(NotFound):
        company_details(db)


def test_update_company_audits_the_changed_fields_only(db: Database, owner: Actor) -> None:
    current = company_details(db)
    update_company(db, owner, replace(current, city="Jundiaí", phone=" (11) 4500-0000 "))
    with db.read() as session:
        entry = session.execute(select(AuditEntry).where(AuditEntry.action == "company.update")).scalar_one()
    assert json.loads(entry.old_values or "") == {"city": "Campinas", "phone": ""}
    assert json.loads(entry.new_values or "") == {"city": "Jundiaí", "phone": "(11) 4500-0000"}
    assert entry.user_login == owner.login
    assert company_details(db).city == "Jundiaí"


def test_update_company_without_changes_writes_no_audit_row(db: Database, owner: Actor) -> None:
    before = _state(db)
    update_company(db, owner, replace(company_details(db), tax_id=CNPJ))  # the same CNPJ, formatted
    assert _state(db) == before


def test_a_logo_change_is_audited_without_its_bytes(db: Database, owner: Actor) -> None:
    update_company(db, owner, replace(company_details(db), logo=PNG))
    with db.read() as session:
        entry = session.execute(select(AuditEntry).where(AuditEntry.action == "company.update")).scalar_one()
    assert json.loads(entry.new_values or "") == {"logo": f"<{len(PNG)} bytes>"}


def test_update_company_refuses_bad_details_changing_nothing(db: Database, owner: Actor) -> None:
    before = _state(db)
    with pytest.raises(ValidationError) as caught:
        update_company(db, owner, replace(company_details(db), tax_id="00.000.000/0000-00", email="x"))
    assert {error.field for error in caught.value.errors} == {"tax_id", "email"}
    assert _state(db) == before
