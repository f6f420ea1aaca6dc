"""One bodesk per SQLite file: a second holder is refused with who holds it; a lock left by a
process that ended is taken over; release lets the next one in."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bodesk.store.errors import DatabaseInUse
from bodesk.store.lock import InstanceLock, LockHolder, holder_of, lock_path, read_holder

HOLDER_SCRIPT = Path(__file__).resolve().parent.parent / "helpers" / "lock_holder.py"


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    return tmp_path / "bodesk.sqlite"


@pytest.fixture
def other_process(db_file: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process that holds the lock of `db_file` until its stdin closes."""
    child = subprocess.Popen(
        [sys.executable, str(HOLDER_SCRIPT), str(db_file)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "locked"
    yield child
    if child.poll() is None:
        child.kill()
    child.wait(timeout=30)


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_lock_held_by_another_process_is_refused_naming_it(
    db_file: Path, other_process: subprocess.Popen[str]
) -> None:
    before = lock_path(db_file).read_text(encoding="utf-8")
    with pytest.raises(DatabaseInUse) as caught:
        InstanceLock(db_file).acquire()
    assert caught.value.code == "store.in_use"
    assert socket.gethostname() in caught.value.message
    assert str(other_process.pid) in caught.value.message
    assert holder_of(db_file) == LockHolder(host=socket.gethostname(), pid=other_process.pid)
    assert lock_path(db_file).read_text(encoding="utf-8") == before  # the refused one wrote nothing


def test_the_lock_is_free_once_the_holder_releases_it(
    db_file: Path, other_process: subprocess.Popen[str]
) -> None:
    assert other_process.stdin is not None
    other_process.stdin.close()  # the child leaves its `with InstanceLock` block and ends
    other_process.wait(timeout=30)
    assert holder_of(db_file) is None
    with InstanceLock(db_file):
        assert holder_of(db_file) == LockHolder(socket.gethostname(), os.getpid())


def test_a_lock_of_a_killed_process_is_taken_over(
    db_file: Path, other_process: subprocess.Popen[str]
) -> None:
    other_process.send_signal(signal.SIGKILL)
    other_process.wait(timeout=30)
    left = read_holder(lock_path(db_file))
    assert left == LockHolder(host=socket.gethostname(), pid=other_process.pid)  # the crash left its name
    assert holder_of(db_file) is None  # ... but nobody holds the lock
    lock = InstanceLock(db_file)
    lock.acquire()
    try:
        assert read_holder(lock_path(db_file)) == LockHolder(host=socket.gethostname(), pid=os.getpid())
    finally:
        lock.release()


def test_a_stale_lock_file_with_a_dead_pid_is_taken_over(db_file: Path) -> None:
    dead = _dead_pid()
    lock_path(db_file).write_text(json.dumps({"host": "other-desk", "pid": dead}), encoding="utf-8")
    assert holder_of(db_file) is None
    with InstanceLock(db_file):
        assert read_holder(lock_path(db_file)) == LockHolder(host=socket.gethostname(), pid=os.getpid())


def test_a_garbled_lock_file_is_taken_over(db_file: Path) -> None:
    lock_path(db_file).write_text("{not json", encoding="utf-8")
    with InstanceLock(db_file):
        assert read_holder(lock_path(db_file)) == LockHolder(host=socket.gethostname(), pid=os.getpid())


def test_release_lets_the_next_holder_in(db_file: Path) -> None:
    first = InstanceLock(db_file)
    first.acquire()
    with pytest.raises(DatabaseInUse):
        InstanceLock(db_file).acquire()  # a second window of this same process is refused too
    first.release()
    first.release()  # releasing twice is harmless
    assert lock_path(db_file).read_text(encoding="utf-8") == ""
    assert holder_of(db_file) is None
    with InstanceLock(db_file):
        pass


def test_no_lock_file_means_no_holder(db_file: Path) -> None:
    assert holder_of(db_file) is None
    assert not lock_path(db_file).exists()
