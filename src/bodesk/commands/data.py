"""`bodesk import ...`, `bodesk export ...`, `bodesk report ...`: one subcommand per importer, exporter
and report that the modules' manifests declare (bodesk.domain.registry), with their own options."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bodesk.commands.context import acting_user, open_db, say
from bodesk.domain.common.errors import UserError
from bodesk.domain.common.export import ExportFormat
from bodesk.domain.common.importing import ColumnMapping, ImportField, ImportResult, suggest_mapping
from bodesk.domain.common.progress import Cancelled, Reporter, reporting
from bodesk.domain.common.tabular import read_table
from bodesk.domain.modules import Importer, Option
from bodesk.domain.registry import exporters, importers, reports
from bodesk.i18n import _, ngettext


def _show(result: ImportResult) -> int:
    for line in result.report_lines():
        say(line)
    say(result.summary())
    return 1 if result.errors and not result.written else 0


def column_index(spec: str, headers: Sequence[str]) -> int:
    """A column named by its header ("Preço"), its letter ("C") or its number ("3")."""
    wanted = spec.strip()
    for index, header in enumerate(headers):
        if header.strip().casefold() == wanted.casefold():
            return index
    if wanted.isdigit() and 1 <= int(wanted) <= len(headers):
        return int(wanted) - 1
    if wanted.isalpha() and wanted.isupper() and len(wanted) <= 2:
        index = 0
        for letter in wanted:
            index = index * 26 + ord(letter) - 64
        if index <= len(headers):
            return index - 1
    raise UserError(_("The file has no column “{column}”.").format(column=spec), code="cli.unknown_column")


def mapping_for(importer: Importer, path: Path, pairs: Sequence[str]) -> ColumnMapping | None:
    """The suggested mapping changed by each --map FIELD=COLUMN; None when nothing was given."""
    if not pairs:
        return None
    fields: Sequence[ImportField] = importer.fields()
    table = read_table(path)
    mapping = suggest_mapping(fields, table.headers)
    keys = {field.key for field in fields}
    for pair in pairs:
        key, _sep, column = pair.partition("=")
        if key not in keys or not column:
            raise UserError(
                _("--map takes FIELD=COLUMN with FIELD one of: {fields}.").format(
                    fields=", ".join(sorted(keys))
                ),
                code="cli.bad_map",
            )
        mapping[key] = None if column == "-" else column_index(column, table.headers)
    return mapping


def _options(args: argparse.Namespace, options: Sequence[Option]) -> dict[str, Any]:
    return {option.dest: getattr(args, option.dest) for option in options}


def _progress_on_terminal() -> Reporter:
    """How far an import is, on one line of the terminal (nothing when the output is not a terminal)."""
    shown = [""]

    def report(text: str, fraction: float) -> None:
        line = f"{text} {round(fraction * 100):3d}%" if fraction >= 0 else text
        if sys.stderr.isatty() and line != shown[0]:
            print(f"\r{line:<60}", end="", file=sys.stderr, flush=True)
            shown[0] = line

    return report


def cmd_import(args: argparse.Namespace) -> int:
    importer = importers()[args.kind]
    db = open_db(args)
    actor = acting_user(args, db)
    path = Path(args.file)
    try:
        with reporting(_progress_on_terminal()):
            mapping = mapping_for(importer, path, args.map or [])
            result = importer.run(
                db, actor, path, mapping, args.dry_run, args.good_rows, **_options(args, importer.options)
            )
    except KeyboardInterrupt:
        raise Cancelled(_("Interrupted: nothing was written.")) from None
    finally:
        if sys.stderr.isatty():
            print(file=sys.stderr)
    return _show(result)


def cmd_export(args: argparse.Namespace) -> int:
    exporter = exporters()[args.kind]
    db = open_db(args)
    actor = acting_user(args, db)
    path = Path(args.output)
    count = exporter.run(db, actor, path, ExportFormat(args.format))
    say(ngettext("{n} row written to {path}", "{n} rows written to {path}", count).format(n=count, path=path))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    report = reports()[args.name]
    path = Path(args.output)
    if path.suffix.lower() != ".pdf":
        raise UserError(_("Reports are PDF files: name the output FILE.pdf."), code="cli.report_not_pdf")
    db = open_db(args)
    actor = acting_user(args, db)
    report.write(db, actor, path, **_options(args, report.options))
    say(_("Report written: {path}").format(path=path))
    return 0


def _add_options(parser: argparse.ArgumentParser, options: Sequence[Option]) -> None:
    for option in options:
        parser.add_argument(
            option.flag,
            dest=option.dest,
            metavar=option.metavar or None,
            type=option.kind,
            default=option.default,
            help=_(option.help),
        )


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    imp = commands.add_parser("import", help=_("import a CSV or XLSX file"))
    kinds = imp.add_subparsers(dest="kind", metavar="KIND", required=True)
    for importer in importers().values():
        sub = kinds.add_parser(importer.key, help=_("import {what}").format(what=_(importer.title)))
        sub.add_argument("file", metavar="FILE", help=_("CSV (UTF-8 or Windows-1252, ; or ,) or XLSX"))
        sub.add_argument("--dry-run", action="store_true", help=_("check every row and write nothing"))
        sub.add_argument(
            "--good-rows", action="store_true", help=_("import the good rows even if some are bad")
        )
        sub.add_argument(
            "--map",
            action="append",
            metavar="FIELD=COLUMN",
            help=_(
                "read FIELD from COLUMN (header, letter or number; - for none) instead of the suggested column"
            ),
        )
        _add_options(sub, importer.options)
        sub.set_defaults(run=cmd_import)

    exp = commands.add_parser("export", help=_("export a list to CSV or XLSX"))
    lists = exp.add_subparsers(dest="kind", metavar="KIND", required=True)
    for exporter in exporters().values():
        sub = lists.add_parser(exporter.key, help=_("export {what}").format(what=_(exporter.title)))
        sub.add_argument("--format", choices=[fmt.value for fmt in ExportFormat], default="csv")
        sub.add_argument("-o", "--output", required=True, metavar="FILE")
        sub.set_defaults(run=cmd_export)

    rep = commands.add_parser("report", help=_("write a PDF report"))
    names = rep.add_subparsers(dest="name", metavar="NAME", required=True)
    for report in reports().values():
        sub = names.add_parser(report.key, help=_("write the report of {what}").format(what=_(report.title)))
        _add_options(sub, report.options)
        sub.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
        sub.set_defaults(run=cmd_report)
