"""Before the first window and around it: a database created for a first run that is given up leaves
nothing behind, backups made in the same second keep both copies, and a database kept busy by another
desk is a message on a screen, never the crash dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.services import add_user
from bodesk.domain.company.services import set_up_company
from bodesk.settings import Preferences
from bodesk.store.engine import Database
from bodesk.store.opening import open_database
from bodesk.ui import startup
from bodesk.ui.widgets.calls import run_service
from tests.builders.access import PASSWORD
from tests.builders.company import COMPANY
from tests.helpers.busy import impatient, write_lock_held
from tests.helpers.qt import ShownMessages
from tests.helpers.server import TEST_DATABASE_URL

sqlite_only = pytest.mark.skipif(bool(TEST_DATABASE_URL), reason="SQLite files only")


@sqlite_only
def test_a_first_run_given_up_leaves_no_file_and_no_folder(tmp_path: Path) -> None:
    path = tmp_path / "typo" / "deeper" / "bodesk.sqlite"
    opened = startup.open_for_desk(f"sqlite:///{path}", tmp_path / "backups")
    assert path.is_file()
    opened.close()  # the wizard was cancelled: no company
    assert list(tmp_path.iterdir()) == []


@sqlite_only
def test_a_first_run_that_set_the_company_up_keeps_its_database(tmp_path: Path) -> None:
    path = tmp_path / "new" / "bodesk.sqlite"
    opened = startup.open_for_desk(f"sqlite:///{path}", tmp_path / "backups")
    set_up_company(opened.db, COMPANY, "dono", "Dona Maria", PASSWORD)
    opened.close()
    assert path.is_file()


@sqlite_only
def test_an_existing_database_without_a_company_is_never_deleted(tmp_path: Path) -> None:
    path = tmp_path / "bodesk.sqlite"
    open_database(f"sqlite:///{path}").dispose()
    startup.open_for_desk(f"sqlite:///{path}", tmp_path / "backups").close()
    assert path.is_file()


@sqlite_only
def test_backups_asked_for_in_the_same_second_are_all_kept(
    db: Database, owner: Actor, tmp_path: Path
) -> None:
    folder = tmp_path / "copies"
    made = {startup.make_backup(db, owner, folder) for _ in range(3)}
    made.add(startup.daily_backup(db, Preferences(backup_dir=str(folder), backups_to_keep=5)))
    assert len(made) == 4
    assert sorted(path.name for path in folder.iterdir()) == sorted(path.name for path in made)


def test_a_busy_database_is_a_message_on_the_screen(
    qtbot: QtBot, db: Database, owner: Actor, shown: ShownMessages, monkeypatch: pytest.MonkeyPatch
) -> None:
    with impatient(db, monkeypatch) as desk, write_lock_held(db):
        outcome = run_service(None, lambda _confirmed: add_user(desk, owner, "ana", "Ana", "sales", PASSWORD))
    assert not outcome.ok
    assert shown.codes() == ["store.busy"]
    assert "Another desk is saving a large change" in shown.texts()[0]
