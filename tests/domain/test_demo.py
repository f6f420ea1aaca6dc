"""Demo data: the same seed gives the same data, only an empty database takes it, and cancelling
stops it between steps."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.login import authenticate
from bodesk.domain.access.models import AuditEntry, User
from bodesk.domain.access.permissions import Role
from bodesk.domain.company.services import company_details
from bodesk.domain.demo import DEMO_OWNER, DemoSize, load_demo
from bodesk.store.check import run_checks
from bodesk.store.engine import Database
from bodesk.store.opening import open_database
from tests.builders.access import PASSWORD
from tests.helpers.refusals import refused


def _fresh(folder: Path, name: str) -> Database:
    return open_database(f"sqlite:///{folder / name}")


def _fingerprint(db: Database) -> tuple[Any, ...]:
    with db.read() as session:
        users = list(session.execute(select(User.login, User.full_name, User.role).order_by(User.login)))
        audit = session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
        actions = list(
            session.execute(
                select(AuditEntry.action, AuditEntry.user_login, AuditEntry.entity_key)
                .where(AuditEntry.action != "company.setup")
                .order_by(AuditEntry.id)
            )
        )
    return [tuple(row) for row in users], audit, [tuple(row) for row in actions]


def test_small_demo_is_deterministic_for_a_seed(tmp_path: Path) -> None:
    first, second = _fresh(tmp_path, "a.sqlite"), _fresh(tmp_path, "b.sqlite")
    try:
        reports: list[tuple[str, float]] = []
        owner = load_demo(
            first,
            DemoSize.SMALL,
            seed=7,
            password=PASSWORD,
            report=lambda step, fraction: reports.append((step, fraction)),
        )
        load_demo(second, DemoSize.SMALL, seed=7, password=PASSWORD)
        users, audit, actions = _fingerprint(first)
        assert _fingerprint(second) == (users, audit, actions)  # same users, same history, row by row
        assert len(users) == len(Role)  # the owner and one person per other role
        assert {role for _login, _name, role in users} == {role.value for role in Role}
        assert audit >= 400
        assert owner.login == DEMO_OWNER
        assert authenticate(first, DEMO_OWNER, PASSWORD).role == "owner"
        assert company_details(first).tax_id == "12ABC34501DE35"
        assert reports[-1] == ("done", 1.0)
        assert [result.name for result in run_checks(first) if not result.ok] == []
    finally:
        for database in (first, second):
            database.dispose()


def test_demo_refuses_a_database_that_has_a_company(db: Database, owner: Actor) -> None:
    before = _fingerprint(db)
    with refused("demo.not_empty"):
        load_demo(db, DemoSize.SMALL, seed=1, password=PASSWORD)
    assert _fingerprint(db) == before
    assert company_details(db).name == "Distribuidora Teste Ltda."


def test_cancelling_stops_the_demo_between_steps(tmp_path: Path) -> None:
    database = _fresh(tmp_path, "a.sqlite")
    asked: list[int] = []

    def cancel_at_the_second_question() -> bool:
        asked.append(1)
        return len(asked) >= 2  # the first step (users) runs, then the answer is "cancel"

    try:
        with refused("cancelled"):
            load_demo(
                database, DemoSize.SMALL, seed=1, password=PASSWORD, cancelled=cancel_at_the_second_question
            )
        assert len(asked) == 2  # asked no further
        with database.read() as session:
            history = session.execute(
                select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "login")
            ).scalar_one()
        assert history == 0  # the audit history step never ran
    finally:
        database.dispose()
