"""The purchasing demo's history as documents: lots, purchase orders and their lines, receipts and
their lines, the stock moves they made, quants, product totals and costs, and the numbering counters,
bulk inserted (see `demo.py`, which simulates the history).

Goods sold to customers are handed, when a higher module left a writer for them in the context's
`shared[SALES_WRITER]` (the sales demo does), to that writer: it writes its own documents (shipped
sales orders) and returns their stock moves, which are inserted with the rest. Without one they are
goods issues, as they were before sales existed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select, update

from bodesk.domain.common.models import DocumentSequence
from bodesk.domain.common.money import (
    MONEY_PLACES,
    QUANTITY_PLACES,
    UNIT_PRICE_PLACES,
    round_money,
    round_unit_price,
)
from bodesk.domain.demo import DemoContext
from bodesk.domain.purchasing.models import PurchaseOrder, Receipt
from bodesk.domain.purchasing.states import OrderStatus
from bodesk.domain.stock.models import (
    Location,
    LocationKind,
    Lot,
    Packaging,
    Product,
    StockOperation,
    StockQuant,
)
from bodesk.store.bulk import bulk_insert, scaled, stored_instant
from bodesk.store.types import utcnow

ZERO = Decimal(0)


@dataclass
class LotStock:
    key: int | None  # index + 1 into Book.lots; None for a product without lots
    quantity: Decimal
    expiry: date | None


@dataclass
class Pair:
    """One product stocked in one warehouse: its home location and its lots (FEFO order)."""

    location_id: int
    lots: list[LotStock] = field(default_factory=list)


@dataclass
class Operation:
    """A stock operation of the simulation (goods issued or broken): its moves are indices into Book.moves."""

    kind: str
    at: datetime
    user_id: int | None
    reason: str
    moves: list[int] = field(default_factory=list)
    value: Decimal = ZERO  # unrounded, as the ledger sums it


@dataclass
class Outflow:
    """Goods sold to customers from one location at one time: per lot (a lot key, then its id once the
    lots are written) the quantity taken, at the product's average cost then."""

    product_id: int
    location_id: int
    at: datetime
    unit_cost: Decimal
    takes: list[tuple[int | None, Decimal]] = field(default_factory=list)


SALES_WRITER = "purchasing.sales_writer"
# (context, outflows with lot ids, the @customer location) -> the stock moves of the documents it wrote
SalesWriter = Callable[[DemoContext, list[Outflow], int], list[dict[str, object]]]


@dataclass
class Book:
    """Everything generated, ready for bulk insert."""

    moves: list[dict[str, object]] = field(default_factory=list)
    lots: list[dict[str, object]] = field(default_factory=list)
    lines: list[tuple[tuple[int, int, int], int, Decimal, Decimal, int | None, int]] = field(
        default_factory=list
    )
    open_lines: list[tuple[tuple[int, int, int], int, Decimal, Decimal]] = field(default_factory=list)
    quants: dict[tuple[int, int, int], Decimal] = field(default_factory=lambda: defaultdict(lambda: ZERO))
    operations: list[Operation] = field(default_factory=list)
    outflows: list[Outflow] = field(default_factory=list)  # for the sales writer


def _refer(move: dict[str, object], kind: str, document_id: int, number: int) -> None:
    move["doc_kind"], move["doc_id"], move["doc_number"] = kind, document_id, number


def _operations(book: Book) -> list[dict[str, object]]:
    """The stock operations numbered in the order they happened (their ids follow, as inserted), with
    their moves referring to them."""
    rows: list[dict[str, object]] = []
    for number, operation in enumerate(sorted(book.operations, key=lambda op: op.at), start=1):
        for index in operation.moves:
            _refer(book.moves[index], operation.kind, number, number)
        rows.append(
            {
                "number": number,
                "kind": operation.kind,
                "at": stored_instant(operation.at),
                "user_id": operation.user_id,
                "reason": operation.reason,
                "value": scaled(round_money(operation.value), 2),
            }
        )
    return rows


def write_history(
    context: DemoContext, book: Book, finals: dict[int, tuple[Decimal, Decimal, Decimal]], start: datetime
) -> None:
    rng = context.rng
    db = context.db
    with db.read() as session:
        owner = context.owner.user_id
        units_of = {
            pid: units for pid, units in session.execute(select(Packaging.product_id, Packaging.units))
        }
        pack_of = {pid: pack for pack, pid in session.execute(select(Packaging.id, Packaging.product_id))}
        main_of = dict(
            session.execute(
                select(Location.warehouse_id, Location.id).where(
                    Location.is_bin.is_(False), Location.warehouse_id.is_not(None)
                )
            ).all()
        )
    with db.write() as session:
        bulk_insert(session, Lot.__tablename__, book.lots)
        lot_ids = list(session.execute(select(Lot.id).order_by(Lot.id)).scalars())
    for move in book.moves:
        if move["lot_id"] is not None:
            move["lot_id"] = lot_ids[int(move["lot_id"]) - 1]  # type: ignore[call-overload]
    sold: list[dict[str, object]] = []
    if book.outflows:
        writer: SalesWriter = context.shared[SALES_WRITER]  # type: ignore[assignment]
        for outflow in book.outflows:
            outflow.takes = [(lot_ids[key - 1] if key else None, quantity) for key, quantity in outflow.takes]
        with db.read() as session:
            customer = session.execute(
                select(Location.id).where(
                    Location.kind == LocationKind.CUSTOMER, Location.warehouse_id.is_(None)
                )
            ).scalar_one()
        sold = writer(context, book.outflows, customer)

    groups: dict[tuple[int, int, int], list[tuple[int, Decimal, Decimal, int | None, int]]] = defaultdict(
        list
    )
    for key, product_id, quantity, unit_cost, lot_key, move_index in book.lines:
        groups[key].append((product_id, quantity, unit_cost, lot_key, move_index))
    open_groups: dict[tuple[int, int, int], list[tuple[int, Decimal, Decimal]]] = defaultdict(list)
    for key, product_id, quantity, unit_cost in book.open_lines:
        open_groups[key].append((product_id, quantity, unit_cost))
    keys = sorted(set(groups) | set(open_groups), key=lambda k: (k[2], k[0], k[1]))
    orders, order_lines, receipts, receipt_lines = [], [], [], []
    receipt_number = 0
    opened = False
    for number, key in enumerate(keys, start=1):
        supplier_id, warehouse, day = key
        when = start + timedelta(days=day, hours=9)
        received = key in groups
        status = (
            OrderStatus.RECEIVED
            if received
            else rng.choice((OrderStatus.SENT, OrderStatus.SENT, OrderStatus.DRAFT))
        )
        if not received and status == OrderStatus.DRAFT and not opened:
            status = OrderStatus.SENT  # the first open order is on its way: there is always one to receive
        opened = opened or not received
        items: list[tuple[int, Decimal, Decimal, int | None, int | None]] = [
            (pid, qty, cost, lot, index) for pid, qty, cost, lot, index in groups.get(key, [])
        ] + [(pid, qty, cost, None, None) for pid, qty, cost in open_groups.get(key, [])]
        total = ZERO
        for product_id, quantity, unit_cost, _lot, _index in items:
            units = units_of.get(product_id, Decimal(1))
            package_price = round_unit_price(unit_cost * units)
            line_total = round_money(quantity / units * package_price)
            total += line_total
            order_lines.append(
                {
                    "order_id": number,
                    "product_id": product_id,
                    "packaging_id": pack_of.get(product_id),
                    "packages": scaled(quantity / units, QUANTITY_PLACES),
                    "units_per_package": scaled(units, QUANTITY_PLACES),
                    "quantity": scaled(quantity, QUANTITY_PLACES),
                    "package_price": scaled(package_price, UNIT_PRICE_PLACES),
                    "total": scaled(line_total, MONEY_PLACES),
                    "received": scaled(quantity, QUANTITY_PLACES) if _index is not None else 0,
                }
            )
        orders.append(
            {
                "number": number,
                "supplier_id": supplier_id,
                "warehouse_id": warehouse,
                "status": status.value,
                "created_at": stored_instant(when - timedelta(days=3)),
                "created_by": owner,
                "sent_at": None if status == OrderStatus.DRAFT else stored_instant(when - timedelta(days=2)),
                "expected_on": when.date(),
                "total": scaled(total, MONEY_PLACES),
                "notes": "",
                "cancel_reason": "",
            }
        )
        if not received:
            continue
        receipt_number += 1
        receipt_total = ZERO
        for line_index, (product_id, quantity, unit_cost, lot_ref, move_at) in enumerate(items):
            if move_at is None:
                continue
            value = round_money(quantity * unit_cost)
            receipt_total += value
            _refer(book.moves[move_at], "receipt", receipt_number, receipt_number)
            receipt_lines.append(
                {
                    "receipt_id": receipt_number,
                    "order_line_id": len(order_lines) - len(items) + line_index + 1,
                    "product_id": product_id,
                    "lot_id": lot_ids[lot_ref - 1] if lot_ref else None,
                    "quantity": scaled(quantity, QUANTITY_PLACES),
                    "unit_cost": scaled(unit_cost, UNIT_PRICE_PLACES),
                    "total": scaled(value, MONEY_PLACES),
                }
            )
        receipts.append(
            {
                "number": receipt_number,
                "order_id": number,
                "supplier_id": supplier_id,
                "warehouse_id": warehouse,
                "location_id": main_of[warehouse],
                "received_at": stored_instant(when),
                "received_by": owner,
                "supplier_invoice": f"NF {rng.randint(10000, 999999)}",
                "total": scaled(receipt_total, MONEY_PLACES),
                "billed": when < utcnow() - timedelta(days=20),
                "notes": "",
            }
        )
    operations = _operations(book)
    with db.write() as session:
        bulk_insert(session, StockOperation.__tablename__, operations)
        bulk_insert(session, PurchaseOrder.__tablename__, orders)
        bulk_insert(session, "purchase_order_lines", order_lines)
        bulk_insert(session, Receipt.__tablename__, receipts)
        bulk_insert(session, "receipt_lines", receipt_lines)
        context.progress("purchasing", 0.9)
        bulk_insert(session, "stock_moves", book.moves)
        bulk_insert(session, "stock_moves", sold)
        bulk_insert(
            session,
            StockQuant.__tablename__,
            [
                {
                    "product_id": pid,
                    "location_id": lid,
                    "lot_id": lot_ids[lot - 1] if lot else None,
                    "lot_key": lot_ids[lot - 1] if lot else 0,
                    "quantity": scaled(qty, QUANTITY_PLACES),
                }
                for (pid, lid, lot), qty in book.quants.items()
            ],
        )
        for product_id, (held, cost, typical) in finals.items():
            minimum = (typical * Decimal("0.3")).quantize(Decimal(1))
            session.execute(
                update(Product)
                .where(Product.id == product_id)
                .values(
                    on_hand=held,
                    cost=cost,
                    min_stock=minimum,
                    max_stock=max(minimum, (typical * Decimal("1.2")).quantize(Decimal(1))),
                )
            )
        for series, count in (
            ("purchase_order", len(orders)),
            ("receipt", len(receipts)),
            ("stock_operation", len(operations)),
        ):
            session.merge(DocumentSequence(series=series, next_number=count + 1))
    context.progress("purchasing", 1.0)
