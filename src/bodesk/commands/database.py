"""`bodesk db upgrade`, `bodesk db copy`, `bodesk backup`, `bodesk restore`, `bodesk check`."""

from __future__ import annotations

import argparse
from pathlib import Path

from bodesk.commands.context import acting_user, add_command, open_db, output_file, say
from bodesk.domain.backups import back_up, copy_to_server, restore
from bodesk.i18n import _
from bodesk.settings import load_preferences
from bodesk.store import migrate
from bodesk.store.check import run_checks
from bodesk.store.engine import Database


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    db = open_db(args, upgrade=False)
    before = migrate.needs_upgrade(db)
    db.dispose()
    db = open_db(args, upgrade=True)
    if before:
        say(
            _("{where}: schema brought to {revision}.").format(
                where=db.describe(), revision=migrate.head_revision()
            )
        )
    else:
        say(
            _("{where}: schema already at {revision}.").format(
                where=db.describe(), revision=migrate.head_revision()
            )
        )
    return 0


def cmd_db_copy(args: argparse.Namespace) -> int:
    db = open_db(args)
    report = copy_to_server(db, acting_user(args, db), args.to)
    for table in report.tables:
        if not table.ok:
            say(
                _("{table}: {source} rows here, {target} on the server").format(
                    table=table.name, source=table.source_rows, target=table.target_rows
                )
            )
    if report.differing:
        say(
            _("The copy differs from the original in {n} tables: do not use it.").format(
                n=len(report.differing)
            )
        )
        return 1
    say(
        _("Copied {rows} rows of {tables} tables into {where}; every table has as many rows as here.").format(
            rows=report.rows, tables=len(report.tables), where=report.target
        )
    )
    copy = Database(args.to)
    try:
        return _report_checks(copy)
    finally:
        copy.dispose(optimize=False)


def cmd_backup(args: argparse.Namespace) -> int:
    output = output_file(args.output)
    db = open_db(args)
    target = back_up(db, acting_user(args, db), output)
    say(_("Backup written and verified: {path}").format(path=target))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    db = open_db(args)
    restored = restore(db, acting_user(args, db), Path(args.file), load_preferences().backup_folder)
    say(
        _("Restored {file} ({contents}) into {where}. What was there before is kept in {safety}.").format(
            file=args.file,
            contents=restored.contents.describe(),
            where=db.describe(),
            safety=restored.safety_copy,
        )
    )
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    return _report_checks(open_db(args))


def _report_checks(db: Database) -> int:
    results = run_checks(db)
    failed = 0
    for result in results:
        mark = _("ok") if result.ok else _("FAILED")
        say(f"[{mark}] {result.title}")
        for problem in result.problems:
            say(f"    {problem}")
        failed += not result.ok
    if failed:
        say(_("{n} of {total} checks failed.").format(n=failed, total=len(results)))
        return 1
    say(_("All {total} checks passed.").format(total=len(results)))
    return 0


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    db = add_command(commands, "db", help=_("database schema")).add_subparsers(
        dest="db_command", required=True
    )
    add_command(
        db, "upgrade", help=_("migrate the schema to this version (after a verified backup)")
    ).set_defaults(run=cmd_db_upgrade)
    copy = add_command(
        db,
        "copy",
        help=_("copy this SQLite database into an empty PostgreSQL database, then check the copy"),
    )
    copy.add_argument("--to", required=True, metavar="postgresql://USER:PASSWORD@SERVER/DATABASE")
    copy.set_defaults(run=cmd_db_copy)
    backup = add_command(commands, "backup", help=_("write a verified copy of the database"))
    backup.add_argument("-o", "--output", required=True, metavar="FILE")
    backup.set_defaults(run=cmd_backup)
    restore = add_command(
        commands, "restore", help=_("replace the database with a backup (a safety copy is kept)")
    )
    restore.add_argument("file", metavar="FILE")
    restore.set_defaults(run=cmd_restore)
    add_command(commands, "check", help=_("integrity, references and every domain check")).set_defaults(
        run=cmd_check
    )
