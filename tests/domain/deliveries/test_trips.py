"""A trip's day as the depot lives it: planned from the route's confirmed orders, loaded onto the truck,
delivered stop by stop (in full, partly, refused, not visited), settled and closed — and each refusal
leaving everything as it was."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from bodesk.domain.access.actor import Actor
from bodesk.domain.deliveries.closing import close_trip
from bodesk.domain.deliveries.departure import depart_trip
from bodesk.domain.deliveries.fleet import VehicleData, create_vehicle, set_block_over_capacity
from bodesk.domain.deliveries.planning import TripPlan, cancel_trip, orders_to_load, plan_trip, reorder_stops
from bodesk.domain.deliveries.results import Collected, EmptiesBack, StopReport, record_result
from bodesk.domain.deliveries.settlement import Counted, collections_of_trip, expected_of, settle_trip
from bodesk.domain.deliveries.states import PayKind, RefusalReason, SettleKind, StopResult, TripStatus
from bodesk.domain.sales.order_models import SalesOrder
from bodesk.domain.sales.states import OrderStatus
from bodesk.store.check import run_checks
from bodesk.store.engine import Database
from tests.builders.deliveries import (
    Depot,
    balance,
    build_depot,
    container_rows,
    deliver_all,
    lines_of_stop,
    order_for,
    plan,
    run_trip,
    settle_as_expected,
    stops_of,
    trip_status,
)
from tests.builders.readings import snapshot
from tests.builders.stock import on_hand
from tests.helpers.refusals import invalid, refused

D = Decimal


@pytest.fixture
def depot(db: Database, owner: Actor) -> Depot:
    return build_depot(db, owner)


def _status(db: Database, order_id: int) -> str:
    with db.read() as session:
        order = session.get(SalesOrder, order_id)
        assert order is not None
        return order.status


def _truck_location(db: Database, depot: Depot) -> int:
    from bodesk.domain.deliveries.fleet_models import Vehicle

    with db.read() as session:
        return session.execute(select(Vehicle.location_id).where(Vehicle.id == depot.truck)).scalar_one()


def test_a_trip_delivered_in_full_ships_its_orders_and_moves_the_containers(
    db: Database, owner: Actor, depot: Depot
) -> None:
    orders = [order_for(db, owner, depot, c) for c in depot.customers]
    with db.read() as session:
        assert orders_to_load(session, [depot.route], date.today()) == list(reversed(orders))
    trip = plan(db, owner, depot, orders)
    stops = stops_of(db, trip)
    assert [s.customer_id for s in stops] == list(reversed(depot.customers))  # the route's order
    depart_trip(db, owner, trip)
    truck = _truck_location(db, depot)
    assert on_hand(db, depot.beer, truck) == D(3 * 48) and on_hand(db, depot.water, truck) == D(3)
    assert all(_status(db, o) == OrderStatus.PICKING for o in orders)
    deliver_all(db, owner, trip)
    settle_as_expected(db, owner, trip)
    closed = close_trip(db, owner, trip)
    assert closed.delivered == 3 and trip_status(db, trip) == TripStatus.CLOSED
    assert all(_status(db, o) == OrderStatus.DELIVERED for o in orders)
    assert on_hand(db, depot.beer, truck) == 0 and on_hand(db, depot.beer) == D(2400 - 144)
    assert (
        balance(db, depot.customers[0], depot.crate) == 2 and balance(db, depot.customers[0], depot.jug) == 1
    )
    _no_problems(db)


def _no_problems(db: Database) -> None:
    assert [(result.name, result.problems) for result in run_checks(db) if not result.ok] == []


def test_partial_refused_and_not_visited_stops_post_what_happened(
    db: Database, owner: Actor, depot: Depot
) -> None:
    orders = [order_for(db, owner, depot, c, cases=2, jugs=2) for c in depot.customers]
    trip = plan(db, owner, depot, orders)
    depart_trip(db, owner, trip)
    first, second, third = stops_of(db, trip)
    beer_line, water_line = lines_of_stop(db, first.id)
    record_result(
        db, owner, first.id,
        StopReport(
            StopResult.PARTIAL, received_by="Ana", delivered={beer_line.id: D(24), water_line.id: D(2)},
            collected=[Collected(PayKind.CASH, D("50.00")), Collected(PayKind.CHEQUE, D("10.00"), bank="Itau", cheque_number="123", cheque_date=date.today())],
            empties=[EmptiesBack(depot.jug, returned=0)],
        ),
    )  # fmt: skip
    record_result(db, owner, second.id, StopReport(StopResult.REFUSED, reason=RefusalReason.CLOSED))
    record_result(db, owner, third.id, StopReport(StopResult.NOT_VISITED))
    with db.read() as session:
        expected = {(e.kind, e.key): e.expected for e in expected_of(session, trip)}
        rows = collections_of_trip(session, trip)
    assert expected[(SettleKind.MONEY, "cash")] == D("50.00") and expected[(SettleKind.MONEY, "cheque")] == D(
        "10.00"
    )
    assert expected[(SettleKind.GOODS, str(depot.beer))] == D(24 + 48 + 48)
    assert [(r.kind, r.amount) for r in rows] == [("cash", D("50.00")), ("cheque", D("10.00"))]
    settle_as_expected(db, owner, trip)
    close_trip(db, owner, trip)
    by_customer = {s.customer_id: s for s in (first, second, third)}
    order_of = dict(zip(depot.customers, orders, strict=True))
    assert _status(db, order_of[first.customer_id]) == OrderStatus.DELIVERED
    assert _status(db, order_of[second.customer_id]) == OrderStatus.CANCELLED
    assert _status(db, order_of[third.customer_id]) == OrderStatus.CONFIRMED  # ready for another trip
    assert on_hand(db, depot.beer, _truck_location(db, depot)) == 0
    assert on_hand(db, depot.beer) == D(2400 - 24)
    assert balance(db, first.customer_id, depot.crate) == 1 and balance(db, first.customer_id, depot.jug) == 2
    assert balance(db, by_customer[second.customer_id].customer_id, depot.crate) == 0
    _no_problems(db)
    with db.read() as session:
        assert orders_to_load(session, [depot.route], date.today()) == [order_of[third.customer_id]]


def test_an_order_on_two_trips_is_refused_and_nothing_changes(
    db: Database, owner: Actor, depot: Depot
) -> None:
    order = order_for(db, owner, depot, depot.customers[0])
    plan(db, owner, depot, [order])
    before = snapshot(db)
    with refused("trip.order_taken"):
        plan(db, owner, depot, [order])
    assert snapshot(db) == before


def test_a_cancelled_trip_frees_its_orders(db: Database, owner: Actor, depot: Depot) -> None:
    order = order_for(db, owner, depot, depot.customers[0])
    trip = plan(db, owner, depot, [order])
    cancel_trip(db, owner, trip)
    assert trip_status(db, plan(db, owner, depot, [order])) == TripStatus.PLANNED


def test_over_capacity_warns_or_blocks_as_the_company_says(db: Database, owner: Actor, depot: Depot) -> None:
    orders = [order_for(db, owner, depot, c, cases=25, jugs=0) for c in depot.customers]  # 75 cases of 60
    with refused("warning") as caught:
        plan(db, owner, depot, orders)
    assert caught.value.key == "trip.over_capacity"  # type: ignore[attr-defined]
    set_block_over_capacity(db, owner, True)
    before = snapshot(db)
    with refused("trip.over_capacity"):
        plan(db, owner, depot, orders, confirmed=frozenset({"trip.over_capacity"}))
    assert snapshot(db) == before
    set_block_over_capacity(db, owner, False)
    assert plan(db, owner, depot, orders, confirmed=frozenset({"trip.over_capacity"}))


def test_closing_with_a_stop_without_result_is_refused(db: Database, owner: Actor, depot: Depot) -> None:
    orders = [order_for(db, owner, depot, c) for c in depot.customers[:2]]
    trip = plan(db, owner, depot, orders)
    depart_trip(db, owner, trip)
    record_result(db, owner, stops_of(db, trip)[0].id, StopReport(StopResult.DELIVERED, received_by="Ana"))
    before = snapshot(db)
    with refused("trip.stop_without_result"):
        settle_as_expected(db, owner, trip)
    with refused("trip.stop_without_result"):
        close_trip(db, owner, trip)
    assert snapshot(db) == before and trip_status(db, trip) == TripStatus.ON_ROAD


def test_a_settlement_that_does_not_add_up_needs_a_recorded_difference(
    db: Database, owner: Actor, depot: Depot
) -> None:
    order = order_for(db, owner, depot, depot.customers[0])
    trip = plan(db, owner, depot, [order])
    depart_trip(db, owner, trip)
    stop = stops_of(db, trip)[0]
    record_result(
        db,
        owner,
        stop.id,
        StopReport(StopResult.DELIVERED, received_by="Ana", collected=[Collected(PayKind.CASH, D("100.00"))]),
    )
    short = [
        Counted(SettleKind.MONEY, k, D("90.00") if k == "cash" else D(0))
        for k in ("cash", "pix", "cheque", "card")
    ]
    with refused("trip.settlement"):
        settle_trip(db, owner, trip, short)
    with refused("trip.not_settled"):
        close_trip(db, owner, trip)
    explained = [
        Counted(
            c.kind,
            c.key,
            c.counted,
            depot.driver if c.key == "cash" else None,
            "Troco errado" if c.key == "cash" else "",
        )
        for c in short
    ]
    assert settle_trip(db, owner, trip, explained) == 1
    close_trip(db, owner, trip)
    assert trip_status(db, trip) == TripStatus.CLOSED


def test_results_changed_after_settling_must_be_settled_again(
    db: Database, owner: Actor, depot: Depot
) -> None:
    order = order_for(db, owner, depot, depot.customers[0])
    trip = plan(db, owner, depot, [order])
    depart_trip(db, owner, trip)
    stop = stops_of(db, trip)[0]
    record_result(db, owner, stop.id, StopReport(StopResult.DELIVERED, received_by="Ana"))
    settle_as_expected(db, owner, trip)
    record_result(db, owner, stop.id, StopReport(StopResult.REFUSED, reason=RefusalReason.NO_MONEY))
    with refused("trip.settlement_stale"):
        close_trip(db, owner, trip)


def test_more_empties_back_than_held_is_refused_unless_a_correction(
    db: Database, owner: Actor, depot: Depot
) -> None:
    order = order_for(db, owner, depot, depot.customers[0], cases=1, jugs=0)
    trip = plan(db, owner, depot, [order])
    depart_trip(db, owner, trip)
    stop = stops_of(db, trip)[0]
    before = snapshot(db), container_rows(db)
    with refused("containers.refused"):
        record_result(
            db,
            owner,
            stop.id,
            StopReport(
                StopResult.DELIVERED, received_by="Ana", empties=[EmptiesBack(depot.crate, returned=3)]
            ),
        )
    assert (snapshot(db), container_rows(db)) == before
    record_result(
        db, owner, stop.id,
        StopReport(StopResult.DELIVERED, received_by="Ana", empties=[EmptiesBack(depot.crate, returned=3, correction=True)]),
    )  # fmt: skip
    settle_as_expected(db, owner, trip)
    close_trip(db, owner, trip)
    assert balance(db, depot.customers[0], depot.crate) == 1 - 3


def test_bad_quantities_and_cheques_are_refused(db: Database, owner: Actor, depot: Depot) -> None:
    order = order_for(db, owner, depot, depot.customers[0])
    trip = plan(db, owner, depot, [order])
    depart_trip(db, owner, trip)
    stop = stops_of(db, trip)[0]
    beer_line, water_line = lines_of_stop(db, stop.id)
    with invalid(f"line:{beer_line.id}:delivered"):
        record_result(
            db,
            owner,
            stop.id,
            StopReport(
                StopResult.PARTIAL, received_by="Ana", delivered={beer_line.id: D(-1), water_line.id: D(0)}
            ),
        )
    with invalid("line:1:cheque"):
        record_result(
            db,
            owner,
            stop.id,
            StopReport(
                StopResult.DELIVERED, received_by="Ana", collected=[Collected(PayKind.CHEQUE, D("5.00"))]
            ),
        )
    with invalid("line:1:amount"):
        record_result(
            db,
            owner,
            stop.id,
            StopReport(
                StopResult.DELIVERED, received_by="Ana", collected=[Collected(PayKind.CASH, D("-5.00"))]
            ),
        )
    with invalid("reason"):
        record_result(db, owner, stop.id, StopReport(StopResult.REFUSED))
    assert stops_of(db, trip)[0].result is None


def test_an_invalid_plate_is_refused(db: Database, owner: Actor, depot: Depot) -> None:
    for plate in ("AB1234", "ABC12D3", "1BC1D23", ""):
        with invalid("plate"):
            create_vehicle(db, owner, VehicleData(plate, warehouse_id=depot.cd.warehouse_id))
    old = create_vehicle(db, owner, VehicleData("xyz1234", warehouse_id=depot.cd.warehouse_id))
    with invalid("plate"):
        create_vehicle(db, owner, VehicleData("XYZ-1234", warehouse_id=depot.cd.warehouse_id))
    assert old


def test_stops_reorder_by_the_given_order(db: Database, owner: Actor, depot: Depot) -> None:
    orders = [order_for(db, owner, depot, c) for c in depot.customers]
    trip = plan(db, owner, depot, orders)
    stops = [s.id for s in stops_of(db, trip)]
    reorder_stops(db, owner, trip, list(reversed(stops)))
    assert [s.id for s in stops_of(db, trip)] == list(reversed(stops))
    with invalid("stops"):
        reorder_stops(db, owner, trip, stops[:1])


def test_several_trips_keep_the_checks_true(db: Database, owner: Actor, depot: Depot) -> None:
    for _round in range(2):
        run_trip(db, owner, depot, [order_for(db, owner, depot, c) for c in depot.customers])
    assert balance(db, depot.customers[1], depot.crate) == 4
    _no_problems(db)


def test_a_trip_plan_needs_a_driver(db: Database, owner: Actor, depot: Depot) -> None:
    order = order_for(db, owner, depot, depot.customers[0])
    with invalid("driver"):
        plan_trip(db, owner, TripPlan(date.today(), depot.truck, depot.helper, [order]))
