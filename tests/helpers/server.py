"""The PostgreSQL server the tests may run on: set BODESK_TEST_DATABASE_URL to an empty database the
tests may wipe, and every test that takes `db` runs there instead of on a SQLite file."""

from __future__ import annotations

import os

from sqlalchemy import create_engine, text

from bodesk.store.engine import normalize_url

TEST_DATABASE_URL = os.environ.get("BODESK_TEST_DATABASE_URL", "")


def wiped_server_database(url: str) -> str:
    """`url`, its public schema dropped and made again."""
    engine = create_engine(normalize_url(url))
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url
