"""Importing counted quantities from CSV and XLSX: every bad row listed at once, nothing written on a
dry run or with a bad row (unless the good rows are wanted), the file's total replacing the count."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import PermissionDenied
from bodesk.domain.common.importing import suggest_mapping
from bodesk.domain.common.tabular import read_table
from bodesk.domain.stock.count_import import FIELDS, import_count_file
from bodesk.domain.stock.count_posting import post_count
from bodesk.domain.stock.counts import find_open_count, start_count
from bodesk.store.engine import Database
from tests.builders.catalogue import add_case, gtin, make_product
from tests.builders.counts import counted
from tests.builders.readings import snapshot
from tests.builders.stock import Place, make_warehouse, on_hand, stock_in
from tests.helpers.refusals import refused


@pytest.fixture
def place(db: Database, owner: Actor) -> Place:
    return make_warehouse(db, owner, "CD1", bins=("A-01",))


@pytest.fixture
def products(db: Database, owner: Actor, place: Place) -> dict[str, int]:
    skol = make_product(db, owner, "SKOL350", "Skol lata", gtin=gtin(1))
    add_case(db, owner, skol, 12, gtin(2))
    stock_in(db, owner, skol, place.location_id, 30)
    water = make_product(db, owner, "AGUA500", "Água", gtin=gtin(3), cost="1.00")
    stock_in(db, owner, water, place.bins["A-01"], 10)
    juice = make_product(db, owner, "SUCO1L", "Suco", gtin=gtin(4), lot_tracked=True, shelf_life_days=180)
    stock_in(db, owner, juice, place.location_id, 6, lot="L1", expiry=date(2030, 1, 31))
    stock_in(db, owner, juice, place.location_id, 3, lot="L2", expiry=date(2030, 2, 28))
    return {"skol": skol, "water": water, "juice": juice}


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_csv_replaces_the_counted_quantities(
    db: Database, owner: Actor, place: Place, products: dict[str, int], tmp_path: Path
) -> None:
    count_id = start_count(db, owner, place.warehouse_id)
    file = write_csv(
        tmp_path / "contagem.csv",
        "Código;Produto;Quantidade;Local;Lote;Validade\n"
        f"{gtin(1)};Skol lata;5;;;\n"
        f"{gtin(2)};Skol caixa;2;CD1;;\n"  # 2 cases: added to the 5 above
        "AGUA500;Água;9,5;A-01;;\n"
        f"{gtin(4)};Suco;4;;l1;\n"
        f"{gtin(4)};Suco;3;;L9;31/12/2030\n",  # a new lot, with its expiry
    )
    table = read_table(file)
    assert suggest_mapping(FIELDS, table.headers) == {
        "code": 0,
        "quantity": 2,
        "location": 3,
        "lot": 4,
        "expiry": 5,
    }
    result = import_count_file(db, owner, count_id, file)
    assert (result.total, result.good, result.errors, result.written) == (5, 5, [], 5)
    assert counted(db, count_id, products["skol"]) == Decimal(29)
    assert counted(db, count_id, products["water"]) == Decimal("9.5")
    assert counted(db, count_id, products["juice"]) == Decimal(7)

    again = import_count_file(db, owner, count_id, file)  # the same file again: the same count
    assert again.written == 5
    assert counted(db, count_id, products["skol"]) == Decimal(29)
    post_count(db, owner, count_id, confirmed=frozenset({"post_with_uncounted"}))  # lot L2 was not counted
    assert on_hand(db, products["skol"], place.location_id) == Decimal(29)


def test_every_bad_row_is_listed_and_nothing_is_written(
    db: Database, owner: Actor, place: Place, products: dict[str, int], tmp_path: Path
) -> None:
    count_id = start_count(db, owner, place.warehouse_id)
    file = write_csv(
        tmp_path / "contagem.csv",
        "SKU;Qtd;Lote\n"
        "SKOL350;10;\n"  # line 2: good
        "NOPE;1;\n"  # line 3: unknown
        "AGUA500;abc;\n"  # line 4: not a number
        "AGUA500;-2;\n"  # line 5: negative
        "SUCO1L;1;\n"  # line 6: which lot?
        "SKOL350;1,2345;\n"  # line 7: too many places
        ";3;\n"  # line 8: no code
        "SKOL350;2;L1\n",  # line 9: not tracked by lot
    )
    before = snapshot(db)
    result = import_count_file(db, owner, count_id, file)
    assert (result.total, result.good, result.bad, result.written) == (8, 1, 7, 0)
    assert [error.line for error in result.errors] == [3, 4, 5, 6, 7, 8, 9]
    lines = result.report_lines()
    assert lines[0] == "Line 3: Product code: No product has the code “NOPE”."
    assert "“abc” is not a number" in lines[1]
    assert lines[3] == "Line 6: Lot: Suco is tracked by lot: enter the lot (in this count: L1, L2)."
    assert "Skol lata is not tracked by lot" in lines[6]
    assert "Nothing was written" in result.summary()
    assert snapshot(db) == before

    dry = import_count_file(db, owner, count_id, file, dry_run=True, import_good_rows=True)
    assert (dry.written, dry.dry_run) == (0, True)
    assert snapshot(db) == before

    partial = import_count_file(db, owner, count_id, file, import_good_rows=True)
    assert partial.written == 1
    assert counted(db, count_id, products["skol"]) == Decimal(10)
    assert counted(db, count_id, products["water"]) is None


def test_an_xlsx_file_with_a_chosen_mapping(
    db: Database, owner: Actor, place: Place, products: dict[str, int], tmp_path: Path
) -> None:
    count_id = start_count(db, owner, place.warehouse_id)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Item", "Contado em", "Total"])
    sheet.append([gtin(3), "A-01", 11.5])
    sheet.append(["SKOL350", "CD1", 30])
    file = tmp_path / "contagem.xlsx"
    book.save(file)
    mapping = {"code": 0, "location": 1, "quantity": 2}
    result = import_count_file(db, owner, count_id, file, mapping=mapping)
    assert (result.good, result.written, result.errors) == (2, 2, [])
    assert counted(db, count_id, products["water"], place.bins["A-01"]) == Decimal("11.5")


def test_importing_needs_an_open_count_and_the_right(
    db: Database,
    owner: Actor,
    make_user: Callable[..., Actor],
    place: Place,
    products: dict[str, int],
    tmp_path: Path,
) -> None:
    file = write_csv(tmp_path / "c.csv", "SKU;Quantidade\nSKOL350;1\n")
    with refused("stock_count.none_open"):
        find_open_count(db, owner)
    count_id = start_count(db, owner, place.warehouse_id)
    assert find_open_count(db, owner, "CD1") == count_id
    sales = make_user("sales")
    with pytest.raises(PermissionDenied):
        import_count_file(db, sales, count_id, file)
    assert counted(db, count_id, products["skol"]) is None
    import_count_file(db, owner, count_id, file)
    post_count(db, owner, count_id, confirmed=frozenset({"post_with_uncounted"}))
    before = snapshot(db)
    with refused("document.state"):
        import_count_file(db, owner, count_id, file)
    assert snapshot(db) == before
