"""One rule for every code a person types or scans: ASCII, kept in capitals, unique ignoring case — in
the rules of each kind (SKU, warehouse, bin, lot, a supplier's code) and in the database's unique
indexes, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.codes import code_key
from bodesk.domain.purchasing.price_saving import SUPPLIER_SKU_RULE
from bodesk.domain.stock.lots import LOT_CODE_RULE
from bodesk.domain.stock.product_rules import SKU_RULE
from bodesk.domain.stock.warehouses import BIN_CODE_RULE, WAREHOUSE_CODE_RULE
from bodesk.store.engine import Database
from tests.builders.catalogue import make_lot, make_product
from tests.builders.stock import make_bin, make_warehouse


def test_a_code_is_found_however_its_letters_were_typed() -> None:
    assert code_key("  cer00003 ") == "CER00003"
    assert SKU_RULE.clean(" cer-0003/a ") == "CER-0003/A"
    assert LOT_CODE_RULE.clean("l 2305   a") == "L 2305 A", "a lot code keeps one space where it had some"


@pytest.mark.parametrize(
    ("rule", "good", "bad"),
    [
        (
            SKU_RULE,
            ["CER00003", "A", "AG-500.B/2_X", "9" * 40],
            ["ÁGU00002", "-A1", "COM ESPAÇO", "", "9" * 41],
        ),
        (WAREHOUSE_CODE_RULE, ["CD1", "SP-02"], ["CD 1", "CD/1", "DEPÓSITO", "X" * 11]),
        (BIN_CODE_RULE, ["A-01", "R1.N2"], ["A 01", "Á-01", "A/01", ""]),
        (LOT_CODE_RULE, ["L2305-A", "23/117", "LOTE 5", "#12"], ["LOTE Nº 5", "AÇAÍ", " L1", ""]),
        (SUPPLIER_SKU_RULE, ["FCER00003", "12.345-6", "ABC 123"], ["CÓD-1", "X" * 41]),
    ],
)
def test_each_kind_of_code_takes_ascii_within_its_columns_length(
    rule: object, good: list[str], bad: list[str]
) -> None:
    from bodesk.domain.common.codes import CodeRule

    assert isinstance(rule, CodeRule)
    assert [code for code in good if rule.problem(code) is not None] == []
    for code in bad:
        problem = rule.problem(code)
        assert problem is not None and str(rule.length) in problem, f"{code!r} passed"


@pytest.mark.parametrize(
    ("table", "columns", "first", "second"),
    [
        ("products", "sku, name", "'CER00003', 'a'", "'cer00003', 'b'"),
        ("warehouses", "code, name", "'CD9', 'a'", "'cd9', 'b'"),
    ],
)
def test_the_database_refuses_a_second_code_differing_only_in_case(
    db: Database, owner: Actor, table: str, columns: str, first: str, second: str
) -> None:
    filled = {
        "products": ", brand, base_unit, ncm, cost, sale_price, min_stock, max_stock, lot_tracked, "
        "returnable, active, on_hand, search_text, created_at, updated_at",
        "warehouses": ", address, active",
    }[table]
    values = {
        "products": ", '', 'un', '', 0, 0, 0, 0, false, false, true, 0, '', '2026-01-01', '2026-01-01'",
        "warehouses": ", '', true",
    }[table]
    with db.write() as session:
        session.execute(text(f"INSERT INTO {table} ({columns}{filled}) VALUES ({first}{values})"))
    with pytest.raises(IntegrityError), db.write() as session:
        session.execute(text(f"INSERT INTO {table} ({columns}{filled}) VALUES ({second}{values})"))


def test_bins_and_lots_are_unique_ignoring_case_in_the_database(db: Database, owner: Actor) -> None:
    place = make_warehouse(db, owner, "CD1", "Centro")
    make_bin(db, owner, place, "A-01")
    with pytest.raises(IntegrityError), db.write() as session:
        session.execute(
            text(
                "INSERT INTO locations (warehouse_id, code, name, kind, is_bin, active) "
                "VALUES (:warehouse, 'cd1/a-01', 'x', 'internal', true, true)"
            ),
            {"warehouse": place.warehouse_id},
        )
    product = make_product(db, owner, "CER00003", lot_tracked=True)
    make_lot(db, product, "L1", date(2027, 1, 1))
    with pytest.raises(IntegrityError), db.write() as session:
        session.execute(
            text("INSERT INTO lots (product_id, code, created_at) VALUES (:product, 'l1', '2026-01-01')"),
            {"product": product},
        )


def test_letters_beyond_ascii_are_refused_not_rewritten() -> None:
    from bodesk.domain.common.codes import code_key

    assert code_key(" agu-01 ") == "AGU-01"
    assert code_key("straße") == "STRAßE"  # not "STRASSE": the rule then refuses the ß
    assert code_key("ﬁx") == "ﬁX"
