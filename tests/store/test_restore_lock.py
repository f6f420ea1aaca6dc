"""A restore has the database to itself: it is refused while another process works on the database (a
command between two of its writes, a window), and nobody opens the database while it runs."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.services import add_user
from bodesk.errors import BodeskError
from bodesk.store.engine import Database
from bodesk.store.lock import InstanceLock
from bodesk.store.opening import backup_database, open_database, restore_database
from tests.builders.access import PASSWORD
from tests.helpers.files import dump, scalar
from tests.helpers.refusals import refused
from tests.helpers.server import TEST_DATABASE_URL

pytestmark = pytest.mark.skipif(bool(TEST_DATABASE_URL), reason="SQLite files only")

HELPERS = Path(__file__).resolve().parent.parent / "helpers"


@pytest.fixture
def saved(db: Database, owner: Actor, tmp_path: Path) -> Path:
    copy = backup_database(db, tmp_path / "saved" / "bodesk-saved.sqlite")
    add_user(db, owner, "late", "Added After The Backup", "warehouse", PASSWORD)
    return copy


@pytest.fixture
def command_at_work(db: Database) -> Iterator[subprocess.Popen[str]]:
    """Another process that opened the database as a command does and will write once told to."""
    child = subprocess.Popen(
        [sys.executable, str(HELPERS / "db_user.py"), db.url],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "open"
    yield child
    if child.poll() is None:
        child.kill()
    child.wait(timeout=30)


def test_a_restore_is_refused_while_another_process_works_on_the_database(
    db: Database, owner: Actor, saved: Path, tmp_path: Path, command_at_work: subprocess.Popen[str]
) -> None:
    assert db.path is not None and command_at_work.stdin is not None and command_at_work.stdout is not None
    live = dump(db.path)
    with refused("store.restore_while_open"):
        restore_database(db, saved, tmp_path / "safety")
    assert dump(db.path) == live
    assert not (tmp_path / "safety").exists()
    command_at_work.stdin.write("go\n")
    command_at_work.stdin.flush()
    assert command_at_work.stdout.readline().strip() == "wrote"  # into the data it had opened, not a backup's
    assert scalar(db.path, "SELECT count(*) FROM audit_log WHERE entity = 'db-user'") == 1
    assert scalar(db.path, "SELECT count(*) FROM users WHERE login = 'late'") == 1
    add_user(db, owner, "still", "Still Works", "sales", PASSWORD)  # the refused program goes on


def test_nobody_opens_the_database_while_a_restore_runs(
    db: Database, owner: Actor, saved: Path, tmp_path: Path
) -> None:
    assert db.path is not None
    path = db.path
    refusals: list[str] = []

    def try_to_open(done: int, total: int) -> None:
        if refusals:
            return
        for attempt in (
            lambda: open_database(f"sqlite:///{path}", create=False).dispose(),
            lambda: InstanceLock(path).acquire(),  # the app starting
        ):
            try:
                attempt()
            except BodeskError as exc:
                refusals.append(exc.code)

    restore_database(db, saved, tmp_path / "safety", progress=try_to_open)
    assert refusals == ["store.restoring", "store.restoring"]
    assert scalar(path, "SELECT count(*) FROM users WHERE login = 'late'") == 0
    opened = open_database(f"sqlite:///{path}", create=False)  # free again once restored
    opened.dispose()
    add_user(db, owner, "after", "After The Restore", "sales", PASSWORD)  # the restoring program goes on


def test_a_second_restore_is_refused_while_the_first_runs(db: Database, saved: Path, tmp_path: Path) -> None:
    assert db.path is not None
    second = Database(db.url)
    codes: list[str] = []

    def restore_again(done: int, total: int) -> None:
        if not codes:
            try:
                restore_database(second, saved, tmp_path / "second-safety")
            except BodeskError as exc:
                codes.append(exc.code)

    try:
        restore_database(db, saved, tmp_path / "safety", progress=restore_again)
    finally:
        second.dispose()
    assert codes == ["store.restore_while_open"]
    assert not (tmp_path / "second-safety").exists()
