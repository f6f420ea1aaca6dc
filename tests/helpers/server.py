"""The PostgreSQL server the tests may run on: set BODESK_TEST_DATABASE_URL to an empty database the
tests may wipe, and every test that takes `db` runs there instead of on a SQLite file.
`scripts/with-postgres.sh` starts a throwaway server and sets it. Under pytest-xdist each worker
takes a database of its own beside it (`bodesk_test_gw0`, …), made on first use."""

from __future__ import annotations

import os

from sqlalchemy import create_engine, make_url, text

from bodesk.store.engine import normalize_url


def _for_this_worker(url: str) -> str:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not url or not worker:
        return url
    parsed = make_url(normalize_url(url))
    name = f"{parsed.database}_{worker}"
    engine = create_engine(parsed, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        found = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name})
        if found.first() is None:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return parsed.set(database=name).render_as_string(hide_password=False)


TEST_DATABASE_URL = _for_this_worker(os.environ.get("BODESK_TEST_DATABASE_URL", ""))


def wiped_server_database(url: str) -> str:
    """`url`, its public schema dropped and made again."""
    engine = create_engine(normalize_url(url))
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


def empty_server_database(url: str, suffix: str) -> str:
    """A new, empty database beside `url`'s, named `<name>_<suffix>` (dropped first if it exists)."""
    parsed = make_url(normalize_url(url))
    name = f"{parsed.database}_{suffix}"
    engine = create_engine(parsed, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return parsed.set(database=name).render_as_string(hide_password=False)
