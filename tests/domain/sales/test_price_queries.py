"""The price tables' lists: the tables, and for one table its prices per packaging, the breaks and the
promotions that apply in it (its own and every table's)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.listing import ListRequest
from bodesk.domain.sales.price_queries import (
    PriceBreaksQuery,
    PriceItemsQuery,
    PriceTablesQuery,
    PromotionsQuery,
)
from bodesk.domain.sales.price_tables import add_break, add_price_table, add_promotion, set_price
from bodesk.domain.sales.references import add_segment
from bodesk.store.engine import Database
from tests.builders.catalogue import add_case, make_product

D = Decimal


def values(
    query: object, request: ListRequest, db: Database, actor: Actor, *keys: str
) -> list[tuple[object, ...]]:
    assert hasattr(query, "page") and hasattr(query, "value")
    rows = query.page(db, actor, request, 0, 100)
    return [tuple(query.value(row, key) for key in keys) for row in rows]


def test_a_table_lists_its_prices_breaks_and_promotions(db: Database, owner: Actor) -> None:
    bars = add_price_table(db, owner, "Bares", add_segment(db, owner, "Bares"), is_default=True)
    markets = add_price_table(db, owner, "Mercados")
    beer = make_product(db, owner, "CERV", "Cerveja")
    case = add_case(db, owner, beer, 12)
    water = make_product(db, owner, "AGUA", "Água")
    set_price(db, owner, bars, beer, case, D("42.00"), D("38.00"))
    set_price(db, owner, bars, beer, None, D("3.80"))
    set_price(db, owner, markets, water, None, D("1.50"))
    add_break(db, owner, bars, D(120), D(3), beer, label="10 cases")
    add_break(db, owner, None, D(600), D(5), label="50 cases")
    add_break(db, owner, markets, D(12), D(1), water)
    add_promotion(db, owner, "Verão", date(2026, 12, 1), date(2027, 1, 31), D(10), bars, beer)

    tables = PriceTablesQuery()
    assert values(tables, ListRequest(), db, owner, "name", "segment", "is_default") == [
        ("Bares", "Bares", True),
        ("Mercados", None, False),
    ]
    assert values(tables, ListRequest(search="merc"), db, owner, "name") == [("Mercados",)]
    items = PriceItemsQuery()
    shown = values(
        items,
        ListRequest(filters={"table": bars}, sort="price"),
        db,
        owner,
        "sku",
        "packaging",
        "price",
        "min_price",
    )
    assert shown == [("CERV", None, D("3.80"), None), ("CERV", "Caixa 12", D("42.00"), D("38.00"))]
    assert items.count(db, owner, ListRequest(filters={"table": markets})) == 1
    assert items.count(db, owner, ListRequest()) == 0
    breaks = values(
        PriceBreaksQuery(), ListRequest(filters={"table": bars}), db, owner, "label", "sku", "every_table"
    )
    assert breaks == [("10 cases", "CERV", False), ("50 cases", None, True)]
    promotions = values(PromotionsQuery(), ListRequest(filters={"table": markets}), db, owner, "name")
    assert promotions == []
    assert values(PromotionsQuery(), ListRequest(filters={"table": bars}), db, owner, "name", "discount") == [
        ("Verão", D(10))
    ]
