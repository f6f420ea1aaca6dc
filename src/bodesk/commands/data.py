"""`bodesk import ...`, `bodesk export ...`, `bodesk report ...`."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from bodesk.commands.context import acting_user, open_db, say
from bodesk.domain.common.errors import UserError
from bodesk.domain.common.export import ExportFormat
from bodesk.domain.common.importing import ColumnMapping, ImportField, ImportResult, suggest_mapping
from bodesk.domain.common.tabular import read_table
from bodesk.i18n import _, ngettext

IMPORT_KINDS = ("products", "suppliers", "supplier-prices", "stock-count")
EXPORT_KINDS = ("products", "stock")
REPORTS = ("stock-availability", "stock-valuation", "expiry")


def _show(result: ImportResult) -> int:
    for line in result.report_lines():
        say(line)
    say(result.summary())
    return 1 if result.errors and not result.written else 0


def _fields(kind: str) -> Sequence[ImportField]:
    if kind == "products":
        from bodesk.domain.stock.imports import product_import_fields

        return product_import_fields()
    if kind == "stock-count":
        from bodesk.domain.stock.count_import import count_import_fields

        return count_import_fields()
    from bodesk.domain.purchasing.imports import PRICE_FIELDS, SUPPLIER_FIELDS

    return SUPPLIER_FIELDS if kind == "suppliers" else PRICE_FIELDS


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
    raise UserError(_("The file has no column “{column}”.").format(column=spec))


def mapping_for(kind: str, path: Path, pairs: Sequence[str]) -> ColumnMapping | None:
    """The suggested mapping changed by each --map FIELD=COLUMN; None when nothing was given."""
    if not pairs:
        return None
    fields = _fields(kind)
    table = read_table(path)
    mapping = suggest_mapping(fields, table.headers)
    keys = {field.key for field in fields}
    for pair in pairs:
        key, _sep, column = pair.partition("=")
        if key not in keys or not column:
            raise UserError(
                _("--map takes FIELD=COLUMN with FIELD one of: {fields}.").format(
                    fields=", ".join(sorted(keys))
                )
            )
        mapping[key] = None if column == "-" else column_index(column, table.headers)
    return mapping


def cmd_import(args: argparse.Namespace) -> int:
    db = open_db(args)
    actor = acting_user(args, db)
    path = Path(args.file)
    mapping = mapping_for(args.kind, path, args.map or [])
    if args.kind == "products":
        from bodesk.domain.stock.imports import import_products_file

        result = import_products_file(db, actor, path, mapping, args.dry_run, args.good_rows)
    elif args.kind == "stock-count":
        from bodesk.domain.stock.count_import import find_open_count, import_count_file

        count_id = find_open_count(db, actor, args.warehouse)
        result = import_count_file(db, actor, count_id, path, mapping, args.dry_run, args.good_rows)
    else:
        from bodesk.domain.purchasing.imports import import_supplier_prices_file, import_suppliers_file

        run = import_suppliers_file if args.kind == "suppliers" else import_supplier_prices_file
        result = run(db, actor, path, mapping, args.dry_run, args.good_rows)
    return _show(result)


def cmd_export(args: argparse.Namespace) -> int:
    from bodesk.domain.stock.exports import export_products, export_stock

    db = open_db(args)
    actor = acting_user(args, db)
    fmt = ExportFormat(args.format)
    path = Path(args.output)
    count = (
        export_products(db, actor, path, fmt)
        if args.kind == "products"
        else export_stock(db, actor, path, fmt)
    )
    say(ngettext("{n} row written to {path}", "{n} rows written to {path}", count).format(n=count, path=path))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from bodesk.reports.expiry import write_expiry
    from bodesk.reports.stock_availability import write_stock_availability
    from bodesk.reports.stock_valuation import write_stock_valuation

    db = open_db(args)
    actor = acting_user(args, db)
    path = Path(args.output)
    if path.suffix.lower() != ".pdf":
        raise UserError(_("Reports are PDF files: name the output FILE.pdf."))
    if args.name == "stock-availability":
        write_stock_availability(db, actor, path)
    elif args.name == "stock-valuation":
        write_stock_valuation(db, actor, path)
    else:
        write_expiry(db, actor, path, days=args.days)
    say(_("Report written: {path}").format(path=path))
    return 0


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    imp = commands.add_parser(
        "import", help=_("import products, suppliers, supplier prices or a stock count")
    )
    imp.add_argument("kind", choices=IMPORT_KINDS)
    imp.add_argument("file", metavar="FILE", help=_("CSV (UTF-8 or Windows-1252, ; or ,) or XLSX"))
    imp.add_argument("--dry-run", action="store_true", help=_("check every row and write nothing"))
    imp.add_argument("--good-rows", action="store_true", help=_("import the good rows even if some are bad"))
    imp.add_argument(
        "--warehouse", metavar="CODE", help=_("stock-count: the warehouse whose open count to fill")
    )
    imp.add_argument(
        "--map",
        action="append",
        metavar="FIELD=COLUMN",
        help=_(
            "read FIELD from COLUMN (header, letter or number; - for none) instead of the suggested column"
        ),
    )
    imp.set_defaults(run=cmd_import)
    exp = commands.add_parser("export", help=_("export products or stock on hand"))
    exp.add_argument("kind", choices=EXPORT_KINDS)
    exp.add_argument("--format", choices=[fmt.value for fmt in ExportFormat], default="csv")
    exp.add_argument("-o", "--output", required=True, metavar="FILE")
    exp.set_defaults(run=cmd_export)
    rep = commands.add_parser("report", help=_("write a PDF report"))
    rep.add_argument("name", choices=REPORTS)
    rep.add_argument("--days", type=int, default=30, help=_("expiry: lots expiring within N days"))
    rep.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    rep.set_defaults(run=cmd_report)
