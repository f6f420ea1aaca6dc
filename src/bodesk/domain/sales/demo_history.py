"""The demo's sales history: what the purchasing history sold to customers (`Outflow`s, handed over by
`purchasing.demo_documents`) becomes shipped and delivered sales orders, with their lines, their
events and the stock moves they made; a few quotes of the same days were cancelled. Bulk inserted,
with the same rows and references the services write (`orders.py`, `shipping.py`), so that the sales
checks of `bodesk check` prove the shortcut equal.

Each outflow (goods that left one location on one day) is split among a few customers' orders of that
day (one in a small demo, several in a large one), in whole packages where it can; an order gathers
about five lines, ships at the latest outflow of its day, and took hours to days from the call to the
truck, so that the processing-time report has something to read.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import select

from bodesk.domain.access.models import User
from bodesk.domain.common.models import DocumentSequence
from bodesk.domain.common.money import (
    MONEY_PLACES,
    QUANTITY_PLACES,
    UNIT_PRICE_PLACES,
    round_money,
    round_quantity,
    round_unit_price,
)
from bodesk.domain.demo import DemoContext
from bodesk.domain.purchasing.demo_documents import Outflow
from bodesk.domain.sales.models import Customer
from bodesk.domain.sales.order_models import SalesOrder, SalesOrderEvent, SalesOrderLine
from bodesk.domain.sales.price_models import PriceTable, PriceTableItem
from bodesk.domain.sales.states import OrderStatus
from bodesk.domain.stock.models import Packaging, Product
from bodesk.store.bulk import bulk_insert, scaled, stored_instant
from bodesk.store.types import utcnow

ZERO = Decimal(0)
ONE = Decimal(1)
KIND = "sales_order"
BATCH = 20_000


@dataclass
class _Line:
    product_id: int
    packaging_id: int | None
    units: Decimal
    quantity: Decimal = ZERO
    unit_cost: Decimal = ZERO
    takes: list[tuple[int, int | None, Decimal, Decimal]] = field(
        default_factory=list
    )  # location, lot, qty, cost


@dataclass
class _Order:
    customer_id: int
    day: str
    shipped_at: datetime | None = None
    lines: dict[tuple[int, int], _Line] = field(default_factory=dict)
    cancelled: bool = False


@dataclass
class _Customers:
    ids: list[int]
    weights: list[float]
    table_of: dict[int, int]  # customer -> its price table
    rep_of: dict[int, int | None]
    term_of: dict[int, int | None]


def _split(quantity: Decimal, units: Decimal, parts: int) -> list[tuple[Decimal, bool]]:
    """`quantity` base units in up to `parts` parts: (quantity, in whole packages?)."""
    packages = int(quantity // units) if units > ONE else 0
    result: list[tuple[Decimal, bool]] = []
    if packages:
        count = min(parts, packages)
        share, extra = divmod(packages, count)
        result = [(units * (share + (1 if index < extra else 0)), True) for index in range(count)]
    rest = quantity - units * packages if units > ONE else quantity
    if rest > ZERO:
        result.append((rest, False))
    return result


def _customers(context: DemoContext) -> _Customers:
    with context.db.read() as session:
        tables = dict(session.execute(select(PriceTable.segment_id, PriceTable.id)).all())
        default = session.execute(select(PriceTable.id).where(PriceTable.is_default.is_(True))).scalar_one()
        rows = session.execute(
            select(Customer.id, Customer.segment_id, Customer.price_table_id, Customer.rep_id, Customer.payment_term_id,
                   Customer.credit_limit)
            .order_by(Customer.id)
        ).all()  # fmt: skip
    weights = [
        1.0 if row.credit_limit is None else 3.0 for row in rows
    ]  # wholesalers (with a limit) buy more
    return _Customers(
        [row.id for row in rows],
        weights,
        {row.id: row.price_table_id or tables.get(row.segment_id, default) for row in rows},
        {row.id: row.rep_id for row in rows},
        {row.id: row.payment_term_id for row in rows},
    )


def _plan(context: DemoContext, outflows: list[Outflow], customers: _Customers, pack_of: dict[int, tuple[int, Decimal]]) -> list[_Order]:  # fmt: skip
    """The orders of each day, their lines filled from the outflows of that day."""
    rng = context.rng
    parts_of = context.pick(1, 2, 4)
    by_day: dict[str, list[Outflow]] = defaultdict(list)
    for outflow in outflows:
        by_day[outflow.at.date().isoformat()].append(outflow)
    orders: list[_Order] = []
    for day in sorted(by_day):
        pieces = []
        for outflow in by_day[day]:
            pack_id, units = pack_of.get(outflow.product_id, (None, ONE))
            total = sum((quantity for _lot, quantity in outflow.takes), ZERO)
            for quantity, packed in _split(total, units, rng.randint(1, parts_of)):
                pieces.append((outflow, quantity, pack_id if packed else None, units if packed else ONE))
        count = max(1, round(len(pieces) / 5))
        todays = [_Order(rng.choices(customers.ids, customers.weights)[0], day) for _n in range(count)]
        takes = {id(outflow): list(outflow.takes) for outflow in by_day[day]}
        for outflow, quantity, pack_id, units in pieces:
            order = rng.choice(todays)
            line = order.lines.setdefault(
                (outflow.product_id, pack_id or 0), _Line(outflow.product_id, pack_id, units)
            )
            line.quantity += quantity
            line.unit_cost = outflow.unit_cost
            order.shipped_at = max(order.shipped_at or outflow.at, outflow.at)
            wanted, left = quantity, takes[id(outflow)]
            while wanted > ZERO:  # first expired, first out: the outflow's lots in order
                lot, available = left[0]
                take = min(wanted, available)
                line.takes.append((outflow.location_id, lot, take, outflow.unit_cost))
                wanted -= take
                if take == available:
                    left.pop(0)
                else:
                    left[0] = (lot, available - take)
        orders.extend(order for order in todays if order.lines)
        if rng.random() < 0.3:  # a quote that did not go ahead
            copy = rng.choice(todays)
            orders.append(_Order(copy.customer_id, day, copy.shipped_at, dict(copy.lines), cancelled=True))
    return orders


def write_sales(context: DemoContext, outflows: list[Outflow], customer_location: int) -> list[dict[str, object]]:  # fmt: skip
    """Write the orders that shipped `outflows`; returns their stock moves, to be inserted with the rest."""
    rng = context.rng
    now = utcnow()
    customers = _customers(context)
    with context.db.read() as session:
        pack_of = {
            product_id: (pack_id, units)
            for pack_id, product_id, units in session.execute(
                select(Packaging.id, Packaging.product_id, Packaging.units)
                .where(Packaging.for_sale.is_(True))
                .order_by(Packaging.id)
            )
        }
        prices = {
            (table, product, pack): price
            for table, product, pack, price in session.execute(
                select(PriceTableItem.table_id, PriceTableItem.product_id, PriceTableItem.packaging_key, PriceTableItem.price)
            )
        }  # fmt: skip
        weight_of = dict(session.execute(select(Product.id, Product.weight)).all())
        table_names = dict(session.execute(select(PriceTable.id, PriceTable.name)).all())
        seller = session.execute(select(User.id).where(User.login == "vendas")).scalar_one_or_none()
    plan = _plan(context, outflows, customers, pack_of)
    context.progress("sales", 0.3)
    timed = []
    for order in plan:
        shipped = order.shipped_at or now
        to_ship = int(rng.choice((2, 4, 6, 20, 26, 48, 70)) * 3600 * rng.uniform(0.6, 1.2))
        to_confirm = int(min(to_ship - 600, rng.choice((5, 20, 45, 90, 240)) * 60 * rng.uniform(0.5, 1.5)))
        created = shipped - timedelta(seconds=to_ship)
        timed.append((created, order, to_confirm, to_ship))
    timed.sort(key=lambda item: item[0])
    user = seller or context.owner.user_id
    order_rows: list[dict[str, object]] = []
    details = []
    for number, (created, order, to_confirm, to_ship) in enumerate(timed, start=1):
        table = customers.table_of[order.customer_id]
        lines = []
        total = units = weight = ZERO
        for position, line in enumerate(order.lines.values(), start=1):
            price = prices.get((table, line.product_id, line.packaging_id or 0))
            if price is None:  # not in the table: its unit price times the package
                price = round_money(prices[(table, line.product_id, 0)] * line.units)
            packages = round_quantity(line.quantity / line.units)
            line_total = round_money(packages * price)
            total, units = total + line_total, units + line.quantity
            weight += line.quantity * weight_of[line.product_id]
            lines.append((position, line, packages, price, line_total))
        delivered = not order.cancelled and created + timedelta(seconds=to_ship + 86_400 * 2) < now
        to_deliver = to_ship + int(rng.uniform(3, 30) * 3600) if delivered else None
        status = (
            OrderStatus.CANCELLED
            if order.cancelled
            else (OrderStatus.DELIVERED if delivered else OrderStatus.SHIPPED)
        )
        confirmed_at = None if order.cancelled else created + timedelta(seconds=to_confirm)
        shipped_at = None if order.cancelled else created + timedelta(seconds=to_ship)
        delivered_at = created + timedelta(seconds=to_deliver) if to_deliver is not None else None
        order_rows.append({
            "number": number, "customer_id": order.customer_id, "rep_id": customers.rep_of[order.customer_id],
            "status": status.value, "warehouse_id": None, "price_table_id": table,
            "payment_term_id": customers.term_of[order.customer_id], "backorder_of": None,
            "requested_on": (created + timedelta(days=1)).date(), "notes": "",
            "total": scaled(total, MONEY_PLACES),
            "shipped_total": 0 if order.cancelled else scaled(total, MONEY_PLACES),
            "units": scaled(units, QUANTITY_PLACES), "weight": scaled(round_quantity(weight), QUANTITY_PLACES),
            "credit_note": "", "cancel_reason": "Cliente desistiu do pedido" if order.cancelled else "",
            "created_at": stored_instant(created), "created_by": user,
            "confirmed_at": _instant(confirmed_at), "shipped_at": _instant(shipped_at),
            "delivered_at": _instant(delivered_at), "invoiced_at": None,
            "seconds_to_confirm": None if order.cancelled else to_confirm,
            "seconds_to_ship": None if order.cancelled else to_ship,
            "seconds_to_deliver": to_deliver, "seconds_to_invoice": None,
        })  # fmt: skip
        events: list[tuple[OrderStatus, datetime | None]] = [(OrderStatus.DRAFT, created)]
        if order.cancelled:
            events.append((OrderStatus.CANCELLED, created + timedelta(seconds=to_confirm)))
        else:
            events += [(OrderStatus.CONFIRMED, confirmed_at), (OrderStatus.SHIPPED, shipped_at)]
            if delivered_at is not None:
                events.append((OrderStatus.DELIVERED, delivered_at))
        details.append((order, lines, events, table_names[table]))
    with context.db.write() as session:
        for start in range(0, len(order_rows), BATCH):
            bulk_insert(session, SalesOrder.__tablename__, order_rows[start : start + BATCH])
        ids = list(session.execute(select(SalesOrder.id).order_by(SalesOrder.number)).scalars())
        context.progress("sales", 0.5)
        line_rows: list[dict[str, object]] = []
        event_rows: list[dict[str, object]] = []
        moves: list[dict[str, object]] = []
        for order_id, number, (order, lines, events, table_name), row in zip(
            ids, range(1, len(ids) + 1), details, order_rows, strict=True
        ):
            for position, line, packages, price, line_total in lines:
                list_price = scaled(price, MONEY_PLACES)
                cost = round_unit_price(line.unit_cost)
                line_rows.append({
                    "order_id": order_id, "position": position, "product_id": line.product_id,
                    "packaging_id": line.packaging_id, "units_per_package": scaled(line.units, QUANTITY_PLACES),
                    "packages": scaled(packages, QUANTITY_PLACES), "quantity": scaled(line.quantity, QUANTITY_PLACES),
                    "list_price": list_price, "discount": 0, "price": list_price,
                    "price_note": f"tabela {table_name}", "lot_id": None,
                    "total": scaled(line_total, MONEY_PLACES),
                    "shipped": 0 if order.cancelled else scaled(line.quantity, QUANTITY_PLACES),
                    "unit_cost": None if order.cancelled else scaled(cost, UNIT_PRICE_PLACES),
                })  # fmt: skip
                if order.cancelled:
                    continue
                for location, lot, quantity, unit_cost in line.takes:
                    moves.append({
                        "product_id": line.product_id, "lot_id": lot, "from_location_id": location,
                        "to_location_id": customer_location, "quantity": scaled(quantity, QUANTITY_PLACES),
                        "unit_cost": scaled(unit_cost, UNIT_PRICE_PLACES), "at": row["shipped_at"],
                        "doc_kind": KIND, "doc_id": order_id, "doc_number": number, "user_id": user,
                        "reason": None,
                    })  # fmt: skip
            event_rows.extend(
                {"order_id": order_id, "status": status.value, "at": stored_instant(at), "user_id": user}
                for status, at in events
                if at is not None
            )
            if len(line_rows) >= BATCH:  # written as they come: a million lines never sit in memory at once
                bulk_insert(session, SalesOrderLine.__tablename__, line_rows)
                bulk_insert(session, SalesOrderEvent.__tablename__, event_rows)
                line_rows.clear()
                event_rows.clear()
        bulk_insert(session, SalesOrderLine.__tablename__, line_rows)
        context.progress("sales", 0.8)
        bulk_insert(session, SalesOrderEvent.__tablename__, event_rows)
        session.merge(DocumentSequence(series=KIND, next_number=len(ids) + 1))
    context.progress("sales", 1.0)
    return moves


def _instant(value: datetime | None) -> str | None:
    return None if value is None else stored_instant(value)
