"""Reads that show costs check the reader's role as the writes do: a role that does not work with
stock is refused a product's data (its cost among them), the picking suggestion and the warehouses,
and a role that does gets them, its cost only when the role may see costs."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import Role, is_allowed
from bodesk.domain.stock.catalogue import product_data
from bodesk.domain.stock.lookups import warehouses
from bodesk.domain.stock.lots import suggest_picking
from bodesk.domain.stock.permissions import STOCK_COSTS, STOCK_VIEW
from bodesk.store.engine import Database
from tests.builders.shop import Shop, build_shop
from tests.helpers.refusals import denied

WITHOUT_STOCK = [role for role in Role if not is_allowed(role, STOCK_VIEW)]
WITH_STOCK = [role for role in Role if is_allowed(role, STOCK_VIEW) and role is not Role.OWNER]


@pytest.fixture
def shop(db: Database, owner: Actor) -> Shop:
    return build_shop(db, owner)


def test_some_roles_do_not_work_with_stock() -> None:
    assert Role.HR in WITHOUT_STOCK and Role.SUPPORT in WITHOUT_STOCK
    assert Role.SALES in WITH_STOCK and Role.WAREHOUSE in WITH_STOCK


@pytest.mark.parametrize("role", WITHOUT_STOCK, ids=str)
def test_a_role_without_stock_is_refused_what_stock_costs(
    db: Database, shop: Shop, make_user: Callable[..., Actor], role: Role
) -> None:
    reader = make_user(role.value)
    with denied(STOCK_VIEW):
        product_data(db, reader, shop.water)
    with denied(STOCK_VIEW):
        suggest_picking(db, reader, shop.beer, shop.cd1.warehouse_id, Decimal(10))
    with denied(STOCK_VIEW):
        warehouses(db, reader)


@pytest.mark.parametrize("role", WITH_STOCK, ids=str)
def test_a_role_that_works_with_stock_reads_it(
    db: Database, shop: Shop, make_user: Callable[..., Actor], role: Role
) -> None:
    reader = make_user(role.value)
    data = product_data(db, reader, shop.water)
    cost = Decimal("1.2000") if is_allowed(role, STOCK_COSTS) else None  # sales see no costs
    assert (data.sku, data.cost) == ("AG-500", cost)
    picks = suggest_picking(db, reader, shop.beer, shop.cd1.warehouse_id, Decimal(10))
    assert [(pick.lot, pick.quantity) for pick in picks] == [("L1", Decimal(10))]
    assert [choice.code for choice in warehouses(db, reader)] == ["CD1", "CD2"]
