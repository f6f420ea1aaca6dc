"""`bodesk check`: all ok on a sound database; each kind of damage is reported by the right check."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.store import check as check_module
from bodesk.store.check import CheckResult, register_check, registered_checks, run_checks
from bodesk.store.engine import Database
from tests.helpers.files import damage_table, execute
from tests.helpers.server import TEST_DATABASE_URL

pytestmark = pytest.mark.skipif(bool(TEST_DATABASE_URL), reason="SQLite files only")

EXPECTED = {
    "integrity",
    "foreign-keys",
    "access.roles",
    "access.owner",
    "common.numbering",
    "common.sort_keys",
    "company.single",
}


def _problems(db: Database) -> dict[str, tuple[str, ...]]:
    return {result.name: result.problems for result in run_checks(db)}


def test_a_sound_database_passes_every_check(db: Database, make_user: Callable[..., Actor]) -> None:
    make_user("sales")
    results = run_checks(db)
    assert {result.name for result in results} >= EXPECTED
    assert all(result.ok for result in results), [result for result in results if not result.ok]
    assert all(result.title for result in results)


def test_an_empty_database_is_reported_as_holding_no_company_and_no_user(db: Database) -> None:
    failing = {name for name, problems in _problems(db).items() if problems}
    assert failing == {"company.single", "access.owner"}


def test_a_damaged_page_is_reported_and_every_other_check_still_runs(
    db: Database, owner: Actor, db_path: Path
) -> None:
    db.dispose()
    damage_table(db_path, "users")
    problems = _problems(db)
    assert set(problems) >= EXPECTED
    assert problems["integrity"]
    assert any("damaged" in problem for problem in problems["access.roles"]), problems["access.roles"]
    assert not problems["common.numbering"]  # a check that reads no damaged page still passes


def _audit_row_of_a_missing_user(path: Path) -> None:
    execute(
        path,
        "INSERT INTO audit_log (at, user_id, user_login, action, entity, entity_key) "
        "VALUES ('2026-01-01 00:00:00.000000', 999, 'ghost', 'login', 'user', 'ghost')",
    )


def _unknown_role(path: Path) -> None:
    execute(
        path,
        "UPDATE users SET role = 'wizard' WHERE login = 'dono'",
        "INSERT INTO users "
        "(login, full_name, full_name_key, role, password_hash, is_locked, created_at, password_changed_at) "
        "VALUES ('second', 'Second Owner', 'second owner', 'owner', 'x', 0, '2026-01-01 00:00:00', "
        "'2026-01-01 00:00:00')",
    )


def _no_unlocked_owner(path: Path) -> None:
    execute(path, "UPDATE users SET is_locked = 1 WHERE role = 'owner'")


def _bad_sequence(path: Path) -> None:
    execute(path, "INSERT INTO document_sequences (series, next_number) VALUES ('invoice', 0)")


def _bad_company(path: Path) -> None:
    execute(path, "UPDATE company SET tax_id = '11222333000182'")


@pytest.mark.parametrize(
    ("damage", "failing", "words"),
    [
        (_audit_row_of_a_missing_user, "foreign-keys", "audit_log"),
        (_unknown_role, "access.roles", "wizard"),
        (_no_unlocked_owner, "access.owner", "No unlocked owner"),
        (_bad_sequence, "common.numbering", "invoice"),
        (_bad_company, "company.single", "CNPJ"),
    ],
    ids=["missing-user", "unknown-role", "no-owner", "sequence", "company"],
)
def test_damage_is_reported_by_the_right_check(
    db: Database, owner: Actor, db_path: Path, damage: Callable[[Path], None], failing: str, words: str
) -> None:
    damage(db_path)  # through a raw connection, with foreign keys off, as another program might
    problems = _problems(db)
    assert problems[failing], problems
    assert any(words in problem for problem in problems[failing])
    assert {name for name, found in problems.items() if found} == {failing}


def test_a_registered_check_runs_and_reports(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(check_module, "_REGISTRY", dict(check_module._REGISTRY))

    @register_check("test.always", lambda: "Always complains")
    def always(session: Session) -> list[str]:
        return ["something is off"]

    assert "test.always" in {registered.name for registered in registered_checks()}
    found = [result for result in run_checks(db) if result.name == "test.always"]
    assert found == [CheckResult("test.always", "Always complains", ("something is off",))]
    assert not found[0].ok
