"""A person backs up or restores the database only if their role may, whichever way they ask (the app
or the command line): refused, nothing is written and nothing is replaced."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.models import User
from bodesk.domain.access.permissions import BACKUP_RESTORE, BACKUP_RUN, Role, is_allowed
from bodesk.domain.access.services import add_user
from bodesk.domain.backups import back_up, restore
from bodesk.store.engine import Database
from tests.builders.access import PASSWORD
from tests.helpers.refusals import denied
from tests.helpers.server import TEST_DATABASE_URL

pytestmark = pytest.mark.skipif(bool(TEST_DATABASE_URL), reason="SQLite files only")


def logins(db: Database) -> list[str]:
    with db.read() as session:
        return list(session.execute(select(User.login).order_by(User.login)).scalars())


@pytest.mark.parametrize("role", [role for role in Role if not is_allowed(role, BACKUP_RUN)], ids=str)
def test_a_role_without_the_backup_permission_writes_no_copy(
    db: Database, make_user: Callable[..., Actor], tmp_path: Path, role: Role
) -> None:
    target = tmp_path / "copies" / "copy.sqlite"
    with denied(BACKUP_RUN):
        back_up(db, make_user(role.value), target)
    assert not target.exists()


@pytest.mark.parametrize("role", [Role.OWNER, Role.MANAGER], ids=str)
def test_the_owner_and_a_manager_back_up(
    db: Database, owner: Actor, make_user: Callable[..., Actor], tmp_path: Path, role: Role
) -> None:
    actor = owner if role is Role.OWNER else make_user(role.value)
    progress: list[tuple[int, int]] = []
    copy = back_up(db, actor, tmp_path / "copy.sqlite", lambda done, total: progress.append((done, total)))
    assert copy.is_file() and copy.stat().st_size > 0
    assert progress and progress[-1][0] == progress[-1][1]


def test_only_the_owner_restores(
    db: Database, owner: Actor, make_user: Callable[..., Actor], tmp_path: Path
) -> None:
    manager = make_user("manager", "gerente")
    copy = back_up(db, owner, tmp_path / "copy.sqlite")
    add_user(db, owner, "late", "Added After The Backup", "sales", PASSWORD)
    with denied(BACKUP_RESTORE):
        restore(db, manager, copy, tmp_path / "safety")
    assert logins(db) == ["dono", "gerente", "late"]
    assert not (tmp_path / "safety").exists()
    safety = restore(db, owner, copy, tmp_path / "safety")
    assert logins(db) == ["dono", "gerente"]
    assert safety.is_file()
