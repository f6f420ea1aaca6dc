"""A window learns that another desk committed a change (PostgreSQL: LISTEN/NOTIFY from every write
unit of work; SQLite: the file's data_version), and nothing from a change that was rolled back."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from bodesk.domain.access.actor import Actor
from bodesk.store.changes import ChangeWatcher
from bodesk.store.engine import Database
from tests.builders.catalogue import make_product


class Undone(Exception):
    pass


def test_another_desks_commit_is_seen_once_and_a_rollback_never(db: Database, owner: Actor) -> None:
    other_desk = Database(db.url)
    watcher = ChangeWatcher(db)
    try:
        assert watcher.changed() is False
        make_product(other_desk, owner, "AGUA500", "Água mineral 500ml")
        assert watcher.changed() is True
        assert watcher.changed() is False  # seen once
        with pytest.raises(Undone), other_desk.write() as session:
            session.execute(text("UPDATE products SET name = 'changed'"))
            raise Undone
        assert watcher.changed() is False
    finally:
        watcher.close()
        other_desk.dispose()


def test_desks_are_counted_on_a_server(db: Database, owner: Actor) -> None:
    watchers = [ChangeWatcher(db), ChangeWatcher(db)]
    try:
        desks = watchers[0].desks()
        assert desks == (None if db.is_sqlite else 2)
    finally:
        for watcher in watchers:
            watcher.close()
