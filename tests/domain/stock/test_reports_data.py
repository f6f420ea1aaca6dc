"""The numbers behind the stock reports, exact to the cent."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

import pytest

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import PermissionDenied
from bodesk.domain.stock.catalogue import ARCHIVE_WITH_STOCK, set_product_active
from bodesk.domain.stock.reports_data import (
    availability_by_category,
    expiring_lots,
    reserved_quantities,
    stock_valuation,
)
from bodesk.store.engine import Database
from tests.builders.catalogue import make_product
from tests.builders.shop import Shop, build_shop
from tests.builders.stock import make_warehouse, stock_in


@pytest.fixture
def shop(db: Database, owner: Actor) -> Shop:
    return build_shop(db, owner)


def test_valuation_per_product_category_and_in_total(db: Database, owner: Actor, shop: Shop) -> None:
    valuation = stock_valuation(db, owner)
    assert valuation.warehouse == ""
    assert [group.category for group in valuation.groups] == ["Aguas", "Cervejas", "Refrigerantes"]
    rows = {row.sku: row for group in valuation.groups for row in group.rows}
    assert rows["AG-500"].quantity == Decimal("350.000")
    assert rows["AG-500"].value == Decimal("420.00")
    # the beer's moving average: (120 x 2.00 + 24 x 2.10) / 144 = 2.01666… -> 2.0167
    assert rows["CV-LT350"].cost == Decimal("2.0167")
    assert rows["CV-LT350"].value == Decimal("290.40")  # 144 x 2.0167 = 290.4048
    assert rows["RF-COLA2L"].value == Decimal("330.00")
    assert [group.value for group in valuation.groups] == [
        Decimal("420.00"),
        Decimal("290.40"),
        Decimal("330.00"),
    ]
    assert valuation.value == Decimal("1040.40")
    assert valuation.products == 3


def test_valuation_of_one_warehouse(db: Database, owner: Actor, shop: Shop) -> None:
    cd1 = stock_valuation(db, owner, shop.cd1.warehouse_id)
    cd2 = stock_valuation(db, owner, shop.cd2.warehouse_id)
    assert cd1.warehouse == "CD1 – Centro Campinas"
    assert {row.sku: row.value for group in cd1.groups for row in group.rows} == {
        "AG-500": Decimal("420.00"),
        "CV-LT350": Decimal("242.00"),  # 120 x 2.0167 = 242.004
    }
    assert {row.sku: row.value for group in cd2.groups for row in group.rows} == {
        "CV-LT350": Decimal("48.40"),  # 24 x 2.0167 = 48.4008
        "RF-COLA2L": Decimal("330.00"),
    }
    assert (cd1.value, cd2.value) == (Decimal("662.00"), Decimal("378.40"))


def test_each_row_is_rounded_half_to_even_and_totals_add_the_rounded_rows(db: Database, owner: Actor) -> None:
    place = make_warehouse(db, owner)
    a = make_product(db, owner, "A", "Tampa A", category="Tampas")
    b = make_product(db, owner, "B", "Tampa B", category="Tampas")
    stock_in(db, owner, a, place.location_id, 1, "0.1250")  # 0.125 -> 0.12
    stock_in(db, owner, b, place.location_id, 1, "0.1350")  # 0.135 -> 0.14
    valuation = stock_valuation(db, owner)
    assert [row.value for row in valuation.groups[0].rows] == [Decimal("0.12"), Decimal("0.14")]
    assert valuation.value == Decimal("0.26")


def test_valuation_adds_large_figures_exactly(db: Database, owner: Actor) -> None:
    place = make_warehouse(db, owner)
    for number in range(3):
        product = make_product(db, owner, f"BIG-{number}", f"Granel {number}")
        stock_in(db, owner, product, place.location_id, "999999.999", "99999.9999")
    valuation = stock_valuation(db, owner)
    row_value = Decimal("99999999800.00")  # 999999.999 x 99999.9999 = 99,999,999,800.0000001
    assert [row.value for row in valuation.groups[0].rows] == [row_value] * 3
    assert valuation.value == row_value * 3
    assert valuation.groups[0].category == "No category"


def test_archived_products_count_in_the_valuation_but_are_not_offered(
    db: Database, owner: Actor, shop: Shop
) -> None:
    set_product_active(db, owner, shop.cola, False, frozenset({ARCHIVE_WITH_STOCK}))
    assert stock_valuation(db, owner).value == Decimal("1040.40")
    availability = availability_by_category(db, owner)
    assert [group.category for group in availability.groups] == ["Aguas", "Cervejas"]


def test_availability_by_category(db: Database, owner: Actor, shop: Shop) -> None:
    availability = availability_by_category(db, owner)
    lines = [
        (g.category, r.sku, r.on_hand, r.reserved, r.available, r.unit)
        for g in availability.groups
        for r in g.rows
    ]
    assert lines == [
        ("Aguas", "AG-500", Decimal("350.000"), Decimal(0), Decimal("350.000"), "un"),
        ("Cervejas", "CV-LT350", Decimal("144.000"), Decimal(0), Decimal("144.000"), "un"),
        ("Refrigerantes", "RF-COLA2L", Decimal("60.000"), Decimal(0), Decimal("60.000"), "un"),
    ]
    assert (availability.products, availability.available_products) == (3, 3)
    in_cd2 = availability_by_category(db, owner, shop.cd2.warehouse_id)
    assert [(r.sku, r.on_hand) for g in in_cd2.groups for r in g.rows] == [
        ("CV-LT350", Decimal("24.000")),
        ("RF-COLA2L", Decimal("60.000")),
    ]


def test_nothing_is_reserved_until_there_are_sales_orders(db: Database, owner: Actor, shop: Shop) -> None:
    with db.read() as session:
        assert reserved_quantities(session, [shop.water, shop.beer]) == {}


def test_expiring_lots_include_the_expired_with_their_value(db: Database, owner: Actor, shop: Shop) -> None:
    report = expiring_lots(db, owner, 30, today=shop.today)
    assert report.until == shop.today + timedelta(days=30)
    assert [(lot.lot, lot.days_left, lot.quantity, lot.value) for lot in report.expired] == [
        ("L2", -3, Decimal("24.000"), Decimal("48.40"))
    ]
    assert [(lot.lot, lot.days_left, lot.quantity, lot.value) for lot in report.expiring] == [
        ("L1", 10, Decimal("120.000"), Decimal("242.00"))
    ]
    assert (report.expired_value, report.expiring_value, report.value) == (
        Decimal("48.40"),
        Decimal("242.00"),
        Decimal("290.40"),
    )
    soon = expiring_lots(db, owner, 5, today=shop.today)
    assert [lot.lot for lot in soon.expired] == ["L2"] and soon.expiring == ()
    cd1 = expiring_lots(db, owner, 30, shop.cd1.warehouse_id, today=shop.today)
    assert (cd1.expired, [lot.lot for lot in cd1.expiring]) == ((), ["L1"])
    assert cd1.warehouse == "CD1 – Centro Campinas"


def test_the_reports_need_stock_permission(db: Database, make_user: Callable[..., Actor], shop: Shop) -> None:
    support = make_user("support")
    for compute in (stock_valuation, availability_by_category):
        with pytest.raises(PermissionDenied):
            compute(db, support)
    with pytest.raises(PermissionDenied):
        expiring_lots(db, support, 30)
