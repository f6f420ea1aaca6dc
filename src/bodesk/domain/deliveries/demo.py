"""Demo deliveries: container types linked to the returnable products (which get a weight, so that
trips weigh something), vehicles with their drivers and
helpers, routes over the customers, and trips in every state taken through the services (planned, on
the road with some results, settled, closed with a partial delivery, a refusal, a stop not visited
and a settlement difference, cancelled), plus empties returned, a charge and a supplier exchange.
With `--size large` a bulk history of closed trips and container moves is written too
(`demo_history`)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from random import Random

from sqlalchemy import or_, select, update

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import UserError
from bodesk.domain.deliveries.closing import close_trip
from bodesk.domain.deliveries.container_models import ProductContainer
from bodesk.domain.deliveries.containers import (
    ContainerCount,
    create_container_type,
    record_customer_containers,
    record_supplier_containers,
    set_product_containers,
)
from bodesk.domain.deliveries.departure import depart_trip
from bodesk.domain.deliveries.fleet import VehicleData, create_person, create_vehicle
from bodesk.domain.deliveries.planning import TripPlan, cancel_trip, plan_trip
from bodesk.domain.deliveries.results import Collected, StopReport, record_result
from bodesk.domain.deliveries.routes import create_route, set_route_stops
from bodesk.domain.deliveries.settlement import Counted, expected_of, settle_trip
from bodesk.domain.deliveries.states import ContainerReason, PayKind, RefusalReason, SettleKind, StopResult
from bodesk.domain.deliveries.trip_models import TripLine, TripOrder, TripStop
from bodesk.domain.demo import DemoContext, DemoSize
from bodesk.domain.purchasing.models import Supplier
from bodesk.domain.sales.models import Customer
from bodesk.domain.sales.order_lines import SalesLineInput
from bodesk.domain.sales.orders import create_order
from bodesk.domain.stock.models import Packaging, Product, StockQuant, Warehouse
from bodesk.store.engine import Database

D = Decimal
CONTAINERS = (  # code, name, deposit, default allowance, the products that travel in it, units, kg a unit
    ("GRF-600", "Engradado 24 × 600 ml com garrafas", D("42.00"), 30, ("Garrafa 600 ml",), D(24), D("1.1")),
    ("GRF-1L", "Engradado 12 × 1 L com garrafas", D("30.00"), 20, ("Litrão 1 L",), D(12), D("1.7")),
    ("GRF-290", "Engradado 24 × 290 ml com garrafas", D("28.00"), 20, ("Vidro 290 ml",), D(24), D("0.55")),
    ("GAL-20", "Galão 20 L", D("25.00"), 10, ("Galão 20 L",), D(1), D("21")),
    ("BAR-50", "Barril de chope 50 L", D("450.00"), 4, ("Barril 50 L",), D(1), D("62")),
)
PLATES = ("FBS2A41", "GHT7C19", "BSD-4471", "QXJ3E55", "RTA9B02", "MNO-2288", "PLK5D63", "EVD1F47")
DRIVERS = (
    "João Batista",
    "Carlos Eduardo",
    "Severino Lima",
    "Antônio Souza",
    "Marcos Vinícius",
    "Rogério Alves",
)
HELPERS = ("Zé Carlos", "Paulinho", "Tiago Reis", "Edson Matos")
ROUTES = ("Centro", "Zona Norte", "Zona Sul", "Zona Leste", "Zona Oeste", "ABC", "Guarulhos", "Osasco")
WEEKDAYS = ("135", "246", "12345", "24", "35", "136")


def _containers(context: DemoContext) -> dict[str, int]:
    db, owner = context.db, context.owner
    types = {}
    for code, name, deposit, allowance, products, units, kg in CONTAINERS:
        type_id = create_container_type(db, owner, code, name, deposit, allowance)
        types[code] = type_id
        with db.read() as session:
            ids = list(
                session.execute(
                    select(Product.id).where(
                        or_(*(Product.name.contains(p) for p in products)), Product.returnable.is_(False)
                    )
                ).scalars()
            )
        for product_id in ids:
            set_product_containers(db, owner, product_id, {type_id: units})
        if ids:  # the demo catalogue has no weights: these travel by the kilo on a truck
            with db.write() as session:
                session.execute(
                    update(Product).where(Product.id.in_(ids), Product.weight == 0).values(weight=kg)
                )
    return types


def _fleet(context: DemoContext, warehouse_id: int) -> tuple[list[int], list[int], list[int]]:
    db, owner = context.db, context.owner
    vehicles = []
    for n in range(context.pick(3, 8, 30)):
        plate = PLATES[n] if n < len(PLATES) else f"DLV{n // 10 % 10}{'ABCDEFGHIJ'[n % 10]}{n % 100:02d}"
        small = n % 3 == 2
        vehicles.append(
            create_vehicle(
                db, owner,
                VehicleData(plate, f"{'VUC' if small else 'Toco'} {n + 1}", D(3000 if small else 7000), D(200 if small else 450), warehouse_id),
            )
        )  # fmt: skip
    drivers = [create_person(db, owner, name if n < len(DRIVERS) else f"{name} {n}", "driver", f"(11) 9{n:04d}-10{n:02d}")
               for n, name in enumerate(DRIVERS[n % len(DRIVERS)] for n in range(len(vehicles)))]  # fmt: skip
    helpers = [create_person(db, owner, name, "helper") for name in HELPERS[: max(1, len(vehicles) // 2)]]
    return vehicles, drivers, helpers


def _routes(context: DemoContext, warehouse_id: int) -> list[tuple[int, list[int]]]:
    db, owner = context.db, context.owner
    with db.read() as session:
        customers = list(
            session.execute(
                select(Customer.id)
                .where(Customer.active.is_(True), Customer.blocked.is_(False))
                .order_by(Customer.id)
            ).scalars()
        )
    count = context.pick(3, 10, 40)
    routes = []
    for n in range(count):
        name = ROUTES[n] if n < len(ROUTES) else f"Rota {n + 1:02d}"
        route = create_route(db, owner, name, WEEKDAYS[n % len(WEEKDAYS)], warehouse_id)
        mine = customers[n::count]
        set_route_stops(db, owner, route, mine)
        routes.append((route, mine))
    return routes


def _order(
    db: Database, owner: Actor, rng: Random, customer: int, products: list[tuple[int, int | None]]
) -> int | None:
    lines = [
        SalesLineInput(p, pack, D(rng.randint(1, 3)))
        for p, pack in rng.sample(products, k=min(len(products), rng.randint(1, 3)))
    ]
    try:
        return create_order(db, owner, customer, lines, confirm=True)
    except UserError:  # short of stock, over credit: the demo leaves that customer out
        return None


def _sellable(db: Database, warehouse_id: int) -> list[tuple[int, int | None]]:
    """Products with plenty of stock in the warehouse, with their largest packaging for sale."""
    with db.read() as session:
        rows = session.execute(
            select(StockQuant.product_id, Packaging.id)
            .join(Product, Product.id == StockQuant.product_id)
            .outerjoin(Packaging, (Packaging.product_id == Product.id) & Packaging.for_sale.is_(True))
            .outerjoin(ProductContainer, ProductContainer.product_id == Product.id)
            .where(StockQuant.quantity - StockQuant.reserved > 500, Product.active.is_(True), Product.lot_tracked.is_(False), Product.returnable.is_(False))
            .order_by(ProductContainer.id.is_(None), StockQuant.product_id)
            .limit(12)
        ).all()  # fmt: skip
    return list(dict(rows).items())


def _results(context: DemoContext, trip: int, rough: bool) -> None:
    db, owner, rng = context.db, context.owner, context.rng
    with db.read() as session:
        stops = list(
            session.execute(
                select(TripStop).where(TripStop.trip_id == trip).order_by(TripStop.position)
            ).scalars()
        )
        values = dict(
            session.execute(select(TripOrder.stop_id, TripOrder.value).where(TripOrder.trip_id == trip)).all()
        )
    for n, stop in enumerate(stops):
        if rough and n == 1:
            record_result(
                db,
                owner,
                stop.id,
                StopReport(StopResult.REFUSED, reason=RefusalReason.NO_MONEY, note="Cliente sem dinheiro"),
            )
            continue
        if rough and n == 2:
            record_result(
                db, owner, stop.id, StopReport(StopResult.NOT_VISITED, note="Trânsito: não deu tempo")
            )
            continue
        kind = rng.choice((PayKind.CASH, PayKind.PIX, PayKind.ON_ACCOUNT, PayKind.CHEQUE))
        pay = Collected(kind, values.get(stop.id, D("10.00")) or D("10.00"),
                        bank="Itaú" if kind == PayKind.CHEQUE else "", cheque_number="000123" if kind == PayKind.CHEQUE else "",
                        cheque_date=date.today() + timedelta(days=15) if kind == PayKind.CHEQUE else None)  # fmt: skip
        delivered = {}
        result = StopResult.DELIVERED
        if rough and n == 0:
            with db.read() as session:
                lines = session.execute(
                    select(TripLine.id, TripLine.loaded).join(TripOrder, TripOrder.id == TripLine.trip_order_id).where(TripOrder.stop_id == stop.id)
                ).all()  # fmt: skip
            if len(lines) > 1:
                result, delivered = (
                    StopResult.PARTIAL,
                    {lid: (q if i else D(0)) for i, (lid, q) in enumerate(lines)},
                )
        record_result(
            db,
            owner,
            stop.id,
            StopReport(
                result,
                received_by=rng.choice(("Dono", "Gerente", "Caixa")),
                delivered=delivered,
                collected=[pay],
            ),
        )


def _settle(context: DemoContext, trip: int, driver: int, short: bool) -> None:
    with context.db.read() as session:
        expected = expected_of(session, trip)
    counts = []
    for e in expected:
        if short and e.kind == SettleKind.MONEY and e.expected > 20:
            counts.append(
                Counted(e.kind, e.key, e.expected - D("20.00"), driver, "Faltou troco na conferência")
            )
            short = False
        else:
            counts.append(Counted(e.kind, e.key, e.expected))
    settle_trip(context.db, context.owner, trip, counts)


def demo_deliveries(context: DemoContext) -> None:
    db, owner, rng = context.db, context.owner, context.rng
    with db.read() as session:
        warehouse = session.execute(select(Warehouse.id).order_by(Warehouse.id).limit(1)).scalar_one_or_none()
        supplier = session.execute(select(Supplier.id).order_by(Supplier.id).limit(1)).scalar_one_or_none()
    if warehouse is None:
        return
    types = _containers(context)
    vehicles, drivers, helpers = _fleet(context, warehouse)
    routes = _routes(context, warehouse)
    context.progress("deliveries", 0.3)
    products = _sellable(db, warehouse)
    if not products:
        return
    today = date.today()
    stages = ("closed_rough", "closed", "settled", "on_road", "planned", "cancelled")
    for n, stage in enumerate(stages):
        route, customers = routes[n % len(routes)]
        orders = [o for c in customers[:8] if (o := _order(db, owner, rng, c, products)) is not None]
        if not orders:
            continue
        day = today - timedelta(days=2 - min(n, 2)) if stage.startswith("closed") else today
        trip = plan_trip(
            db, owner, TripPlan(day, vehicles[n % len(vehicles)], drivers[n % len(drivers)], orders,
                                helper_id=helpers[n % len(helpers)], route_id=route),
            confirmed=frozenset({"trip.over_capacity", "containers.allowance"}),
        )  # fmt: skip
        if stage == "cancelled":
            cancel_trip(db, owner, trip)
        if stage in ("planned", "cancelled"):
            continue
        depart_trip(db, owner, trip)
        _results(context, trip, rough=stage == "closed_rough")
        if stage == "on_road":
            continue
        _settle(context, trip, drivers[n % len(drivers)], short=stage == "closed_rough")
        if stage.startswith("closed"):
            close_trip(db, owner, trip)
        context.progress("deliveries", 0.3 + 0.1 * n)
    customer = routes[0][1][0] if routes[0][1] else None
    if customer is not None:
        record_customer_containers(db, owner, customer, ContainerReason.CORRECTION,
                                   [ContainerCount(types["GRF-600"], full=12)], note="Saldo inicial de vasilhames")  # fmt: skip
        record_customer_containers(
            db, owner, customer, ContainerReason.RETURN, [ContainerCount(types["GRF-600"], empty=5)]
        )
        record_customer_containers(db, owner, customer, ContainerReason.CHARGE, [ContainerCount(types["GRF-600"], charged=1)],
                                   note="Engradado quebrado")  # fmt: skip
    if supplier is not None:
        record_supplier_containers(
            db,
            owner,
            supplier,
            [ContainerCount(types["GRF-600"], full=40, empty=4)],
            note="Troca com a cervejaria",
        )
    if context.size == DemoSize.LARGE:
        from bodesk.domain.deliveries.demo_history import write_history

        write_history(context, [r for r, _c in routes], vehicles, drivers, types)
    context.progress("deliveries", 1.0)
