"""Demo sales of the last days, taken through the services as a desk takes them: quotes, confirmed
orders holding their reservations, orders being picked, shipped (one in part, leaving a backorder),
delivered, cancelled, and goods returned from an order of the history.

The services stamp the present; afterwards the order's life-stage times (created, confirmed, shipped,
delivered) and its events are moved back hours to days, so that the processing-time report and the
lists look lived in. Events and those times are not ledger rows: the stock moves and reservations
keep the instant they were posted.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from random import Random

from sqlalchemy import or_, select, update

from bodesk.domain.access.actor import Actor
from bodesk.domain.demo import DemoContext
from bodesk.domain.sales.models import Customer
from bodesk.domain.sales.order_lines import SalesLineInput
from bodesk.domain.sales.order_models import SalesOrder, SalesOrderEvent, SalesOrderLine
from bodesk.domain.sales.orders import OrderHeader, cancel_order, confirm_order, create_order
from bodesk.domain.sales.returns import ReturnLineInput, record_return
from bodesk.domain.sales.shipping import mark_delivered, ship_order, start_picking
from bodesk.domain.sales.states import OrderStatus, ReturnReason
from bodesk.domain.stock.models import Location, LocationKind, Lot, Packaging, Product, StockQuant
from bodesk.store.engine import Database
from bodesk.store.types import utcnow

ZERO = Decimal(0)
HOUR = 3600
# (what happens to the order, how many of them in a small demo)
PLAN = (
    ("quote", 4),
    ("confirmed", 4),
    ("picking", 2),
    ("shipped", 3),
    ("partial", 1),
    ("delivered", 4),
    ("cancelled", 2),
)


def _stock(db: Database) -> list[tuple[int, int | None, Decimal, Decimal]]:
    """Products with free stock: (id, packaging sold, its units, free base units)."""
    with db.read() as session:
        packs = {
            product_id: (pack_id, units)
            for pack_id, product_id, units in session.execute(
                select(Packaging.id, Packaging.product_id, Packaging.units).where(
                    Packaging.for_sale.is_(True)
                )
            )
        }
        free: dict[int, Decimal] = defaultdict(lambda: ZERO)
        for product_id, quantity, reserved in session.execute(
            select(StockQuant.product_id, StockQuant.quantity, StockQuant.reserved)
            .join(Product, Product.id == StockQuant.product_id)
            .join(Location, Location.id == StockQuant.location_id)
            .outerjoin(Lot, Lot.id == StockQuant.lot_id)
            .where(
                Product.active.is_(True),
                Location.kind == LocationKind.INTERNAL,
                StockQuant.quantity > StockQuant.reserved,
                or_(Lot.expiry.is_(None), Lot.expiry >= date.today()),  # an expired lot is never sold
            )
        ):
            free[product_id] += quantity - reserved
    return [
        (product_id, *packs.get(product_id, (None, Decimal(1))), free[product_id])
        for product_id in sorted(free)
    ]


def _lines(rng: Random, stock: list[tuple[int, int | None, Decimal, Decimal]]) -> list[SalesLineInput]:
    """Two to six lines of products that still have free stock (taking it from `stock`)."""
    lines = []
    for index in rng.sample(range(len(stock)), k=min(len(stock), rng.randint(2, 6))):
        product_id, pack_id, units, free = stock[index]
        if pack_id is not None and free >= units * 2:
            packages = Decimal(rng.randint(1, min(int(free // units // 2), 5)))
            quantity = packages * units
        elif free >= 2:
            pack_id, packages = None, Decimal(rng.randint(1, min(int(free // 2), 12)))
            quantity = packages
        else:
            continue
        stock[index] = (product_id, stock[index][1], units, free - quantity)
        lines.append(SalesLineInput(product_id, pack_id, packages))
    return lines


def _age(db: Database, order_id: int, created_ago: float, steps: dict[OrderStatus, float]) -> None:
    """Move an order's life back: created `created_ago` seconds ago, each stage `steps` seconds after."""
    now = utcnow()
    created = now - timedelta(seconds=created_ago)
    with db.write() as session:
        order = session.get(SalesOrder, order_id)
        assert order is not None
        order.created_at = created
        session.execute(
            update(SalesOrderEvent)
            .where(SalesOrderEvent.order_id == order_id, SalesOrderEvent.status == OrderStatus.DRAFT.value)
            .values(at=created)
        )
        for status, seconds in steps.items():
            at = created + timedelta(seconds=seconds)
            session.execute(
                update(SalesOrderEvent)
                .where(SalesOrderEvent.order_id == order_id, SalesOrderEvent.status == status.value)
                .values(at=at)
            )
            if status == OrderStatus.CONFIRMED:
                order.confirmed_at, order.seconds_to_confirm = at, int(seconds)
            elif status == OrderStatus.SHIPPED:
                order.shipped_at, order.seconds_to_ship = at, int(seconds)
            elif status == OrderStatus.DELIVERED:
                order.delivered_at, order.seconds_to_deliver = at, int(seconds)


def _one(context: DemoContext, actor: Actor, kind: str, customer_id: int, lines: list[SalesLineInput]) -> int:
    db, rng = context.db, context.rng
    requested = (utcnow() + timedelta(days=rng.randint(1, 4))).date()
    order_id = create_order(db, actor, customer_id, lines, OrderHeader(requested_on=requested))
    confirm = rng.uniform(0.1, 3) * HOUR
    ship = confirm + rng.uniform(2, 30) * HOUR
    if kind == "cancelled":  # aged while still a quote: a cancelled order is final
        _age(db, order_id, rng.uniform(20, 60) * HOUR, {})
        cancel_order(db, actor, order_id, "Cliente achou o preço alto")
        return order_id
    if kind != "quote":
        confirm_order(db, actor, order_id)
    if kind == "picking":
        start_picking(db, actor, order_id)
    if kind in ("shipped", "partial", "delivered"):
        quantities = None
        if kind == "partial":
            with db.read() as session:
                rows = session.execute(
                    select(SalesOrderLine.id, SalesOrderLine.quantity, SalesOrderLine.units_per_package)
                    .where(SalesOrderLine.order_id == order_id)
                    .order_by(SalesOrderLine.position)
                ).all()
            # the first line ships whole, the others half (in whole packages): the rest is a backorder
            quantities = {
                row.id: row.quantity if n == 0 else (row.quantity / row.units_per_package // 2) * row.units_per_package
                for n, row in enumerate(rows)
            }  # fmt: skip
        ship_order(db, actor, order_id, quantities, keep_backorder=True)
    if kind == "delivered":
        mark_delivered(db, actor, order_id)
    steps: dict[OrderStatus, float] = {}
    if kind != "quote":
        steps[OrderStatus.CONFIRMED] = confirm
    if kind in ("shipped", "partial", "delivered"):
        steps[OrderStatus.SHIPPED] = ship
    if kind == "delivered":
        steps[OrderStatus.DELIVERED] = ship + rng.uniform(3, 20) * HOUR
    ago = max(steps.values(), default=0) + rng.uniform(0.5, 20) * HOUR
    _age(db, order_id, ago, steps)
    return order_id


def _return(context: DemoContext, actor: Actor) -> None:
    """A customer sends back part of a delivered order of the history: a damaged case back to the loss
    location, the rest of that line refused back to stock."""
    with context.db.read() as session:
        found = session.execute(
            select(SalesOrderLine.order_id, SalesOrderLine.id, SalesOrderLine.shipped, SalesOrderLine.units_per_package)
            .join(SalesOrder, SalesOrder.id == SalesOrderLine.order_id)
            .join(Product, Product.id == SalesOrderLine.product_id)
            .where(SalesOrder.status == OrderStatus.DELIVERED.value, SalesOrderLine.shipped > SalesOrderLine.units_per_package,
                   Product.lot_tracked.is_(False))  # a lot-tracked line may have left in several lots
            .order_by(SalesOrder.delivered_at.desc())
            .limit(1)
        ).first()  # fmt: skip
    if found is None:
        return
    order_id, line_id, shipped, units = found
    lines = [ReturnLineInput(line_id, units, ReturnReason.DAMAGED, to_stock=False)]
    lines.append(ReturnLineInput(line_id, min(units, shipped - units), ReturnReason.REFUSED))
    record_return(
        context.db, actor, order_id, lines, note="Uma caixa chegou amassada; o cliente recusou outra."
    )


def demo_orders(context: DemoContext) -> None:
    db, rng = context.db, context.rng
    with db.read() as session:
        customers = list(
            session.execute(
                select(Customer.id).where(Customer.credit_limit.is_(None), Customer.active.is_(True)).order_by(Customer.id)
            ).scalars()
        )  # fmt: skip
    stock = _stock(db)
    if not customers or len(stock) < 10:
        return
    scale = context.pick(1, 3, 10)
    kinds = [kind for kind, count in PLAN for _n in range(count * scale)]
    rng.shuffle(kinds)
    for done, kind in enumerate(kinds, start=1):
        lines = _lines(rng, stock)
        if lines:
            _one(context, context.owner, kind, rng.choice(customers), lines)
        context.progress("sales_orders", done / (len(kinds) + 1))
    _return(context, context.owner)
    context.progress("sales_orders", 1.0)
