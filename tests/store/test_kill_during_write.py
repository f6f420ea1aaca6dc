"""A process killed (SIGKILL) in the middle of a large write leaves a sound database and the write
all or nothing."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bodesk.domain.access.actor import Actor
from bodesk.store.check import run_checks
from bodesk.store.engine import Database
from bodesk.store.opening import open_database
from tests.helpers.files import integrity, scalar
from tests.helpers.server import TEST_DATABASE_URL

pytestmark = pytest.mark.skipif(bool(TEST_DATABASE_URL), reason="SQLite files only")

WRITER = Path(__file__).resolve().parent.parent / "helpers" / "kill_writer.py"
ROWS = 200_000
BATCH = 5_000


def test_a_write_killed_midway_leaves_a_sound_database_and_all_or_nothing(
    db: Database, owner: Actor, db_path: Path, tmp_path: Path
) -> None:
    rows_before = scalar(db_path, "SELECT count(*) FROM audit_log")
    db.dispose()
    child = subprocess.Popen(
        [sys.executable, str(WRITER), db.url, str(ROWS), str(BATCH)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    try:
        seen = [child.stdout.readline().strip() for _ in range(3)]
        assert seen == ["batch 1", "batch 2", "batch 3"]  # 15,000 rows written, the transaction still open
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL

    reopened = open_database(f"sqlite:///{db_path}", backup_dir=tmp_path / "backups")
    try:
        assert all(result.ok for result in run_checks(reopened))
    finally:
        reopened.dispose()
    assert integrity(db_path) == ["ok"]
    added = scalar(db_path, "SELECT count(*) FROM audit_log WHERE entity = 'kill-test'")
    assert added in (0, ROWS)
    assert scalar(db_path, "SELECT count(*) FROM audit_log") == rows_before + added


def test_a_write_that_finishes_commits_every_row(db: Database, db_path: Path) -> None:
    db.dispose()
    result = subprocess.run(
        [sys.executable, str(WRITER), db.url, "12000", "5000"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout.split() == ["batch", "1", "batch", "2", "batch", "3", "committed"]
    assert scalar(db_path, "SELECT count(*) FROM audit_log WHERE entity = 'kill-test'") == 12000
    assert integrity(db_path) == ["ok"]
