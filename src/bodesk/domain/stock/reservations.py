"""Reserving stock for a document's lines (a confirmed sales order), and shipping what was reserved.

Decisions:
- A reservation holds part of one quant (product, location, lot) for one line of one document
  (`DocRef`); `StockQuant.reserved` and `Product.reserved` cache the sums in the same transaction.
  Available = on hand − reserved; the ledger refuses any move that would take a quant below what is
  reserved there, so reserved stock cannot be transferred, adjusted away or sold twice.
- Where: first expired, first out across the warehouses in the order given (the company's order, or
  only the order's own warehouse), then lots without expiry, then by location code. A lot already past
  its expiry is never reserved. A line may ask for one lot.
- All or nothing: when any product is short, nothing is reserved and every shortfall is listed
  (`ReservationShortage`, code "stock.not_available"). Locks are taken in the ledger's order — the
  products, then their quants — so two desks confirming the last units cannot both win, and a
  reservation racing a posting cannot deadlock with it.
- Shipping takes a line's quantity from its reservations (earliest expiry first), releases what it
  took and posts the moves to the target (the customer) with the document's reference, in the
  caller's transaction. What the caller does with the rest (keep, release) is its choice.
- A count that finds less than is reserved in a place trims the reservations there, the newest first
  (`trim_in`): the count is the truth about the shelf; the documents that lost stock are returned so the
  posting can say so.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import UserError
from bodesk.domain.common.models import Quantity
from bodesk.domain.common.postings import DocRef
from bodesk.domain.stock.ledger import MoveRequest, PostedMoves, post_moves
from bodesk.domain.stock.models import (
    ZERO,
    Location,
    LocationKind,
    Lot,
    Product,
    StockQuant,
    StockReservation,
)
from bodesk.i18n import _, format_decimal
from bodesk.store.types import utcnow

RESERVATIONS = cast(Table, StockReservation.__table__)
QUANTS = cast(Table, StockQuant.__table__)
PRODUCTS = cast(Table, Product.__table__)
QuantKey = tuple[int, int, int]  # (product, location, lot_key)


@dataclass(frozen=True)
class ReservationRequest:
    line_id: int
    product_id: int
    quantity: Decimal  # base units, more than zero
    lot_id: int | None = None  # one lot asked for; None: first expired, first out


@dataclass(frozen=True)
class Reserved:
    id: int
    line_id: int
    product_id: int
    location_id: int
    lot_id: int | None
    quantity: Decimal


@dataclass(frozen=True)
class Missing:
    product: str
    wanted: Decimal
    available: Decimal


class ReservationShortage(UserError):
    """Not every line can be reserved: nothing was, and each short product is listed."""

    code = "stock.not_available"

    def __init__(self, missing: Sequence[Missing]) -> None:
        self.missing = tuple(missing)
        lines = [
            _("{product}: {wanted} wanted, {available} available ({short} short).").format(
                product=item.product,
                wanted=format_decimal(item.wanted),
                available=format_decimal(item.available),
                short=format_decimal(item.wanted - item.available),
            )
            for item in self.missing
        ]
        super().__init__("\n".join([_("Not enough stock to reserve:"), *lines]))


@dataclass
class _Quant:
    key: QuantKey
    id: int
    free: Decimal
    lot_id: int | None


def _lock_products(session: Session, product_ids: Collection[int]) -> dict[int, str]:
    rows = session.execute(
        select(Product.id, Product.sku, Product.name)
        .where(Product.id.in_(sorted(product_ids)))
        .order_by(Product.id)
        .with_for_update(key_share=True)
    )
    return {row.id: f"{row.sku} {row.name}" for row in rows}


def _candidates(
    session: Session, product_ids: Collection[int], warehouses: Sequence[int], today: date
) -> dict[int, list[_Quant]]:
    """The quants each product may be reserved from, locked, in the order they are taken."""
    priority = {warehouse: index for index, warehouse in enumerate(warehouses)}
    rows = session.execute(
        select(
            StockQuant.id,
            StockQuant.product_id,
            StockQuant.location_id,
            StockQuant.lot_key,
            StockQuant.lot_id,
            StockQuant.quantity,
            StockQuant.reserved,
            Location.warehouse_id,
            Location.code,
            Lot.expiry,
        )
        .join(Location, Location.id == StockQuant.location_id)
        .outerjoin(Lot, Lot.id == StockQuant.lot_id)
        .where(
            StockQuant.product_id.in_(sorted(product_ids)),
            Location.kind == LocationKind.INTERNAL,
            Location.warehouse_id.in_(list(priority)),
            StockQuant.quantity > StockQuant.reserved,
        )
        .order_by(StockQuant.id)
        .with_for_update(of=StockQuant, key_share=True)
    ).all()
    ordered = sorted(
        (
            row
            for row in rows
            if row.expiry is None or row.expiry >= today  # an expired lot is never sold
        ),
        key=lambda row: (
            priority[row.warehouse_id],
            row.expiry is None,
            row.expiry or today,
            row.code,
            row.lot_key,
        ),
    )
    found: dict[int, list[_Quant]] = defaultdict(list)
    for row in ordered:
        key = (row.product_id, row.location_id, row.lot_key)
        found[row.product_id].append(_Quant(key, row.id, row.quantity - row.reserved, row.lot_id))
    return found


def _apply(
    session: Session,
    quant_deltas: Mapping[int, Decimal],
    product_deltas: Mapping[int, Decimal],
) -> None:
    """Add `delta` to the reserved caches of quants and products (one batch statement each)."""
    if quant_deltas:
        session.execute(
            update(QUANTS)
            .where(QUANTS.c.id == bindparam("quant"))
            .values(reserved=QUANTS.c.reserved + bindparam("delta", type_=Quantity())),
            [{"quant": quant, "delta": delta} for quant, delta in quant_deltas.items() if delta],
        )
    if product_deltas:
        session.execute(
            update(PRODUCTS)
            .where(PRODUCTS.c.id == bindparam("product"))
            .values(reserved=PRODUCTS.c.reserved + bindparam("delta", type_=Quantity())),
            [{"product": product, "delta": delta} for product, delta in product_deltas.items() if delta],
        )
    for obj in list(session.identity_map.values()):
        if isinstance(obj, Product | StockQuant):
            session.expire(obj)


def reserve_in(
    session: Session,
    document: DocRef,
    requests: Sequence[ReservationRequest],
    warehouses: Sequence[int],
    today: date | None = None,
) -> list[Reserved]:
    """Reserve every request for `document` (all or nothing) from the `warehouses`, in their order."""
    if not requests:
        return []
    today = today or date.today()
    names = _lock_products(session, {request.product_id for request in requests})
    candidates = _candidates(session, names, warehouses, today)
    rows: list[dict[str, Any]] = []
    quant_deltas: dict[int, Decimal] = defaultdict(lambda: ZERO)
    product_deltas: dict[int, Decimal] = defaultdict(lambda: ZERO)
    wanted: dict[int, Decimal] = defaultdict(lambda: ZERO)
    got: dict[int, Decimal] = defaultdict(lambda: ZERO)
    now = utcnow()
    for request in requests:
        left = request.quantity
        wanted[request.product_id] += request.quantity
        for quant in candidates.get(request.product_id, []):
            if left <= ZERO:
                break
            if quant.free <= ZERO or (request.lot_id is not None and quant.lot_id != request.lot_id):
                continue
            take = min(left, quant.free)
            quant.free -= take
            left -= take
            quant_deltas[quant.id] += take
            product_deltas[request.product_id] += take
            got[request.product_id] += take
            rows.append(
                {
                    "product_id": quant.key[0],
                    "location_id": quant.key[1],
                    "lot_id": quant.lot_id,
                    "lot_key": quant.key[2],
                    "quantity": take,
                    "doc_kind": document.kind,
                    "doc_id": document.id,
                    "doc_line_id": request.line_id,
                    "created_at": now,
                }
            )
    short = [
        Missing(names.get(product_id, f"#{product_id}"), amount, got[product_id])
        for product_id, amount in wanted.items()
        if got[product_id] < amount
    ]
    if short:
        raise ReservationShortage(sorted(short, key=lambda item: item.product))
    session.execute(insert(RESERVATIONS), rows)
    _apply(session, quant_deltas, product_deltas)
    return reservations_of(session, document)


def reservations_of(
    session: Session, document: DocRef, line_ids: Collection[int] | None = None
) -> list[Reserved]:
    """What is reserved for the document (its lines `line_ids`), earliest expiry first."""
    stmt = (
        select(
            StockReservation.id,
            StockReservation.doc_line_id,
            StockReservation.product_id,
            StockReservation.location_id,
            StockReservation.lot_id,
            StockReservation.quantity,
        )
        .outerjoin(Lot, Lot.id == StockReservation.lot_id)
        .where(StockReservation.doc_kind == document.kind, StockReservation.doc_id == document.id)
        .order_by(StockReservation.doc_line_id, Lot.expiry.is_(None), Lot.expiry, StockReservation.id)
    )
    if line_ids is not None:
        stmt = stmt.where(StockReservation.doc_line_id.in_(list(line_ids)))
    return [Reserved(*row) for row in session.execute(stmt)]


def _quant_ids(session: Session, keys: Collection[QuantKey]) -> dict[QuantKey, int]:
    found: dict[QuantKey, int] = {}
    for quant_id, product_id, location_id, lot_key in session.execute(
        select(StockQuant.id, StockQuant.product_id, StockQuant.location_id, StockQuant.lot_key)
        .where(StockQuant.product_id.in_(sorted({key[0] for key in keys})))
        .order_by(StockQuant.product_id, StockQuant.id)  # one query, locked in the products' order
        .with_for_update(key_share=True)
    ):
        key = (product_id, location_id, lot_key)
        if key in keys:
            found[key] = quant_id
    return found


def _give_back(session: Session, parts: Mapping[int, tuple[Reserved, Decimal]]) -> None:
    """Take `amount` off each reservation (deleting what reaches zero) and off the caches."""
    if not parts:
        return
    _lock_products(session, {part.product_id for part, _amount in parts.values()})
    quants = _quant_ids(session, {(p.product_id, p.location_id, p.lot_id or 0) for p, _a in parts.values()})
    quant_deltas: dict[int, Decimal] = defaultdict(lambda: ZERO)
    product_deltas: dict[int, Decimal] = defaultdict(lambda: ZERO)
    emptied = [part.id for part, amount in parts.values() if amount >= part.quantity]
    shrunk = [
        {"part": part.id, "left": part.quantity - amount}
        for part, amount in parts.values()
        if amount < part.quantity
    ]
    for part, amount in parts.values():
        quant_deltas[quants[(part.product_id, part.location_id, part.lot_id or 0)]] -= amount
        product_deltas[part.product_id] -= amount
    if emptied:
        session.execute(delete(RESERVATIONS).where(RESERVATIONS.c.id.in_(emptied)))
    if shrunk:
        session.execute(
            update(RESERVATIONS)
            .where(RESERVATIONS.c.id == bindparam("part"))
            .values(quantity=bindparam("left", type_=Quantity())),
            shrunk,
        )
    _apply(session, quant_deltas, product_deltas)


def release_in(session: Session, document: DocRef, line_ids: Collection[int] | None = None) -> Decimal:
    """Release what is reserved for the document (or its lines `line_ids`); returns the units released."""
    parts = reservations_of(session, document, line_ids)
    _give_back(session, {part.id: (part, part.quantity) for part in parts})
    return sum((part.quantity for part in parts), ZERO)


def ship_in(
    session: Session,
    actor: Actor,
    document: DocRef,
    quantities: Mapping[int, Decimal],
    to_location_id: int,
    at: datetime | None = None,
) -> PostedMoves:
    """Move each line's `quantities[line]` out of its reservations to `to_location_id`, earliest expiry
    first, releasing what is taken; a line cannot ship more than it has reserved."""
    parts = reservations_of(session, document, list(quantities))
    taking: dict[int, tuple[Reserved, Decimal]] = {}
    moves: list[MoveRequest] = []
    for line_id, quantity in quantities.items():
        left = quantity
        for part in (part for part in parts if part.line_id == line_id):
            if left <= ZERO:
                break
            take = min(left, part.quantity)
            taking[part.id] = (part, take)
            moves.append(MoveRequest(part.product_id, part.location_id, to_location_id, take, part.lot_id))
            left -= take
        if left > ZERO:
            raise UserError(
                _("A line cannot ship more than was reserved for it ({missing} more asked).").format(
                    missing=format_decimal(left)
                ),
                code="stock.ship_unreserved",
            )
    _give_back(session, taking)
    return post_moves(session, actor, moves, document, at=at)


def trim_in(session: Session, counted: Mapping[QuantKey, Decimal]) -> list[tuple[str, int]]:
    """Bring the reservations of each quant down to its new quantity `counted[key]`, the newest first;
    returns the (kind, id) of the documents that lost reserved stock."""
    if not counted:
        return []
    keys = list(counted)
    rows = session.execute(
        select(
            StockReservation.id,
            StockReservation.doc_line_id,
            StockReservation.product_id,
            StockReservation.location_id,
            StockReservation.lot_id,
            StockReservation.quantity,
            StockReservation.lot_key,
            StockReservation.doc_kind,
            StockReservation.doc_id,
        )
        .where(StockReservation.product_id.in_(sorted({key[0] for key in keys})))
        .order_by(StockReservation.id.desc())
    ).all()
    held: dict[QuantKey, Decimal] = defaultdict(lambda: ZERO)
    for row in rows:
        held[(row.product_id, row.location_id, row.lot_key)] += row.quantity
    cutting: dict[int, tuple[Reserved, Decimal]] = {}
    touched: list[tuple[str, int]] = []
    for row in rows:  # newest first
        key = (row.product_id, row.location_id, row.lot_key)
        if key not in counted:
            continue
        excess = held[key] - max(counted[key], ZERO)
        if excess <= ZERO:
            continue
        cut = min(excess, row.quantity)
        held[key] -= cut
        cutting[row.id] = (Reserved(*row[:6]), cut)
        if (row.doc_kind, row.doc_id) not in touched:
            touched.append((row.doc_kind, row.doc_id))
    _give_back(session, cutting)
    return touched
