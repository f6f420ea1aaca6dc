"""The limits of a product's data — its SKU as a code, the length of each text, the places and the size
of each number — held by the service a form calls, each with the value that passes at the limit and
the one refused past it (which changes nothing)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.models import AuditEntry
from bodesk.domain.stock.catalogue import ProductData, add_packaging, product_data, update_product
from bodesk.domain.stock.models import Category, Packaging, Product
from bodesk.domain.stock.new_product import create_product
from bodesk.store.engine import Database
from tests.builders.readings import count_rows
from tests.helpers.refusals import invalid

BASE = ProductData(sku="CER00003", name="Skol Pilsen Lata 350 ml", brand="Skol", category="Cervejas")


def unchanged(db: Database) -> tuple[int, ...]:
    return tuple(count_rows(db, table) for table in (Product, Packaging, Category, AuditEntry))


@pytest.mark.parametrize(
    ("field", "fits", "too_long", "limit"),
    [
        ("name", "n" * 200, "n" * 201, "200"),
        ("name", "n" * 200, "n" * 4_000, "200"),
        ("brand", "b" * 100, "b" * 101, "100"),
        ("category", "c" * 100, "c" * 101, "100"),
    ],
)
def test_a_text_fits_its_column_or_is_refused_naming_the_limit(
    db: Database, owner: Actor, field: str, fits: str, too_long: str, limit: str
) -> None:
    before = unchanged(db)
    with invalid(field) as caught:
        create_product(db, owner, replace(BASE, **{field: too_long}))
    assert limit in caught.value.message and f"{len(too_long):,}" in caught.value.message
    assert unchanged(db) == before
    create_product(db, owner, replace(BASE, **{field: fits}))


@pytest.mark.parametrize(
    ("field", "fits", "refused", "limit"),
    [
        ("sale_price", "99999.99", "100000", "99,999.99"),
        ("sale_price", "0.01", "0.001", "2 decimal places"),
        ("sale_price", "1", "100000000000000000", "99,999.99"),
        ("sale_price", "1", "1" * 40, "99,999.99"),
        ("sale_price", "1", "1E+300", "99,999.99"),
        ("cost", "99999.9999", "100000", "99,999.9999"),
        ("cost", "0.0001", "0.00001", "4 decimal places"),
        ("min_stock", "999999.999", "1000000", "999,999.999"),
        ("min_stock", "0.001", "0.0001", "3 decimal places"),
        ("shelf_life_days", 3650, 3651, "3,650"),
    ],
)
def test_a_number_follows_its_rule_or_is_refused_naming_the_limit(
    db: Database, owner: Actor, field: str, fits: Any, refused: Any, limit: str
) -> None:
    def value(given: Any) -> Any:
        return given if isinstance(given, int) else Decimal(given)

    before = unchanged(db)
    with invalid(field) as caught:
        create_product(db, owner, replace(BASE, **{field: value(refused)}))
    assert limit in caught.value.message
    assert unchanged(db) == before
    product_id = create_product(db, owner, replace(BASE, **{field: value(fits)}))
    if field != "cost":
        assert getattr(product_data(db, owner, product_id), field) == value(fits)


def test_extra_places_are_refused_not_rounded_when_editing(db: Database, owner: Actor) -> None:
    product_id = create_product(db, owner, replace(BASE, sale_price=Decimal("3.49")))
    with invalid("sale_price"):
        update_product(db, owner, product_id, replace(BASE, sale_price=Decimal("3.499")))
    assert product_data(db, owner, product_id).sale_price == Decimal("3.49")


def test_a_sku_is_a_code_in_capitals_unique_ignoring_case(db: Database, owner: Actor) -> None:
    product_id = create_product(db, owner, replace(BASE, sku=" cer00003 "))
    assert product_data(db, owner, product_id).sku == "CER00003"
    before = unchanged(db)
    with invalid("sku"):
        create_product(db, owner, replace(BASE, sku="Cer00003", name="Outra"))
    with invalid("sku") as caught:
        create_product(db, owner, replace(BASE, sku="ÁGU00002", name="Água"))
    assert "without accents" in caught.value.message and "40" in caught.value.message
    assert unchanged(db) == before


def test_a_product_is_saved_again_unchanged(db: Database, owner: Actor) -> None:
    product_id = create_product(db, owner, replace(BASE, sale_price=Decimal("3.49"), min_stock=Decimal(24)))
    before = count_rows(db, AuditEntry)
    update_product(db, owner, product_id, product_data(db, owner, product_id))
    assert count_rows(db, AuditEntry) == before  # nothing changed, nothing recorded


def test_categories_differing_only_in_case_or_accents_are_one(db: Database, owner: Actor) -> None:
    create_product(db, owner, replace(BASE, category="Águas"))
    create_product(db, owner, replace(BASE, sku="AGU00002", category="aguas"))
    assert count_rows(db, Category) == 1


def test_a_packaging_follows_the_same_rules(db: Database, owner: Actor) -> None:
    product_id = create_product(db, owner, BASE)
    before = unchanged(db)
    with invalid("name"):
        add_packaging(db, owner, product_id, "C" * 41, Decimal(12))
    with invalid("units"):
        add_packaging(db, owner, product_id, "Caixa", Decimal(1_000_000))
    assert unchanged(db) == before
    add_packaging(db, owner, product_id, "C" * 40, Decimal("999999.999"))
