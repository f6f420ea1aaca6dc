"""Importing and exporting the catalogue as an office does it: a Brazilian spreadsheet in, a list out."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bodesk import i18n
from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import PermissionDenied
from bodesk.domain.common.export import ExportFormat
from bodesk.domain.stock.catalogue import ProductData, product_data
from bodesk.domain.stock.exports import export_products
from bodesk.domain.stock.imports import import_products_file
from bodesk.domain.stock.models import Packaging, Product
from bodesk.domain.stock.new_product import create_product
from bodesk.store.engine import Database

HEADER = "Código;Descrição;EAN;Marca;Categoria;Preço de venda;Embalagem;Unidades por embalagem\n"


def sheet(tmp_path: Path, body: str, encoding: str = "cp1252") -> Path:
    path = tmp_path / "produtos.csv"
    path.write_bytes((HEADER + body).encode(encoding))
    return path


def products(db: Database) -> int:
    with db.read() as session:
        return int(session.execute(select(func.count()).select_from(Product)).scalar_one())


def test_a_windows_spreadsheet_with_decimal_commas_adds_products(
    db: Database, owner: Actor, tmp_path: Path
) -> None:
    path = sheet(
        tmp_path,
        "GUA-350;Guaraná Antarctica Lata 350 ml;7891991000833;Antarctica;Refrigerantes;"
        "1.234,50;Fardo 12;12\nSKO-350;Skol Pilsen Lata;;Skol;Cervejas;3,99;;\n",
    )
    result = import_products_file(db, owner, path)
    assert (result.written, result.errors) == (2, [])
    with db.read() as session:
        guarana = session.execute(select(Product).where(Product.sku == "GUA-350")).scalar_one()
        assert guarana.name == "Guaraná Antarctica Lata 350 ml"
        assert guarana.sale_price == Decimal("1234.50")
        pack = session.execute(select(Packaging).where(Packaging.product_id == guarana.id)).scalar_one()
        assert (pack.name, pack.units) == ("Fardo 12", Decimal(12))


def test_bad_rows_are_all_reported_with_their_lines_and_nothing_is_written(
    db: Database, owner: Actor, tmp_path: Path
) -> None:
    path = sheet(tmp_path, "A-1;Água 500 ml;;;;2,00;;\nB-2;Bad;7891991000834;;;abc;;\nA-1;Again;;;;1,00;;\n")
    result = import_products_file(db, owner, path)
    assert result.written == 0
    lines = result.report_lines()
    assert any(line.startswith("Line 3:") and "GTIN" in line for line in lines)
    assert any(line.startswith("Line 3:") and "“abc” is not a number" in line for line in lines)
    assert any(line.startswith("Line 4:") and "line 2" in line for line in lines)
    assert products(db) == 0


def test_the_good_rows_go_in_only_when_asked(db: Database, owner: Actor, tmp_path: Path) -> None:
    path = sheet(tmp_path, "A-1;Água 500 ml;;;;2,00;;\nB-2;Bad;;;;abc;;\n")
    assert import_products_file(db, owner, path, dry_run=True).written == 0
    assert products(db) == 0
    result = import_products_file(db, owner, path, import_good_rows=True)
    assert (result.written, len(result.errors)) == (1, 1)
    assert products(db) == 1


def test_an_existing_sku_changes_only_the_columns_in_the_file(
    db: Database, owner: Actor, tmp_path: Path
) -> None:
    product_id = create_product(
        db,
        owner,
        ProductData(sku="A-1", name="Água Crystal 500 ml", brand="Crystal", sale_price=Decimal("2.00")),
    )
    path = tmp_path / "precos.csv"
    path.write_text("SKU;Preço\nA-1;2,35\n", encoding="utf-8")
    assert import_products_file(db, owner, path).written == 1
    data = product_data(db, owner, product_id)
    assert (data.name, data.brand, data.sale_price) == ("Água Crystal 500 ml", "Crystal", Decimal("2.35"))


def test_a_sales_user_may_not_import(db: Database, make_user: Callable[..., Actor], tmp_path: Path) -> None:
    path = sheet(tmp_path, "A-1;Água 500 ml;;;;2,00;;\n")
    with pytest.raises(PermissionDenied):
        import_products_file(db, make_user("sales"), path)
    assert products(db) == 0


def test_export_escapes_formulas_and_writes_decimal_commas_in_portuguese(
    db: Database, owner: Actor, tmp_path: Path
) -> None:
    create_product(
        db, owner, ProductData(sku="X-1", name='=HYPERLINK("http://x")', sale_price=Decimal("1234.5"))
    )
    i18n.set_language("pt_BR")
    path = tmp_path / "produtos.csv"
    assert export_products(db, owner, path, ExportFormat.CSV) == 1
    text = path.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text
    assert "1234,50" in text
    xlsx = tmp_path / "produtos.xlsx"
    assert export_products(db, owner, xlsx, ExportFormat.XLSX) == 1
    from openpyxl import load_workbook

    cells = [cell.value for cell in next(load_workbook(xlsx).active.iter_rows(min_row=2, max_row=2))]
    assert '\'=HYPERLINK("http://x")' in cells


def test_a_packaging_without_units_is_explained_in_portuguese(
    db: Database, owner: Actor, tmp_path: Path
) -> None:
    i18n.set_language("pt_BR")
    path = sheet(tmp_path, "A-1;Água 500 ml;;;;2,00;Fardo 12;\n")
    result = import_products_file(db, owner, path)
    assert result.written == 0
    assert any("Uma embalagem precisa" in error.message for error in result.errors)
    assert products(db) == 0
