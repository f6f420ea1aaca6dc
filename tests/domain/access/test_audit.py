"""The audit log: written in the same transaction as the change (a failed command leaves neither),
append-only in the database itself, and never holding a secret."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.exc import DBAPIError

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.login import authenticate
from bodesk.domain.access.models import AuditEntry, User
from bodesk.domain.access.services import add_user, change_password, set_locked, update_user
from bodesk.domain.company.models import Company
from bodesk.domain.company.services import CompanyDetails, set_up_company, update_company
from bodesk.store.engine import Database
from tests.builders.access import PASSWORD
from tests.builders.company import CNPJ
from tests.helpers.refusals import invalid


class AfterAudit(Exception):
    """Raised right after the audit row was added, to see what a failure rolls back."""


def _state(db: Database) -> tuple[Any, ...]:
    with db.read() as session:
        users = [tuple(row) for row in session.execute(select(User.__table__).order_by(User.id))]
        company = [tuple(row) for row in session.execute(select(Company.__table__))]
        rows = session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
    return users, company, rows


COMMANDS: dict[str, Callable[[Database, Actor, Actor], object]] = {
    "add_user": lambda db, owner, seller: add_user(db, owner, "newperson", "New Person", "sales", PASSWORD),
    "update_user": lambda db, owner, seller: update_user(
        db, owner, seller.user_id, "Renamed Person", "warehouse"
    ),
    "lock": lambda db, owner, seller: set_locked(db, owner, seller.user_id, True),
    "change_password": lambda db, owner, seller: change_password(
        db, owner, seller.user_id, "another-secret-12"
    ),
    "update_company": lambda db, owner, seller: update_company(
        db, owner, CompanyDetails(name="New Name Ltda.", tax_id=CNPJ)
    ),
    "login": lambda db, owner, seller: authenticate(db, seller.login, PASSWORD),
}


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_command_that_fails_after_auditing_leaves_no_trace(
    db: Database, owner: Actor, make_user: Callable[..., Actor], monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    seller = make_user("sales")
    before = _state(db)
    real_record = audit.record
    recorded: list[str] = []

    def record_then_fail(*args: Any, **kwargs: Any) -> AuditEntry:
        entry = real_record(*args, **kwargs)
        recorded.append(entry.action)
        raise AfterAudit

    monkeypatch.setattr(audit, "record", record_then_fail)
    with pytest.raises(AfterAudit):
        COMMANDS[command](db, owner, seller)
    assert recorded  # the command did reach its audit row ...
    assert _state(db) == before  # ... and neither the row nor the change survived
    monkeypatch.setattr(audit, "record", real_record)
    COMMANDS[command](db, owner, seller)
    assert _state(db)[2] == before[2] + 1  # done for real: exactly one audit row


def test_set_up_company_writes_its_rows_in_one_transaction(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_record = audit.record

    def fail_on_company(*args: Any, **kwargs: Any) -> AuditEntry:
        entry = real_record(*args, **kwargs)
        if entry.action == "company.setup":
            raise AfterAudit
        return entry

    monkeypatch.setattr(audit, "record", fail_on_company)
    with pytest.raises(AfterAudit):
        set_up_company(db, CompanyDetails(name="X Ltda.", tax_id=CNPJ), "dono", "Dona", PASSWORD)
    assert _state(db) == ([], [], 0)  # not even the owner, whose row came first


def test_a_refused_command_writes_no_audit_row(db: Database, owner: Actor) -> None:
    before = _state(db)
    with invalid("login"):
        add_user(db, owner, "dono", "Again", "sales", PASSWORD)
    assert _state(db) == before


@pytest.mark.parametrize(
    "statement",
    [
        update(AuditEntry).values(action="edited"),
        update(AuditEntry).where(AuditEntry.action == "company.setup").values(reason="hidden"),
        delete(AuditEntry),
        delete(AuditEntry).where(AuditEntry.action == "user.add"),
    ],
    ids=["update-all", "update-one", "delete-all", "delete-one"],
)
def test_the_audit_log_is_append_only(db: Database, owner: Actor, statement: Any) -> None:
    with db.read() as session:
        before = [tuple(row) for row in session.execute(select(AuditEntry.__table__).order_by(AuditEntry.id))]
    assert before
    with pytest.raises(DBAPIError, match="append-only"), db.write() as session:
        session.execute(statement)
    with pytest.raises(DBAPIError, match="append-only"), db.write() as session:
        session.execute(text("DELETE FROM audit_log"))
    with db.read() as session:
        after = [tuple(row) for row in session.execute(select(AuditEntry.__table__).order_by(AuditEntry.id))]
    assert after == before


def test_secrets_are_masked(db: Database, owner: Actor, make_user: Callable[..., Actor]) -> None:
    seller = make_user("sales")
    change_password(db, seller, seller.user_id, "another-secret-12", current_password=PASSWORD)
    with db.write() as session:
        audit.record(
            session,
            owner,
            "test",
            "user",
            "x",
            old={"password_hash": "$argon2id$abc"},
            new={"password": "hunter2-hunter2", "name": "Ana"},
        )
    with db.read() as session:
        rows = list(session.execute(select(AuditEntry.old_values, AuditEntry.new_values, AuditEntry.reason)))
        hashes = list(session.execute(select(User.password_hash)).scalars())
    everything = json.dumps([tuple(row) for row in rows])
    for secret in [PASSWORD, "another-secret-12", "hunter2-hunter2", "$argon2id$abc", *hashes]:
        assert secret not in everything
    assert json.loads(rows[-1].new_values) == {"name": "Ana", "password": "***"}
    assert json.loads(rows[-1].old_values) == {"password_hash": "***"}


def test_values_are_stored_as_plain_json(db: Database, owner: Actor) -> None:
    at = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
    with db.write() as session:
        audit.record(
            session,
            None,
            "test",
            "thing",
            42,
            new={
                "amount": Decimal("10.50"),
                "day": date(2026, 5, 1),
                "when": at,
                "logo": b"\x89PNG1234",
                "n": None,
            },
            at=at,
        )
    with db.read() as session:
        entry = session.execute(select(AuditEntry).where(AuditEntry.entity == "thing")).scalar_one()
    assert json.loads(entry.new_values or "") == {
        "amount": "10.50",
        "day": "2026-05-01",
        "when": "2026-05-01T12:00:00+00:00",
        "logo": "<8 bytes>",
        "n": None,
    }
    assert (entry.user_id, entry.user_login, entry.entity_key, entry.at) == (None, "system", "42", at)


def test_changes_keeps_only_what_differs() -> None:
    old, new = audit.changes({"a": 1, "b": 2, "c": 3}, {"a": 1, "b": 5, "c": 3, "d": 4})
    assert (old, new) == ({"b": 2, "d": None}, {"b": 5, "d": 4})
