"""`bodesk import ...`, `bodesk export ...`, `bodesk report ...`: one subcommand per importer, exporter
and report that the modules' manifests declare (bodesk.domain.registry), with their own options.

What the command line tells a person names its own options, not the app's buttons: a field without a
column is named with `--map FIELD=COLUMN`, rows left out for errors with `--good-rows`, and
`bodesk import KIND --help` lists the fields KIND takes.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bodesk.commands.context import acting_user, add_command, open_db, output_file, say
from bodesk.domain.common.errors import UserError, ValidationError
from bodesk.domain.common.export import ExportFormat
from bodesk.domain.common.importing import ColumnMapping, ImportField, ImportResult, suggest_mapping
from bodesk.domain.common.progress import Cancelled, Reporter, reporting
from bodesk.domain.common.tabular import column_name, read_table
from bodesk.domain.modules import Importer, Option
from bodesk.domain.registry import exporters, importers, reports
from bodesk.i18n import _, format_decimal, ngettext


class ImportParser(argparse.ArgumentParser):
    """The parser of `bodesk import KIND`: its help ends with the fields KIND takes, read from the
    importer only when the help is shown (the importers' modules load lazily)."""

    def __init__(self, *args: Any, importer: Importer | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)
        self.importer = importer

    def format_help(self) -> str:
        if self.importer is not None and self.epilog is None:
            self.epilog = fields_help(self.importer.fields())
        return super().format_help()


def fields_help(fields: Sequence[ImportField]) -> str:
    if not fields:  # a file with no columns to map (a bank statement in OFX)
        return ""
    width = max(len(item.key) for item in fields)
    lines = [_("Fields (FIELD in --map FIELD=COLUMN; * required):")]
    lines += [
        f"  {item.key.ljust(width)}  {'*' if item.required else ' '} {_(item.label)}" for item in fields
    ]
    return "\n".join(lines)


def _show(result: ImportResult) -> int:
    for line in result.report_lines():
        say(line)
    say(_summary(result))
    return 1 if result.errors and not result.written else 0


def _summary(result: ImportResult) -> str:
    """The importer's summary, except that rows held back for errors point at --good-rows."""
    if result.dry_run or result.written or not result.errors or result.total == 0:
        return result.summary()
    counts = ngettext("{total} row read", "{total} rows read", result.total).format(
        total=format_decimal(result.total)
    )
    counts += ": " + _("{good} good, {bad} with errors.").format(
        good=format_decimal(result.good), bad=format_decimal(result.bad)
    )
    return f"{counts} " + _(
        "Nothing was written: fix the rows with errors, or run again with --good-rows to import the good ones."
    )


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


def mapping_for(fields: Sequence[ImportField], headers: Sequence[str], pairs: Sequence[str]) -> ColumnMapping:
    """The suggested mapping changed by each --map FIELD=COLUMN."""
    mapping = suggest_mapping(fields, headers)
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
        mapping[key] = None if column == "-" else column_index(column, headers)
    return mapping


def no_column_for(fields: Sequence[ImportField], missing: Sequence[str], headers: Sequence[str]) -> UserError:
    """The refusal of a file in which no column was found (or given) for required fields."""
    named = ", ".join(f"{_(item.label)} ({item.key})" for item in fields if item.key in missing)
    columns = ", ".join(f"{column_name(index)} “{header}”" for index, header in enumerate(headers))
    return UserError(
        _(
            "No column of the file was found for: {fields}. Name one with --map FIELD=COLUMN (a column's "
            "header, letter or number). The file's columns: {columns}."
        ).format(fields=named, columns=columns),
        code="cli.no_column",
    )


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
    fields: Sequence[ImportField] = importer.fields()
    required = [item.key for item in fields if item.required]
    mapping: ColumnMapping | None = None
    try:
        with reporting(_progress_on_terminal()):
            if args.map:
                headers = read_table(path).headers
                mapping = mapping_for(fields, headers, args.map)
                if missing := [key for key in required if mapping.get(key) is None]:
                    raise no_column_for(fields, missing, headers)
            result = importer.run(
                db, actor, path, mapping, args.dry_run, args.good_rows, **_options(args, importer.options)
            )
    except ValidationError as exc:
        # Without --map the suggestion uses each column once: what it refuses is a field left without one.
        missing = [error.field for error in exc.errors]
        if mapping is not None or not set(missing) <= set(required):
            raise
        raise no_column_for(fields, missing, read_table(path).headers) from None
    except KeyboardInterrupt:
        raise Cancelled(_("Interrupted: nothing was written.")) from None
    finally:
        if sys.stderr.isatty():
            print(file=sys.stderr)
    return _show(result)


def export_format(path: Path, given: str | None, extra: tuple[str, ...] = ()) -> ExportFormat | str:
    """The format --format names, else the one the file's extension names; refused when they differ.
    `extra` are the formats an exporter writes itself beyond CSV and XLSX (`Exporter.formats`)."""
    known: dict[str, ExportFormat | str] = {f".{fmt.value}": fmt for fmt in ExportFormat}
    known |= {f".{name}": name for name in extra}
    by_extension = known.get(path.suffix.lower())
    names = ", ".join([*(fmt.value for fmt in ExportFormat), *extra])
    if given is None:
        if by_extension is None:
            raise UserError(
                _("Name the file with the extension of its format ({formats}), or give --format.").format(
                    formats=names
                ),
                code="cli.export_format_unknown",
            )
        return by_extension
    chosen: ExportFormat | str = given if given in extra else ExportFormat(given)
    if by_extension is not None and by_extension != chosen:
        raise UserError(
            _("--format {format} does not match the file name {name}: give one or the other.").format(
                format=str(chosen), name=path.name
            ),
            code="cli.export_format_mismatch",
        )
    return chosen


def cmd_export(args: argparse.Namespace) -> int:
    exporter = exporters()[args.kind]
    path = output_file(args.output)
    fmt = export_format(path, args.format, exporter.formats)
    db = open_db(args)
    actor = acting_user(args, db)
    count = exporter.run(db, actor, path, fmt, **_options(args, exporter.options))
    say(ngettext("{n} row written to {path}", "{n} rows written to {path}", count).format(n=count, path=path))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    report = reports()[args.name]
    path = output_file(args.output)
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
            choices=option.choices or None,
            action="append" if option.repeat else "store",
        )


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    imp = add_command(commands, "import", help=_("import a CSV or XLSX file"))
    kinds = imp.add_subparsers(dest="kind", metavar="KIND", required=True, parser_class=ImportParser)
    for importer in importers().values():
        sub = add_command(
            kinds, importer.key, help=_("import {what}").format(what=_(importer.title)), importer=importer
        )
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

    exp = add_command(commands, "export", help=_("export a list to CSV or XLSX"))
    lists = exp.add_subparsers(dest="kind", metavar="KIND", required=True)
    for exporter in exporters().values():
        export = add_command(lists, exporter.key, help=_("export {what}").format(what=_(exporter.title)))
        export.add_argument(
            "--format",
            choices=[*(fmt.value for fmt in ExportFormat), *exporter.formats],
            help=_("the file's format (default: the one its extension names)"),
        )
        export.add_argument("-o", "--output", required=True, metavar="FILE")
        _add_options(export, exporter.options)
        export.set_defaults(run=cmd_export)

    rep = add_command(commands, "report", help=_("write a PDF report"))
    names = rep.add_subparsers(dest="name", metavar="NAME", required=True)
    for report in reports().values():
        write = add_command(
            names, report.key, help=_("write the report of {what}").format(what=_(report.title))
        )
        _add_options(write, report.options)
        write.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
        write.set_defaults(run=cmd_report)
