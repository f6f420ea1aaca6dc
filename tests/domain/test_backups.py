"""A person backs up or restores the database only if their role may, whichever way they ask (the app
or the command line): refused, nothing is written and nothing is replaced. A backup that would lock
everyone out (no company, no owner who can log in) is refused too; a restored one says what it held."""

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
from bodesk.store.opening import open_database
from tests.builders.access import PASSWORD
from tests.builders.company import COMPANY
from tests.helpers.files import dump, execute
from tests.helpers.refusals import denied, refused
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
    restored = restore(db, owner, copy, tmp_path / "safety")
    assert logins(db) == ["dono", "gerente"]
    assert restored.safety_copy.is_file()


def test_a_restore_says_what_the_backup_holds(db: Database, owner: Actor, tmp_path: Path) -> None:
    add_user(db, owner, "vendas", "Juliana Costa", "sales", PASSWORD)
    copy = back_up(db, owner, tmp_path / "copy.sqlite")
    contents = restore(db, owner, copy, tmp_path / "safety").contents
    assert (contents.company, contents.users, contents.owners) == (COMPANY.name, 2, 1)
    assert contents.last_activity is not None
    assert contents.describe().startswith(f"company “{COMPANY.name}”, 2 users, last activity ")


def _empty_database(db: Database, owner: Actor, path: Path) -> None:
    open_database(f"sqlite:///{path}").dispose()  # migrated, but no company and no user


def _owner_locked_out(db: Database, owner: Actor, path: Path) -> None:
    back_up(db, owner, path)
    execute(path, "UPDATE users SET is_locked = 1")


@pytest.mark.parametrize(
    ("make", "code"),
    [(_empty_database, "backup.no_company"), (_owner_locked_out, "backup.no_owner")],
    ids=["empty", "no-owner"],
)
def test_a_backup_that_would_lock_everyone_out_is_refused_changing_nothing(
    db: Database, owner: Actor, tmp_path: Path, make: Callable[[Database, Actor, Path], None], code: str
) -> None:
    assert db.path is not None
    copy = tmp_path / "copy.sqlite"
    make(db, owner, copy)
    live = dump(db.path)
    with refused(code) as caught:
        restore(db, owner, copy, tmp_path / "safety")
    assert str(copy) in caught.value.message
    assert dump(db.path) == live
    assert not (tmp_path / "safety").exists()
