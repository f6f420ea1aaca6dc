"""A desk whose connections the server dropped (a restart, a network cut) goes on by itself: the pool
tests each connection before handing it out and opens a new one. With the server away, the refusal
says so in words (tests/store/test_failures.py) and the open form keeps what was typed
(tests/ui/stock/test_products.py)."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from bodesk.domain.access.actor import Actor
from bodesk.store.engine import Database
from tests.builders.catalogue import make_product
from tests.helpers.server import TEST_DATABASE_URL

pytestmark = pytest.mark.skipif(not TEST_DATABASE_URL, reason="needs a PostgreSQL server")


def test_a_desk_goes_on_after_the_server_dropped_its_connections(db: Database, owner: Actor) -> None:
    make_product(db, owner, "AGUA500", "Água mineral 500ml")  # the pool now holds a connection
    server = create_engine(db.url, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        dropped = connection.execute(
            text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        ).scalar_one()
    server.dispose()
    assert dropped >= 1

    make_product(db, owner, "SUCO1L", "Suco de uva 1L")

    with db.read() as session:
        assert session.execute(text("SELECT count(*) FROM products")).scalar_one() == 2
