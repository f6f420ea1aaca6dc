"""The sales team's stock list: on hand, reserved, free, on order from suppliers and when it arrives,
paged, sorted and filtered in SQL, the same figures as `reports_data.stock_for_sales`."""

from __future__ import annotations

from decimal import Decimal

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.listing import ListRequest
from bodesk.domain.purchasing.documents import order_view as purchase_view
from bodesk.domain.sales.queries import StockForSalesQuery
from bodesk.domain.sales.reports_data import stock_for_sales
from bodesk.store.engine import Database
from tests.builders.purchasing import build_scene, sent_order
from tests.builders.sales import line, make_customer, make_sale
from tests.builders.stock import stock_in

D = Decimal


def test_free_stock_and_what_is_coming_per_product(db: Database, owner: Actor) -> None:
    scene = build_scene(db, owner)
    stock_in(db, owner, scene.water.id, scene.location, 30, "1.00")
    stock_in(db, owner, scene.juice.id, scene.location, 6, "2.00")
    customer = make_customer(db, owner, 1)
    make_sale(db, owner, customer, line(scene.water.id, 2, scene.water.case_id), confirm=True)  # 24
    make_sale(db, owner, customer, line(scene.juice.id, 1, scene.juice.case_id), confirm=True)  # 6
    order = sent_order(db, owner, scene.vale, scene.warehouse, (scene.water, 5, None))
    expected = purchase_view(db, owner, order).expected_on
    query = StockForSalesQuery()

    rows = query.page(db, owner, ListRequest(), 0, 50)
    by_sku = {query.value(row, "sku"): row for row in rows}
    water = by_sku["AGUA"]
    assert [query.value(water, key) for key in ("on_hand", "reserved", "available", "on_order")] == [
        D(30),
        D(24),
        D(6),
        D(60),
    ]
    assert query.value(water, "arrives_on") == expected
    assert (
        query.value(by_sku["CERV"], "on_order") == D(0) and query.value(by_sku["CERV"], "arrives_on") is None
    )
    (report,) = stock_for_sales(db, owner, [scene.water.id])
    assert (report.available, report.on_order, report.arrives_on) == (D(6), D(60), expected)

    assert query.count(db, owner, ListRequest()) == 3
    short = ListRequest(filters={"short": True})
    assert [query.value(row, "sku") for row in query.page(db, owner, short, 0, 50)] == ["CERV", "SUCO"]
    coming = ListRequest(filters={"coming": True})
    assert [query.value(row, "sku") for row in query.page(db, owner, coming, 0, 50)] == ["AGUA"]
    assert query.count(db, owner, coming) == 1
    by_free = ListRequest(sort="available", descending=True)
    assert [query.value(row, "sku") for row in query.page(db, owner, by_free, 0, 1)] == ["AGUA"]
    assert [query.value(row, "sku") for row in query.page(db, owner, ListRequest(search="suco"), 0, 50)] == [
        "SUCO"
    ]
