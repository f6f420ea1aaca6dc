"""A trip's close ships and delivers its orders in one posting (`sales.shipping_many.deliver_many_in`):
the orders end as sales' own one-by-one path leaves them (lines shipped at their cost, shipped value,
events and moves), and a refusal of one leaves them all as they were."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.lifecycle import StateError
from bodesk.domain.sales.order_models import SalesOrder, SalesOrderEvent, SalesOrderLine
from bodesk.domain.sales.shipping import mark_delivered, ship_order
from bodesk.domain.sales.states import ORDER_LIFECYCLE, OrderStatus
from bodesk.domain.stock.models import StockMove
from bodesk.store.engine import Database
from tests.builders.deliveries import build_depot, order_for, run_trip

D = Decimal


def _ending(db: Database, order_id: int) -> tuple[object, ...]:
    with db.read() as session:
        order = session.get(SalesOrder, order_id)
        assert order is not None
        lines = session.execute(
            select(SalesOrderLine.shipped, SalesOrderLine.unit_cost)
            .where(SalesOrderLine.order_id == order_id)
            .order_by(SalesOrderLine.position)
        ).all()
        events = list(
            session.execute(
                select(SalesOrderEvent.status)
                .where(SalesOrderEvent.order_id == order_id)
                .order_by(SalesOrderEvent.id)
            ).scalars()
        )
        moved = session.execute(
            select(StockMove.product_id, StockMove.quantity)
            .where(StockMove.doc_kind == "sales_order", StockMove.doc_id == order_id)
            .order_by(StockMove.product_id)
        ).all()
        return order.status, order.shipped_total, lines, events, moved


def test_a_trip_delivers_an_order_as_sales_own_path_does(db: Database, owner: Actor) -> None:
    depot = build_depot(db, owner, customers=2)
    by_hand = order_for(db, owner, depot, depot.customers[0], cases=3, jugs=2)
    by_trip = order_for(db, owner, depot, depot.customers[1], cases=3, jugs=2)
    ship_order(db, owner, by_hand)
    mark_delivered(db, owner, by_hand)
    run_trip(db, owner, depot, [by_trip])
    hand, trip = _ending(db, by_hand), _ending(db, by_trip)
    assert trip[:3] == hand[:3] and trip[4] == hand[4]
    assert trip[3] == [*hand[3][:2], OrderStatus.PICKING, *hand[3][2:]]  # a trip picks at departure


def test_moving_many_refuses_all_when_one_cannot_move(db: Database, owner: Actor) -> None:
    depot = build_depot(db, owner, customers=2)
    first, second = (order_for(db, owner, depot, c) for c in depot.customers)
    with pytest.raises(StateError), db.write() as session:
        orders = [session.get(SalesOrder, first), session.get(SalesOrder, second)]
        assert orders[0] is not None and orders[1] is not None
        orders[1].status = OrderStatus.DRAFT.value  # a quote cannot ship
        ORDER_LIFECYCLE.move_all(orders, OrderStatus.SHIPPED, session)  # type: ignore[arg-type]
    with db.read() as session:
        assert {session.get(SalesOrder, o).status for o in (first, second)} == {OrderStatus.CONFIRMED}  # type: ignore[union-attr]
