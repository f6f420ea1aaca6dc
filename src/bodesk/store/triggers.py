"""Triggers that refuse, on SQLite and PostgreSQL alike, changes made by SQL to final records.

The domain's flush-time guard (bodesk.domain.common.lifecycle) refuses them through the ORM first; these
triggers hold even for a statement written by hand. Migrations call these functions with the table's
columns as they are at that revision; a later migration that adds a column to a guarded table drops
and recreates its triggers so that the new column is covered too.

- `posted_rows`: rows final once written (stock moves, receipts): no UPDATE of a column outside
  `mutable`, no DELETE, and on SQLite no INSERT OR REPLACE over an existing row.
- `final_in_states`: a document final once its status is one of `states`: the same, while it is.
- `lines_of`: the lines of such a document: no UPDATE or DELETE while the document is final. (A line
  INSERTED into a final document is refused by the ORM guard only: generated demo data writes
  finished documents header first, then their lines.)
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.engine import Connection


def _in(values: Sequence[str]) -> str:
    return "(" + ", ".join("'" + value.replace("'", "''") + "'" for value in values) + ")"


def _message(table: str) -> str:
    return f"bodesk: {table} holds final records that cannot change"


def _pg_refuse_function(connection: Connection) -> None:
    connection.exec_driver_sql(
        "CREATE OR REPLACE FUNCTION bodesk_refuse_final() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION USING MESSAGE = 'bodesk: ' || TG_TABLE_NAME "
        "|| ' holds final records that cannot change'; END $$"
    )


def posted_rows(
    connection: Connection, table: str, columns: Sequence[str], mutable: Sequence[str] = ()
) -> None:
    guarded = [column for column in columns if column not in mutable]
    _guard(connection, table, guarded, when_old="", sqlite_replace=True)


def final_in_states(
    connection: Connection,
    table: str,
    columns: Sequence[str],
    states: Sequence[str],
    status: str = "status",
    mutable: Sequence[str] = (),
) -> None:
    guarded = [column for column in columns if column not in mutable]
    _guard(connection, table, guarded, when_old=f"OLD.{status} IN {_in(states)}", sqlite_replace=False)


def _guard(
    connection: Connection, table: str, guarded: Sequence[str], when_old: str, sqlite_replace: bool
) -> None:
    columns = ", ".join(guarded)
    if connection.dialect.name == "sqlite":
        when = f" WHEN {when_old}" if when_old else ""
        refuse = f"BEGIN SELECT RAISE(ABORT, '{_message(table)}'); END"
        connection.exec_driver_sql(
            f"CREATE TRIGGER {table}_final_update BEFORE UPDATE OF {columns} ON {table}{when} {refuse}"
        )
        connection.exec_driver_sql(
            f"CREATE TRIGGER {table}_final_delete BEFORE DELETE ON {table}{when} {refuse}"
        )
        if sqlite_replace:  # INSERT OR REPLACE deletes the old row without firing the delete trigger
            connection.exec_driver_sql(
                f"CREATE TRIGGER {table}_final_replace BEFORE INSERT ON {table} "
                f"WHEN EXISTS (SELECT 1 FROM {table} WHERE id = NEW.id) {refuse}"
            )
        return
    _pg_refuse_function(connection)
    when = f" WHEN ({when_old})" if when_old else ""
    connection.exec_driver_sql(
        f"CREATE TRIGGER {table}_final BEFORE UPDATE OF {columns} OR DELETE ON {table} "
        f"FOR EACH ROW{when} EXECUTE FUNCTION bodesk_refuse_final()"
    )


def lines_of(
    connection: Connection,
    table: str,
    key: str,
    document: str,
    states: Sequence[str],
    status: str = "status",
) -> None:
    """Guard the lines of `table` whose `key` points at `document`, final in `states`."""
    final = _in(states)
    if connection.dialect.name == "sqlite":
        refuse = f"BEGIN SELECT RAISE(ABORT, '{_message(table)}'); END"
        for event, row in (("UPDATE", "OLD"), ("DELETE", "OLD")):
            connection.exec_driver_sql(
                f"CREATE TRIGGER {table}_final_{event.lower()} BEFORE {event} ON {table} "
                f"WHEN (SELECT {status} FROM {document} WHERE id = {row}.{key}) IN {final} {refuse}"
            )
        return
    connection.exec_driver_sql(
        f"CREATE OR REPLACE FUNCTION {table}_final() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN IF (SELECT {status} FROM {document} WHERE id = OLD.{key}) IN {final} THEN "
        f"RAISE EXCEPTION '{_message(table)}'; END IF; "
        "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$"
    )
    connection.exec_driver_sql(
        f"CREATE TRIGGER {table}_final BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {table}_final()"
    )


def drop(connection: Connection, table: str) -> None:
    """Remove every trigger (and PostgreSQL function) these helpers made on `table`."""
    if connection.dialect.name == "sqlite":
        for suffix in ("update", "delete", "replace"):
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {table}_final_{suffix}")
        return
    connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {table}_final ON {table}")
    connection.exec_driver_sql(f"DROP FUNCTION IF EXISTS {table}_final()")
