"""The stock lists: every sortable column sorts, every filter narrows, computed columns are exact."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import PermissionDenied
from bodesk.domain.common.listing import ListQuery, ListRequest, ListRow
from bodesk.domain.stock.operations import adjust_stock, transfer_stock
from bodesk.domain.stock.queries import (
    BinsQuery,
    LotsQuery,
    MovesQuery,
    ProductsQuery,
    StockOnHandQuery,
    WarehousesQuery,
)
from bodesk.store.engine import Database
from tests.builders.catalogue import make_product
from tests.builders.shop import WATER_CASE_GTIN, WATER_GTIN, Shop, build_shop
from tests.builders.stock import stock_in


@pytest.fixture
def shop(db: Database, owner: Actor) -> Shop:
    return build_shop(db, owner)


def rows(query: ListQuery, db: Database, actor: Actor, **request: Any) -> list[ListRow]:
    found = query.page(db, actor, ListRequest(**request), 0, 1000)
    assert query.count(db, actor, ListRequest(**request)) == len(found)
    return found


def column(query: ListQuery, found: list[ListRow], key: str) -> list[Any]:
    index = [c.key for c in query.columns].index(key)
    return [row.values[index] for row in found]


def ordered(values: list[Any], descending: bool) -> bool:
    """SQL order: NULL first ascending (SQLite), ties in any order."""
    keys = [(value is not None, value) for value in values]
    return keys == sorted(keys, reverse=descending)


QUERIES: list[tuple[Callable[[], ListQuery], dict[str, Any]]] = [
    (ProductsQuery, {"status": "all"}),
    (StockOnHandQuery, {"show_empty": True}),
    (MovesQuery, {}),
    (LotsQuery, {"show_empty": True}),
    (WarehousesQuery, {}),
]


@pytest.mark.parametrize(("make_query", "filters"), QUERIES, ids=lambda q: getattr(q, "__name__", ""))
def test_every_sortable_column_sorts_both_ways(
    db: Database, owner: Actor, shop: Shop, make_query: Callable[[], ListQuery], filters: dict[str, Any]
) -> None:
    query = make_query()
    everything = rows(query, db, owner, filters=filters)
    assert len(everything) >= 2
    for col in query.columns:
        if not col.sortable:
            continue
        for descending in (False, True):
            found = rows(query, db, owner, filters=filters, sort=col.key, descending=descending)
            assert {row.id for row in found} == {row.id for row in everything}
            assert ordered(column(query, found, col.key), descending), (col.key, descending)


def test_bins_sort_by_code(db: Database, owner: Actor, shop: Shop) -> None:
    query = BinsQuery()
    found = rows(
        query, db, owner, filters={"warehouse_id": shop.cd1.warehouse_id}, descending=True, sort="code"
    )
    assert column(query, found, "code") == ["CD1/A-02", "CD1/A-01"]


def test_products_are_active_by_default_and_sorted_by_name(db: Database, owner: Actor, shop: Shop) -> None:
    query = ProductsQuery()
    assert column(query, rows(query, db, owner), "sku") == ["AG-500", "CV-LT350", "GR-ENG", "RF-COLA2L"]
    archived = rows(query, db, owner, filters={"status": "archived"})
    assert column(query, archived, "sku") == ["CV-LN600"]
    assert len(rows(query, db, owner, filters={"status": "all"})) == 5


@pytest.mark.parametrize(
    ("text", "skus"),
    [
        ("água 500", ["AG-500"]),
        ("cerveja", ["CV-LT350"]),
        ("skol", ["CV-LT350"]),
        ("rf-cola", ["RF-COLA2L"]),
        (WATER_GTIN, ["AG-500"]),
        (WATER_CASE_GTIN, ["AG-500"]),
        ("agua 600", []),
        ("100%_", []),
    ],
)
def test_products_search_by_every_word_name_sku_or_barcode(
    db: Database, owner: Actor, shop: Shop, text: str, skus: list[str]
) -> None:
    query = ProductsQuery()
    assert column(query, rows(query, db, owner, search=text), "sku") == skus


def test_products_filters(db: Database, owner: Actor, shop: Shop) -> None:
    query = ProductsQuery()
    beers = rows(query, db, owner, filters={"category_id": _category(db, owner, "Cervejas"), "status": "all"})
    assert column(query, beers, "sku") == ["CV-LT350", "CV-LN600"]
    assert column(query, rows(query, db, owner, filters={"brand": "Skol"}), "sku") == ["CV-LT350"]
    assert rows(query, db, owner, filters={"below_minimum": True}) == []
    transfer_out = adjust_stock(db, owner, shop.water, shop.cd1.location_id, Decimal(-260), "vazamento")
    assert transfer_out.count == 1
    below = rows(query, db, owner, filters={"below_minimum": True})
    assert column(query, below, "sku") == ["AG-500"]
    assert column(query, below, "on_hand") == [Decimal("90.000")]
    assert column(query, below, "category") == ["Aguas"]


def _category(db: Database, owner: Actor, name: str) -> int:
    from bodesk.domain.stock.lookups import categories

    return next(choice.id for choice in categories(db, owner) if choice.name == name)


def test_stock_on_hand_rows_filters_and_value(db: Database, owner: Actor, shop: Shop) -> None:
    query = StockOnHandQuery()
    everything = rows(query, db, owner)
    assert len(everything) == 5
    cd2 = rows(query, db, owner, filters={"warehouse_id": shop.cd2.warehouse_id})
    assert sorted(column(query, cd2, "sku")) == ["CV-LT350", "RF-COLA2L"]
    assert column(query, cd2, "warehouse") == ["CD2", "CD2"]
    bin_rows = rows(query, db, owner, filters={"location_id": shop.a01})
    assert sorted(zip(column(query, bin_rows, "sku"), column(query, bin_rows, "lot"), strict=True)) == [
        ("AG-500", None),
        ("CV-LT350", "L1"),
    ]
    cola = rows(query, db, owner, filters={"category_id": _category(db, owner, "Refrigerantes")})
    assert column(query, cola, "quantity") == [Decimal("60.000")]
    assert column(query, cola, "value") == [Decimal("330.0000000")]
    beer = rows(query, db, owner, filters={"product_id": shop.beer}, sort="location")
    assert column(query, beer, "expiry") == [shop.today + timedelta(days=10), shop.today - timedelta(days=3)]
    assert column(query, beer, "lot_id") == [shop.lot1, shop.lot2]
    assert len(rows(query, db, owner, search="L1")) == 1
    assert len(rows(query, db, owner, search="cd1/a-01")) == 2


def test_stock_on_hand_hides_empty_places_unless_asked(db: Database, owner: Actor, shop: Shop) -> None:
    query = StockOnHandQuery()
    transfer_stock(db, owner, shop.cola, shop.cd2.location_id, shop.cd1.location_id, Decimal(60))
    shown = rows(query, db, owner, filters={"product_id": shop.cola})
    assert column(query, shown, "location") == ["CD1"]
    every = rows(query, db, owner, filters={"product_id": shop.cola, "show_empty": True})
    assert sorted(column(query, every, "location")) == ["CD1", "CD2"]


def test_moves_newest_first_with_filters(db: Database, owner: Actor, shop: Shop) -> None:
    query = MovesQuery()
    old = datetime(2024, 3, 15, 12, 0, tzinfo=UTC)
    stock_in(db, owner, shop.crate, shop.a02, 10, "30", at=old)
    found = rows(query, db, owner)
    assert len(found) == 6
    assert column(query, found, "at")[-1] == old
    assert column(query, found, "user") == ["dono"] * 6
    crate = rows(query, db, owner, filters={"product_id": shop.crate})
    assert column(query, crate, "from") == ["@adjustment"]
    assert column(query, crate, "document") == ["adjustment"]
    assert column(query, crate, "to") == ["CD1/A-02"]
    assert len(rows(query, db, owner, filters={"warehouse_id": shop.cd2.warehouse_id})) == 2
    assert len(rows(query, db, owner, filters={"location_id": shop.a01})) == 2
    march = rows(query, db, owner, filters={"from": date(2024, 3, 1), "to": date(2024, 3, 31)})
    assert column(query, march, "sku") == ["GR-ENG"]
    assert rows(query, db, owner, filters={"from": date(2024, 3, 16), "to": date(2024, 3, 31)}) == []
    adjust_stock(db, owner, shop.cola, shop.cd2.location_id, Decimal(-2), "garrafas quebradas", breakage=True)
    breakage = rows(query, db, owner, filters={"document": "breakage"})
    assert column(query, breakage, "reason") == ["garrafas quebradas"]
    assert column(query, breakage, "to") == ["@loss"]
    (number,) = column(query, breakage, "number")
    by_number = rows(query, db, owner, search=str(number))
    assert [row.id for row in by_number if row.id in {r.id for r in breakage}] == [breakage[0].id]
    assert column(query, rows(query, db, owner, search="skol"), "lot") == ["L2", "L1"]


def test_lots_expiring_expired_and_by_warehouse(db: Database, owner: Actor, shop: Shop) -> None:
    query = LotsQuery()
    found = rows(query, db, owner)
    assert column(query, found, "code") == ["L2", "L1"]
    assert column(query, found, "quantity") == [Decimal("24.000"), Decimal("120.000")]
    # valued at the product's moving average: (120 x 2.00 + 24 x 2.10) / 144 = 2.0167
    assert column(query, found, "value") == [Decimal("48.4008000"), Decimal("242.0040000")]
    assert column(query, rows(query, db, owner, filters={"within_days": 5}), "code") == ["L2"]
    assert column(query, rows(query, db, owner, filters={"within_days": 10}), "code") == ["L2", "L1"]
    assert column(query, rows(query, db, owner, filters={"expired": True}), "code") == ["L2"]
    in_cd1 = rows(query, db, owner, filters={"warehouse_id": shop.cd1.warehouse_id})
    assert column(query, in_cd1, "code") == ["L1"]
    assert column(query, in_cd1, "quantity") == [Decimal("120.000")]
    later = rows(query, db, owner, filters={"within_days": 5, "today": shop.today + timedelta(days=6)})
    assert column(query, later, "code") == ["L2", "L1"]


def test_lots_with_no_stock_left_show_only_when_asked(db: Database, owner: Actor, shop: Shop) -> None:
    query = LotsQuery()
    adjust_stock(db, owner, shop.beer, shop.cd2.location_id, Decimal(-24), "vencido", lot_id=shop.lot2)
    assert column(query, rows(query, db, owner), "code") == ["L1"]
    every = rows(query, db, owner, filters={"show_empty": True})
    assert column(query, every, "quantity") == [Decimal("0.000"), Decimal("120.000")]
    in_cd2 = rows(query, db, owner, filters={"show_empty": True, "warehouse_id": shop.cd2.warehouse_id})
    assert column(query, in_cd2, "code") == ["L2"]


def test_warehouses_and_their_bins(db: Database, owner: Actor, shop: Shop) -> None:
    warehouses = WarehousesQuery()
    found = rows(warehouses, db, owner)
    assert column(warehouses, found, "code") == ["CD1", "CD2"]
    assert column(warehouses, found, "bins") == [2, 0]
    bins = BinsQuery()
    cd1 = rows(bins, db, owner, filters={"warehouse_id": shop.cd1.warehouse_id})
    assert column(bins, cd1, "code") == ["CD1/A-01", "CD1/A-02"]
    assert column(bins, cd1, "products") == [2, 0]
    assert rows(bins, db, owner) == []
    assert rows(bins, db, owner, filters={"warehouse_id": shop.cd2.warehouse_id}) == []


def test_a_long_list_pages_in_order(db: Database, owner: Actor, shop: Shop) -> None:
    for number in range(30):
        make_product(db, owner, f"X-{number:03d}", f"Extra {number:03d}")
    query = ProductsQuery()
    request = ListRequest(search="extra", sort="sku", descending=True)
    assert query.count(db, owner, request) == 30
    first, second = query.page(db, owner, request, 0, 20), query.page(db, owner, request, 20, 20)
    skus = column(query, first + second, "sku")
    assert skus == [f"X-{number:03d}" for number in range(29, -1, -1)]


@pytest.mark.parametrize(
    "make_query", [ProductsQuery, StockOnHandQuery, MovesQuery, LotsQuery, WarehousesQuery]
)
def test_a_role_without_stock_sees_no_list(
    db: Database, make_user: Callable[..., Actor], make_query: Callable[[], ListQuery]
) -> None:
    support = make_user("support")
    with pytest.raises(PermissionDenied):
        make_query().page(db, support, ListRequest(), 0, 10)
    with pytest.raises(PermissionDenied):
        make_query().count(db, support, ListRequest())


def test_sales_may_read_stock_lists(db: Database, make_user: Callable[..., Actor], shop: Shop) -> None:
    sales = make_user("sales")
    assert len(rows(StockOnHandQuery(), db, sales)) == 5


@pytest.mark.parametrize("sort", ["at", "sku", "name"])
def test_moves_give_the_same_rows_whichever_plan_a_filter_takes(
    db: Database, owner: Actor, shop: Shop, monkeypatch: pytest.MonkeyPatch, sort: str
) -> None:
    from bodesk.domain.stock import moves_query

    query = MovesQuery()
    requests = [
        {"search": "cerveja"},
        {"search": "a"},
        {"filters": {"location_id": shop.a01}},
        {"filters": {"location_id": shop.cd2.location_id}, "search": "refri"},
    ]
    indexed = [rows(query, db, owner, sort=sort, **request) for request in requests]
    monkeypatch.setattr(moves_query, "FEW_PRODUCTS", 0)
    monkeypatch.setattr(moves_query, "BUSY_LOCATION", 1)
    walked = [rows(query, db, owner, sort=sort, **request) for request in requests]
    assert walked == indexed
    assert [len(found) for found in walked] == [2, 5, 2, 1]


def test_the_moves_count_stops_at_its_cap(
    db: Database, owner: Actor, shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(MovesQuery, "MAX_COUNT", 3)
    query = MovesQuery()
    assert query.count(db, owner, ListRequest()) == 3
    assert query.count(db, owner, ListRequest(search="cerveja")) == 2
    assert query.count(db, owner, ListRequest(filters={"origin": "receipt"})) == 3
    assert len(query.page(db, owner, ListRequest(), 0, 100)) == 5
