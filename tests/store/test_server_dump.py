"""`bodesk backup` of a PostgreSQL database runs the server's pg_dump and reads the dump back; without
the tools, or with the server away, it says what to do and leaves no file."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from bodesk.domain.access.actor import Actor
from bodesk.store import server_dump
from bodesk.store.engine import Database
from bodesk.store.opening import backup_database
from tests.helpers.refusals import refused
from tests.helpers.server import TEST_DATABASE_URL

on_a_server = pytest.mark.skipif(not TEST_DATABASE_URL, reason="needs a PostgreSQL server")


@on_a_server
def test_a_server_database_is_dumped_and_read_back(db: Database, owner: Actor, tmp_path: Path) -> None:
    target = tmp_path / "loja.dump"
    assert backup_database(db, target) == target
    listing = subprocess.run(
        [str(server_dump._tool("pg_restore")), "--list", str(target)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "TABLE DATA public users" in listing.stdout
    assert [path.name for path in tmp_path.iterdir()] == ["loja.dump"]


def test_without_pg_dump_the_refusal_says_what_to_install_or_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(server_dump, "_tool", lambda name: None)
    server = Database("postgresql://bodesk@localhost/loja")
    with refused("store.no_pg_dump") as refusal:
        backup_database(server, tmp_path / "loja.dump")
    assert "apt install postgresql-client" in refusal.value.message
    assert "pg_dump --format=custom --file=loja.dump loja" in refusal.value.message
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(server_dump._tool("pg_dump") is None, reason="needs PostgreSQL's client tools")
def test_a_server_that_cannot_be_reached_leaves_no_file(tmp_path: Path) -> None:
    server = Database(f"postgresql://bodesk@/loja?host={tmp_path}&port=1")
    with refused("store.dump_failed") as refusal:
        backup_database(server, tmp_path / "loja.dump")
    assert "no backup was written" in refusal.value.message
    assert list(tmp_path.iterdir()) == []
