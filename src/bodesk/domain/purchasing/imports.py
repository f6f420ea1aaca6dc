"""Importing suppliers and supplier prices from spreadsheets.

Suppliers: a row whose CNPJ/CPF exists updates that supplier (only the mapped columns change),
any other row adds one. Supplier prices: each row names the supplier (CNPJ/CPF), the product (SKU
or barcode), optionally the packaging bought (by name), the price of one package, the supplier's
own code and whether it is the preferred supplier. Every row is checked before anything is
written; the good rows are written in ONE unit of work.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.access.permissions import DATA_IMPORT, Action
from bodesk.domain.common.errors import UserError, ValidationError
from bodesk.domain.common.importing import (
    ColumnMapping,
    ImportField,
    ImportResult,
    ParsedRow,
    RowError,
    row_errors,
    run_import,
    suggest_mapping,
    validate_mapping,
)
from bodesk.domain.common.parsing import NumberParser, parse_bool, parse_int
from bodesk.domain.common.tabular import Table, read_table
from bodesk.domain.common.taxid import validate_tax_id
from bodesk.domain.purchasing.models import Supplier
from bodesk.domain.purchasing.permissions import SUPPLIERS_EDIT
from bodesk.domain.purchasing.suppliers import (
    SupplierData,
    clean_supplier_data,
    create_supplier_in,
    set_supplier_price_in,
    update_supplier_in,
)
from bodesk.domain.stock.models import Packaging
from bodesk.domain.stock.search import product_by_code
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
        parse=parse_int,
        synonyms=("prazo de pagamento", "prazo", "condição de pagamento", "payment terms"),
    ),
    ImportField(
        "lead_time_days",
        N_("Lead time (days)"),
        parse=parse_int,
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
        parse=NumberParser(minimum=Decimal(0)),
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


def _suppliers_by_tax_id(session: Session, tax_ids: list[str]) -> dict[str, Supplier]:
    found: dict[str, Supplier] = {}
    for start in range(0, len(tax_ids), 500):
        for supplier in session.execute(
            select(Supplier).where(Supplier.tax_id.in_(tax_ids[start : start + 500]))
        ).scalars():
            found[supplier.tax_id] = supplier
    return found


def _supplier_data(row: ParsedRow, existing: Supplier | None) -> SupplierData:
    values = {key: value for key, value in row.values.items() if value is not None}
    if existing is None:
        return SupplierData(**{"name": "", **values})
    current = SupplierData(**{key: getattr(existing, key) for key in SupplierData.__dataclass_fields__})
    return replace(current, **values)


def _check_suppliers(db: Database, rows: list[ParsedRow]) -> list[RowError]:
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    with db.read() as session:
        existing = _suppliers_by_tax_id(session, [str(row.values["tax_id"]) for row in rows])
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
            found = existing.get(tax_id)
            try:
                clean_supplier_data(session, _supplier_data(row, found), found.id if found else None)
            except ValidationError as exc:
                errors.extend(row_errors(SUPPLIER_FIELDS, row, exc))
    return errors


def _apply_suppliers(db: Database, actor: Actor, rows: list[ParsedRow]) -> int:
    with db.write() as session:
        require(session, actor, DATA_IMPORT)
        require(session, actor, SUPPLIERS_EDIT)
        existing = _suppliers_by_tax_id(session, [str(row.values["tax_id"]) for row in rows])
        for row in rows:
            found = existing.get(str(row.values["tax_id"]))
            data = _supplier_data(row, found)
            if found is None:
                create_supplier_in(session, actor, data)
            else:
                update_supplier_in(session, actor, found.id, data)
        return len(rows)


def _authorize(db: Database, actor: Actor, action: Action) -> None:
    with db.read() as session:
        require(session, actor, DATA_IMPORT)
        require(session, actor, action)


def import_suppliers(
    db: Database,
    actor: Actor,
    table: Table,
    mapping: ColumnMapping,
    dry_run: bool = False,
    import_good_rows: bool = False,
) -> ImportResult:
    _authorize(db, actor, SUPPLIERS_EDIT)
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
    _authorize(db, actor, SUPPLIERS_EDIT)
    table = read_table(path)
    chosen = mapping or suggest_mapping(SUPPLIER_FIELDS, table.headers)
    return import_suppliers(db, actor, table, chosen, dry_run, import_good_rows)


def _resolve_price(session: Session, row: ParsedRow) -> tuple[int, int, int | None]:
    """(supplier id, product id, packaging id) a price row names, or a UserError saying what is missing."""
    tax_id = str(row.values["supplier"])
    supplier = session.execute(select(Supplier.id).where(Supplier.tax_id == tax_id)).scalar_one_or_none()
    if supplier is None:
        raise UserError(
            _("No supplier has the CNPJ/CPF {number}: import the suppliers first.").format(number=tax_id),
            code="supplier_price.unknown_supplier",
        )
    code = str(row.values["product"]).strip()
    product = product_by_code(session, code, include_archived=True)
    if product is None:
        raise UserError(
            _("No product has the SKU or barcode “{code}”.").format(code=code),
            code="supplier_price.unknown_product",
        )
    name = row.values.get("packaging")
    if not name:
        return supplier, product.id, None
    packaging = session.execute(
        select(Packaging.id).where(Packaging.product_id == product.id, Packaging.name == str(name))
    ).scalar_one_or_none()
    if packaging is None:
        raise UserError(
            _("The product has no packaging “{name}”.").format(name=name),
            code="supplier_price.unknown_packaging",
        )
    return supplier, product.id, packaging


def _check_prices(db: Database, rows: list[ParsedRow]) -> list[RowError]:
    errors: list[RowError] = []
    seen: dict[tuple[int, int], int] = {}
    with db.read() as session:
        for row in rows:
            try:
                supplier, product, _packaging = _resolve_price(session, row)
            except UserError as exc:
                errors.append(RowError(row.line, "", "", exc.message))
                continue
            if (supplier, product) in seen:
                errors.append(
                    RowError(
                        row.line,
                        "",
                        "",
                        _("The same supplier and product are on line {line} too.").format(
                            line=seen[(supplier, product)]
                        ),
                    )
                )
            seen[(supplier, product)] = row.line
    return errors


def _apply_prices(db: Database, actor: Actor, rows: list[ParsedRow]) -> int:
    with db.write() as session:
        require(session, actor, DATA_IMPORT)
        require(session, actor, SUPPLIERS_EDIT)
        for row in rows:
            supplier, product, packaging = _resolve_price(session, row)
            set_supplier_price_in(
                session,
                actor,
                supplier,
                product,
                packaging,
                row.values["package_price"],
                str(row.values.get("supplier_sku") or ""),
                bool(row.values.get("preferred")),
            )
        return len(rows)


def import_supplier_prices(
    db: Database,
    actor: Actor,
    table: Table,
    mapping: ColumnMapping,
    dry_run: bool = False,
    import_good_rows: bool = False,
) -> ImportResult:
    _authorize(db, actor, SUPPLIERS_EDIT)
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
    _authorize(db, actor, SUPPLIERS_EDIT)
    table = read_table(path)
    chosen = mapping or suggest_mapping(PRICE_FIELDS, table.headers)
    return import_supplier_prices(db, actor, table, chosen, dry_run, import_good_rows)
