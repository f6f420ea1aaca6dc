"""Importing counted quantities from a CSV or XLSX file into an open count.

A row names a product by its code (barcode, SKU or a packaging's barcode: a case's barcode with 2
counts 2 cases), the quantity counted, and optionally the location (code), the lot and the lot's
expiry. Rows of the same product, place and lot are added up (one product found in two spots of a
bin can be two rows), and the file's total REPLACES what was counted on that line before: importing
the same file twice gives the same count.

Every problem is reported at once: the cells that cannot be read (the import framework) and the rows
the count refuses (an unknown code, a product of another category, a missing lot, a location of
another warehouse), each with its line. Nothing is written on a dry run, and nothing when a row is
bad unless the person chose to import the good rows.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.access.permissions import DATA_IMPORT
from bodesk.domain.common.errors import ValidationError
from bodesk.domain.common.importing import (
    ColumnMapping,
    ImportField,
    ImportResult,
    ParsedRow,
    RowError,
    parse_rows,
    row_errors,
    suggest_mapping,
)
from bodesk.domain.common.money import QUANTITY_RULE
from bodesk.domain.common.parsing import NumberParser, parse_date
from bodesk.domain.common.tabular import Table, read_table
from bodesk.domain.stock.count_entries import record_counts
from bodesk.domain.stock.count_resolver import CountEntry, CountResolver
from bodesk.domain.stock.counts import find_open_count, open_count
from bodesk.domain.stock.permissions import STOCK_COUNT
from bodesk.i18n import N_
from bodesk.store.engine import Database

__all__ = ["FIELDS", "check_rows", "find_open_count", "import_count_file", "import_counts"]

FIELDS = (
    ImportField(
        "code",
        N_("Product code"),
        required=True,
        synonyms=("codigo", "sku", "ean", "gtin", "barcode", "codigo de barras", "cod", "code"),
    ),
    ImportField(
        "quantity",
        N_("Counted quantity"),
        required=True,
        parse=NumberParser(QUANTITY_RULE, minimum=Decimal(0)),
        synonyms=("quantidade", "qtd", "qtde", "qty", "quantity", "contado", "counted", "contagem", "count"),
    ),
    ImportField(
        "location",
        N_("Location"),
        synonyms=("local", "localizacao", "endereco", "bin", "posicao", "location"),
    ),
    ImportField("lot", N_("Lot"), synonyms=("lote", "lot", "batch")),
    ImportField(
        "expiry",
        N_("Expiry"),
        parse=parse_date,
        synonyms=("validade", "vencimento", "data de validade", "expiry", "expiration", "best before"),
    ),
)


def count_import_fields() -> tuple[ImportField, ...]:
    return FIELDS


def _entry(row: ParsedRow) -> CountEntry:
    values: dict[str, Any] = row.values
    return CountEntry(
        code=str(values["code"]),
        quantity=values["quantity"],
        location=values.get("location") or None,
        lot=values.get("lot") or None,
        expiry=values.get("expiry"),
        line=row.line,
    )


def check_rows(db: Database, actor: Actor, count_id: int, rows: list[ParsedRow]) -> list[RowError]:
    """What the count refuses in rows whose cells all read well (nothing is written)."""
    errors: list[RowError] = []
    with db.read() as session:
        require(session, actor, STOCK_COUNT)
        resolver = CountResolver(session, open_count(session, count_id))
        resolver.load_all_lines()
        resolver.prefetch_codes(str(row.values["code"]) for row in rows)
        resolver.prefetch_lots(row.values.get("lot") for row in rows)
        for row in rows:
            entry = _entry(row)
            try:
                resolver.resolve(entry)
            except ValidationError as exc:
                errors.extend(row_errors(FIELDS, row, exc))
    return errors


def import_counts(
    db: Database,
    actor: Actor,
    count_id: int,
    table: Table,
    mapping: ColumnMapping | None = None,
    dry_run: bool = False,
    import_good_rows: bool = False,
) -> ImportResult:
    """Import a table already read (the screen reads it first to show the columns)."""
    with db.read() as session:
        require(session, actor, DATA_IMPORT)
        require(session, actor, STOCK_COUNT)
        open_count(session, count_id)
    chosen = mapping if mapping is not None else suggest_mapping(FIELDS, table.headers)
    parsed = parse_rows(FIELDS, table, chosen)
    refused = check_rows(db, actor, count_id, parsed.good)
    bad_lines = {error.line for error in refused}
    good = [row for row in parsed.good if row.line not in bad_lines]
    errors = sorted([*parsed.errors, *refused], key=lambda error: error.line)
    blocked = dry_run or not good or (bool(errors) and not import_good_rows)
    written = 0
    if not blocked:
        record_counts(db, actor, count_id, [_entry(row) for row in good], replace=True, source=table.source)
        written = len(good)
    return ImportResult(
        total=parsed.total,
        good=len(good),
        errors=errors,
        written=written,
        dry_run=dry_run,
        source=table.source,
        decimal_comma=parsed.decimal_comma,
    )


def import_count_file(
    db: Database,
    actor: Actor,
    count_id: int,
    path: Path,
    mapping: ColumnMapping | None = None,
    dry_run: bool = False,
    import_good_rows: bool = False,
) -> ImportResult:
    """`bodesk import stock-count FILE [--dry-run]`: read the file and import its counted quantities."""
    return import_counts(db, actor, count_id, read_table(Path(path)), mapping, dry_run, import_good_rows)


def import_into_open_count(
    db: Database,
    actor: Actor,
    path: Path,
    mapping: ColumnMapping | None = None,
    dry_run: bool = False,
    import_good_rows: bool = False,
    warehouse: str | None = None,
) -> ImportResult:
    """`bodesk import stock-count FILE [--warehouse CODE]`: into the one open count (of that warehouse)."""
    count_id = find_open_count(db, actor, warehouse)
    return import_count_file(db, actor, count_id, path, mapping, dry_run, import_good_rows)
