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


def plain(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "lista.csv"
    path.write_text(text, encoding="utf-8")
    return path


def stored(db: Database) -> list[tuple[str, str, Decimal]]:
    with db.read() as session:
        rows = session.execute(select(Product.sku, Product.name, Product.sale_price).order_by(Product.sku))
        return [(sku, name, price) for sku, name, price in rows]


def test_a_sku_in_small_letters_updates_the_product_it_names(
    db: Database, owner: Actor, tmp_path: Path
) -> None:
    create_product(db, owner, ProductData(sku="CER00003", name="Skol Lata", sale_price=Decimal("3.49")))
    result = import_products_file(db, owner, plain(tmp_path, "SKU;Preço\ncer00003;3,59\n"))
    assert (result.written, result.errors) == (1, [])
    assert stored(db) == [("CER00003", "Skol Lata", Decimal("3.59"))]
    repeated = import_products_file(db, owner, plain(tmp_path, "SKU;Nome\nNEW-1;A\nnew-1;B\n"))
    assert [(error.line, "line 2" in error.message) for error in repeated.errors] == [(3, True)]
    assert products(db) == 1


@pytest.mark.parametrize(
    ("price", "reason"),
    [
        ("100000000000000000", "at most 99,999.99"),
        ("1" * 40, "at most 99,999.99"),
        ("0,001", "more than 2 decimal places"),
        ("-1", "less than 0"),
    ],
)
def test_a_price_beyond_its_rule_is_refused_on_its_line_by_the_check_and_the_import(
    db: Database, owner: Actor, tmp_path: Path, price: str, reason: str
) -> None:
    path = plain(tmp_path, f"SKU;Nome;Preço\nA-1;Água;2,50\nB-2;Bad;{price}\n")
    for dry_run in (True, False):
        result = import_products_file(db, owner, path, dry_run=dry_run)
        assert [(error.line, error.field) for error in result.errors] == [(3, "Sale price")]
        assert reason in result.errors[0].message
        assert result.written == 0 and products(db) == 0
    assert import_products_file(db, owner, path, import_good_rows=True).written == 1


def test_a_huge_number_in_a_workbook_is_refused_with_the_limit(
    db: Database, owner: Actor, tmp_path: Path
) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["SKU", "Nome", "Preço"])
    workbook.active.append(["A-1", "Água", 1e300])
    path = tmp_path / "lista.xlsx"
    workbook.save(path)
    result = import_products_file(db, owner, path, dry_run=True)
    assert [(error.line, error.field) for error in result.errors] == [(2, "Sale price")]
    assert "at most 99,999.99" in result.errors[0].message


def test_an_ambiguous_number_is_reported_unless_the_file_shows_its_convention(
    db: Database, owner: Actor, tmp_path: Path
) -> None:
    alone = import_products_file(db, owner, plain(tmp_path, "SKU;Nome;Preço\nA-1;Água;1.234\n"))
    assert [(error.line, error.field) for error in alone.errors] == [(2, "Sale price")]
    assert "1,234" in alone.errors[0].message and "1.234" in alone.errors[0].message
    assert products(db) == 0
    told = import_products_file(db, owner, plain(tmp_path, "SKU;Nome;Preço\nA-1;Água;1.234\nB-2;Gás;5,50\n"))
    assert told.errors == []
    assert stored(db) == [("A-1", "Água", Decimal(1234)), ("B-2", "Gás", Decimal("5.50"))]


@pytest.mark.parametrize("length", [201, 4_000])
def test_a_name_longer_than_its_column_is_refused_by_the_check_and_the_import(
    db: Database, owner: Actor, tmp_path: Path, length: int
) -> None:
    path = plain(tmp_path, f"SKU;Nome\nA-1;{'n' * length}\n")
    for dry_run in (True, False):
        result = import_products_file(db, owner, path, dry_run=dry_run)
        assert [(error.line, error.field) for error in result.errors] == [(2, "Name")]
        assert "200" in result.errors[0].message
    assert products(db) == 0


def test_a_sku_with_an_accent_is_refused_saying_how_to_write_it(
    db: Database, owner: Actor, tmp_path: Path
) -> None:
    result = import_products_file(db, owner, plain(tmp_path, "SKU;Nome\nÁGU00002;Água\n"))
    assert [(error.line, error.field) for error in result.errors] == [(2, "SKU")]
    assert "without accents" in result.errors[0].message
    assert products(db) == 0
