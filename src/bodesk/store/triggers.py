"""Triggers that refuse, on SQLite and PostgreSQL alike, changes made by SQL to final records.

The domain's flush-time guard (bodesk.domain.common.lifecycle) refuses them through the ORM first; these
triggers hold even for a statement written by hand. Migrations call these functions with the table's
columns as they are at that revision; a later migration that adds a column to a guarded table drops
and recreates its triggers so that the new column is covered too.

- `posted_rows`: rows final once written (stock moves, receipts): no UPDATE of a column outside
  `mutable`, no DELETE, and no INSERT OR REPLACE over an existing row.
- `final_in_states`: a document final once its status is one of `states`: the same, while it is.
- `lines_of`: the lines of such a document: no UPDATE, DELETE or INSERT OR REPLACE while the document
  is final. (A new line INSERTED into a final document is refused by the ORM guard only: generated
  demo data writes finished documents header first, then their lines.)

SQLite's INSERT OR REPLACE deletes the row it replaces without firing its delete triggers, whether the
row has the new row's id or the same value of any other unique key: `replace_guard` refuses, before
the insert, a row that would replace a final one by either. PostgreSQL has no REPLACE: its INSERT ...
ON CONFLICT DO UPDATE fires the update triggers, which refuse it.
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
    _guard(connection, table, guarded, when_old="")
    replace_guard(connection, table)


def final_in_states(
    connection: Connection,
    table: str,
    columns: Sequence[str],
    states: Sequence[str],
    status: str = "status",
    mutable: Sequence[str] = (),
) -> None:
    guarded = [column for column in columns if column not in mutable]
    _guard(connection, table, guarded, when_old=f"OLD.{status} IN {_in(states)}")
    replace_guard(connection, table, final_when=f"existing.{status} IN {_in(states)}")


def _guard(connection: Connection, table: str, guarded: Sequence[str], when_old: str) -> None:
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
        replace_guard(
            connection,
            table,
            final_when=f"(SELECT {status} FROM {document} WHERE id = existing.{key}) IN {final}",
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


def unique_keys(connection: Connection, table: str) -> list[list[str]]:
    """The columns of each key that makes a row of `table` unique on SQLite: its id, then each unique
    constraint and unique index."""
    keys = [["id"]]
    for index in connection.exec_driver_sql(f"PRAGMA index_list({table})").mappings():
        if index["unique"] and index["origin"] != "pk":
            columns = connection.exec_driver_sql(f"PRAGMA index_info({index['name']})").mappings()
            keys.append([column["name"] for column in columns])
    return keys


def replace_guard(
    connection: Connection,
    table: str,
    final_when: str = "",
    keys: Sequence[Sequence[str]] | None = None,
    name: str = "",
    message: str = "",
) -> None:
    """On SQLite, refuse an insert that would replace a final row of `table`: one with the new row's
    value of any unique key (`keys`, by default all of them). `final_when`, a condition on that row
    (`existing`), limits it to the rows final now. (Re)made under `name` (default `TABLE_final_replace`).
    Nothing on PostgreSQL, where the update triggers refuse what REPLACE would do there."""
    if connection.dialect.name != "sqlite":
        return
    same = " OR ".join(
        "(" + " AND ".join(f"existing.{column} = NEW.{column}" for column in key) + ")"
        for key in (keys if keys is not None else unique_keys(connection, table))
    )
    final = f" AND ({final_when})" if final_when else ""
    trigger = name or f"{table}_final_replace"
    connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {trigger}")
    connection.exec_driver_sql(
        f"CREATE TRIGGER {trigger} BEFORE INSERT ON {table} "
        f"WHEN EXISTS (SELECT 1 FROM {table} AS existing WHERE ({same}){final}) "
        f"BEGIN SELECT RAISE(ABORT, '{message or _message(table)}'); END"
    )


def drop(connection: Connection, table: str) -> None:
    """Remove every trigger (and PostgreSQL function) these helpers made on `table`."""
    if connection.dialect.name == "sqlite":
        for suffix in ("update", "delete", "replace"):
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {table}_final_{suffix}")
        return
    connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {table}_final ON {table}")
    connection.exec_driver_sql(f"DROP FUNCTION IF EXISTS {table}_final()")
