"""Importing suppliers and their prices from spreadsheets, as a buyer's office keeps them."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import PermissionDenied
from bodesk.domain.purchasing.imports import import_supplier_prices_file, import_suppliers_file
from bodesk.domain.purchasing.models import Supplier, SupplierProduct
from bodesk.domain.stock.catalogue import add_packaging
from bodesk.store.engine import Database
from tests.builders.catalogue import make_product
from tests.builders.readings import count_rows

SUPPLIERS = (
    "Razão social;CNPJ;Cidade;UF;Prazo de pagamento\n"
    "Distribuidora Paulista Ltda.;11.222.333/0001-81;Campinas;SP;28\n"
    "Bebidas do Vale Ltda.;12.ABC.345/01DE-35;Jundiaí;SP;30\n"
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("cp1252"))
    return path


def test_suppliers_are_added_then_updated_by_their_cnpj(db: Database, owner: Actor, tmp_path: Path) -> None:
    result = import_suppliers_file(db, owner, write(tmp_path, "f.csv", SUPPLIERS))
    assert (result.written, result.errors) == (2, [])
    update = write(tmp_path, "g.csv", "CNPJ;Prazo de pagamento\n11.222.333/0001-81;45\n")
    assert import_suppliers_file(db, owner, update).written == 1
    with db.read() as session:
        supplier = session.execute(select(Supplier).where(Supplier.tax_id == "11222333000181")).scalar_one()
        assert (supplier.name, supplier.city, supplier.payment_terms_days) == (
            "Distribuidora Paulista Ltda.",
            "Campinas",
            45,
        )


def test_bad_supplier_rows_are_all_reported_and_nothing_is_written(
    db: Database, owner: Actor, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "f.csv",
        "Razão social;CNPJ;UF\nBoa;11.111.111/1111-11;SP\n;11.222.333/0001-81;XX\n"
        "Outra;11.222.333/0001-81;SP\n",
    )
    result = import_suppliers_file(db, owner, path)
    lines = result.report_lines()
    assert result.written == 0
    assert any(line.startswith("Line 2:") and "CNPJ" in line for line in lines)
    assert any(line.startswith("Line 3:") and "state" in line.lower() for line in lines)
    assert any(line.startswith("Line 4:") and "line 3" in line for line in lines)
    assert count_rows(db, Supplier) == 0


def test_prices_name_supplier_product_and_packaging(db: Database, owner: Actor, tmp_path: Path) -> None:
    import_suppliers_file(db, owner, write(tmp_path, "f.csv", SUPPLIERS))
    product = make_product(db, owner, "SKOL-350", "Skol Lata 350 ml", gtin="7891149100507")
    add_packaging(db, owner, product, "Fardo 12", Decimal(12))
    prices = write(
        tmp_path,
        "p.csv",
        "CNPJ;Produto;Embalagem;Preço;Preferencial\n"
        "11.222.333/0001-81;7891149100507;Fardo 12;35,40;sim\n"
        "12.ABC.345/01DE-35;SKOL-350;;3,10;não\n"
        "99.999.999/0001-91;SKOL-350;;3,00;não\n",
    )
    result = import_supplier_prices_file(db, owner, prices, import_good_rows=True)
    assert result.written == 2
    assert len(result.errors) == 1 and result.errors[0].line == 4
    with db.read() as session:
        rows = session.execute(
            select(SupplierProduct.package_price, SupplierProduct.preferred).order_by(SupplierProduct.id)
        ).all()
    assert [tuple(row) for row in rows] == [(Decimal("35.4000"), True), (Decimal("3.1000"), False)]


def test_a_sales_user_may_not_import_suppliers(
    db: Database, make_user: Callable[..., Actor], tmp_path: Path
) -> None:
    with pytest.raises(PermissionDenied):
        import_suppliers_file(db, make_user("sales"), write(tmp_path, "f.csv", SUPPLIERS))
    assert count_rows(db, Supplier) == 0


def test_a_city_longer_than_its_column_is_refused_by_the_check_and_the_import(
    db: Database, owner: Actor, tmp_path: Path
) -> None:
    path = write(tmp_path, "f.csv", f"Razão social;CNPJ;Cidade\nBoa Ltda.;11.222.333/0001-81;{'c' * 5_000}\n")
    for dry_run in (True, False):
        result = import_suppliers_file(db, owner, path, dry_run=dry_run)
        assert [(error.line, error.field) for error in result.errors] == [(2, "City")]
        assert "100" in result.errors[0].message
    assert count_rows(db, Supplier) == 0


def test_a_price_list_names_products_by_any_case_and_keeps_its_rules(
    db: Database, owner: Actor, tmp_path: Path
) -> None:
    import_suppliers_file(db, owner, write(tmp_path, "f.csv", SUPPLIERS))
    make_product(db, owner, "SKOL-350", "Skol Lata 350 ml")
    prices = write(
        tmp_path,
        "p.csv",
        "CNPJ;Produto;Preço;Código do fornecedor\n"
        "11.222.333/0001-81;skol-350;3,1234;ab-9\n"
        "12.ABC.345/01DE-35;SKOL-350;3,12345;\n"
        "12.ABC.345/01DE-35;SKOL-350;100000000000000000;\n",
    )
    result = import_supplier_prices_file(db, owner, prices, import_good_rows=True)
    assert [(error.line, error.field) for error in result.errors] == [
        (3, "Price of one package"),
        (4, "Price of one package"),
    ]
    assert "4 decimal places" in result.errors[0].message and "99,999.9999" in result.errors[1].message
    with db.read() as session:
        rows = session.execute(select(SupplierProduct.package_price, SupplierProduct.supplier_sku)).all()
    assert [tuple(row) for row in rows] == [(Decimal("3.1234"), "AB-9")]
