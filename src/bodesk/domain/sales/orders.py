"""Taking a sales order: draft (a quote), change, confirm (credit and stock reserved), back to a quote,
cancel; and a new order repeating a customer's last one. Shipping is in `shipping.py`.

Decisions:
- An order is numbered when it is typed (series "sales_order"); a quote is never deleted, only
  cancelled, so no number is lost.
- Lines change while the order is a quote or confirmed (not yet picked). Changing a confirmed order
  releases its reservations and reserves the new lines again in the same transaction, and checks the
  customer's credit again: it succeeds whole or leaves the order as it was.
- Confirming checks the credit (`credit.py`) and reserves every line, first expired first out, across
  the warehouses in the company's order or from the order's own warehouse (`stock.reservations`); a
  shortfall refuses the whole confirmation, naming each product. Every change of state is an event
  with its time and user; the seconds from creation to confirmation are kept for the processing-time
  figures.
- Locks: the order row first, then (reserving) the products and their quants, as the ledger does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import cast

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.errors import NotFound, ValidationError
from bodesk.domain.common.postings import DocRef
from bodesk.domain.sales.credit import check_credit_in
from bodesk.domain.sales.errors import CustomerRefused
from bodesk.domain.sales.models import Customer, SalesRep
from bodesk.domain.sales.order_lines import BuiltLines, SalesLineInput, build_lines
from bodesk.domain.sales.order_models import SalesOrder, SalesOrderEvent, SalesOrderLine
from bodesk.domain.sales.permissions import SALES_ORDER
from bodesk.domain.sales.pricing import load_book, table_for
from bodesk.domain.sales.settings import SalesRules, reservation_order, rules_in
from bodesk.domain.sales.states import ORDER_LIFECYCLE, RESERVING_STATUSES, OrderStatus
from bodesk.domain.stock.models import Warehouse
from bodesk.domain.stock.reservations import ReservationRequest, release_in, reserve_in
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.store.locking import LOCK
from bodesk.store.types import utcnow

LINES = cast(Table, SalesOrderLine.__table__)
MAX_NOTES = 2000


def order_ref(order: SalesOrder) -> DocRef:
    return DocRef(ORDER_LIFECYCLE.kind, order.id, order.number)


def get_order(session: Session, order_id: int, lock: bool = False) -> SalesOrder:
    order = session.get(SalesOrder, order_id, with_for_update=LOCK if lock else None)
    if order is None:
        raise NotFound(_("That sales order no longer exists."), code="sales_order.not_found")
    return order


def customer_for_sale(session: Session, customer_id: int) -> Customer:
    """The customer, if it may buy: it exists, is active and not blocked."""
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFound(_("That customer no longer exists."), code="customer.not_found")
    if not customer.active:
        raise CustomerRefused(
            _("{customer} is archived: restore the customer to sell to it.").format(customer=customer.name),
            code="customer.archived",
        )
    if customer.blocked:
        raise CustomerRefused(
            _("{customer} is blocked: {reason}. Unblock the customer to sell to it.").format(
                customer=customer.name, reason=customer.block_reason or _("no reason given")
            ),
            code="customer.blocked",
        )
    return customer


def event_in(session: Session, order: SalesOrder, status: OrderStatus, actor: Actor, at: datetime) -> None:
    session.add(SalesOrderEvent(order_id=order.id, status=status.value, at=at, user_id=actor.user_id))


def seconds_since(start: datetime, at: datetime) -> int:
    return max(0, int((at - start).total_seconds()))


@dataclass(frozen=True)
class OrderHeader:
    requested_on: date | None = None
    notes: str = ""
    warehouse_id: int | None = None  # ship from this warehouse only; None: the company's order


def _header(session: Session, header: OrderHeader) -> OrderHeader:
    notes = header.notes.strip()
    if len(notes) > MAX_NOTES:
        raise ValidationError.single("notes", _("Notes have at most {n} characters.").format(n=MAX_NOTES))
    if header.warehouse_id is not None:
        warehouse = session.get(Warehouse, header.warehouse_id)
        if warehouse is None or not warehouse.active:
            raise ValidationError.single("warehouse", _("Choose an open warehouse to ship from."))
    return OrderHeader(header.requested_on, notes, header.warehouse_id)


def _price_lines(
    session: Session,
    role: str,
    customer: Customer,
    inputs: Sequence[SalesLineInput],
    rules: SalesRules,
    on: date,
) -> tuple[BuiltLines, int | None]:
    table = table_for(session, customer)
    book = load_book(session, table, {line.product_id for line in inputs}, on)
    return build_lines(session, role, book, inputs, rules.max_discount), table.id if table else None


def _write_lines(session: Session, order: SalesOrder, built: BuiltLines) -> None:
    session.execute(delete(LINES).where(LINES.c.order_id == order.id))
    session.execute(
        insert(LINES), [{**line.row(), "order_id": order.id, "shipped": 0} for line in built.lines]
    )
    order.total, order.units, order.weight = built.total, built.units, built.weight


def _reserve(session: Session, order: SalesOrder, rules: SalesRules) -> None:
    lines = session.execute(
        select(SalesOrderLine.id, SalesOrderLine.product_id, SalesOrderLine.quantity, SalesOrderLine.lot_id)
        .where(SalesOrderLine.order_id == order.id)
        .order_by(SalesOrderLine.position)
    ).all()
    requests = [ReservationRequest(line.id, line.product_id, line.quantity, line.lot_id) for line in lines]
    reserve_in(session, order_ref(order), requests, reservation_order(session, rules, order.warehouse_id))


def _rep_of(session: Session, customer: Customer, actor: Actor) -> int | None:
    """The order's rep: the customer's, else the person taking the order when they are a rep."""
    if customer.rep_id is not None:
        return customer.rep_id
    return session.execute(
        select(SalesRep.id).where(SalesRep.user_id == actor.user_id, SalesRep.active.is_(True))
    ).scalar_one_or_none()


def create_order(
    db: Database,
    actor: Actor,
    customer_id: int,
    lines: Sequence[SalesLineInput],
    header: OrderHeader = OrderHeader(),
    confirm: bool = False,
    confirmed: frozenset[str] = frozenset(),
    override_reason: str = "",
) -> int:
    """Draft a sales order (a quote) and, with `confirm`, confirm it in the same transaction."""
    with db.write() as session:
        user = require(session, actor, SALES_ORDER)
        customer = customer_for_sale(session, customer_id)
        clean = _header(session, header)
        rules = rules_in(session)
        built, table_id = _price_lines(session, user.role, customer, lines, rules, date.today())
        now = utcnow()
        order = SalesOrder(
            customer_id=customer.id,
            rep_id=_rep_of(session, customer, actor),
            warehouse_id=clean.warehouse_id,
            price_table_id=table_id,
            payment_term_id=customer.payment_term_id,
            requested_on=clean.requested_on,
            notes=clean.notes,
            created_at=now,
            created_by=actor.user_id,
        )
        ORDER_LIFECYCLE.begin(session, order, OrderStatus.DRAFT)
        session.add(order)
        session.flush()
        _write_lines(session, order, built)
        event_in(session, order, OrderStatus.DRAFT, actor, now)
        audit.record(
            session,
            actor,
            "sales_order.add",
            "sales_order",
            order.number,
            new={"customer": customer.name, "lines": len(built.lines), "total": order.total},
            at=now,
        )
        if confirm:
            _confirm_in(session, actor, user.role, order, customer, rules, confirmed, override_reason)
        return order.id


def update_order(
    db: Database,
    actor: Actor,
    order_id: int,
    lines: Sequence[SalesLineInput],
    header: OrderHeader,
    confirmed: frozenset[str] = frozenset(),
    override_reason: str = "",
) -> None:
    """Replace the lines and header of a quote or of a confirmed order not yet picked (re-reserving it)."""
    with db.write() as session:
        user = require(session, actor, SALES_ORDER)
        order = get_order(session, order_id, lock=True)
        ORDER_LIFECYCLE.refuse_unless(
            order,
            *ORDER_LIFECYCLE.editable,
            doing=_("only a quote or a confirmed order not yet picked can change."),
        )
        customer = customer_for_sale(session, order.customer_id)
        clean = _header(session, header)
        rules = rules_in(session)
        built, _table = _price_lines(session, user.role, customer, lines, rules, date.today())
        before = {"total": order.total, "lines": _line_count(session, order)}
        reserving = order.status == OrderStatus.CONFIRMED
        if reserving:
            release_in(session, order_ref(order))
        order.requested_on, order.notes, order.warehouse_id = (
            clean.requested_on,
            clean.notes,
            clean.warehouse_id,
        )
        _write_lines(session, order, built)
        if reserving:
            note = check_credit_in(
                session,
                user.role,
                customer,
                order,
                date.today(),
                rules.overdue_tolerance_days,
                confirmed,
                override_reason,
            )
            if note:
                order.credit_note = note
            _reserve(session, order, rules)
        old, new = audit.changes(before, {"total": order.total, "lines": len(built.lines)})
        audit.record(session, actor, "sales_order.update", "sales_order", order.number, old=old, new=new)


def _line_count(session: Session, order: SalesOrder) -> int:
    return len(session.execute(select(SalesOrderLine.id).where(SalesOrderLine.order_id == order.id)).all())


def _confirm_in(
    session: Session,
    actor: Actor,
    role: str,
    order: SalesOrder,
    customer: Customer,
    rules: SalesRules,
    confirmed: frozenset[str],
    override_reason: str,
) -> None:
    if not ORDER_LIFECYCLE.can(order.status, OrderStatus.CONFIRMED):
        ORDER_LIFECYCLE.refuse(order, doing=_("only a quote can be confirmed."))
    note = check_credit_in(
        session, role, customer, order, date.today(), rules.overdue_tolerance_days, confirmed, override_reason
    )
    _reserve(session, order, rules)
    now = utcnow()
    ORDER_LIFECYCLE.move(order, OrderStatus.CONFIRMED)
    order.confirmed_at = now
    order.seconds_to_confirm = seconds_since(order.created_at, now)
    if note:
        order.credit_note = note
    event_in(session, order, OrderStatus.CONFIRMED, actor, now)
    audit.record(
        session,
        actor,
        "sales_order.confirm",
        "sales_order",
        order.number,
        new={"total": order.total},
        reason=note or (", ".join(sorted(confirmed)) or None),
        at=now,
    )


def confirm_order(
    db: Database,
    actor: Actor,
    order_id: int,
    confirmed: frozenset[str] = frozenset(),
    override_reason: str = "",
) -> None:
    """Confirm a quote: its credit is checked and its stock reserved, or nothing changes."""
    with db.write() as session:
        user = require(session, actor, SALES_ORDER)
        order = get_order(session, order_id, lock=True)
        customer = customer_for_sale(session, order.customer_id)
        _confirm_in(session, actor, user.role, order, customer, rules_in(session), confirmed, override_reason)


def back_to_quote(db: Database, actor: Actor, order_id: int) -> None:
    """Take a confirmed order back to a quote: its reservations are released."""
    with db.write() as session:
        require(session, actor, SALES_ORDER)
        order = get_order(session, order_id, lock=True)
        if not ORDER_LIFECYCLE.can(order.status, OrderStatus.DRAFT):
            ORDER_LIFECYCLE.refuse(order, doing=_("only a confirmed order goes back to a quote."))
        release_in(session, order_ref(order))
        now = utcnow()
        ORDER_LIFECYCLE.move(order, OrderStatus.DRAFT)
        event_in(session, order, OrderStatus.DRAFT, actor, now)
        audit.record(session, actor, "sales_order.unconfirm", "sales_order", order.number, at=now)


def cancel_order(db: Database, actor: Actor, order_id: int, reason: str) -> None:
    """Cancel an order not yet shipped, releasing what it reserved."""
    text = reason.strip()
    if not text:
        raise ValidationError.single("reason", _("Say why the order is cancelled."))
    with db.write() as session:
        require(session, actor, SALES_ORDER)
        cancel_order_in(session, actor, get_order(session, order_id, lock=True), text)


def cancel_order_in(session: Session, actor: Actor, order: SalesOrder, reason: str) -> None:
    """`cancel_order` inside the caller's unit of work (an order refused at the door), the order locked."""
    if not ORDER_LIFECYCLE.can(order.status, OrderStatus.CANCELLED):
        ORDER_LIFECYCLE.refuse(
            order, doing=_("a shipped order cannot be cancelled: take the goods back instead.")
        )
    if order.status in RESERVING_STATUSES:
        release_in(session, order_ref(order))
    now = utcnow()
    ORDER_LIFECYCLE.move(order, OrderStatus.CANCELLED)
    order.cancel_reason = reason
    event_in(session, order, OrderStatus.CANCELLED, actor, now)
    audit.record(session, actor, "sales_order.cancel", "sales_order", order.number, reason=reason, at=now)


def repeat_last_order(db: Database, actor: Actor, customer_id: int) -> int:
    """A new quote with the lines of the customer's last order (not cancelled), priced again today."""
    with db.read() as session:
        require(session, actor, SALES_ORDER)
        last = session.execute(
            select(SalesOrder.id)
            .where(SalesOrder.customer_id == customer_id, SalesOrder.status != OrderStatus.CANCELLED)
            .order_by(SalesOrder.created_at.desc(), SalesOrder.id.desc())
            .limit(1)
        ).scalar_one_or_none()
        if last is None:
            raise NotFound(
                _("This customer has no order to repeat yet."), code="sales_order.nothing_to_repeat"
            )
        lines = [
            SalesLineInput(row.product_id, row.packaging_id, row.packages, row.discount)
            for row in session.execute(
                select(SalesOrderLine)
                .where(SalesOrderLine.order_id == last)
                .order_by(SalesOrderLine.position)
            ).scalars()
        ]
    return create_order(db, actor, customer_id, lines)
