"""Delivery figures on `demo --size large` data (10,000 customers on 40 routes, three years of weekly
trips). Prints medians beside their targets; asserts nothing.

    .venv/bin/python bench/deliveries.py                     # builds /tmp/bodesk-bench/deliveries-large.sqlite once
    .venv/bin/python bench/deliveries.py --db FILE --runs 7  # on an existing large demo database

Planning and closing run on a copy of the database: each run takes 100 fresh confirmed orders of 40
customers of one route (made before the clock starts); closing times only `close_trip` of a trip whose
40 stops were delivered, collected and settled beforehand.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.login import authenticate
from bodesk.domain.common.listing import ListRequest
from bodesk.domain.deliveries.closing import close_trip
from bodesk.domain.deliveries.departure import depart_trip
from bodesk.domain.deliveries.fleet_models import DeliveryPerson, Route, RouteStop, Vehicle
from bodesk.domain.deliveries.planning import TripPlan, cancel_trip, plan_trip
from bodesk.domain.deliveries.queries import ContainerBalancesQuery
from bodesk.domain.deliveries.results import Collected, StopReport, record_result
from bodesk.domain.deliveries.settlement import Counted, expected_of, settle_trip
from bodesk.domain.deliveries.states import PayKind, StopResult
from bodesk.domain.deliveries.trip_models import TripStop
from bodesk.domain.demo import DemoSize, load_demo
from bodesk.domain.registry import load_modules
from bodesk.domain.sales.models import Customer
from bodesk.domain.sales.order_lines import SalesLineInput
from bodesk.domain.sales.orders import create_order
from bodesk.domain.stock.models import Product, StockQuant
from bodesk.errors import BodeskError
from bodesk.store.engine import Database
from bodesk.store.opening import open_database

PASSWORD = "bench-senha-2026"
DEFAULT_DB = Path(tempfile.gettempdir()) / "bodesk-bench" / "deliveries-large.sqlite"
CONFIRMED = frozenset({"trip.over_capacity", "containers.allowance"})


def show(label: str, times: list[float], target: str = "") -> None:
    print(f"{label:<58} median {statistics.median(times):8.1f} ms  max {max(times):8.1f} ms  {target}")


def prepare(path: Path) -> None:
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    db = open_database(f"sqlite:///{path}")
    start = time.perf_counter()
    load_demo(db, DemoSize.LARGE, 1, PASSWORD)
    print(f"{'generating the large demo data':<58} {time.perf_counter() - start:8.1f} s")
    db.dispose()


def _scene(db: Database) -> tuple[int, list[int], int, int, list[tuple[int, Decimal]]]:
    with db.read() as session:
        route, customers = None, []
        for route_id in session.execute(select(Route.id).order_by(Route.id)).scalars():
            customers = list(
                session.execute(
                    select(RouteStop.customer_id)
                    .join(Customer, Customer.id == RouteStop.customer_id)
                    .where(
                        RouteStop.route_id == route_id,
                        Customer.blocked.is_(False),
                        Customer.credit_limit.is_(None),
                    )
                    .order_by(RouteStop.position)
                    .limit(40)
                ).scalars()
            )
            if len(customers) == 40:
                route = route_id
                break
        vehicle = session.execute(select(Vehicle.id).order_by(Vehicle.id)).scalars().first()
        driver = (
            session.execute(select(DeliveryPerson.id).where(DeliveryPerson.role == "driver"))
            .scalars()
            .first()
        )
        stock = session.execute(
            select(StockQuant.product_id, func.sum(StockQuant.quantity - StockQuant.reserved))
            .join(Product, Product.id == StockQuant.product_id)
            .where(Product.lot_tracked.is_(False), Product.active.is_(True))
            .group_by(StockQuant.product_id)
            .order_by(func.sum(StockQuant.quantity - StockQuant.reserved).desc())
            .limit(30)
        ).all()
    assert route is not None and vehicle is not None and driver is not None
    return route, customers, vehicle, driver, [(p, Decimal(q) / 1000) for p, q in stock]


def _orders(
    db: Database, actor: Actor, customers: list[int], stock: list[tuple[int, Decimal]], start: int
) -> list[int]:
    """100 confirmed orders: two or three for each of the 40 customers."""
    orders = []
    for n in range(100):
        product = stock[(start + n) % len(stock)][0]
        try:
            orders.append(
                create_order(
                    db, actor, customers[n % 40], [SalesLineInput(product, None, Decimal(2))], confirm=True
                )
            )
        except BodeskError:
            continue
    return orders


def bench(path: Path, runs: int, password: str = PASSWORD) -> None:
    load_modules()
    work = path.with_name("work-" + path.name)
    shutil.copyfile(path, work)
    db = open_database(f"sqlite:///{work}")
    actor = authenticate(db, "dono", password)
    route, customers, vehicle, driver, stock = _scene(db)

    planning, closing, manifests = [], [], []
    for run in range(runs):
        orders = _orders(db, actor, customers, stock, run * 7)
        plan = TripPlan(date.today(), vehicle, driver, orders, route_id=route)
        start = time.perf_counter()
        trip = plan_trip(db, actor, plan, CONFIRMED)
        planning.append((time.perf_counter() - start) * 1000)

        from bodesk.reports.deliveries_manifest import write_load_manifest

        start = time.perf_counter()
        write_load_manifest(db, actor, trip, work.with_name(f"manifest-{run}.pdf"))
        manifests.append((time.perf_counter() - start) * 1000)
        if run % 2:
            cancel_trip(db, actor, trip)
            continue
        depart_trip(db, actor, trip)
        with db.read() as session:
            stops = list(session.execute(select(TripStop.id).where(TripStop.trip_id == trip)).scalars())
        for stop in stops:
            record_result(db, actor, stop, StopReport(StopResult.DELIVERED, received_by="Caixa",
                                                      collected=[Collected(PayKind.CASH, Decimal("10.00"))]))  # fmt: skip
        with db.read() as session:
            expected = expected_of(session, trip)
        settle_trip(db, actor, trip, [Counted(e.kind, e.key, e.expected) for e in expected])
        start = time.perf_counter()
        close_trip(db, actor, trip)
        closing.append((time.perf_counter() - start) * 1000)
    show(f"planning a trip of 100 orders and 40 stops ({len(orders)} orders)", planning, "target <= 100 ms")
    show("closing a settled trip of 40 stops", closing, "target <= 200 ms")
    show("the load manifest PDF of a 40-stop trip (with its picking list)", manifests, "target <= 1,000 ms")

    query = ContainerBalancesQuery()
    with db.read() as session:
        customers_count = session.execute(select(func.count()).select_from(Customer)).scalar_one()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        query.count(db, actor, ListRequest())
        query.page(db, actor, ListRequest(), 0, 200)
        query.totals(db, actor, ListRequest())
        times.append((time.perf_counter() - start) * 1000)
    show(
        f"container balances of {customers_count:,} customers (count, page, totals)",
        times,
        "target <= 200 ms",
    )
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        query.page(db, actor, ListRequest(filters={"route": route}), 0, 200)
        query.totals(db, actor, ListRequest(filters={"route": route}))
        times.append((time.perf_counter() - start) * 1000)
    show("container balances of one route (page, totals)", times, "")
    db.dispose()
    work.unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--password", default=PASSWORD, help="the owner's password of an existing --db")
    args = parser.parse_args()
    prepare(args.db)
    bench(args.db, args.runs, args.password)


if __name__ == "__main__":
    main()
