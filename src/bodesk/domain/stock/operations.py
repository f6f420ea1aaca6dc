"""Moving stock by hand: transfers between locations and warehouses, adjustments, breakage and goods
issued without a sales order.

Each operation is a numbered document (`StockOperation`, series "stock_operation") that its moves refer
to, written with them in one transaction and recorded in the audit log with its reason. A goods issue
takes stock out to customers without a sales order: samples, free goods given with a sale
(bonificação), the company's own use; it needs a reason saying who received it and why.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.errors import NotFound, ValidationError
from bodesk.domain.common.lengths import fitting
from bodesk.domain.common.money import round_money
from bodesk.domain.common.numbering import next_number
from bodesk.domain.common.postings import DocRef
from bodesk.domain.stock.ledger import MoveRequest, PostedMoves, prepare_moves, virtual_location
from bodesk.domain.stock.models import Location, LocationKind, StockOperation, StockOperationKind
from bodesk.domain.stock.permissions import STOCK_MOVE
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.store.types import utcnow

SERIES = "stock_operation"


def _location(session: Session, location_id: int) -> Location:
    location = session.get(Location, location_id)
    if location is None:
        raise NotFound(_("That location no longer exists."), code="location.not_found")
    return location


def post_operation_in(
    session: Session,
    actor: Actor,
    kind: StockOperationKind,
    requests: list[MoveRequest],
    reason: str,
    at: datetime | None = None,
) -> tuple[StockOperation, PostedMoves]:
    """Number a stock operation and post its moves (at `at`, default now), inside the caller's write unit
    of work."""
    now = at or utcnow()
    reason = fitting("reason", reason, StockOperation.reason)
    prepared = prepare_moves(session, actor, requests, at=now)
    operation = StockOperation(
        number=next_number(session, SERIES),
        kind=kind.value,
        at=now,
        user_id=actor.user_id,
        reason=reason,
        value=round_money(prepared.value),
    )
    session.add(operation)
    session.flush()
    return operation, prepared.post(DocRef(kind.value, operation.id, operation.number))


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
    reason = reason.strip()
    with db.write() as session:
        require(session, actor, STOCK_MOVE)
        origin, target = _location(session, from_location_id), _location(session, to_location_id)
        if origin.kind != LocationKind.INTERNAL or target.kind != LocationKind.INTERNAL:
            raise ValidationError.single("location", _("A transfer goes between two stock locations."))
        if not target.active:
            raise ValidationError.single(
                "to_location", _("The bin {code} is closed.").format(code=target.code)
            )
        request = MoveRequest(product_id, origin.id, target.id, quantity, lot_id, reason=reason or None)
        operation, posted = post_operation_in(session, actor, StockOperationKind.TRANSFER, [request], reason)
        audit.record(
            session,
            actor,
            "stock.transfer",
            "product",
            product_id,
            new={
                "operation": operation.number,
                "from": origin.code,
                "to": target.code,
                "quantity": quantity,
                "lot_id": lot_id,
            },
            reason=reason or None,
        )
        return posted


def _required_reason(reason: str, message: str) -> str:
    text = reason.strip()
    if not text:
        raise ValidationError.single("reason", message)
    return text


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
    reason = _required_reason(reason, _("Say why the stock changes."))
    if delta == 0:
        raise ValidationError.single("quantity", _("The quantity must not be zero."))
    if breakage and delta > 0:
        raise ValidationError.single("quantity", _("Breakage removes stock: enter the quantity lost."))
    kind = StockOperationKind.BREAKAGE if breakage else StockOperationKind.ADJUSTMENT
    with db.write() as session:
        require(session, actor, STOCK_MOVE)
        place = _location(session, location_id)
        if place.kind != LocationKind.INTERNAL:
            raise ValidationError.single("location", _("Adjust stock in a stock location."))
        other = virtual_location(session, LocationKind.LOSS if breakage else LocationKind.ADJUSTMENT)
        if delta > 0:
            request = MoveRequest(product_id, other.id, place.id, delta, lot_id, reason=reason)
        else:
            request = MoveRequest(product_id, place.id, other.id, -delta, lot_id, reason=reason)
        operation, posted = post_operation_in(session, actor, kind, [request], reason)
        audit.record(
            session,
            actor,
            "stock.breakage" if breakage else "stock.adjust",
            "product",
            product_id,
            new={
                "operation": operation.number,
                "location": place.code,
                "delta": delta,
                "lot_id": lot_id,
                "value": posted.value,
            },
            reason=reason,
        )
        return posted


def issue_stock(
    db: Database,
    actor: Actor,
    product_id: int,
    location_id: int,
    quantity: Decimal,
    reason: str,
    lot_id: int | None = None,
) -> PostedMoves:
    """Take stock out to a customer without a sales order (a sample, free goods, own use), with a reason
    that says who received it and why."""
    reason = _required_reason(reason, _("Say who received the goods and why."))
    if quantity <= 0:
        raise ValidationError.single("quantity", _("Enter the quantity that leaves, more than zero."))
    with db.write() as session:
        require(session, actor, STOCK_MOVE)
        place = _location(session, location_id)
        if place.kind != LocationKind.INTERNAL:
            raise ValidationError.single("location", _("Goods leave from a stock location."))
        customer = virtual_location(session, LocationKind.CUSTOMER)
        request = MoveRequest(product_id, place.id, customer.id, quantity, lot_id, reason=reason)
        operation, posted = post_operation_in(session, actor, StockOperationKind.ISSUE, [request], reason)
        audit.record(
            session,
            actor,
            "stock.issue",
            "product",
            product_id,
            new={
                "operation": operation.number,
                "location": place.code,
                "quantity": quantity,
                "lot_id": lot_id,
                "value": posted.value,
            },
            reason=reason,
        )
        return posted
