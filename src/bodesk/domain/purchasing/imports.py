"""Importing suppliers and supplier prices from spreadsheets.

Suppliers: a row whose CNPJ/CPF exists updates that supplier (only the mapped columns change),
any other row adds one. Supplier prices: each row names the supplier (CNPJ/CPF), the product (SKU
or barcode), optionally the packaging bought (by name), the price of one package, the supplier's
own code and whether it is the preferred supplier. Every row is checked (a few queries for the
whole file) before anything is written; the good rows are checked again and written in ONE short
unit of work with bulk statements (supplier_saving, price_saving), all or nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.access.permissions import DATA_IMPORT
from bodesk.domain.common.codes import code_key
from bodesk.domain.common.errors import UserError, ValidationError
from bodesk.domain.common.importing import (
    ColumnMapping,
    ImportField,
    ImportResult,
    ParsedRow,
    RowError,
    authorize_import,
    row_errors,
    run_import,
    suggest_mapping,
    validate_mapping,
)
from bodesk.domain.common.listing import chunks
from bodesk.domain.common.money import UNIT_PRICE_RULE
from bodesk.domain.common.parsing import NumberParser, parse_bool
from bodesk.domain.common.tabular import Table, read_table
from bodesk.domain.common.taxid import validate_tax_id
from bodesk.domain.purchasing.models import Supplier
from bodesk.domain.purchasing.permissions import SUPPLIERS_EDIT
from bodesk.domain.purchasing.price_saving import PriceChange, check_prices, cleaned_price, set_prices_in
from bodesk.domain.purchasing.supplier_saving import (
    DAYS_RULE,
    SupplierChange,
    SupplierData,
    check_suppliers,
    cleaned_supplier,
    save_suppliers_in,
)
from bodesk.domain.stock.models import Packaging
from bodesk.domain.stock.search import products_by_code
from bodesk.i18n import N_, _
from bodesk.store.engine import Database

TAX_ID = ImportField(
    "tax_id",
    N_("CNPJ/CPF"),
    required=True,
    parse=validate_tax_id,
    synonyms=("cnpj", "cpf", "cnpj/cpf", "cpf/cnpj", "tax id", "documento"),
)
SUPPLIER_FIELDS = (
    ImportField(
        "name",
        N_("Company name"),
        synonyms=("razão social", "razao social", "nome", "fornecedor", "company", "name"),
    ),
    TAX_ID,
    ImportField("trade_name", N_("Trade name"), synonyms=("nome fantasia", "fantasia", "trade name")),
    ImportField("contact_name", N_("Contact"), synonyms=("contato", "contact", "responsável", "vendedor")),
    ImportField("email", N_("E-mail"), synonyms=("e-mail", "email")),
    ImportField("phone", N_("Phone"), synonyms=("telefone", "fone", "phone", "celular")),
    ImportField("city", N_("City"), synonyms=("cidade", "município", "city")),
    ImportField("state", N_("State"), synonyms=("uf", "estado", "state")),
    ImportField(
        "payment_terms_days",
        N_("Payment terms (days)"),
        parse=NumberParser(DAYS_RULE, minimum=Decimal(0)),
        synonyms=("prazo de pagamento", "prazo", "condição de pagamento", "payment terms"),
    ),
    ImportField(
        "lead_time_days",
        N_("Lead time (days)"),
        parse=NumberParser(DAYS_RULE, minimum=Decimal(0)),
        synonyms=("prazo de entrega", "lead time", "entrega (dias)"),
    ),
    ImportField("notes", N_("Notes"), synonyms=("observações", "obs", "notes")),
)
PRICE_FIELDS = (
    ImportField(
        "supplier",
        N_("Supplier CNPJ/CPF"),
        required=True,
        parse=validate_tax_id,
        synonyms=("cnpj", "cnpj do fornecedor", "fornecedor", "supplier", "cpf/cnpj"),
    ),
    ImportField(
        "product",
        N_("Product (SKU or barcode)"),
        required=True,
        synonyms=("sku", "código", "codigo", "produto", "ean", "product"),
    ),
    ImportField(
        "package_price",
        N_("Price of one package"),
        required=True,
        parse=NumberParser(UNIT_PRICE_RULE, minimum=Decimal(0)),
        synonyms=("preço", "preco", "preço de compra", "price", "custo", "valor"),
    ),
    ImportField("packaging", N_("Packaging"), synonyms=("embalagem", "packaging", "caixa")),
    ImportField(
        "supplier_sku",
        N_("Supplier's code"),
        synonyms=("código do fornecedor", "cód. fornecedor", "supplier sku", "referência"),
    ),
    ImportField(
        "preferred", N_("Preferred"), parse=parse_bool, synonyms=("preferencial", "principal", "preferred")
    ),
)


def supplier_import_fields() -> tuple[ImportField, ...]:
    return SUPPLIER_FIELDS


def price_import_fields() -> tuple[ImportField, ...]:
    return PRICE_FIELDS


def _suppliers_by_tax_id(session: Session, tax_ids: Sequence[str]) -> dict[str, Supplier]:
    found: dict[str, Supplier] = {}
    for chunk in chunks(sorted(set(tax_ids))):
        for supplier in session.execute(select(Supplier).where(Supplier.tax_id.in_(chunk))).scalars():
            found[supplier.tax_id] = supplier
    return found


def _supplier_changes(session: Session, rows: Sequence[ParsedRow]) -> list[SupplierChange]:
    """One change per row: a new supplier, or the stored one with the mapped columns replaced."""
    existing = _suppliers_by_tax_id(session, [str(row.values["tax_id"]) for row in rows])
    changes = []
    for row in rows:
        values = {key: value for key, value in row.values.items() if value is not None}
        found = existing.get(str(row.values["tax_id"]))
        if found is None:
            data = SupplierData(**{"name": "", **values})
        else:
            current = {key: getattr(found, key) for key in SupplierData.__dataclass_fields__}
            data = replace(SupplierData(**current), **values)
        changes.append(SupplierChange(found.id if found else None, cleaned_supplier(data)))
    return changes


def _check_suppliers(db: Database, rows: list[ParsedRow]) -> list[RowError]:
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for row in rows:
        tax_id = str(row.values["tax_id"])
        if tax_id in seen:
            errors.append(
                RowError(
                    row.line,
                    TAX_ID.label,
                    tax_id,
                    _("The same CNPJ/CPF is on line {line} too.").format(line=seen[tax_id]),
                )
            )
        seen[tax_id] = row.line
    repeated = {error.line for error in errors}
    rows = [row for row in rows if row.line not in repeated]
    with db.read() as session:
        changes = _supplier_changes(session, rows)
        for index, problems in check_suppliers(session, changes).items():
            errors.extend(row_errors(SUPPLIER_FIELDS, rows[index], ValidationError(problems)))
    return errors


def _apply_suppliers(db: Database, actor: Actor, rows: list[ParsedRow]) -> int:
    with db.write() as session:
        require(session, actor, DATA_IMPORT)
        require(session, actor, SUPPLIERS_EDIT)
        save_suppliers_in(session, actor, _supplier_changes(session, rows))
        return len(rows)


def import_suppliers(
    db: Database,
    actor: Actor,
    table: Table,
    mapping: ColumnMapping,
    dry_run: bool = False,
    import_good_rows: bool = False,
) -> ImportResult:
    authorize_import(db, actor, SUPPLIERS_EDIT)
    validate_mapping(SUPPLIER_FIELDS, mapping, table.headers)
    return run_import(
        SUPPLIER_FIELDS,
        table,
        mapping,
        lambda rows: _apply_suppliers(db, actor, rows),
        dry_run,
        import_good_rows,
        rows_check=lambda rows: _check_suppliers(db, rows),
    )


def import_suppliers_file(
    db: Database,
    actor: Actor,
    path: Path,
    mapping: ColumnMapping | None = None,
    dry_run: bool = False,
    import_good_rows: bool = False,
) -> ImportResult:
    authorize_import(db, actor, SUPPLIERS_EDIT)
    table = read_table(path)
    chosen = mapping or suggest_mapping(SUPPLIER_FIELDS, table.headers)
    return import_suppliers(db, actor, table, chosen, dry_run, import_good_rows)


def _price_changes(
    session: Session, rows: Sequence[ParsedRow]
) -> tuple[list[tuple[ParsedRow, PriceChange]], list[tuple[ParsedRow, UserError]]]:
    """The change each row names, looked up for the whole file at once; a row that names an unknown
    supplier, product or packaging is refused instead."""
    tax_ids = [str(row.values["supplier"]) for row in rows]
    suppliers = {tax_id: found.id for tax_id, found in _suppliers_by_tax_id(session, tax_ids).items()}
    products = products_by_code(session, [str(row.values["product"]) for row in rows])
    packagings = _packagings(session, set(products.values()))
    changes: list[tuple[ParsedRow, PriceChange]] = []
    refused: list[tuple[ParsedRow, UserError]] = []
    for row in rows:
        tax_id, code = str(row.values["supplier"]), code_key(str(row.values["product"]))
        name = " ".join(str(row.values.get("packaging") or "").split())
        product = products.get(code)
        if tax_id not in suppliers:
            refused.append(
                (
                    row,
                    UserError(
                        _("No supplier has the CNPJ/CPF {number}: import the suppliers first.").format(
                            number=tax_id
                        ),
                        code="supplier_price.unknown_supplier",
                    ),
                )
            )
        elif product is None:
            refused.append(
                (
                    row,
                    UserError(
                        _("No product has the SKU or barcode “{code}”.").format(code=code),
                        code="supplier_price.unknown_product",
                    ),
                )
            )
        elif name and (product, name) not in packagings:
            refused.append(
                (
                    row,
                    UserError(
                        _("The product has no packaging “{name}”.").format(name=name),
                        code="supplier_price.unknown_packaging",
                    ),
                )
            )
        else:
            change = PriceChange(
                suppliers[tax_id],
                product,
                packagings.get((product, name)),
                row.values["package_price"],
                str(row.values.get("supplier_sku") or ""),
                bool(row.values.get("preferred")),
            )
            changes.append((row, cleaned_price(change)))
    return changes, refused


def _packagings(session: Session, product_ids: set[int]) -> dict[tuple[int, str], int]:
    found: dict[tuple[int, str], int] = {}
    for chunk in chunks(sorted(product_ids)):
        stmt = select(Packaging.product_id, Packaging.name, Packaging.id).where(
            Packaging.product_id.in_(chunk)
        )
        found.update(
            ((product_id, name), packaging_id)
            for product_id, name, packaging_id in session.execute(stmt).all()
        )
    return found


def _check_prices(db: Database, rows: list[ParsedRow]) -> list[RowError]:
    with db.read() as session:
        changes, refused = _price_changes(session, rows)
        errors = [RowError(row.line, "", "", error.message) for row, error in refused]
        seen: dict[tuple[int, int], int] = {}
        kept: list[tuple[ParsedRow, PriceChange]] = []
        for row, change in changes:
            pair = (change.supplier_id, change.product_id)
            if pair in seen:
                message = _("The same supplier and product are on line {line} too.").format(line=seen[pair])
                errors.append(RowError(row.line, "", "", message))
            else:
                kept.append((row, change))
            seen[pair] = row.line
        for index, found in check_prices(session, [change for _row, change in kept]).items():
            errors.extend(row_errors(PRICE_FIELDS, kept[index][0], ValidationError(found)))
    return errors


def _apply_prices(db: Database, actor: Actor, rows: list[ParsedRow]) -> int:
    with db.write() as session:
        require(session, actor, DATA_IMPORT)
        require(session, actor, SUPPLIERS_EDIT)
        changes, refused = _price_changes(session, rows)
        if refused:
            raise refused[0][1]
        set_prices_in(session, actor, [change for _row, change in changes])
        return len(rows)


def import_supplier_prices(
    db: Database,
    actor: Actor,
    table: Table,
    mapping: ColumnMapping,
    dry_run: bool = False,
    import_good_rows: bool = False,
) -> ImportResult:
    authorize_import(db, actor, SUPPLIERS_EDIT)
    validate_mapping(PRICE_FIELDS, mapping, table.headers)
    return run_import(
        PRICE_FIELDS,
        table,
        mapping,
        lambda rows: _apply_prices(db, actor, rows),
        dry_run,
        import_good_rows,
        rows_check=lambda rows: _check_prices(db, rows),
    )


def import_supplier_prices_file(
    db: Database,
    actor: Actor,
    path: Path,
    mapping: ColumnMapping | None = None,
    dry_run: bool = False,
    import_good_rows: bool = False,
) -> ImportResult:
    authorize_import(db, actor, SUPPLIERS_EDIT)
    table = read_table(path)
    chosen = mapping or suggest_mapping(PRICE_FIELDS, table.headers)
    return import_supplier_prices(db, actor, table, chosen, dry_run, import_good_rows)
