"""`bodesk import ...`, `bodesk export ...`, `bodesk report ...`."""

from __future__ import annotations

import argparse
from pathlib import Path

from bodesk.commands.context import acting_user, open_db, say
from bodesk.domain.common.errors import UserError
from bodesk.domain.common.export import ExportFormat
from bodesk.domain.common.importing import ImportResult
from bodesk.i18n import _, ngettext

IMPORT_KINDS = ("products", "suppliers", "supplier-prices", "stock-count")
EXPORT_KINDS = ("products", "stock")
REPORTS = ("stock-availability", "stock-valuation", "expiry")


def _show(result: ImportResult) -> int:
    for line in result.report_lines():
        say(line)
    say(result.summary())
    return 1 if result.errors and not result.written else 0


def cmd_import(args: argparse.Namespace) -> int:
    db = open_db(args)
    actor = acting_user(args, db)
    path = Path(args.file)
    if args.kind == "products":
        from bodesk.domain.stock.imports import import_products_file

        result = import_products_file(db, actor, path, dry_run=args.dry_run, import_good_rows=args.good_rows)
    elif args.kind == "stock-count":
        from bodesk.domain.stock.count_import import find_open_count, import_count_file

        count_id = find_open_count(db, actor, args.warehouse)
        result = import_count_file(
            db, actor, count_id, path, dry_run=args.dry_run, import_good_rows=args.good_rows
        )
    else:
        from bodesk.domain.purchasing.imports import import_supplier_prices_file, import_suppliers_file

        run = import_suppliers_file if args.kind == "suppliers" else import_supplier_prices_file
        result = run(db, actor, path, dry_run=args.dry_run, import_good_rows=args.good_rows)
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
