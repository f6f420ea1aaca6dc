"""What goods cost and what the stock is worth is for those whose role may see costs (stock.costs): sales
read the stock without a cost or a value anywhere, by the domain's own reads, not only the screens'."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator

import pytest

import bodesk.domain
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import Role, is_allowed
from bodesk.domain.common.listing import ListQuery, ListRequest
from bodesk.domain.stock.catalogue import product_data
from bodesk.domain.stock.lookups import product_brief
from bodesk.domain.stock.permissions import STOCK_COSTS
from bodesk.domain.stock.queries import LotsQuery, MovesQuery, ProductsQuery, StockOnHandQuery
from bodesk.domain.stock.reports_data import expiring_lots, stock_valuation
from bodesk.store.engine import Database
from tests.builders.shop import Shop, build_shop
from tests.helpers.refusals import denied

COST_KINDS = ("money", "price")
# What a product sells for, and what a customer is charged or may owe, is for everyone who sells.
NOT_COSTS = frozenset({"sale_price"})
SALE_VALUES = frozenset(
    {
        "sales.queries.OrdersQuery.total",
        "sales.queries.OrderLinesQuery.price",
        "sales.queries.OrderLinesQuery.total",
        "sales.queries.ReturnsQuery.total",
        "sales.queries.CustomersQuery.credit_limit",
        "sales.price_queries.PriceItemsQuery.price",
        "sales.price_queries.PriceItemsQuery.min_price",
        "deliveries.queries.TripsQuery.value",  # the orders' value at sale prices
        "deliveries.queries.StopsQuery.value",
        "deliveries.queries.StopsQuery.collected",  # money taken at the door
        "deliveries.queries.ContainerBalancesQuery.value",  # containers held at their deposit
    }
)


def _name(query: type[ListQuery], key: str) -> str:
    return f"{query.__module__.removeprefix('bodesk.domain.')}.{query.__name__}.{key}"


@pytest.fixture
def shop(db: Database, owner: Actor) -> Shop:
    return build_shop(db, owner)


@pytest.fixture
def sales(make_user: Callable[..., Actor]) -> Actor:
    return make_user("sales")


def every_list() -> Iterator[type[ListQuery]]:
    for found in pkgutil.walk_packages(bodesk.domain.__path__, "bodesk.domain."):
        importlib.import_module(found.name)

    def below(cls: type[ListQuery]) -> Iterator[type[ListQuery]]:
        for sub in cls.__subclasses__():
            yield sub
            yield from below(sub)

    yield from {
        cls for cls in below(ListQuery) if "columns" in vars(cls) and cls.__module__.startswith("bodesk.")
    }


def test_who_may_see_costs() -> None:
    assert [role for role in Role if is_allowed(role, STOCK_COSTS)] == [
        Role.OWNER,
        Role.MANAGER,
        Role.FINANCE,
        Role.WAREHOUSE,
    ]


def _read_by_cost_seers_only(query: type[ListQuery]) -> bool:
    """Every role that may read the list may see costs (the books are finance's and the managers')."""
    return all(is_allowed(role, STOCK_COSTS) for role in Role if is_allowed(role, query.action))


def test_every_money_column_of_every_list_is_a_cost_but_a_sale_price() -> None:
    assert {"StockOnHandQuery", "OrdersQuery", "CountLinesQuery"} <= {
        query.__name__ for query in every_list()
    }
    unguarded = [
        _name(query, column.key)
        for query in every_list()
        if not _read_by_cost_seers_only(query)
        for column in query.columns
        if column.kind in COST_KINDS
        and column.key not in NOT_COSTS
        and _name(query, column.key) not in SALE_VALUES
        and column.permission is not STOCK_COSTS
    ]
    assert unguarded == []


@pytest.mark.parametrize("query", [ProductsQuery(), StockOnHandQuery(), MovesQuery(), LotsQuery()])
def test_sales_read_the_stock_lists_without_costs_or_values(
    db: Database, owner: Actor, sales: Actor, shop: Shop, query: ListQuery
) -> None:
    costs = [c.key for c in query.columns if c.permission is STOCK_COSTS]
    assert costs
    request = ListRequest(sort=costs[0])
    for row in query.page(db, sales, request, 0, 100):
        assert all(query.value(row, key) is None for key in costs)
    assert not set(costs) & set(query.totals(db, sales, ListRequest()).values)
    seen = query.page(db, owner, ListRequest(), 0, 100)
    assert any(query.value(row, costs[0]) is not None for row in seen)
    by_default = [row.id for row in query.page(db, sales, ListRequest(), 0, 100)]
    assert [row.id for row in query.page(db, sales, request, 0, 100)] == by_default  # no order by a cost


def test_sales_are_refused_the_valuation_and_the_expiry_values(
    db: Database, sales: Actor, shop: Shop
) -> None:
    with denied(STOCK_COSTS):
        stock_valuation(db, sales)
    with denied(STOCK_COSTS):
        expiring_lots(db, sales, 30)


def test_a_products_cost_is_left_out_for_sales(db: Database, owner: Actor, sales: Actor, shop: Shop) -> None:
    assert product_data(db, sales, shop.water).cost is None
    assert product_brief(db, sales, shop.water).cost is None
    assert product_data(db, owner, shop.water).cost is not None
