"""Importing the product catalogue from a spreadsheet: a row whose SKU exists (ignoring case) updates
that product (only the mapped columns change), any other row adds a product; an optional packaging per
row, added unless the product already has one of that name.

Every row is checked against the catalogue (and against the other rows of the file) in a few queries
before anything is written; then all good rows are checked again and written in ONE short unit of work
(product_saving's bulk writes), so the import is all or nothing and other desks barely wait.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.access.permissions import DATA_IMPORT
from bodesk.domain.common.codes import code_key
from bodesk.domain.common.errors import FieldError, ValidationError
from bodesk.domain.common.importing import (
    ImportField,
    ImportResult,
    ParsedRow,
    RowError,
    row_errors,
    run_import,
    suggest_mapping,
    validate_mapping,
)
from bodesk.domain.common.listing import chunks
from bodesk.domain.common.money import PRICE_RULE, QUANTITY_RULE, UNIT_PRICE_RULE
from bodesk.domain.common.parsing import NumberParser, parse_bool
from bodesk.domain.common.progress import report
from bodesk.domain.common.tabular import Table, read_table
from bodesk.domain.stock.models import Category, Product
from bodesk.domain.stock.packaging_saving import (
    PackagingChange,
    add_packagings_in,
    check_packagings,
    cleaned_packaging,
    packaging_names,
)
from bodesk.domain.stock.permissions import CATALOGUE_EDIT
from bodesk.domain.stock.product_rules import SHELF_LIFE_RULE, ProductData, cleaned, validate_gtin
from bodesk.domain.stock.product_saving import (
    PreparedProducts,
    ProductChange,
    check_products,
    prepare_products,
    save_products_in,
)
from bodesk.i18n import N_, _
from bodesk.store.engine import Database

_ZERO_OR_MORE = Decimal(0)
FIELDS = (
    ImportField(
        "sku", N_("SKU"), required=True, synonyms=("sku", "código", "codigo", "cod", "code", "referência")
    ),
    ImportField(
        "name", N_("Name"), synonyms=("nome", "descrição", "descricao", "produto", "product", "description")
    ),
    ImportField(
        "gtin",
        N_("Barcode (GTIN/EAN)"),
        parse=validate_gtin,
        synonyms=("ean", "gtin", "código de barras", "barcode", "ean13"),
    ),
    ImportField("brand", N_("Brand"), synonyms=("marca", "brand", "fabricante")),
    ImportField("category", N_("Category"), synonyms=("categoria", "category", "grupo", "família")),
    ImportField("base_unit", N_("Unit"), synonyms=("unidade", "un", "unit", "und")),
    ImportField("ncm", N_("NCM"), synonyms=("ncm",)),
    ImportField(
        "sale_price",
        N_("Sale price"),
        parse=NumberParser(PRICE_RULE, minimum=_ZERO_OR_MORE),
        synonyms=("preço de venda", "preco venda", "preço", "price", "sale price", "valor"),
    ),
    ImportField(
        "cost",
        N_("Cost"),
        parse=NumberParser(UNIT_PRICE_RULE, minimum=_ZERO_OR_MORE),
        synonyms=("custo", "preço de custo", "cost", "custo médio"),
    ),
    ImportField(
        "min_stock",
        N_("Minimum stock"),
        parse=NumberParser(QUANTITY_RULE, minimum=_ZERO_OR_MORE),
        synonyms=("estoque mínimo", "mínimo", "min", "minimum"),
    ),
    ImportField(
        "max_stock",
        N_("Maximum stock"),
        parse=NumberParser(QUANTITY_RULE, minimum=_ZERO_OR_MORE),
        synonyms=("estoque máximo", "máximo", "max", "maximum"),
    ),
    ImportField(
        "lot_tracked",
        N_("Tracked by lot"),
        parse=parse_bool,
        synonyms=("controla lote", "lote", "lot tracked", "lots"),
    ),
    ImportField(
        "shelf_life_days",
        N_("Shelf life (days)"),
        parse=NumberParser(SHELF_LIFE_RULE),
        synonyms=("validade dias", "validade (dias)", "shelf life", "prazo de validade"),
    ),
    ImportField(
        "returnable",
        N_("Returnable"),
        parse=parse_bool,
        synonyms=("retornável", "retornavel", "vasilhame", "returnable"),
    ),
    ImportField("packaging", N_("Packaging"), synonyms=("embalagem", "packaging", "caixa", "fardo")),
    ImportField(
        "packaging_units",
        N_("Units per packaging"),
        parse=NumberParser(QUANTITY_RULE, minimum=_ZERO_OR_MORE),
        synonyms=("unidades por embalagem", "qtd embalagem", "units per pack", "quantidade por caixa"),
    ),
    ImportField(
        "packaging_gtin",
        N_("Packaging barcode"),
        parse=validate_gtin,
        synonyms=("ean da embalagem", "dun", "dun14", "gtin caixa", "packaging barcode"),
    ),
)
_PRODUCT_KEYS = frozenset(ProductData.__dataclass_fields__)
_PACKAGING_FIELDS = {"name": "packaging", "units": "packaging_units", "gtin": "packaging_gtin"}


def product_import_fields() -> tuple[ImportField, ...]:
    return FIELDS


def _label(key: str) -> str:
    return next((field.label for field in FIELDS if field.key == key), "")


@dataclass(frozen=True)
class _Planned:
    """What the good rows will change, prepared before any write: one product change per row (made
    from the stored products `existing` as they were read), and the packagings to add (with the
    position of the row whose product they belong to)."""

    existing: dict[str, tuple[int, ProductData]]
    products: PreparedProducts
    packagings: list[tuple[int, PackagingChange]]


def _existing(session: Session, skus: Sequence[str]) -> dict[str, tuple[int, ProductData]]:
    """The stored products named by the file's SKUs (in capitals), as their editable data."""
    found: dict[str, tuple[int, ProductData]] = {}
    for chunk in chunks(sorted({code_key(sku) for sku in skus})):
        rows = session.execute(
            select(Product, Category.name)
            .outerjoin(Category, Category.id == Product.category_id)
            .where(func.upper(Product.sku).in_(chunk))
        )
        for product, category in rows.all():
            data = ProductData(
                sku=product.sku,
                name=product.name,
                gtin=product.gtin or "",
                brand=product.brand,
                category=category or "",
                base_unit=product.base_unit,
                ncm=product.ncm,
                sale_price=product.sale_price,
                min_stock=product.min_stock,
                max_stock=product.max_stock,
                lot_tracked=product.lot_tracked,
                shelf_life_days=product.shelf_life_days,
                returnable=product.returnable,
            )
            found[code_key(product.sku)] = (product.id, data)
    return found


def _data(row: ParsedRow, existing: tuple[int, ProductData] | None) -> ProductData:
    values = {key: value for key, value in row.values.items() if key in _PRODUCT_KEYS and value is not None}
    values["sku"] = str(row.values["sku"])
    if existing is None:
        return cleaned(ProductData(**{"name": "", **values}))
    values.pop("cost", None)  # the average cost of an existing product changes only through the ledger
    return cleaned(replace(existing[1], **values))


def _plan(session: Session, rows: Sequence[ParsedRow]) -> _Planned:
    existing = _existing(session, [str(row.values["sku"]) for row in rows])
    products: list[ProductChange] = []
    for row in rows:
        found = existing.get(code_key(str(row.values["sku"])))
        products.append(ProductChange(found[0] if found else None, _data(row, found)))
    have = packaging_names(
        session, {change.product_id for change in products if change.product_id is not None}
    )
    packagings: list[tuple[int, PackagingChange]] = []
    for index, (row, change) in enumerate(zip(rows, products, strict=True)):
        name = str(row.values.get("packaging") or "")
        units = row.values.get("packaging_units")
        if not name or units is None:
            continue
        packaging = cleaned_packaging(
            PackagingChange(change.product_id, name, units, str(row.values.get("packaging_gtin") or ""))
        )
        if (change.product_id, packaging.name) not in have:
            packagings.append((index, packaging))
    return _Planned(existing, prepare_products(products), packagings)


def _duplicates(rows: Sequence[ParsedRow]) -> list[RowError]:
    """Codes repeated in the file (SKUs ignoring case, barcodes of products and packagings)."""
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for row in rows:
        for key in ("sku", "gtin", "packaging_gtin"):
            code = code_key(str(row.values.get(key) or ""))
            if not code:
                continue
            if code in seen:
                errors.append(
                    RowError(
                        row.line,
                        _label(key),
                        code,
                        _("The same code is on line {line} too.").format(line=seen[code]),
                    )
                )
            seen[code] = row.line
        if ("packaging" in row.values) != ("packaging_units" in row.values) or (
            row.values.get("packaging") and not row.values.get("packaging_units")
        ):
            errors.append(
                RowError(
                    row.line,
                    _label("packaging_units"),
                    "",
                    _("A packaging needs its name and its number of units."),
                )
            )
    return errors


def _check(db: Database, actor: Actor, rows: list[ParsedRow]) -> list[RowError]:
    errors = _duplicates(rows)
    repeated = {error.line for error in errors}
    rows = [row for row in rows if row.line not in repeated]
    with db.read() as session:
        require(session, actor, DATA_IMPORT)
        planned = _plan(session, rows)
        report(_("Checking the rows…"), 0.55)
        for index, problems in check_products(session, planned.products).items():
            errors.extend(row_errors(FIELDS, rows[index], ValidationError(problems)))
        packagings = [change for _index, change in planned.packagings]
        for position, problems in check_packagings(session, packagings).items():
            row = rows[planned.packagings[position][0]]
            named = [FieldError(_PACKAGING_FIELDS.get(p.field, p.field), p.message) for p in problems]
            errors.extend(row_errors(FIELDS, row, ValidationError(named)))
    return errors


def _apply(db: Database, actor: Actor, rows: list[ParsedRow]) -> int:
    """Plan the rows in a read (the slow part), then write them in one short unit of work; planned
    again inside it only if a product the file names changed in between."""
    with db.read() as session:
        planned = _plan(session, rows)
    report(_("Writing…"), 0.8)
    with db.write() as session:
        require(session, actor, DATA_IMPORT)
        require(session, actor, CATALOGUE_EDIT)
        if _existing(session, [str(row.values["sku"]) for row in rows]) != planned.existing:
            planned = _plan(session, rows)
        ids = save_products_in(session, actor, planned.products)
        packagings = [replace(change, product_id=ids[index]) for index, change in planned.packagings]
        skus = {ids[index]: planned.products.changes[index].data.sku for index, _change in planned.packagings}
        add_packagings_in(session, actor, packagings, skus)
        report(_("Writing…"), 0.95)
        return len(rows)


def import_products(
    db: Database,
    actor: Actor,
    table: Table,
    mapping: dict[str, int | None],
    dry_run: bool = False,
    import_good_rows: bool = False,
) -> ImportResult:
    with db.read() as session:
        require(session, actor, DATA_IMPORT)
    return run_import(
        FIELDS,
        table,
        mapping,
        lambda rows: _apply(db, actor, rows),
        dry_run,
        import_good_rows,
        rows_check=lambda rows: _check(db, actor, rows),
    )


def import_products_file(
    db: Database,
    actor: Actor,
    path: Path,
    mapping: dict[str, int | None] | None = None,
    dry_run: bool = False,
    import_good_rows: bool = False,
) -> ImportResult:
    table = read_table(path)
    chosen = mapping or suggest_mapping(FIELDS, table.headers)
    validate_mapping(FIELDS, chosen, table.headers)
    return import_products(db, actor, table, chosen, dry_run, import_good_rows)
