"""Backups are verified copies made while others write; a failed or cancelled one leaves the previous
backup byte for byte and no temporary file; restore puts a backup back after a safety copy, and
refuses anything it should not restore, changing nothing."""

from __future__ import annotations

import errno
import json
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.models import AuditEntry, User
from bodesk.domain.access.services import add_user
from bodesk.store import backup as backup_module
from bodesk.store.backup import backup_file_name, prune_backups
from bodesk.store.engine import Database
from bodesk.store.opening import backup_database, restore_database
from bodesk.store.types import utcnow
from tests.builders.access import PASSWORD
from tests.helpers.files import dump, execute, integrity, scalar, sha256
from tests.helpers.refusals import refused
from tests.helpers.server import TEST_DATABASE_URL

pytestmark = pytest.mark.skipif(bool(TEST_DATABASE_URL), reason="SQLite files only")

HELPERS = Path(__file__).resolve().parent.parent / "helpers"
BULK_ROWS = 20_000  # about 5 MB: several steps of the backup API


class Cancelled(Exception):
    pass


def _fill(db: Database, rows: int = BULK_ROWS, entity: str = "bulk") -> None:
    now = utcnow()
    values = [
        {
            "at": now,
            "user_id": None,
            "user_login": "system",
            "action": "test.fill",
            "entity": entity,
            "entity_key": str(index),
            "old_values": None,
            "new_values": "v" * 200,
            "reason": None,
        }
        for index in range(rows)
    ]
    with db.write() as session:
        session.execute(insert(AuditEntry), values)


def _files(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_backup_is_a_verified_copy_with_the_same_data_while_another_connection_writes(
    db: Database, owner: Actor, tmp_path: Path
) -> None:
    assert db.path is not None
    _fill(db)
    calls: list[tuple[int, int]] = []

    def write_during_the_backup(done: int, total: int) -> None:
        if not calls:
            _fill(db, rows=1, entity="written-during-backup")  # another connection, between two steps
        calls.append((done, total))

    target = backup_database(db, tmp_path / "copies" / "copy.sqlite", progress=write_during_the_backup)
    assert target == (tmp_path / "copies" / "copy.sqlite").resolve()
    assert len(calls) > 2
    assert calls[-1][0] == calls[-1][1]  # the last call says every page is done
    assert integrity(target) == ["ok"]
    assert dump(target) == dump(db.path)
    assert scalar(target, "SELECT count(*) FROM audit_log WHERE entity = 'written-during-backup'") == 1
    assert scalar(target, "PRAGMA journal_mode") == "delete"  # one self-contained file
    assert _files(target.parent) == ["copy.sqlite"]


def test_a_backup_never_overwrites_the_database_it_copies(db: Database, owner: Actor) -> None:
    assert db.path is not None
    before = dump(db.path)
    for spelling in (
        db.path,
        db.path.parent / "." / db.path.name,
        db.path.parent / "x" / ".." / db.path.name,
    ):
        with refused("store.backup_same_file"):
            backup_database(db, spelling)
    assert dump(db.path) == before
    assert integrity(db.path) == ["ok"]


@pytest.fixture
def previous_backup(db: Database, owner: Actor, tmp_path: Path) -> Path:
    """A database of about 5 MB and a backup of it made earlier."""
    _fill(db)
    target = backup_database(db, tmp_path / "backups" / "bodesk-latest.sqlite")
    add_user(db, owner, "later", "Someone Later", "sales", PASSWORD)  # the next backup would differ
    return target


@pytest.mark.parametrize(
    "failure",
    [
        OSError(errno.ENOSPC, "No space left on device"),
        OSError(errno.EDQUOT, "Disk quota exceeded"),
        sqlite3.OperationalError("database or disk is full"),
    ],
    ids=["ENOSPC", "EDQUOT", "sqlite-full"],
)
def test_a_full_disk_leaves_the_previous_backup_untouched(
    db: Database, previous_backup: Path, monkeypatch: pytest.MonkeyPatch, failure: Exception
) -> None:
    before = sha256(previous_backup)
    real_copy = backup_module._copy

    def copy_until_the_disk_fills(source: sqlite3.Connection, target: Path, progress: object) -> None:
        real_copy(source, target, None)  # a partial file exists now ...
        assert target.exists()
        raise failure  # ... and the disk is full

    monkeypatch.setattr(backup_module, "_copy", copy_until_the_disk_fills)
    with refused("store.backup_disk_full"):
        backup_database(db, previous_backup)
    assert sha256(previous_backup) == before
    assert _files(previous_backup.parent) == [previous_backup.name]


def test_a_really_full_disk_leaves_the_previous_backup_untouched(db: Database, previous_backup: Path) -> None:
    """A child process may not write past 512 KiB (RLIMIT_FSIZE, SIGXFSZ ignored: writes fail EFBIG)."""
    assert db.path is not None
    before = sha256(previous_backup)
    result = subprocess.run(
        [
            sys.executable,
            str(HELPERS / "full_disk_backup.py"),
            str(db.path),
            str(previous_backup),
            str(512 * 1024),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert (outcome["error"], outcome["code"]) == ("BackupFailed", "store.backup_disk_full"), outcome
    assert sha256(previous_backup) == before
    assert _files(previous_backup.parent) == [previous_backup.name]
    assert integrity(db.path) == ["ok"]


def test_a_cancelled_backup_leaves_nothing(db: Database, previous_backup: Path, tmp_path: Path) -> None:
    before = sha256(previous_backup)

    def cancel(done: int, total: int) -> None:
        raise Cancelled

    with pytest.raises(Cancelled):
        backup_database(db, previous_backup, progress=cancel)
    with pytest.raises(Cancelled):
        backup_database(db, tmp_path / "backups" / "new.sqlite", progress=cancel)
    assert sha256(previous_backup) == before
    assert _files(previous_backup.parent) == [previous_backup.name]


def test_a_backup_replaces_the_previous_one_when_it_succeeds(db: Database, previous_backup: Path) -> None:
    assert db.path is not None
    backup_database(db, previous_backup)
    assert dump(previous_backup) == dump(db.path)
    assert scalar(previous_backup, "SELECT count(*) FROM users WHERE login = 'later'") == 1


def test_prune_backups_keeps_the_newest(tmp_path: Path) -> None:
    start = datetime(2026, 1, 30, 23, 59, 58, tzinfo=UTC)
    names = [backup_file_name("bodesk", start + timedelta(seconds=step * 7)) for step in range(5)]
    for name in reversed(names):
        (tmp_path / name).write_bytes(b"x")
    others = ["before-upgrade-20200101-000000.sqlite", "bodesk-notes.txt", "bodesk.sqlite"]
    for name in others:
        (tmp_path / name).write_bytes(b"y")
    deleted = prune_backups(tmp_path, "bodesk", keep=2)
    assert sorted(path.name for path in deleted) == names[:3]
    assert _files(tmp_path) == sorted(names[3:] + others)
    assert prune_backups(tmp_path, "bodesk", keep=2) == []
    prune_backups(tmp_path, "bodesk", keep=0)
    assert _files(tmp_path) == sorted(others)


def test_backup_file_names_sort_by_time() -> None:
    early = backup_file_name("bodesk", datetime(2026, 2, 1, 9, 5, 1, tzinfo=UTC))
    late = backup_file_name("bodesk", datetime(2026, 11, 1, 10, 0, 0, tzinfo=UTC))
    assert early == "bodesk-20260201-090501.sqlite"
    assert early < late


# -- restore ---------------------------------------------------------------------------------------


@pytest.fixture
def saved(db: Database, owner: Actor, tmp_path: Path) -> Path:
    """A backup holding the owner and "vendas"; the live database then gets "late" as well."""
    add_user(db, owner, "vendas", "Juliana Costa", "sales", PASSWORD)
    copy = backup_database(db, tmp_path / "saved" / "bodesk-saved.sqlite")
    add_user(db, owner, "late", "Added After The Backup", "warehouse", PASSWORD)
    return copy


def _logins(db: Database) -> list[str]:
    with db.read() as session:
        return list(session.execute(select(User.login).order_by(User.login)).scalars())


def test_restore_puts_the_backup_back_after_a_safety_copy(
    db: Database, owner: Actor, saved: Path, tmp_path: Path
) -> None:
    assert db.path is not None
    backup_before = sha256(saved)
    progress: list[tuple[int, int]] = []
    safety = restore_database(
        db, saved, tmp_path / "safety", progress=lambda done, total: progress.append((done, total))
    )
    assert _logins(db) == ["dono", "vendas"]
    assert safety.parent == (tmp_path / "safety").resolve()
    assert safety.name.startswith("before-restore-")
    assert integrity(safety) == ["ok"]
    assert scalar(safety, "SELECT count(*) FROM users WHERE login = 'late'") == 1
    assert progress and progress[-1][0] == progress[-1][1]
    assert integrity(db.path) == ["ok"]
    assert sha256(saved) == backup_before  # the backup itself is only read
    add_user(db, owner, "again", "Added After Restore", "sales", PASSWORD)
    assert _logins(db) == ["again", "dono", "vendas"]


def _text(path: Path) -> None:
    path.write_text("not a database", encoding="utf-8")


def _corrupt(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for offset in range(4096 * 2, len(data), 997):
        data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


def _newer(path: Path) -> None:
    execute(path, "UPDATE alembic_version SET version_num = '9999_future'")


def _empty(path: Path) -> None:
    path.unlink()
    execute(path, "PRAGMA user_version = 0")


def _foreign(path: Path) -> None:
    path.unlink()
    execute(path, "CREATE TABLE invoices (id INTEGER PRIMARY KEY)")


@pytest.mark.parametrize(
    ("spoil", "code"),
    [
        (_text, "store.not_sqlite"),
        (_corrupt, "store.corrupt"),
        (_newer, "store.newer"),
        (_empty, "store.empty_database"),
        (_foreign, "store.foreign_tables"),
    ],
    ids=["text", "corrupt", "newer", "empty", "foreign"],
)
def test_restore_refuses_a_bad_backup_changing_nothing(
    db: Database,
    saved: Path,
    tmp_path: Path,
    spoil: Callable[[Path], None],
    code: str,
) -> None:
    assert db.path is not None
    spoil(saved)
    live, candidate = dump(db.path), sha256(saved)
    with refused(code):
        restore_database(db, saved, tmp_path / "safety")
    assert dump(db.path) == live
    assert sha256(saved) == candidate
    assert not (tmp_path / "safety").exists()
    assert _logins(db) == ["dono", "late", "vendas"]


def test_restore_refuses_the_database_itself(db: Database, owner: Actor, tmp_path: Path) -> None:
    assert db.path is not None
    live = dump(db.path)
    for spelling in (db.path, db.path.parent / "." / db.path.name):
        with refused("store.restore_same_file"):
            restore_database(db, spelling, tmp_path / "safety")
    assert dump(db.path) == live
    assert not (tmp_path / "safety").exists()


def test_restore_refuses_a_missing_file(db: Database, owner: Actor, tmp_path: Path) -> None:
    with refused("store.no_file"):
        restore_database(db, tmp_path / "missing.sqlite", tmp_path / "safety")
    with refused("store.no_file"):  # a folder
        restore_database(db, tmp_path, tmp_path / "safety")
    assert not (tmp_path / "safety").exists()


def test_restore_refuses_a_database_held_by_another_process(
    db: Database, saved: Path, tmp_path: Path
) -> None:
    assert db.path is not None
    live, candidate = dump(db.path), sha256(saved)
    child = subprocess.Popen(
        [sys.executable, str(HELPERS / "lock_holder.py"), str(db.path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "locked"
        with refused("store.restore_while_open") as caught:
            restore_database(db, saved, tmp_path / "safety")
        assert str(child.pid) in caught.value.message
    finally:
        child.kill()
        child.wait(timeout=30)
    assert dump(db.path) == live
    assert sha256(saved) == candidate
    assert not (tmp_path / "safety").exists()


def test_restore_of_a_server_database_is_refused(tmp_path: Path, saved: Path) -> None:
    server = Database("postgresql://bodesk@localhost/loja")
    with refused("store.restore_sqlite_only"):
        restore_database(server, saved, tmp_path / "safety")
    assert not (tmp_path / "safety").exists()
