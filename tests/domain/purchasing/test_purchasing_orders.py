"""Purchase orders: drafting with the supplier's prices, gapless numbers, editing drafts only, and the
state machine (send, cancel, close short)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import PermissionDenied, ValidationError
from bodesk.domain.purchasing.documents import order_view
from bodesk.domain.purchasing.models import PurchaseOrder
from bodesk.domain.purchasing.orders import (
    OrderLineInput,
    cancel_order,
    close_order,
    create_order,
    send_order,
    update_order,
)
from bodesk.domain.purchasing.suppliers import set_supplier_active, set_supplier_price
from bodesk.store.engine import Database
from tests.builders.purchasing import (
    Item,
    make_order,
    make_product_in_cases,
    make_supplier,
    order,
    price,
    receive,
    sent_order,
)
from tests.builders.readings import snapshot
from tests.builders.stock import make_warehouse
from tests.helpers.refusals import invalid, refused

D = Decimal


@pytest.fixture
def setup(db: Database, owner: Actor) -> tuple[int, int, Item, Item]:
    supplier = make_supplier(db, owner, lead_time_days=5)
    warehouse = make_warehouse(db, owner).warehouse_id
    water = make_product_in_cases(db, owner, "AGUA", "Água 500 mL", case_units=12)
    juice = make_product_in_cases(db, owner, "SUCO", "Suco 1 L", case_units=6)
    price(db, owner, supplier, water, "18.00")
    return supplier, warehouse, water, juice


def test_a_draft_takes_the_suppliers_price_and_rounds_each_line(
    db: Database, owner: Actor, setup: tuple[int, int, Item, Item]
) -> None:
    supplier, warehouse, water, juice = setup
    order_id = make_order(db, owner, supplier, warehouse, (water, 10, None), (juice, "3", "10.3333"))
    view = order_view(db, owner, order_id)
    assert view.status == "draft" and view.number == 1
    assert view.expected_on == date.today() + timedelta(days=5)
    first, second = view.lines
    assert (first.packages, first.units_per_package, first.quantity) == (D(10), D(12), D(120))
    assert (first.package_price, first.total) == (D("18.0000"), D("180.00"))
    assert (second.quantity, second.package_price, second.total) == (D(18), D("10.3333"), D("31.00"))
    assert view.total == D("211.00")


def test_the_suppliers_price_is_converted_to_the_lines_packaging(
    db: Database, owner: Actor, setup: tuple[int, int, Item, Item]
) -> None:
    supplier, warehouse, water, _juice = setup
    order_id = create_order(db, owner, supplier, warehouse, [OrderLineInput(water.id, None, D(30))])
    line = order_view(db, owner, order_id).lines[0]
    assert (line.packaging, line.package_price, line.total) == ("", D("1.5000"), D("45.00"))


def test_numbers_are_gapless_even_after_a_refused_order(
    db: Database, owner: Actor, setup: tuple[int, int, Item, Item]
) -> None:
    supplier, warehouse, water, juice = setup
    first = make_order(db, owner, supplier, warehouse, (water, 1, None))
    with pytest.raises(ValidationError):
        make_order(db, owner, supplier, warehouse, (juice, 1, None))  # no price for juice
    second = make_order(db, owner, supplier, warehouse, (water, 2, None))
    assert [order(db, first).number, order(db, second).number] == [1, 2]


def test_every_bad_line_is_reported_and_nothing_is_saved(
    db: Database, owner: Actor, setup: tuple[int, int, Item, Item]
) -> None:
    supplier, warehouse, water, juice = setup
    before = snapshot(db)
    lines = [
        OrderLineInput(water.id, water.case_id, D(0)),
        OrderLineInput(juice.id, water.case_id, D(1)),
        OrderLineInput(juice.id, juice.case_id, D(1)),
        OrderLineInput(water.id, water.case_id, D("1.5"), D(-1)),
        OrderLineInput(999, None, D(1)),
    ]
    with pytest.raises(ValidationError) as caught:
        create_order(db, owner, supplier, warehouse, lines)
    assert [error.field for error in caught.value.errors] == [
        "line:1:packages",
        "line:2:packaging",
        "line:3:product",
        "line:3:package_price",
        "line:4:product",
        "line:4:package_price",
        "line:5:product",
    ]
    with invalid("lines"):
        create_order(db, owner, supplier, warehouse, [])
    assert snapshot(db) == before


def test_an_archived_supplier_gets_no_new_orders(
    db: Database, owner: Actor, setup: tuple[int, int, Item, Item]
) -> None:
    supplier, warehouse, water, _juice = setup
    set_supplier_active(db, owner, supplier, False)
    with invalid("supplier"):
        make_order(db, owner, supplier, warehouse, (water, 1, None))


def test_only_a_draft_is_edited(db: Database, owner: Actor, setup: tuple[int, int, Item, Item]) -> None:
    supplier, warehouse, water, juice = setup
    set_supplier_price(db, owner, supplier, juice.id, juice.case_id, D("30"))
    order_id = make_order(db, owner, supplier, warehouse, (water, 1, None))
    later = date.today() + timedelta(days=20)
    update_order(
        db,
        owner,
        order_id,
        warehouse,
        [OrderLineInput(juice.id, juice.case_id, D(2)), OrderLineInput(water.id, water.case_id, D(3))],
        later,
        "portão 2",
    )
    view = order_view(db, owner, order_id)
    assert [line.sku for line in view.lines] == ["SUCO", "AGUA"]
    assert (view.total, view.expected_on, view.notes) == (D("114.00"), later, "portão 2")
    send_order(db, owner, order_id)
    before = snapshot(db)
    with refused("document.state"):  # only a draft can be changed
        update_order(db, owner, order_id, warehouse, [OrderLineInput(water.id, water.case_id, D(9))], None)
    assert snapshot(db) == before


def test_send_then_a_second_send_is_refused_naming_both_states(
    db: Database, owner: Actor, setup: tuple[int, int, Item, Item]
) -> None:
    supplier, warehouse, water, _juice = setup
    order_id = make_order(db, owner, supplier, warehouse, (water, 1, None))
    assert send_order(db, owner, order_id) == 1
    sent = order(db, order_id)
    assert sent.status == "sent" and sent.sent_at is not None
    with refused("document.transition") as caught:
        send_order(db, owner, order_id)
    assert caught.value.message == "Purchase order 1 is sent: it cannot become sent."


def test_cancel_needs_a_reason_and_nothing_received(
    db: Database, owner: Actor, setup: tuple[int, int, Item, Item]
) -> None:
    supplier, warehouse, water, _juice = setup
    draft = make_order(db, owner, supplier, warehouse, (water, 1, None))
    with invalid("reason"):
        cancel_order(db, owner, draft, "  ")
    assert order(db, draft).status == "draft"
    cancel_order(db, owner, draft, "duplicated")
    assert (order(db, draft).status, order(db, draft).cancel_reason) == ("cancelled", "duplicated")
    with refused("document.transition"):
        cancel_order(db, owner, draft, "again")

    partly = sent_order(db, owner, supplier, warehouse, (water, 2, None))
    receive(db, owner, partly, [12])
    before = snapshot(db)
    with refused("document.transition"):
        cancel_order(db, owner, partly, "too late")
    assert snapshot(db) == before


def test_a_partly_received_order_is_closed_short(
    db: Database, owner: Actor, setup: tuple[int, int, Item, Item]
) -> None:
    supplier, warehouse, water, _juice = setup
    order_id = sent_order(db, owner, supplier, warehouse, (water, 2, None))
    with refused("document.state"):  # only a partly received order can be closed
        close_order(db, owner, order_id, "not coming")
    receive(db, owner, order_id, [12])
    close_order(db, owner, order_id, "the supplier ran out")
    closed = order(db, order_id)
    assert (closed.status, closed.cancel_reason) == ("received", "the supplier ran out")


def test_only_buyers_make_orders(
    db: Database, owner: Actor, make_user: Callable[..., Actor], setup: tuple[int, int, Item, Item]
) -> None:
    supplier, warehouse, water, _juice = setup
    finance = make_user("finance")
    with pytest.raises(PermissionDenied):
        make_order(db, finance, supplier, warehouse, (water, 1, None))
    with db.read() as session:
        assert session.execute(select(PurchaseOrder.id)).first() is None


def test_the_editor_previews_with_the_same_rules(
    db: Database, owner: Actor, setup: tuple[int, int, Item, Item]
) -> None:
    from bodesk.domain.purchasing.order_lines import preview_order

    supplier, _warehouse, water, juice = setup
    before = snapshot(db)
    preview = preview_order(db, owner, supplier, [OrderLineInput(water.id, water.case_id, D(3))])
    assert [(p.package_price, p.quantity, p.total) for p in preview.lines] == [
        (D("18.0000"), D(36), D("54.00"))
    ]
    assert preview.total == D("54.00")
    with pytest.raises(ValidationError):
        preview_order(db, owner, supplier, [OrderLineInput(juice.id, juice.case_id, D(1))])
    assert snapshot(db) == before


def test_receiving_locations_and_purchasable_products(
    db: Database, owner: Actor, setup: tuple[int, int, Item, Item]
) -> None:
    from bodesk.domain.purchasing.documents import find_purchasable
    from bodesk.domain.stock.lookups import locations
    from bodesk.domain.stock.warehouses import add_bin

    supplier, warehouse, water, juice = setup
    add_bin(db, owner, warehouse, "B-02")
    add_bin(db, owner, warehouse, "A-01")
    assert [c.code for c in locations(db, owner, warehouse)] == ["CD1", "CD1/A-01", "CD1/B-02"]
    found = find_purchasable(db, owner, supplier, "agua")
    assert [(c.sku, c.supplier_price, c.default_packaging_id) for c in found] == [
        ("AGUA", D("18.0000"), water.case_id)
    ]
    assert [p.name for p in found[0].packagings] == ["un", "Caixa 12"]
    (suco,) = find_purchasable(db, owner, supplier, "SUCO")
    assert (suco.supplier_price, suco.default_packaging_id) == (None, juice.case_id)
