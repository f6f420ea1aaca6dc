"""Growing from one PC to a server: a whole SQLite database copied into an empty PostgreSQL database.

`copy_database(source, target_url)` refuses a source that is not a SQLite file and a target that
already holds tables. It makes the target's schema with the same migrations as every database
(so triggers, indexes and the schema version are the server's own), copies every table in the order
its references need, in batches, audit log included, all read in one transaction (one moment of
the file, even while another desk writes), sets each id sequence past the highest id
copied, then counts the rows of every table on both sides and refuses to call the copy good when one
differs. `bodesk db copy` then runs every `bodesk check` on the copy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, Integer, Table, func, insert, inspect, select, text

from bodesk.i18n import _
from bodesk.store import migrate
from bodesk.store.engine import Database
from bodesk.store.errors import StoreError
from bodesk.store.types import Base

BATCH = 5_000
VERSION_TABLE = "alembic_version"

Progress = Callable[[str, int], None]  # (table, rows copied so far)


@dataclass(frozen=True)
class CopiedTable:
    name: str
    source_rows: int
    target_rows: int

    @property
    def ok(self) -> bool:
        return self.source_rows == self.target_rows


@dataclass(frozen=True)
class CopyReport:
    target: str
    tables: tuple[CopiedTable, ...]

    @property
    def rows(self) -> int:
        return sum(table.target_rows for table in self.tables)

    @property
    def differing(self) -> tuple[CopiedTable, ...]:
        return tuple(table for table in self.tables if not table.ok)


def _refuse_target(target: Database) -> None:
    if target.is_sqlite:
        raise StoreError(
            _("Copy into a PostgreSQL database (--to postgresql://USER:PASSWORD@SERVER/DATABASE)."),
            code="store.copy_target",
        )
    with target.engine.connect() as connection:
        tables = inspect(connection).get_table_names()
    if tables:
        raise StoreError(
            _(
                "{where} is not empty: it holds {n} tables. Copy into a new, empty database "
                "(createdb on the server), so that nothing there is overwritten."
            ).format(where=target.describe(), n=len(tables)),
            code="store.copy_target_not_empty",
        )


def _tables() -> list[Table]:
    return [table for table in Base.metadata.sorted_tables if table.name != VERSION_TABLE]


def _copy_table(reading: Connection, target: Database, table: Table, progress: Progress | None) -> None:
    copied = 0
    with target.write_connection() as writing:
        result = reading.execution_options(stream_results=True, yield_per=BATCH).execute(select(table))
        for rows in result.partitions(BATCH):
            writing.execute(insert(table), [row._asdict() for row in rows])
            copied += len(rows)
            if progress is not None:
                progress(table.name, copied)


def _move_sequences(target: Database, tables: list[Table]) -> None:
    with target.write_connection() as connection:
        for table in tables:
            key = list(table.primary_key.columns)
            if len(key) != 1 or not isinstance(key[0].type, Integer) or not key[0].autoincrement:
                continue
            sequence = connection.execute(
                text("SELECT pg_get_serial_sequence(:table, :column)"),
                {"table": table.name, "column": key[0].name},
            ).scalar()
            if sequence is None:
                continue
            highest = connection.execute(select(func.max(key[0]))).scalar()
            if highest is not None:
                connection.execute(
                    text("SELECT setval(:sequence, :value)"), {"sequence": sequence, "value": highest}
                )


def _count(connection: Connection, table: Table) -> int:
    return int(connection.execute(select(func.count()).select_from(table)).scalar_one())


def copy_database(source: Database, target_url: str, progress: Progress | None = None) -> CopyReport:
    """Copy the SQLite database `source` into the empty PostgreSQL database at `target_url`."""
    if not source.is_sqlite:
        raise StoreError(
            _("bodesk db copy copies a SQLite database file: open one with --db FILE."),
            code="store.copy_source",
        )
    target = Database(target_url)
    try:
        _refuse_target(target)
        migrate.upgrade(target)
        tables = _tables()
        with target.write_connection() as connection:  # the rows the migrations seed come with the copy
            for table in reversed(tables):
                if connection.execute(select(text("1")).select_from(table).limit(1)).first() is not None:
                    connection.execute(table.delete())
        # One read transaction for every table: in WAL mode it sees one moment of the file, whatever
        # another desk writes meanwhile, and the counts below are of that same moment.
        with source.engine.connect() as reading, reading.begin():
            for table in tables:
                _copy_table(reading, target, table, progress)
            counted = {table.name: _count(reading, table) for table in tables}
        _move_sequences(target, tables)
        with target.engine.connect() as connection:
            report = CopyReport(
                target.describe(),
                tuple(
                    CopiedTable(table.name, counted[table.name], _count(connection, table))
                    for table in tables
                ),
            )
    finally:
        target.dispose(optimize=False)
    return report
