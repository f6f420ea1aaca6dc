"""Moving stock by hand: transfers between locations and warehouses, adjustments and breakage.

Every operation goes through the ledger in one transaction and is recorded in the audit log with
its reason.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.access.permissions import Action
from bodesk.domain.common.errors import NotFound, ValidationError
from bodesk.domain.stock.ledger import MoveRequest, PostedMoves, post_moves, virtual_location
from bodesk.domain.stock.models import Location, LocationKind
from bodesk.i18n import _
from bodesk.store.engine import Database


def _location(session: Session, location_id: int) -> Location:
    location = session.get(Location, location_id)
    if location is None:
        raise NotFound(_("That location no longer exists."))
    return location


def transfer_stock(
    db: Database,
    actor: Actor,
    product_id: int,
    from_location_id: int,
    to_location_id: int,
    quantity: Decimal,
    lot_id: int | None = None,
    reason: str = "",
) -> PostedMoves:
    """Move stock between two real locations (bins of one warehouse, or two warehouses)."""
    with db.write() as session:
        require(session, actor, Action.STOCK_MOVE)
        origin, target = _location(session, from_location_id), _location(session, to_location_id)
        if origin.kind != LocationKind.INTERNAL or target.kind != LocationKind.INTERNAL:
            raise ValidationError.single("location", _("A transfer goes between two stock locations."))
        if not target.active:
            raise ValidationError.single(
                "to_location", _("The bin {code} is closed.").format(code=target.code)
            )
        posted = post_moves(
            session,
            actor,
            [MoveRequest(product_id, origin.id, target.id, quantity, lot_id, reason=reason or None)],
            "transfer",
            target.code,
        )
        audit.record(
            session,
            actor,
            "stock.transfer",
            "product",
            product_id,
            new={"from": origin.code, "to": target.code, "quantity": quantity, "lot_id": lot_id},
            reason=reason or None,
        )
        return posted


def adjust_stock(
    db: Database,
    actor: Actor,
    product_id: int,
    location_id: int,
    delta: Decimal,
    reason: str,
    lot_id: int | None = None,
    breakage: bool = False,
) -> PostedMoves:
    """Add (delta > 0) or remove (delta < 0) stock with a reason; `breakage` books a removal as a loss."""
    reason = reason.strip()
    if not reason:
        raise ValidationError.single("reason", _("Say why the stock changes."))
    if delta == 0:
        raise ValidationError.single("quantity", _("The quantity must not be zero."))
    if breakage and delta > 0:
        raise ValidationError.single("quantity", _("Breakage removes stock: enter the quantity lost."))
    with db.write() as session:
        require(session, actor, Action.STOCK_MOVE)
        place = _location(session, location_id)
        if place.kind != LocationKind.INTERNAL:
            raise ValidationError.single("location", _("Adjust stock in a stock location."))
        other = virtual_location(session, LocationKind.LOSS if breakage else LocationKind.ADJUSTMENT)
        if delta > 0:
            request = MoveRequest(product_id, other.id, place.id, delta, lot_id, reason=reason)
        else:
            request = MoveRequest(product_id, place.id, other.id, -delta, lot_id, reason=reason)
        posted = post_moves(session, actor, [request], "breakage" if breakage else "adjustment", place.code)
        audit.record(
            session,
            actor,
            "stock.breakage" if breakage else "stock.adjust",
            "product",
            product_id,
            new={"location": place.code, "delta": delta, "lot_id": lot_id, "value": posted.value},
            reason=reason,
        )
        return posted
