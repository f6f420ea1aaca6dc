"""The stock ledger: the only way stock ever changes.

`post_moves` writes done moves, each with the typed reference of the document posting them, and, in
the same transaction, the cached quantities (quants and `Product.on_hand`) and the moving average cost.
It refuses, listing every shortfall, any move that would take an INTERNAL location below zero, or
below what documents reserved there (a reservation is released, or shipped through
`stock.reservations`, before its stock moves); on PostgreSQL the quant rows are locked first, on
SQLite the write transaction (BEGIN IMMEDIATE) already serializes writers, so two desks taking the
last units at the same moment cannot both succeed.

Average cost: stock entering the company (from a supplier, or found in a count) at cost c changes
the product's cost C over on-hand Q to (Q*C + q*c) / (Q + q), rounded to 4 places; stock leaving at
the current cost leaves it unchanged; moves between internal locations do not touch it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, TypeVar, cast

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import ValidationError, Validator, line_field
from bodesk.domain.common.models import Quantity, UnitPrice
from bodesk.domain.common.money import QUANTITY_RULE, round_money, round_unit_price
from bodesk.domain.common.postings import DocRef
from bodesk.domain.stock.errors import Shortfall, StockShortage
from bodesk.domain.stock.models import ZERO, Location, LocationKind, Lot, Product, StockMove, StockQuant
from bodesk.i18n import _
from bodesk.store.types import utcnow

_CHUNK = 500


@dataclass(frozen=True)
class MoveRequest:
    product_id: int
    from_location_id: int
    to_location_id: int
    quantity: Decimal
    lot_id: int | None = None
    unit_cost: Decimal | None = None  # None: the product's current average cost
    reason: str | None = None


@dataclass(frozen=True)
class Flow:
    """Value that entered stock from a virtual place (positive) or left stock to one (negative)."""

    outside: LocationKind  # the supplier, customer, adjustment, loss or transit location
    value: Decimal  # quantity x unit cost, unrounded


@dataclass(frozen=True)
class StockValued:
    """What a document's moves did to the value of stock, for the listeners (finance's journal)."""

    document: DocRef
    at: datetime
    change: Decimal  # the change of the products' stock value, each to cents
    flows: tuple[Flow, ...]


ValuationListener = Callable[[Session, Actor, StockValued], None]
_LISTENERS: list[ValuationListener] = []


def on_stock_valued(listener: ValuationListener) -> ValuationListener:
    """Call `listener` in the same transaction each time moves are posted (finance registers one)."""
    if listener not in _LISTENERS:
        _LISTENERS.append(listener)
    return listener


@dataclass(frozen=True)
class PostedMoves:
    count: int
    value: Decimal  # sum of quantity x unit cost, unrounded


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


@dataclass
class _ProductState:
    """What the ledger reads and writes of a product: plain data, written back in one batch."""

    id: int
    sku: str
    name: str
    cost: Decimal
    on_hand: Decimal
    lot_tracked: bool
    changed: bool = False

    def __post_init__(self) -> None:
        self.value_before = round_money(self.on_hand * self.cost)

    def value_change(self) -> Decimal:
        """How much the product's stock value (on hand × average cost, to cents) changed."""
        return round_money(self.on_hand * self.cost) - self.value_before if self.changed else ZERO


def _load_products(session: Session, ids: set[int]) -> dict[int, _ProductState]:
    found: dict[int, _ProductState] = {}
    for chunk in _chunks(sorted(ids)):
        rows = session.execute(
            select(Product.id, Product.sku, Product.name, Product.cost, Product.on_hand, Product.lot_tracked)
            .where(Product.id.in_(chunk))
            .order_by(Product.id)
            .with_for_update(key_share=True)
        )
        for row in rows:
            found[row.id] = _ProductState(row.id, row.sku, row.name, row.cost, row.on_hand, row.lot_tracked)
    return found


_M = TypeVar("_M", Location, Lot)


def _load(session: Session, model: type[_M], ids: set[int]) -> dict[int, _M]:
    found: dict[int, _M] = {}
    for chunk in _chunks(sorted(ids)):
        for row in session.execute(select(model).where(model.id.in_(chunk))).scalars():
            found[row.id] = row
    return found


def _lock_quants(
    session: Session, keys: set[tuple[int, int, int]]
) -> dict[tuple[int, int, int], tuple[int, Decimal, Decimal]]:
    """(id, quantity, reserved) of the quants for (product, location, lot_key) keys, locked where the
    database can."""
    quants: dict[tuple[int, int, int], tuple[int, Decimal, Decimal]] = {}
    products = sorted({key[0] for key in keys})
    locations = sorted({key[1] for key in keys})
    for chunk in _chunks(products):
        stmt = (
            select(
                StockQuant.id,
                StockQuant.product_id,
                StockQuant.location_id,
                StockQuant.lot_key,
                StockQuant.quantity,
                StockQuant.reserved,
            )
            .where(StockQuant.product_id.in_(chunk), StockQuant.location_id.in_(locations))
            .order_by(StockQuant.id)
            .with_for_update(key_share=True)
        )
        for quant_id, product_id, location_id, lot_key, quantity, reserved in session.execute(stmt):
            key = (product_id, location_id, lot_key)
            if key in keys:
                quants[key] = (quant_id, quantity, reserved)
    return quants


def _write_back(
    session: Session,
    products: dict[int, _ProductState],
    quants: dict[tuple[int, int, int], tuple[int, Decimal, Decimal]],
    deltas: dict[tuple[int, int, int], Decimal],
    keys: set[tuple[int, int, int]],
    rows: list[dict[str, Any]],
) -> None:
    """Quants, product totals and costs, and the moves, each in one batch statement."""
    quant_table = cast(Table, StockQuant.__table__)
    product_table = cast(Table, Product.__table__)
    move_table = cast(Table, StockMove.__table__)
    updates = [
        {"quant_id": quants[key][0], "new_quantity": quants[key][1] + deltas[key]}
        for key in keys
        if key in quants
    ]
    inserts = [
        {
            "product_id": key[0],
            "location_id": key[1],
            "lot_id": key[2] or None,
            "lot_key": key[2],
            "quantity": deltas[key],
        }
        for key in keys
        if key not in quants
    ]
    if updates:
        session.execute(
            update(quant_table)
            .where(quant_table.c.id == bindparam("quant_id"))
            .values(quantity=bindparam("new_quantity", type_=Quantity())),
            updates,
        )
    if inserts:
        session.execute(insert(quant_table), inserts)
    changed = [
        {"product": state.id, "new_cost": state.cost, "new_on_hand": state.on_hand}
        for state in products.values()
        if state.changed
    ]
    if changed:
        session.execute(
            update(product_table)
            .where(product_table.c.id == bindparam("product"))
            .values(
                cost=bindparam("new_cost", type_=UnitPrice()),
                on_hand=bindparam("new_on_hand", type_=Quantity()),
            ),
            changed,
        )
    for start in range(0, len(rows), 5000):
        session.execute(insert(move_table), rows[start : start + 5000])
    for obj in list(session.identity_map.values()):
        if isinstance(obj, Product | StockQuant):
            session.expire(obj)


def _validate(
    requests: Sequence[MoveRequest],
    products: dict[int, _ProductState],
    locations: dict[int, Location],
    lots: dict[int, Lot],
) -> None:
    check = Validator()
    for index, request in enumerate(requests, start=1):
        product = products.get(request.product_id)
        if product is None:
            check.add(
                line_field(index, "product"), _("Line {n}: the product does not exist.").format(n=index)
            )
            continue
        if request.quantity <= ZERO:
            check.add(
                line_field(index, "quantity"),
                _("Line {n}: {product}: the quantity must be more than zero.").format(
                    n=index, product=product.name
                ),
            )
        problem = QUANTITY_RULE.problem(request.quantity)
        if problem is not None:
            check.add(
                line_field(index, "quantity"),
                _("Line {n}: {product}: {problem}").format(n=index, product=product.name, problem=problem),
            )
        origin = locations.get(request.from_location_id)
        target = locations.get(request.to_location_id)
        if origin is None or target is None:
            check.add(
                line_field(index, "location"), _("Line {n}: the location does not exist.").format(n=index)
            )
            continue
        if origin.id == target.id:
            check.add(
                line_field(index, "location"),
                _("Line {n}: {product}: the move goes from {place} to the same place.").format(
                    n=index, product=product.name, place=origin.name
                ),
            )
        if request.lot_id is not None:
            lot = lots.get(request.lot_id)
            if lot is None or lot.product_id != product.id:
                check.add(
                    line_field(index, "lot"),
                    _("Line {n}: {product}: the lot belongs to another product.").format(
                        n=index, product=product.name
                    ),
                )
        elif product.lot_tracked:
            check.add(
                line_field(index, "lot"),
                _("Line {n}: {product} is tracked by lot: choose the lot.").format(
                    n=index, product=product.name
                ),
            )
    check.raise_if_any()


@dataclass
class PreparedMoves:
    """Moves checked, locked and valued, not yet written: `post` writes them with the reference of the
    document they belong to, which a document whose value depends on them (a stock operation) creates
    in between, already complete."""

    session: Session
    products: dict[int, _ProductState]
    quants: dict[tuple[int, int, int], tuple[int, Decimal, Decimal]]
    deltas: dict[tuple[int, int, int], Decimal]
    real_keys: set[tuple[int, int, int]]
    rows: list[dict[str, Any]]
    value: Decimal  # sum of quantity x unit cost, unrounded
    actor: Actor | None = None
    at: datetime | None = None
    flows: tuple[Flow, ...] = ()
    flow_rows: tuple[int, ...] = ()  # the row each flow belongs to

    def _tell(self, document: DocRef, change: Decimal, flows: tuple[Flow, ...]) -> None:
        if flows and self.actor is not None and self.at is not None:
            valued = StockValued(document, self.at, change, flows)
            for listener in _LISTENERS:
                listener(self.session, self.actor, valued)

    def post(self, document: DocRef) -> PostedMoves:
        reference = document.columns()
        rows = [{**row, **reference} for row in self.rows]
        if rows:
            _write_back(self.session, self.products, self.quants, self.deltas, self.real_keys, rows)
            change = sum((state.value_change() for state in self.products.values()), ZERO)
            self._tell(document, change, self.flows)
        return PostedMoves(len(rows), self.value)

    def post_each(self, documents: Sequence[DocRef]) -> PostedMoves:
        """Write the moves each with its own document's reference (one per request, in order): a posting
        of many documents at once, such as a trip shipping the orders it delivered."""
        if len(documents) != len(self.rows):
            raise ValueError("one document reference per move")
        rows = [{**row, **document.columns()} for row, document in zip(self.rows, documents, strict=True)]
        if rows:
            _write_back(self.session, self.products, self.quants, self.deltas, self.real_keys, rows)
            self._tell_each(documents)
        return PostedMoves(len(rows), self.value)

    def _tell_each(self, documents: Sequence[DocRef]) -> None:
        """The listeners hear each document's own flows; its share of the stock value's change is its flows
        to cents, and the last document takes what the average cost's rounding left of the whole change."""
        by_document: dict[DocRef, list[Flow]] = {}
        for flow, row in zip(self.flows, self.flow_rows, strict=True):
            by_document.setdefault(documents[row], []).append(flow)
        if not by_document:
            return
        left = sum((state.value_change() for state in self.products.values()), ZERO)
        last = list(by_document)[-1]
        for document, flows in by_document.items():
            share = left if document == last else round_money(sum((flow.value for flow in flows), ZERO))
            left -= share
            self._tell(document, share, tuple(flows))


def prepare_moves(
    session: Session, actor: Actor, requests: Sequence[MoveRequest], at: datetime | None = None
) -> PreparedMoves:
    """Check, lock and value `requests` inside the caller's write unit of work; refuses (listing every
    problem) before anything is written. A refused request is named `line_field(n, part)`: n its
    position (1-based), the part "product", "quantity", "location" or "lot"."""
    if not requests:
        return PreparedMoves(session, {}, {}, {}, set(), [], ZERO)
    at = at or utcnow()
    products = _load_products(session, {r.product_id for r in requests})
    location_ids = {r.from_location_id for r in requests} | {r.to_location_id for r in requests}
    locations = _load(session, Location, location_ids)
    lot_ids = {r.lot_id for r in requests if r.lot_id is not None}
    lots = _load(session, Lot, lot_ids)
    _validate(requests, products, locations, lots)

    deltas: dict[tuple[int, int, int], Decimal] = defaultdict(lambda: ZERO)
    for request in requests:
        lot_key = request.lot_id or 0
        deltas[(request.product_id, request.from_location_id, lot_key)] -= request.quantity
        deltas[(request.product_id, request.to_location_id, lot_key)] += request.quantity
    internal = {lid for lid, loc in locations.items() if loc.kind == LocationKind.INTERNAL}
    real_keys = {key for key in deltas if key[1] in internal}
    quants = _lock_quants(session, real_keys)

    shortfalls = []
    for key in sorted(real_keys):
        delta = deltas[key]
        have, reserved = (quants[key][1], quants[key][2]) if key in quants else (ZERO, ZERO)
        if delta < ZERO and have - reserved + delta < ZERO:  # what documents reserved is not for taking
            product, location = products[key[0]], locations[key[1]]
            lot = lots[key[2]].code if key[2] else None
            shortfalls.append(
                Shortfall(
                    f"{product.sku} {product.name}", location.name, lot, have - reserved, -delta, reserved
                )
            )
    if shortfalls:
        raise StockShortage(shortfalls)

    value = ZERO
    rows: list[dict[str, Any]] = []
    flows: list[Flow] = []
    flow_rows: list[int] = []  # the request (row) each flow came from
    for index, request in enumerate(requests):
        product = products[request.product_id]
        entering = request.from_location_id not in internal and request.to_location_id in internal
        leaving = request.from_location_id in internal and request.to_location_id not in internal
        cost = product.cost if request.unit_cost is None else round_unit_price(request.unit_cost)
        if entering:
            held = product.on_hand
            total = held + request.quantity
            if total > ZERO:
                product.cost = round_unit_price((held * product.cost + request.quantity * cost) / total)
            product.on_hand = total
            product.changed = True
            flows.append(
                Flow(LocationKind(locations[request.from_location_id].kind), request.quantity * cost)
            )
            flow_rows.append(index)
        elif leaving:
            product.on_hand -= request.quantity
            product.changed = True
            flows.append(
                Flow(LocationKind(locations[request.to_location_id].kind), -(request.quantity * cost))
            )
            flow_rows.append(index)
        value += request.quantity * cost
        rows.append(
            {
                "product_id": request.product_id,
                "lot_id": request.lot_id,
                "from_location_id": request.from_location_id,
                "to_location_id": request.to_location_id,
                "quantity": request.quantity,
                "unit_cost": cost,
                "at": at,
                "user_id": actor.user_id,
                "reason": request.reason,
            }
        )
    return PreparedMoves(
        session, products, quants, deltas, real_keys, rows, value, actor, at, tuple(flows), tuple(flow_rows)
    )


def post_moves(
    session: Session,
    actor: Actor,
    requests: Sequence[MoveRequest],
    document: DocRef,
    at: datetime | None = None,
) -> PostedMoves:
    """Write `requests` as done moves of `document` inside the caller's write unit of work (all or
    nothing)."""
    return prepare_moves(session, actor, requests, at).post(document)


def virtual_location(session: Session, kind: LocationKind) -> Location:
    location = session.execute(
        select(Location)
        .where(Location.kind == kind, Location.warehouse_id.is_(None))
        .order_by(Location.id)
        .limit(1)
    ).scalar_one_or_none()
    if location is None:  # the migration creates them; a missing one is a broken database
        raise ValidationError.single(
            "location", _("The virtual location “{kind}” is missing.").format(kind=kind)
        )
    return location
