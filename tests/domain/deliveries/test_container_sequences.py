"""Generated days of deliveries — trips whose stops are delivered in full, partly, refused or not
visited, with empties given back at the door or later at the depot (too many refused unless a
correction) — keep the container ledger and the stock consistent after every trip: each customer's
cached balance equals its moves and a model of what it received less what it gave back, the depot's
empties equal what came back, the truck is empty after closing, and every `bodesk check` passes."""

from __future__ import annotations

import itertools
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bodesk.domain.access.actor import Actor
from bodesk.domain.deliveries.closing import close_trip
from bodesk.domain.deliveries.container_ledger import warehouse_empties
from bodesk.domain.deliveries.containers import ContainerCount, record_customer_containers
from bodesk.domain.deliveries.departure import depart_trip
from bodesk.domain.deliveries.results import EmptiesBack, StopReport, record_result
from bodesk.domain.deliveries.routes import set_route_stops
from bodesk.domain.deliveries.states import ContainerReason, RefusalReason, StopResult
from bodesk.errors import BodeskError
from bodesk.store.check import run_checks
from bodesk.store.engine import Database
from tests.builders.deliveries import (
    Depot,
    balance,
    build_depot,
    lines_of_stop,
    order_for,
    plan,
    settle_as_expected,
    stops_of,
)
from tests.builders.sales import make_customer
from tests.builders.stock import on_hand

D = Decimal
SERIAL = itertools.count(100)
DEPOTS: dict[int, Depot] = {}
RESULTS = st.sampled_from(
    [StopResult.DELIVERED, StopResult.PARTIAL, StopResult.REFUSED, StopResult.NOT_VISITED]
)
STOP = st.tuples(RESULTS, st.integers(0, 4), st.integers(1, 3))  # result, empties back, cases ordered
DAY = st.tuples(st.lists(STOP, min_size=1, max_size=3), st.integers(0, 6))  # the stops, empties at the depot


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(days=st.lists(DAY, min_size=1, max_size=3))
def test_containers_and_stock_stay_consistent(
    db: Database, owner: Actor, days: list[tuple[list[tuple[str, int, int]], int]]
) -> None:
    if id(db) not in DEPOTS:
        DEPOTS[id(db)] = build_depot(db, owner, customers=0, beer=100_000, water=10)
    depot = DEPOTS[id(db)]
    held: dict[int, int] = {}
    empties_before = _empties(db, depot)
    back_total = 0
    beer_before = on_hand(db, depot.beer)
    delivered_total = D(0)
    for stops, at_depot in days:
        customers = [make_customer(db, owner, next(SERIAL)) for _stop in stops]
        set_route_stops(db, owner, depot.route, customers)
        orders = [
            order_for(db, owner, depot, c, cases=cases, jugs=0)
            for c, (_r, _e, cases) in zip(customers, stops, strict=True)
        ]
        trip = plan(db, owner, depot, orders, confirmed=frozenset({"trip.over_capacity"}))
        depart_trip(db, owner, trip)
        by_customer = {s.customer_id: s for s in stops_of(db, trip)}
        for customer, (asked, empties, cases) in zip(customers, stops, strict=True):
            result = asked
            stop = by_customer[customer]
            delivered = {}
            crates = cases
            if result == StopResult.PARTIAL:
                (beer_line,) = lines_of_stop(db, stop.id)
                if cases == 1:
                    result, crates = StopResult.DELIVERED, 1
                else:
                    delivered, crates = {beer_line.id: D(24)}, 1
            elif result in (StopResult.REFUSED, StopResult.NOT_VISITED):
                crates = 0
            report = StopReport(
                result, received_by="Ana", reason=RefusalReason.OTHER if result == StopResult.REFUSED else "",
                delivered=delivered, empties=[EmptiesBack(depot.crate, returned=min(empties, crates))] if result != StopResult.NOT_VISITED else [],
            )  # fmt: skip
            record_result(db, owner, stop.id, report)
            back = min(empties, crates) if result != StopResult.NOT_VISITED else 0
            held[customer] = crates - back
            back_total += back
            delivered_total += D(24 * crates)
        settle_as_expected(db, owner, trip)
        close_trip(db, owner, trip)
        target = customers[0]
        if at_depot > held[target]:
            before = balance(db, target, depot.crate)
            try:
                record_customer_containers(
                    db, owner, target, ContainerReason.RETURN, [ContainerCount(depot.crate, empty=at_depot)]
                )
                raise AssertionError("more empties than held must be refused")
            except BodeskError as refused:
                assert refused.code == "containers.refused"
            assert balance(db, target, depot.crate) == before
        elif at_depot:
            record_customer_containers(
                db, owner, target, ContainerReason.RETURN, [ContainerCount(depot.crate, empty=at_depot)]
            )
            held[target] -= at_depot
            back_total += at_depot
        for customer, count in held.items():
            assert balance(db, customer, depot.crate) == count
        assert _empties(db, depot) == empties_before + back_total
        assert on_hand(db, depot.beer) == beer_before - delivered_total
        with db.read() as session:
            from bodesk.domain.deliveries.fleet_models import Vehicle

            truck = session.get(Vehicle, depot.truck)
            assert truck is not None
        assert on_hand(db, depot.beer, truck.location_id) == 0
    assert [(r.name, r.problems) for r in run_checks(db) if not r.ok] == []


def _empties(db: Database, depot: Depot) -> int:
    with db.read() as session:
        return warehouse_empties(session).get(depot.crate, 0)
