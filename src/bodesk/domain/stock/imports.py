"""Importing the product catalogue from a spreadsheet: a row whose SKU exists updates that product
(only the mapped columns change), any other row adds a product; an optional packaging per row.

Every row is checked against the catalogue (and against the other rows of the file) before anything
is written; then all good rows are written in ONE unit of work.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.access.permissions import DATA_IMPORT
from bodesk.domain.common.errors import ValidationError
from bodesk.domain.common.importing import (
    ImportField,
    ImportResult,
    ParsedRow,
    RowError,
    row_errors,
    run_import,
)
from bodesk.domain.common.parsing import NumberParser, parse_bool, parse_int
from bodesk.domain.common.tabular import Table, read_table
from bodesk.domain.stock.catalogue import (
    ProductData,
    add_packaging_in,
    clean_product_data,
    create_product_in,
    update_product_in,
    validate_gtin,
)
from bodesk.domain.stock.models import Category, Packaging, Product
from bodesk.domain.stock.permissions import CATALOGUE_EDIT
from bodesk.i18n import N_, _
from bodesk.store.engine import Database

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
        parse=NumberParser(minimum=Decimal(0)),
        synonyms=("preço de venda", "preco venda", "preço", "price", "sale price", "valor"),
    ),
    ImportField(
        "cost",
        N_("Cost"),
        parse=NumberParser(minimum=Decimal(0)),
        synonyms=("custo", "preço de custo", "cost", "custo médio"),
    ),
    ImportField(
        "min_stock",
        N_("Minimum stock"),
        parse=NumberParser(minimum=Decimal(0)),
        synonyms=("estoque mínimo", "mínimo", "min", "minimum"),
    ),
    ImportField(
        "max_stock",
        N_("Maximum stock"),
        parse=NumberParser(minimum=Decimal(0)),
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
        parse=parse_int,
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
        parse=NumberParser(minimum=Decimal(0)),
        synonyms=("unidades por embalagem", "qtd embalagem", "units per pack", "quantidade por caixa"),
    ),
    ImportField(
        "packaging_gtin",
        N_("Packaging barcode"),
        parse=validate_gtin,
        synonyms=("ean da embalagem", "dun", "dun14", "gtin caixa", "packaging barcode"),
    ),
)
_PRODUCT_KEYS = {
    "sku",
    "name",
    "gtin",
    "brand",
    "category",
    "base_unit",
    "ncm",
    "sale_price",
    "cost",
    "min_stock",
    "max_stock",
    "lot_tracked",
    "shelf_life_days",
    "returnable",
}


def product_import_fields() -> tuple[ImportField, ...]:
    return FIELDS


def _label(key: str) -> str:
    return next((field.label for field in FIELDS if field.key == key), "")


def _existing(session: Session, skus: list[str]) -> dict[str, tuple[int, ProductData]]:
    found: dict[str, tuple[int, ProductData]] = {}
    for start in range(0, len(skus), 500):
        rows = session.execute(
            select(Product, Category.name)
            .outerjoin(Category, Category.id == Product.category_id)
            .where(Product.sku.in_(skus[start : start + 500]))
        )
        for product, category in rows:
            found[product.sku] = (
                product.id,
                ProductData(
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
                    cost=None,
                ),
            )
    return found


def _data(row: ParsedRow, existing: tuple[int, ProductData] | None) -> ProductData:
    values = {key: value for key, value in row.values.items() if key in _PRODUCT_KEYS and value is not None}
    values["sku"] = str(row.values["sku"])
    if existing is None:
        return ProductData(**{"name": "", **values})
    if "cost" in values:
        values.pop("cost")  # the average cost of an existing product changes only through the ledger
    return replace(existing[1], **values)


def _check(db: Database, actor: Actor, rows: list[ParsedRow]) -> list[RowError]:
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    with db.read() as session:
        require(session, actor, DATA_IMPORT)
        existing = _existing(session, [str(row.values["sku"]) for row in rows])
        for row in rows:
            for key in ("sku", "gtin", "packaging_gtin"):
                code = str(row.values.get(key) or "").strip()
                if not code:
                    continue
                seen_key = code.lower() if key == "sku" else code
                if seen_key in seen:
                    errors.append(
                        RowError(
                            row.line,
                            _label(key),
                            code,
                            _("The same code is on line {line} too.").format(line=seen[seen_key]),
                        )
                    )
                seen[seen_key] = row.line
            found = existing.get(str(row.values["sku"]))
            try:
                clean_product_data(session, _data(row, found), found[0] if found else None)
            except ValidationError as exc:
                errors.extend(row_errors(FIELDS, row, exc))
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


def _apply(db: Database, actor: Actor, rows: list[ParsedRow]) -> int:
    with db.write() as session:
        require(session, actor, DATA_IMPORT)
        require(session, actor, CATALOGUE_EDIT)
        existing = _existing(session, [str(row.values["sku"]) for row in rows])
        for row in rows:
            found = existing.get(str(row.values["sku"]))
            data = _data(row, found)
            product = (
                update_product_in(session, actor, found[0], data)
                if found
                else create_product_in(session, actor, data)
            )
            name = row.values.get("packaging")
            if name:
                have = session.execute(
                    select(Packaging.id).where(Packaging.product_id == product.id, Packaging.name == name)
                ).first()
                if have is None:
                    add_packaging_in(
                        session,
                        actor,
                        product,
                        str(name),
                        row.values["packaging_units"],
                        str(row.values.get("packaging_gtin") or ""),
                    )
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
    from bodesk.domain.common.importing import suggest_mapping, validate_mapping

    table = read_table(path)
    chosen = mapping or suggest_mapping(FIELDS, table.headers)
    validate_mapping(FIELDS, chosen, table.headers)
    return import_products(db, actor, table, chosen, dry_run, import_good_rows)
