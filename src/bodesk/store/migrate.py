"""Alembic migrations shipped inside the package, applied when a database is opened.

A SQLite file that already holds data is copied (and the copy verified) before its schema changes.
A database whose schema is newer than this program knows is refused, never touched.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, MetaData, inspect, text

from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.store.errors import NewerDatabase, NotADatabase
from bodesk.store.schema_versions import HEAD, REVISIONS

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None, metadata: MetaData | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    config.attributes["target_metadata"] = metadata
    return config


def head_revision() -> str:
    return HEAD


def known_revisions() -> frozenset[str]:
    return frozenset(REVISIONS)


def current_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    rows = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    return rows[0] if len(rows) == 1 else None


def _has_foreign_tables(connection: Connection) -> bool:
    return bool(set(inspect(connection).get_table_names()) - {"alembic_version"})


def check_revision(connection: Connection, where: str) -> str | None:
    """The database's schema revision, refusing one this program cannot read."""
    revision = current_revision(connection)
    if revision is None and _has_foreign_tables(connection):
        raise NotADatabase(
            _(
                "{where} holds tables of another program: it is not a bodesk database. Nothing was changed."
            ).format(where=where),
            code="store.foreign_tables",
        )
    if revision is not None and revision not in known_revisions():
        raise NewerDatabase(
            _(
                "{where} was written by a newer version of bodesk (schema {revision}). "
                "Install the newer version to open it; nothing was changed."
            ).format(where=where, revision=revision)
        )
    return revision


def needs_upgrade(db: Database) -> bool:
    with db.engine.connect() as connection:
        return check_revision(connection, db.describe()) != head_revision()


def upgrade(db: Database, backup: Callable[[], Path] | None = None) -> Path | None:
    """Bring the schema to the newest revision; returns the verified backup made first, if any.

    `backup` is called only when an existing SQLite database with data is about to change.
    """
    with db.engine.connect() as connection:
        revision = check_revision(connection, db.describe())
    if revision == head_revision():
        return None
    saved = backup() if (backup is not None and revision is not None and db.is_sqlite) else None
    with db.write_connection() as connection:
        check_revision(connection, db.describe())
        from alembic import command

        command.upgrade(alembic_config(connection), "head")
    db.refresh_statistics()
    return saved
