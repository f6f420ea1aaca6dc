"""The files around a backup: a new backup never takes the name of an existing one (two in one second),
the partial copy a killed backup left is deleted by the next one, and a backup replaces only an
earlier backup, never a folder, a pipe or another kind of file."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bodesk.domain.access.actor import Actor
from bodesk.store.backup import backup_to_new_file, partial_path, prune_backups, remove_stale_partials
from bodesk.store.engine import Database
from bodesk.store.opening import backup_database
from tests.helpers.files import dump, integrity, sha256
from tests.helpers.refusals import refused
from tests.helpers.server import TEST_DATABASE_URL

pytestmark = pytest.mark.skipif(bool(TEST_DATABASE_URL), reason="SQLite files only")

HELPERS = Path(__file__).resolve().parent.parent / "helpers"
NOON = datetime(2026, 3, 2, 12, 0, 0, tzinfo=UTC)


def _names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_backups_made_in_the_same_second_get_names_of_their_own(
    db: Database, owner: Actor, tmp_path: Path
) -> None:
    assert db.path is not None
    folder = tmp_path / "safety"
    made = [backup_to_new_file(db.path, folder, "before-restore", NOON) for _ in range(3)]
    assert [path.name for path in made] == [
        "before-restore-20260302-120000.sqlite",
        "before-restore-20260302-120000-2.sqlite",
        "before-restore-20260302-120000-3.sqlite",
    ]
    assert all(integrity(path) == ["ok"] and dump(path) == dump(made[0]) for path in made)


def test_a_failed_backup_to_a_new_name_leaves_no_file(db: Database, owner: Actor, tmp_path: Path) -> None:
    assert db.path is not None

    def cancel(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        backup_to_new_file(db.path, tmp_path / "safety", "manual", NOON, progress=cancel)
    assert _names(tmp_path / "safety") == []


def test_pruning_keeps_the_newest_counting_backups_of_the_same_second(tmp_path: Path) -> None:
    names = [
        "daily-20260302-115959.sqlite",
        "daily-20260302-120000.sqlite",
        "daily-20260302-120000-2.sqlite",
        "daily-20260302-120000-10.sqlite",
    ]
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    deleted = prune_backups(tmp_path, "daily", keep=2)
    assert sorted(path.name for path in deleted) == sorted(names[:2])
    assert _names(tmp_path) == sorted(names[2:])


def test_the_partial_copy_of_a_killed_backup_is_deleted_by_the_next_one(
    db: Database, owner: Actor, tmp_path: Path
) -> None:
    assert db.path is not None
    target = tmp_path / "backups" / "copy.sqlite"
    child = subprocess.Popen(
        [sys.executable, str(HELPERS / "slow_backup.py"), str(db.path), str(target)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "copying"
    finally:
        child.kill()
        child.wait(timeout=30)
    left = [name for name in _names(target.parent) if name.endswith(".partial")]
    assert left and all(name.startswith(".copy.sqlite~") for name in left)
    backup_database(db, tmp_path / "backups" / "other.sqlite")
    assert _names(target.parent) == ["other.sqlite"]


def test_only_partial_copies_nobody_writes_any_more_are_deleted(tmp_path: Path) -> None:
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait(timeout=30)
    try:
        ours = partial_path(tmp_path / "ours.sqlite")  # this process: a backup it is writing now
        alive = ours.with_name(ours.name.replace(f"~{os.getpid()}.", f"~{running.pid}."))
        dead = ours.with_name(ours.name.replace(f"~{os.getpid()}.", f"~{ended.pid}."))
        legacy = tmp_path / f".old.sqlite.{ended.pid}.partial"  # named before copies named their computer
        elsewhere_now = tmp_path / ".x.sqlite~other-desk~12.partial"
        elsewhere_old = tmp_path / ".y.sqlite~other-desk~13.partial"
        export = tmp_path / ".produtos.csv.partial"  # not a backup's
        for path in (ours, alive, dead, legacy, elsewhere_now, elsewhere_old, export):
            path.write_bytes(b"partial")
        two_days_ago = time.time() - 2 * 24 * 3600
        os.utime(elsewhere_old, (two_days_ago, two_days_ago))
        removed = remove_stale_partials(tmp_path)
    finally:
        running.kill()
        running.wait(timeout=30)
    assert sorted(path.name for path in removed) == sorted(
        path.name for path in (dead, legacy, elsewhere_old)
    )
    assert _names(tmp_path) == sorted(path.name for path in (ours, alive, elsewhere_now, export))


def test_a_backup_never_replaces_a_folder_or_a_pipe(db: Database, owner: Actor, tmp_path: Path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    (folder / "inside.txt").write_text("keep", encoding="utf-8")
    pipe = tmp_path / "a-pipe"
    os.mkfifo(pipe)
    link = tmp_path / "link-to-pipe"
    link.symlink_to(pipe)
    for target in (folder, pipe, link):
        with refused("store.backup_not_a_file"):
            backup_database(db, target)
    assert (folder / "inside.txt").read_text(encoding="utf-8") == "keep"
    assert pipe.is_fifo() and link.is_symlink()
    assert [name for name in _names(tmp_path) if name.endswith(".partial")] == []


def test_a_backup_replaces_an_earlier_backup_or_an_empty_file_but_no_other_file(
    db: Database, owner: Actor, tmp_path: Path
) -> None:
    assert db.path is not None
    sheet = tmp_path / "planilha.xlsx"
    sheet.write_bytes(b"PK\x03\x04 a spreadsheet")
    before = sha256(sheet)
    with refused("store.backup_not_a_backup"):
        backup_database(db, sheet)
    assert sha256(sheet) == before
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    earlier = backup_database(db, tmp_path / "earlier.sqlite")
    for target in (empty, earlier):
        assert dump(backup_database(db, target)) == dump(db.path)
