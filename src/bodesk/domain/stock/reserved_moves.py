"""Moving reserved goods as a whole: a document's reservations carried with their goods to another
place (a trip takes its orders' goods onto the truck and back), and shipping many documents' reserved
lines at once (a trip's close ships every order it delivered in one posting).

They use the reservation helpers of `stock.reservations` and take locks in the ledger's order: the
products, then their quants.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import UserError
from bodesk.domain.common.postings import DocRef
from bodesk.domain.stock.ledger import MoveRequest, PostedMoves, post_moves, prepare_moves
from bodesk.domain.stock.models import ZERO, Lot, StockReservation
from bodesk.domain.stock.reservations import (
    RESERVATIONS,
    Reserved,
    _apply,
    _give_back,
    _quant_ids,
    reservations_of,
)
from bodesk.i18n import _, format_decimal
from bodesk.store.types import utcnow


def move_reserved_in(
    session: Session,
    actor: Actor,
    document: DocRef,
    to_location_id: int,
    posting: DocRef,
    at: datetime | None = None,
) -> PostedMoves:
    """Move what is reserved for `document` (with its lots) to `to_location_id` as moves of `posting`,
    the reservations going along: a trip takes an order's reserved goods onto the truck and back."""
    parts = [part for part in reservations_of(session, document) if part.location_id != to_location_id]
    if not parts:
        return PostedMoves(0, ZERO)
    _give_back(session, {part.id: (part, part.quantity) for part in parts})
    moves = [
        MoveRequest(part.product_id, part.location_id, to_location_id, part.quantity, part.lot_id)
        for part in parts
    ]
    posted = post_moves(session, actor, moves, posting, at=at)
    quants = _quant_ids(session, {(part.product_id, to_location_id, part.lot_id or 0) for part in parts})
    now = utcnow()
    session.execute(
        insert(RESERVATIONS),
        [
            {
                "product_id": part.product_id,
                "location_id": to_location_id,
                "lot_id": part.lot_id,
                "lot_key": part.lot_id or 0,
                "quantity": part.quantity,
                "doc_kind": document.kind,
                "doc_id": document.id,
                "doc_line_id": part.line_id,
                "created_at": now,
            }
            for part in parts
        ],
    )
    quant_deltas: dict[int, Decimal] = defaultdict(lambda: ZERO)
    product_deltas: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for part in parts:
        quant_deltas[quants[(part.product_id, to_location_id, part.lot_id or 0)]] += part.quantity
        product_deltas[part.product_id] += part.quantity
    _apply(session, quant_deltas, product_deltas)
    return posted


def reservations_of_many(session: Session, kind: str, doc_ids: Sequence[int]) -> dict[int, list[Reserved]]:
    """What is reserved for each document of `kind` (by id), earliest expiry first, in one query."""
    found: dict[int, list[Reserved]] = defaultdict(list)
    rows = session.execute(
        select(
            StockReservation.doc_id,
            StockReservation.id,
            StockReservation.doc_line_id,
            StockReservation.product_id,
            StockReservation.location_id,
            StockReservation.lot_id,
            StockReservation.quantity,
        )
        .outerjoin(Lot, Lot.id == StockReservation.lot_id)
        .where(StockReservation.doc_kind == kind, StockReservation.doc_id.in_(list(doc_ids)))
        .order_by(StockReservation.doc_line_id, Lot.expiry.is_(None), Lot.expiry, StockReservation.id)
    )
    for doc_id, part_id, line_id, product_id, location_id, lot_id, quantity in rows:
        found[doc_id].append(Reserved(part_id, line_id, product_id, location_id, lot_id, quantity))
    return found


def ship_many_in(
    session: Session,
    actor: Actor,
    shipments: Sequence[tuple[DocRef, Mapping[int, Decimal]]],
    to_location_id: int,
    at: datetime | None = None,
) -> dict[int, int]:
    """Ship each document's `quantities[line]` out of its reservations to `to_location_id` (earliest
    expiry first) and release the rest of what the documents reserved, in one posting whose moves each
    carry their own document's reference; returns the number of moves per document id."""
    if not shipments:
        return {}
    kind = shipments[0][0].kind
    parts = reservations_of_many(session, kind, [ref.id for ref, _q in shipments])
    requests: list[MoveRequest] = []
    refs: list[DocRef] = []
    for ref, quantities in shipments:
        for line_id, quantity in quantities.items():
            left = quantity
            for part in (part for part in parts.get(ref.id, []) if part.line_id == line_id):
                if left <= ZERO:
                    break
                take = min(left, part.quantity)
                requests.append(
                    MoveRequest(part.product_id, part.location_id, to_location_id, take, part.lot_id)
                )
                refs.append(ref)
                left -= take
            if left > ZERO:
                raise UserError(
                    _("A line cannot ship more than was reserved for it ({missing} more asked).").format(
                        missing=format_decimal(left)
                    ),
                    code="stock.ship_unreserved",
                )
    _give_back(session, {part.id: (part, part.quantity) for found in parts.values() for part in found})
    prepare_moves(session, actor, requests, at).post_each(refs)
    counted: dict[int, int] = defaultdict(int)
    for ref in refs:
        counted[ref.id] += 1
    return dict(counted)
