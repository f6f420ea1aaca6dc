"""Receiving goods: stock, moving average cost, partial receipts, over-receipt, values and numbers."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from sqlalchemy import event, select

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.models import AuditEntry
from bodesk.domain.common.errors import ConfirmableWarning, PermissionDenied
from bodesk.domain.common.lifecycle import StateError
from bodesk.domain.purchasing import receiving
from bodesk.domain.purchasing.errors import OverReceiptDenied
from bodesk.domain.purchasing.models import Receipt, ReceiptLine
from bodesk.domain.purchasing.orders import OrderLineInput, create_order, send_order
from bodesk.domain.purchasing.receiving import OVER_RECEIPT, ReceiveLineInput, receive_goods
from bodesk.domain.stock.models import Location, StockMove
from bodesk.domain.stock.warehouses import add_bin
from bodesk.store.engine import Database
from tests.builders.catalogue import make_product, stored_product
from tests.builders.purchasing import (
    Item,
    line_ids,
    lots_of,
    make_product_in_cases,
    make_supplier,
    order,
    receive,
    received,
    sent_order,
)
from tests.builders.readings import snapshot
from tests.builders.stock import make_warehouse
from tests.helpers.refusals import invalid, refused

D = Decimal


@pytest.fixture
def place(db: Database, owner: Actor) -> tuple[int, int]:
    return make_supplier(db, owner), make_warehouse(db, owner).warehouse_id


def receipts(db: Database) -> list[Receipt]:
    with db.read() as session:
        return list(session.execute(select(Receipt).order_by(Receipt.id)).scalars())


def test_a_full_receipt_moves_stock_in_and_keeps_its_value(
    db: Database, owner: Actor, place: tuple[int, int]
) -> None:
    supplier, warehouse = place
    water = make_product_in_cases(db, owner, "AGUA", case_units=12)
    order_id = sent_order(db, owner, supplier, warehouse, (water, 10, "18.00"))
    receipt_id = receive(db, owner, order_id, [120], supplier_invoice=" NF 4521 ")
    assert stored_product(db, water.id).on_hand == D(120)
    assert stored_product(db, water.id).cost == D("1.5000")
    assert order(db, order_id).status == "received"
    (receipt,) = receipts(db)
    assert (receipt.id, receipt.number, receipt.supplier_id, receipt.total) == (
        receipt_id,
        1,
        supplier,
        D("180.00"),
    )
    assert (receipt.supplier_invoice, receipt.billed) == ("NF 4521", False)
    with db.read() as session:
        move = session.execute(select(StockMove)).scalar_one()
        origin = session.get(Location, move.from_location_id)
        audit = session.execute(select(AuditEntry).where(AuditEntry.action == "receipt.add")).scalar_one()
    assert (origin.code if origin else None, move.doc_kind, move.doc_id, move.doc_number) == (
        "@supplier",
        "receipt",
        receipt_id,
        1,
    )
    assert audit.entity_key == "1"


def test_the_moving_average_is_exact(db: Database, owner: Actor, place: tuple[int, int]) -> None:
    supplier, warehouse = place
    unit = Item(make_product(db, owner, "UN"), None, D(1))
    receive(db, owner, sent_order(db, owner, supplier, warehouse, (unit, 10, "5.00")), [10])
    receive(db, owner, sent_order(db, owner, supplier, warehouse, (unit, 10, "7.00")), [10])
    assert stored_product(db, unit.id).cost == D("6.0000")
    assert stored_product(db, unit.id).on_hand == D(20)


def test_partial_receipts_then_the_rest(db: Database, owner: Actor, place: tuple[int, int]) -> None:
    supplier, warehouse = place
    water = make_product_in_cases(db, owner, "AGUA", case_units=12)
    juice = make_product_in_cases(db, owner, "SUCO", case_units=6)
    order_id = sent_order(db, owner, supplier, warehouse, (water, 2, "18.00"), (juice, 1, "30.00"))
    receive(db, owner, order_id, [5, 0])
    assert (order(db, order_id).status, received(db, order_id)) == ("partly_received", [D(5), D(0)])
    receive(db, owner, order_id, [19, 6])
    assert (order(db, order_id).status, received(db, order_id)) == ("received", [D(24), D(6)])
    assert [r.total for r in receipts(db)] == [D("7.50"), D("58.50")]
    assert [r.number for r in receipts(db)] == [1, 2]


def test_a_broken_case_is_valued_at_its_share(db: Database, owner: Actor, place: tuple[int, int]) -> None:
    supplier, warehouse = place
    item = make_product_in_cases(db, owner, "TRIO", case_units=3)
    order_id = sent_order(db, owner, supplier, warehouse, (item, 3, "10.00"))
    receive(db, owner, order_id, [1])
    receive(db, owner, order_id, [8])
    assert [r.total for r in receipts(db)] == [D("3.33"), D("26.67")]
    with db.read() as session:
        assert set(session.execute(select(ReceiptLine.unit_cost)).scalars()) == {D("3.3333")}


def test_lots_are_required_for_tracked_products_and_every_error_comes_at_once(
    db: Database, owner: Actor, place: tuple[int, int]
) -> None:
    supplier, warehouse = place
    beer = make_product_in_cases(db, owner, "CERV", "Cerveja", lot_tracked=True, shelf_life_days=180)
    water = make_product_in_cases(db, owner, "AGUA", "Água")
    order_id = sent_order(db, owner, supplier, warehouse, (beer, 2, "60.00"), (water, 1, "18.00"))
    beer_line, water_line = line_ids(db, owner, order_id)
    before = snapshot(db)
    with invalid(f"line:{beer_line}:lot", f"line:{water_line}:quantity"):  # no expiry; below zero
        receive_goods(
            db,
            owner,
            order_id,
            [ReceiveLineInput(beer_line, D(24), "L1"), ReceiveLineInput(water_line, D("-1"))],
        )
    with invalid(f"line:{water_line}:lot"):  # water is not tracked by lot
        receive_goods(db, owner, order_id, [ReceiveLineInput(water_line, D(12), "X9")])
    assert snapshot(db) == before


def test_one_line_in_two_lots(db: Database, owner: Actor, place: tuple[int, int]) -> None:
    from datetime import date, timedelta

    supplier, warehouse = place
    beer = make_product_in_cases(db, owner, "CERV", "Cerveja", lot_tracked=True, shelf_life_days=180)
    order_id = sent_order(db, owner, supplier, warehouse, (beer, 2, "60.00"))
    (line,) = line_ids(db, owner, order_id)
    soon, later = date.today() + timedelta(days=90), date.today() + timedelta(days=170)
    receive_goods(
        db,
        owner,
        order_id,
        [ReceiveLineInput(line, D(10), "a1", soon), ReceiveLineInput(line, D(14), "A2", later)],
    )

    assert lots_of(db, beer.id) == {"A1": (soon, D(10)), "A2": (later, D(14))}
    assert order(db, order_id).status == "received"


def test_an_expired_lot_asks_first(db: Database, owner: Actor, place: tuple[int, int]) -> None:
    from datetime import date, timedelta

    supplier, warehouse = place
    beer = make_product_in_cases(db, owner, "CERV", "Cerveja", lot_tracked=True)
    order_id = sent_order(db, owner, supplier, warehouse, (beer, 1, "60.00"))
    old = (D(12), "OLD", date.today() - timedelta(days=1))
    before = snapshot(db)
    with pytest.raises(ConfirmableWarning) as caught:
        receive(db, owner, order_id, [old])
    assert caught.value.key == receiving.EXPIRED_LOT and "Cerveja (OLD)" in caught.value.message
    assert snapshot(db) == before
    receive(db, owner, order_id, [old], confirmed=frozenset({receiving.EXPIRED_LOT}))
    assert stored_product(db, beer.id).on_hand == D(12)


def test_over_receipt_needs_the_permission(
    db: Database,
    owner: Actor,
    place: tuple[int, int],
    make_user: Callable[..., Actor],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clerk, manager = make_user("warehouse"), make_user("manager")
    supplier, warehouse = place
    water = make_product_in_cases(db, owner, "AGUA", "Água", case_units=12)
    order_id = sent_order(db, owner, supplier, warehouse, (water, 1, "18.00"))
    before = snapshot(db)
    with refused("purchasing.over_receipt") as caught:
        receive(db, clerk, order_id, [13])
    assert isinstance(caught.value, OverReceiptDenied) and isinstance(caught.value, PermissionDenied)
    assert [(e.product, e.ordered, e.received, e.receiving) for e in caught.value.excesses] == [
        ("Água", D(12), D(0), D(13))
    ]
    assert snapshot(db) == before
    with pytest.raises(ConfirmableWarning) as asked:
        receive(db, manager, order_id, [13])
    assert asked.value.key == OVER_RECEIPT and snapshot(db) == before
    receive(db, manager, order_id, [13], confirmed=frozenset({OVER_RECEIPT}))
    assert stored_product(db, water.id).on_hand == D(13) and order(db, order_id).status == "received"


def test_two_desks_receiving_the_same_remaining_quantity(
    db: Database,
    owner: Actor,
    place: tuple[int, int],
    make_user: Callable[..., Actor],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    desk_a, desk_b = make_user("warehouse"), make_user("warehouse")
    supplier, warehouse = place
    water = make_product_in_cases(db, owner, "AGUA", case_units=12)
    order_id = sent_order(db, owner, supplier, warehouse, (water, 2, "18.00"))
    receive(db, desk_a, order_id, [4])
    seen_by_both = line_ids(db, desk_a, order_id)  # both dialogs show 20 remaining
    receive_goods(db, desk_a, order_id, [ReceiveLineInput(seen_by_both[0], D(20))])
    before = snapshot(db)
    with pytest.raises(StateError):  # the order is complete: nothing more to receive
        receive_goods(db, desk_b, order_id, [ReceiveLineInput(seen_by_both[0], D(20))])
    assert snapshot(db) == before
    assert stored_product(db, water.id).on_hand == D(24)


def test_two_desks_and_a_partly_received_order(
    db: Database,
    owner: Actor,
    place: tuple[int, int],
    make_user: Callable[..., Actor],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    desk_a, desk_b, manager = make_user("warehouse"), make_user("warehouse"), make_user("manager")
    supplier, warehouse = place
    water = make_product_in_cases(db, owner, "AGUA", case_units=12)
    juice = make_product_in_cases(db, owner, "SUCO", case_units=6)
    order_id = sent_order(db, owner, supplier, warehouse, (water, 2, "18.00"), (juice, 1, "30.00"))
    receive(db, desk_a, order_id, [24, 0])  # the juice is still expected: the order stays open
    before = snapshot(db)
    with pytest.raises(OverReceiptDenied):
        receive(db, desk_b, order_id, [24, 0])
    assert snapshot(db) == before
    receive(db, manager, order_id, [24, 0], confirmed=frozenset({OVER_RECEIPT}))
    assert stored_product(db, water.id).on_hand == D(48)


def test_drafts_and_cancelled_orders_receive_nothing(
    db: Database, owner: Actor, place: tuple[int, int]
) -> None:
    supplier, warehouse = place
    water = make_product_in_cases(db, owner, "AGUA")
    draft = create_order(
        db, owner, supplier, warehouse, [OrderLineInput(water.id, water.case_id, D(1), D(1))]
    )
    before = snapshot(db)
    with refused("document.state"):  # nothing can be received for a draft
        receive(db, owner, draft, [12])
    assert snapshot(db) == before


def test_receiving_into_a_bin_of_the_orders_warehouse_only(
    db: Database, owner: Actor, place: tuple[int, int]
) -> None:
    supplier, warehouse = place
    other = make_warehouse(db, owner, "CD2").warehouse_id
    shelf = add_bin(db, owner, warehouse, "A-01")
    elsewhere = add_bin(db, owner, other, "B-01")
    water = make_product_in_cases(db, owner, "AGUA")
    order_id = sent_order(db, owner, supplier, warehouse, (water, 1, "18.00"))
    before = snapshot(db)
    with invalid("location"):
        receive(db, owner, order_id, [12], location_id=elsewhere)
    assert snapshot(db) == before
    receive(db, owner, order_id, [12], location_id=shelf)
    assert receipts(db)[0].location_id == shelf


def test_nothing_to_receive_and_a_refused_receipt_draw_no_number(
    db: Database, owner: Actor, place: tuple[int, int]
) -> None:
    supplier, warehouse = place
    water = make_product_in_cases(db, owner, "AGUA")
    order_id = sent_order(db, owner, supplier, warehouse, (water, 2, "18.00"))
    with invalid("lines"):
        receive(db, owner, order_id, [0])
    receive(db, owner, order_id, [12])
    receive(db, owner, order_id, [12])
    assert [r.number for r in receipts(db)] == [1, 2]


def test_a_hundred_line_order_is_received_in_few_statements(
    db: Database, owner: Actor, place: tuple[int, int]
) -> None:
    """Lines, products and quants are loaded in bulk and the moves posted at once: the statements do
    not grow with the lines (the products were received before, so their stock rows exist)."""
    supplier, warehouse = place
    items: list[Item] = [make_product_in_cases(db, owner, f"P{n:03d}", case_units=6) for n in range(100)]
    lines = [OrderLineInput(item.id, item.case_id, D(2), D("12.00")) for item in items]
    for _round in range(2):
        order_id = create_order(db, owner, supplier, warehouse, lines)
        send_order(db, owner, order_id)
        ids = line_ids(db, owner, order_id)
        statements: list[str] = []

        def counted(*args: object, into: list[str] = statements) -> None:
            into.append(str(args[2]))

        event.listen(db.engine, "before_cursor_execute", counted)
        try:
            receive_goods(db, owner, order_id, [ReceiveLineInput(line, D(12)) for line in ids])
        finally:
            event.remove(db.engine, "before_cursor_execute", counted)
        assert order(db, order_id).status == "received"
    # a fixed number, whatever the lines: the receipt's about 20 and its journal entry's 6
    assert len(statements) < 32, statements
    assert [r.total for r in receipts(db)] == [D("2400.00"), D("2400.00")]
