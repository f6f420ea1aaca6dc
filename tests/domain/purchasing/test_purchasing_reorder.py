"""Reorder suggestions: min/max, on hand, on order, packaging rounding, supplier choice, and the
draft orders made from them."""

from __future__ import annotations

from decimal import Decimal

from bodesk.domain.access.actor import Actor
from bodesk.domain.purchasing.documents import order_view
from bodesk.domain.purchasing.models import PurchaseOrder
from bodesk.domain.purchasing.orders import cancel_order
from bodesk.domain.purchasing.reorder import (
    ReorderSelection,
    create_orders_from_suggestions,
    reorder_suggestions,
    suggestions_mark,
    whole_packages,
)
from bodesk.domain.purchasing.suppliers import (
    ARCHIVE_WITH_OPEN_ORDERS,
    set_supplier_active,
    set_supplier_price,
)
from bodesk.domain.stock.operations import adjust_stock
from bodesk.store.engine import Database
from tests.builders.purchasing import (
    make_order,
    make_product_in_cases,
    make_supplier,
    order,
    price,
    receive,
    sent_order,
)
from tests.builders.readings import count_rows, snapshot
from tests.builders.stock import make_warehouse, stock_in
from tests.helpers.refusals import invalid

D = Decimal


def by_sku(db: Database, owner: Actor, warehouse_id: int | None = None) -> dict[str, object]:
    return {row.sku: row for row in reorder_suggestions(db, owner, warehouse_id)}


def test_whole_packages_round_up() -> None:
    assert [whole_packages(D(n), D(12)) for n in (1, 12, 13, 50)] == [D(1), D(1), D(2), D(5)]
    assert whole_packages(D("2.5"), D(1)) == D(3)


def test_below_minimum_is_brought_to_the_maximum_in_whole_cases(db: Database, owner: Actor) -> None:
    supplier = make_supplier(db, owner)
    place = make_warehouse(db, owner)
    water = make_product_in_cases(db, owner, "AGUA", "Água", case_units=12, min_stock=24, max_stock=60)
    full = make_product_in_cases(db, owner, "CHEIO", case_units=12, min_stock=24, max_stock=60)
    never = make_product_in_cases(db, owner, "SEM", case_units=12)  # no minimum: never suggested
    price(db, owner, supplier, water, "18.00")
    stock_in(db, owner, water.id, place.location_id, 10)
    stock_in(db, owner, full.id, place.location_id, 24)
    stock_in(db, owner, never.id, place.location_id, 1)
    rows = reorder_suggestions(db, owner)
    assert [row.sku for row in rows] == ["AGUA"]
    (row,) = rows
    assert (row.on_hand, row.on_order, row.needed) == (D(10), D(0), D(50))
    assert (row.supplier_id, row.packaging, row.packages, row.quantity) == (supplier, "Caixa 12", D(5), D(60))
    assert (row.package_price, row.value) == (D("18.0000"), D("90.00"))


def test_what_is_on_order_counts_until_received_or_cancelled(db: Database, owner: Actor) -> None:
    supplier = make_supplier(db, owner)
    place = make_warehouse(db, owner)
    water = make_product_in_cases(db, owner, "AGUA", case_units=12, min_stock=30, max_stock=60)
    price(db, owner, supplier, water, "18.00")
    sent = sent_order(db, owner, supplier, place.warehouse_id, (water, 1, None))
    draft = make_order(db, owner, supplier, place.warehouse_id, (water, 1, None))
    row = by_sku(db, owner)["AGUA"]
    assert (row.on_order, row.needed, row.packages) == (D(24), D(36), D(3))  # type: ignore[attr-defined]
    receive(db, owner, sent, [5])  # partly received: 7 still expected, 5 on hand
    row = by_sku(db, owner)["AGUA"]
    assert (row.on_hand, row.on_order, row.needed) == (D(5), D(19), D(36))  # type: ignore[attr-defined]
    cancel_order(db, owner, draft, "not needed")
    row = by_sku(db, owner)["AGUA"]
    assert (row.on_order, row.needed) == (D(7), D(48))  # type: ignore[attr-defined]
    stock_in(db, owner, water.id, place.location_id, 20)
    assert "AGUA" not in by_sku(db, owner)  # 25 on hand + 7 on order >= 30


def test_preferred_supplier_else_the_cheapest_per_unit(db: Database, owner: Actor) -> None:
    cases, units, archived = (make_supplier(db, owner, n) for n in (1, 2, 3))
    make_warehouse(db, owner)
    water = make_product_in_cases(db, owner, "AGUA", case_units=12, min_stock=10)  # no max: up to the minimum
    price(db, owner, cases, water, "24.00")  # 2.00 a unit
    set_supplier_price(db, owner, units, water.id, None, D("1.90"))
    set_supplier_price(db, owner, archived, water.id, None, D("1.00"))
    set_supplier_active(db, owner, archived, False)
    row = by_sku(db, owner)["AGUA"]
    assert (row.supplier_id, row.packaging, row.packages, row.value) == (units, "", D(10), D("19.00"))  # type: ignore[attr-defined]
    price(db, owner, cases, water, "24.00", preferred=True)
    row = by_sku(db, owner)["AGUA"]
    assert (row.supplier_id, row.packages, row.quantity) == (cases, D(1), D(12))  # type: ignore[attr-defined]


def test_a_product_no_supplier_sells_is_listed_without_one(db: Database, owner: Actor) -> None:
    make_warehouse(db, owner)
    make_product_in_cases(db, owner, "ORFAO", case_units=6, min_stock=5, max_stock=8)
    row = by_sku(db, owner)["ORFAO"]
    assert (row.supplier_id, row.packages, row.quantity, row.value) == (None, D(8), D(8), None)  # type: ignore[attr-defined]


def test_one_warehouse_counts_only_its_own_stock(db: Database, owner: Actor) -> None:
    supplier = make_supplier(db, owner)
    north, south = make_warehouse(db, owner, "CD1"), make_warehouse(db, owner, "CD2")
    water = make_product_in_cases(db, owner, "AGUA", case_units=12, min_stock=24, max_stock=48)
    price(db, owner, supplier, water, "18.00")
    stock_in(db, owner, water.id, north.location_id, 30)
    sent_order(db, owner, supplier, north.warehouse_id, (water, 1, None))
    assert "AGUA" not in by_sku(db, owner)
    assert "AGUA" not in by_sku(db, owner, north.warehouse_id)
    row = by_sku(db, owner, south.warehouse_id)["AGUA"]
    assert (row.on_hand, row.on_order, row.packages) == (D(0), D(0), D(4))  # type: ignore[attr-defined]


def test_draft_orders_one_per_supplier(db: Database, owner: Actor) -> None:
    first, second = make_supplier(db, owner, 1), make_supplier(db, owner, 2)
    warehouse = make_warehouse(db, owner).warehouse_id
    water = make_product_in_cases(db, owner, "AGUA", case_units=12, min_stock=24, max_stock=60)
    juice = make_product_in_cases(db, owner, "SUCO", case_units=6, min_stock=6, max_stock=12)
    soda = make_product_in_cases(db, owner, "REFRI", case_units=6, min_stock=6, max_stock=12)
    price(db, owner, first, water, "18.00")
    price(db, owner, second, juice, "30.00")
    price(db, owner, first, soda, "15.00")
    chosen = [
        ReorderSelection(row.product_id, row.supplier_id, row.packaging_id, row.packages)
        for row in reorder_suggestions(db, owner)
        if row.supplier_id is not None
    ]
    ids = create_orders_from_suggestions(db, owner, chosen, warehouse)
    views = [order_view(db, owner, order_id) for order_id in ids]
    assert [(v.supplier_id, v.status, [line.sku for line in v.lines]) for v in views] == [
        (first, "draft", ["AGUA", "REFRI"]),
        (second, "draft", ["SUCO"]),
    ]
    assert [v.total for v in views] == [D("120.00"), D("60.00")]
    assert reorder_suggestions(db, owner) == []


def test_a_bad_selection_makes_no_order_at_all(db: Database, owner: Actor) -> None:
    first, second = make_supplier(db, owner, 1), make_supplier(db, owner, 2)
    warehouse = make_warehouse(db, owner).warehouse_id
    water = make_product_in_cases(db, owner, "AGUA", case_units=12, min_stock=24)
    price(db, owner, first, water, "18.00")
    before = snapshot(db)
    selections = [
        ReorderSelection(water.id, first, water.case_id, D(2)),
        ReorderSelection(water.id, second, water.case_id, D(2)),  # the second sells no water
    ]
    with invalid("line:1:package_price"):  # the second has no price for water (line 1 of its order)
        create_orders_from_suggestions(db, owner, selections, warehouse)
    with invalid("lines"):
        create_orders_from_suggestions(db, owner, [], warehouse)
    assert count_rows(db, PurchaseOrder) == 0 and snapshot(db) == before
    (order_id,) = create_orders_from_suggestions(db, owner, selections[:1], warehouse)
    assert order(db, order_id).number == 1


def test_the_suggestions_mark_moves_with_every_change_that_can_change_them(
    db: Database, owner: Actor
) -> None:
    supplier = make_supplier(db, owner)
    place = make_warehouse(db, owner)
    water = make_product_in_cases(db, owner, "AGUA", "Água", case_units=12, min_stock=24, max_stock=60)
    mark = suggestions_mark(db, owner)
    reorder_suggestions(db, owner)
    assert suggestions_mark(db, owner) == mark  # reading changes nothing

    changes = [
        lambda: price(db, owner, supplier, water, "18.00"),
        lambda: adjust_stock(db, owner, water.id, place.location_id, D(10), "chegou"),
        lambda: make_order(db, owner, supplier, place.warehouse_id, (water, 1, None)),
        lambda: set_supplier_active(db, owner, supplier, False, frozenset({ARCHIVE_WITH_OPEN_ORDERS})),
    ]
    for change in changes:
        change()
        assert suggestions_mark(db, owner) > mark
        mark = suggestions_mark(db, owner)
