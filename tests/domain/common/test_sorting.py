"""Names sort as a Brazilian reads them ("Água" among the A's), the same on SQLite and PostgreSQL: every
list and report that sorts by a name goes by its stored key, the domain keeps the key where the name is
written, and `bodesk check` finds a key left behind."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from sqlalchemy import update

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.queries import UsersQuery
from bodesk.domain.common.listing import ListQuery, ListRequest
from bodesk.domain.common.sorting import sort_key, stale_sort_keys
from bodesk.domain.purchasing.queries import SuppliersQuery
from bodesk.domain.stock.catalogue import product_data, update_product
from bodesk.domain.stock.lookups import brands, categories
from bodesk.domain.stock.models import Product
from bodesk.domain.stock.queries import ProductsQuery, StockOnHandQuery
from bodesk.domain.stock.reports_data import stock_valuation
from bodesk.store.engine import Database
from tests.builders.catalogue import make_product
from tests.builders.purchasing import make_supplier
from tests.builders.stock import make_warehouse, stock_in

NAMES = ("Ypióca Prata", "água tônica", "Água Mineral", "Aguardente", "abacaxi", "Zinco", "Éden")
IN_ORDER = ["abacaxi", "Água Mineral", "água tônica", "Aguardente", "Éden", "Ypióca Prata", "Zinco"]


def names(query: ListQuery, db: Database, actor: Actor, key: str, **request: object) -> list[str]:
    index = [column.key for column in query.columns].index(key)
    return [row.values[index] for row in query.page(db, actor, ListRequest(**request), 0, 100)]  # type: ignore[arg-type]


@pytest.fixture
def products(db: Database, owner: Actor) -> list[int]:
    return [
        make_product(db, owner, f"P{number}", name, brand=name.split()[0], category=name.split()[0])
        for number, name in enumerate(NAMES)
    ]


def test_the_key_folds_case_accents_and_spaces() -> None:
    assert sort_key("  Água   Tônica ") == "agua tonica"
    assert sort_key("Ypióca", 3) == "ypi"
    assert sort_key(None) == ""


def test_the_products_list_sorts_names_brands_and_categories_by_their_keys(
    db: Database, owner: Actor, products: list[int]
) -> None:
    assert names(ProductsQuery(), db, owner, "name") == IN_ORDER
    assert names(ProductsQuery(), db, owner, "name", sort="name", descending=True) == IN_ORDER[::-1]
    assert names(ProductsQuery(), db, owner, "brand", sort="brand") == [
        "abacaxi", "água", "Água", "Aguardente", "Éden", "Ypióca", "Zinco",
    ]  # fmt: skip
    # "Água" is the category "água" made first: category names match ignoring case and accents
    assert [choice.name for choice in categories(db, owner)] == [
        "abacaxi", "água", "Aguardente", "Éden", "Ypióca", "Zinco",
    ]  # fmt: skip
    assert brands(db, owner) == ["abacaxi", "Água", "água", "Aguardente", "Éden", "Ypióca", "Zinco"]


def test_renaming_a_product_moves_it_in_the_list(db: Database, owner: Actor, products: list[int]) -> None:
    zinco = products[NAMES.index("Zinco")]
    update_product(db, owner, zinco, replace(product_data(db, owner, zinco), name="Ácido Cítrico"))
    assert names(ProductsQuery(), db, owner, "name")[:2] == ["abacaxi", "Ácido Cítrico"]


def test_stock_lists_and_reports_sort_by_the_key_too(db: Database, owner: Actor, products: list[int]) -> None:
    place = make_warehouse(db, owner)
    for product_id in products:
        stock_in(db, owner, product_id, place.location_id, 1, cost="1.00")
    assert names(StockOnHandQuery(), db, owner, "name") == IN_ORDER
    valuation = stock_valuation(db, owner)
    assert [group.category for group in valuation.groups] == [
        "abacaxi", "água", "Aguardente", "Éden", "Ypióca", "Zinco",
    ]  # fmt: skip


def test_suppliers_and_users_sort_by_their_keys(
    db: Database, owner: Actor, make_user: Callable[..., Actor]
) -> None:
    for serial, name in enumerate(("Zé Bebidas Ltda.", "Águas do Sul Ltda.", "Atacado Norte Ltda."), start=1):
        make_supplier(db, owner, serial, name)
    assert names(SuppliersQuery(), db, owner, "name") == [
        "Águas do Sul Ltda.",
        "Atacado Norte Ltda.",
        "Zé Bebidas Ltda.",
    ]
    make_user("sales", "angela")
    make_user("sales", "bruno")
    assert names(UsersQuery(), db, owner, "full_name", sort="full_name") == ["Angela", "Bruno", "Dona Maria"]


def test_a_key_left_behind_by_hand_is_found_by_the_check(
    db: Database, owner: Actor, products: list[int]
) -> None:
    with db.read() as session:
        assert stale_sort_keys(session) == []
    with db.write() as session:  # as another program might, past the domain
        session.execute(update(Product).where(Product.id == products[0]).values(name="Outra coisa"))
    with db.read() as session:
        problems = stale_sort_keys(session)
    assert len(problems) == 1 and "products" in problems[0] and "name" in problems[0]
