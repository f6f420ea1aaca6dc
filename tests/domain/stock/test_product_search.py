"""Finding products by what a person types or scans, the one way every screen does: an exact code
names one product, words find every product that has them all, a case's barcode finds its product."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bodesk.domain.access.actor import Actor
from bodesk.domain.stock.models import Product
from bodesk.domain.stock.search import find_products, matching_products, product_by_code
from bodesk.store.engine import Database
from tests.builders.catalogue import make_product
from tests.builders.shop import WATER_CASE_GTIN, WATER_GTIN, Shop, build_shop


@pytest.fixture
def shop(db: Database, owner: Actor) -> Shop:
    return build_shop(db, owner)


def by_code(db: Database, code: str, include_archived: bool = False) -> str | None:
    with db.read() as session:
        product = product_by_code(session, code, include_archived)
        return product.sku if product is not None else None


def matching(db: Database, text: str) -> list[str]:
    with db.read() as session:
        stmt = select(Product.sku).where(Product.id.in_(matching_products(text))).order_by(Product.sku)
        return list(session.execute(stmt).scalars())


def found(db: Database, text: str, limit: int = 10, include_archived: bool = False) -> list[str]:
    with db.read() as session:
        return [product.sku for product in find_products(session, text, limit, include_archived)]


@pytest.mark.parametrize(
    ("code", "sku"),
    [(WATER_GTIN, "AG-500"), ("AG-500", "AG-500"), ("  RF-COLA2L ", "RF-COLA2L"), ("ag-500", "AG-500")],
)
def test_a_code_names_the_product_with_that_gtin_or_sku(
    db: Database, shop: Shop, code: str, sku: str | None
) -> None:
    assert by_code(db, code) == sku


def test_a_code_is_not_a_search(db: Database, shop: Shop) -> None:
    assert by_code(db, "AG") is None  # part of a code names nothing
    assert by_code(db, WATER_CASE_GTIN) is None  # a case's barcode names a packaging, not a product
    assert by_code(db, "") is None


def test_an_archived_product_is_named_only_when_asked_for(db: Database, shop: Shop) -> None:
    assert by_code(db, "CV-LN600") is None
    assert by_code(db, "CV-LN600", include_archived=True) == "CV-LN600"


def test_a_gtin_wins_over_another_products_sku(db: Database, owner: Actor, shop: Shop) -> None:
    make_product(db, owner, WATER_GTIN, "Produto com SKU igual a um EAN")
    assert by_code(db, WATER_GTIN) == "AG-500"


@pytest.mark.parametrize(
    ("text", "skus"),
    [
        ("agua", ["AG-500"]),
        ("CERVEJA", ["CV-LN600", "CV-LT350"]),  # lists show archived products too, when filtered so
        ("cerveja lata", ["CV-LT350"]),
        ("lata cerveja skol", ["CV-LT350"]),
        ("rf-cola", ["RF-COLA2L"]),
        (WATER_GTIN, ["AG-500"]),
        (WATER_CASE_GTIN, ["AG-500"]),
        ("cerveja vinho", []),
        ("_", []),
        ("%", []),
    ],
)
def test_lists_find_products_with_every_word_or_a_packaging_barcode(
    db: Database, shop: Shop, text: str, skus: list[str]
) -> None:
    assert matching(db, text) == skus


def test_type_ahead_lists_an_exact_code_first_then_names(db: Database, owner: Actor, shop: Shop) -> None:
    make_product(db, owner, "CERVEJA", "Caixa de cerveja sortida")
    assert found(db, "CERVEJA") == ["CERVEJA"]  # a code found what it names: no list of names
    assert found(db, "cerveja") == ["CERVEJA"]  # codes ignore case
    assert found(db, "cerveja lata") == ["CV-LT350"]
    # by name, those that start with the words first; the archived long neck is left out
    assert found(db, "cerv") == ["CV-LT350", "CERVEJA"]
    assert found(db, "cerv", include_archived=True) == ["CV-LT350", "CV-LN600", "CERVEJA"]
    assert found(db, WATER_CASE_GTIN) == ["AG-500"]
    assert found(db, "cerv", limit=1) == ["CV-LT350"]
    assert found(db, "   ") == []
