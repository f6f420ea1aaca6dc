"""Purchase orders: drafted, sent, received (in one go or in parts) or cancelled.

Decisions:
- An order is numbered (gapless, series "purchase_order") when it is drafted, in the same
  transaction; a draft is never deleted, only cancelled, so no number is lost.
- Lines change only while the order is a DRAFT. Each line is a number of packages of one packaging
  (None: the base unit) at a price per package; a product appears once per order.
- A price left out is the supplier's price for the product, converted to the line's packaging
  (see order_lines.py).
- An order with nothing received can be cancelled (a reason is required). Once something was
  received it cannot be: `close_order` ends a partly received order instead, recording why the rest
  is not coming, and the order becomes RECEIVED.
- Every status change goes through `ORDER_LIFECYCLE.move`, against its transitions; once received
  or cancelled the order is frozen below the services (see bodesk.domain.common.lifecycle).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.errors import NotFound, ValidationError
from bodesk.domain.common.lengths import fitting
from bodesk.domain.purchasing.models import PurchaseOrder, PurchaseOrderLine, Supplier
from bodesk.domain.purchasing.order_lines import OrderLineInput, build_lines
from bodesk.domain.purchasing.permissions import PURCHASE_ORDER
from bodesk.domain.purchasing.states import ORDER_LIFECYCLE, OrderStatus
from bodesk.domain.purchasing.suppliers import get_supplier
from bodesk.domain.stock.models import ZERO, Warehouse
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.store.locking import LOCK
from bodesk.store.types import utcnow


def get_order(session: Session, order_id: int, for_update: bool = False) -> PurchaseOrder:
    order = session.get(PurchaseOrder, order_id, with_for_update=LOCK if for_update else None)
    if order is None:
        raise NotFound(_("That purchase order no longer exists."), code="purchase_order.not_found")
    return order


def _warehouse(session: Session, warehouse_id: int) -> Warehouse:
    warehouse = session.get(Warehouse, warehouse_id)
    if warehouse is None or not warehouse.active:
        raise ValidationError.single("warehouse", _("Choose the warehouse the goods go to."))
    return warehouse


def _open_supplier(session: Session, supplier_id: int) -> Supplier:
    supplier = get_supplier(session, supplier_id)
    if not supplier.active:
        raise ValidationError.single(
            "supplier", _("{name} is archived: restore it to order from it.").format(name=supplier.name)
        )
    return supplier


def _set_lines(session: Session, order: PurchaseOrder, lines: list[PurchaseOrderLine]) -> None:
    for line in lines:
        line.order_id = order.id
    session.add_all(lines)
    order.total = sum((line.total for line in lines), ZERO)


def create_order_in(
    session: Session,
    actor: Actor,
    supplier_id: int,
    warehouse_id: int,
    lines: Sequence[OrderLineInput],
    expected_on: date | None = None,
    notes: str = "",
) -> PurchaseOrder:
    """Draft an order inside an open write unit of work (reorder suggestions draft several at once)."""
    supplier = _open_supplier(session, supplier_id)
    warehouse = _warehouse(session, warehouse_id)
    built = build_lines(session, supplier.id, lines)
    order = PurchaseOrder(
        supplier_id=supplier.id,
        warehouse_id=warehouse.id,
        created_at=utcnow(),
        created_by=actor.user_id,
        expected_on=expected_on or date.today() + timedelta(days=supplier.lead_time_days),
        total=ZERO,
        notes=fitting("notes", notes.strip(), PurchaseOrder.notes),
        cancel_reason="",
    )
    ORDER_LIFECYCLE.begin(session, order, OrderStatus.DRAFT)
    session.add(order)
    session.flush()
    _set_lines(session, order, built)
    audit.record(
        session,
        actor,
        "purchase_order.add",
        "purchase_order",
        order.number,
        new={
            "supplier": supplier.name,
            "warehouse": warehouse.code,
            "lines": len(built),
            "total": order.total,
        },
    )
    return order


def create_order(
    db: Database,
    actor: Actor,
    supplier_id: int,
    warehouse_id: int,
    lines: Sequence[OrderLineInput],
    expected_on: date | None = None,
    notes: str = "",
) -> int:
    """Draft a purchase order; `expected_on` defaults to today plus the supplier's lead time."""
    with db.write() as session:
        require(session, actor, PURCHASE_ORDER)
        return create_order_in(session, actor, supplier_id, warehouse_id, lines, expected_on, notes).id


def update_order(
    db: Database,
    actor: Actor,
    order_id: int,
    warehouse_id: int,
    lines: Sequence[OrderLineInput],
    expected_on: date | None,
    notes: str = "",
) -> None:
    """Replace a draft's lines, delivery warehouse, expected date and notes."""
    with db.write() as session:
        require(session, actor, PURCHASE_ORDER)
        order = get_order(session, order_id, for_update=True)
        ORDER_LIFECYCLE.refuse_unless(order, OrderStatus.DRAFT, doing=_("only a draft can be changed."))
        warehouse = _warehouse(session, warehouse_id)
        built = build_lines(session, order.supplier_id, lines)
        before = {"warehouse_id": order.warehouse_id, "expected_on": order.expected_on, "total": order.total}
        session.execute(delete(PurchaseOrderLine).where(PurchaseOrderLine.order_id == order.id))
        order.warehouse_id, order.notes = warehouse.id, fitting("notes", notes.strip(), PurchaseOrder.notes)
        order.expected_on = expected_on or order.expected_on
        _set_lines(session, order, built)
        after = {"warehouse_id": order.warehouse_id, "expected_on": order.expected_on, "total": order.total}
        old, new = audit.changes(before, after)
        audit.record(
            session,
            actor,
            "purchase_order.update",
            "purchase_order",
            order.number,
            old=old,
            new={**new, "lines": len(built)},
        )


def send_order(db: Database, actor: Actor, order_id: int) -> int:
    """Mark a draft as sent to the supplier (the screen then makes the PDF); returns its number."""
    with db.write() as session:
        require(session, actor, PURCHASE_ORDER)
        order = get_order(session, order_id, for_update=True)
        ORDER_LIFECYCLE.move(order, OrderStatus.SENT)
        order.sent_at = utcnow()
        audit.record(session, actor, "purchase_order.send", "purchase_order", order.number)
        return order.number


def _reason(reason: str, what: str) -> str:
    text = fitting("reason", reason.strip(), PurchaseOrder.cancel_reason)
    if not text:
        raise ValidationError.single("reason", what)
    return text


def cancel_order(db: Database, actor: Actor, order_id: int, reason: str) -> None:
    """Cancel an order nothing was received of (a draft or a sent one)."""
    text = _reason(reason, _("Say why the order is cancelled."))
    with db.write() as session:
        require(session, actor, PURCHASE_ORDER)
        order = get_order(session, order_id, for_update=True)
        ORDER_LIFECYCLE.move(order, OrderStatus.CANCELLED)
        order.cancel_reason = text
        audit.record(session, actor, "purchase_order.cancel", "purchase_order", order.number, reason=text)


def can_close(status: str) -> bool:
    """Whether an order in `status` may be closed short: only a partly received one."""
    return ORDER_LIFECYCLE.state(status) == OrderStatus.PARTLY_RECEIVED


def close_order(db: Database, actor: Actor, order_id: int, reason: str) -> None:
    """End a partly received order: the rest is not coming. It becomes RECEIVED with what came."""
    text = _reason(reason, _("Say why the rest of the order is not coming."))
    with db.write() as session:
        require(session, actor, PURCHASE_ORDER)
        order = get_order(session, order_id, for_update=True)
        if not can_close(order.status):
            ORDER_LIFECYCLE.refuse(
                order,
                doing=_(
                    "only a partly received order can be closed. Cancel an order nothing was received of."
                ),
            )
        ORDER_LIFECYCLE.move(order, OrderStatus.RECEIVED)
        order.cancel_reason = text
        audit.record(session, actor, "purchase_order.close", "purchase_order", order.number, reason=text)
