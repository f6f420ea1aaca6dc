"""What the sales screens read to fill their combos and forms: the segments, reps, payment terms and
price tables to choose from, one customer as the form shows it (its data, blocked or archived), the
customer's last order (to repeat it), an order's lines with what is reserved for each (to ship) and
a shipped order's lines with what may still come back (to return)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.errors import NotFound
from bodesk.domain.common.listing import Choice
from bodesk.domain.sales.customers import Address, ContactData, CustomerData, get_customer
from bodesk.domain.sales.models import Customer, CustomerContact, PaymentTerm, SalesRep, Segment
from bodesk.domain.sales.order_models import SalesOrder, SalesOrderLine
from bodesk.domain.sales.orders import get_order, order_ref
from bodesk.domain.sales.permissions import SALES_VIEW
from bodesk.domain.sales.price_models import PriceTable
from bodesk.domain.sales.returns import returned_so_far
from bodesk.domain.sales.states import ORDER_LIFECYCLE, SHIPPED_STATUSES, OrderStatus
from bodesk.domain.stock.models import ZERO, Product
from bodesk.domain.stock.reservations import reservations_of
from bodesk.i18n import _
from bodesk.store.engine import Database


@dataclass(frozen=True)
class SalesChoices:
    segments: list[Choice]
    reps: list[Choice]
    payment_terms: list[Choice]  # the name, and its days as the code ("30/60")
    price_tables: list[Choice]


def sales_choices(db: Database, actor: Actor) -> SalesChoices:
    """The active segments, reps, payment terms and price tables, by name."""
    with db.read() as session:
        require(session, actor, SALES_VIEW)
        segments = [
            Choice(row.id, "", row.name)
            for row in session.execute(select(Segment).order_by(Segment.name)).scalars()
        ]
        reps = [
            Choice(row.id, "", row.name)
            for row in session.execute(
                select(SalesRep).where(SalesRep.active.is_(True)).order_by(SalesRep.name_key)
            ).scalars()
        ]
        terms = [
            Choice(row.id, row.days, row.name)
            for row in session.execute(
                select(PaymentTerm).where(PaymentTerm.active.is_(True)).order_by(PaymentTerm.name)
            ).scalars()
        ]
        tables = [
            Choice(row.id, "", row.name)
            for row in session.execute(
                select(PriceTable).where(PriceTable.active.is_(True)).order_by(PriceTable.name)
            ).scalars()
        ]
        return SalesChoices(segments, reps, terms, tables)


@dataclass(frozen=True)
class CustomerRecord:
    id: int
    code: str
    data: CustomerData
    active: bool
    blocked: bool
    block_reason: str


def customer_record(db: Database, actor: Actor, customer_id: int) -> CustomerRecord:
    """One customer as its form shows it."""
    with db.read() as session:
        require(session, actor, SALES_VIEW)
        row = get_customer(session, customer_id)
        contacts = tuple(
            ContactData(contact.name, contact.role, contact.phone, contact.email)
            for contact in session.execute(
                select(CustomerContact)
                .where(CustomerContact.customer_id == row.id)
                .order_by(CustomerContact.id)
            ).scalars()
        )
        billing = Address(
            row.street, row.number, row.complement, row.district, row.city, row.state, row.postal_code
        )
        delivery = Address(
            row.delivery_street,
            row.delivery_number,
            row.delivery_complement,
            row.delivery_district,
            row.delivery_city,
            row.delivery_state,
            row.delivery_postal_code,
        )
        data = CustomerData(
            name=row.name,
            tax_id=row.tax_id,
            code=row.code,
            trade_name=row.trade_name,
            state_registration=row.state_registration,
            segment_id=row.segment_id,
            rep_id=row.rep_id,
            price_table_id=row.price_table_id,
            payment_term_id=row.payment_term_id,
            billing=billing,
            delivery=delivery,
            delivery_note=row.delivery_note,
            delivery_weekdays=row.delivery_weekdays,
            phone=row.phone,
            whatsapp=row.whatsapp,
            email=row.email,
            credit_limit=row.credit_limit,
            credit_policy=row.credit_policy,
            notes=row.notes,
            contacts=contacts,
            version=row.version,
        )
        return CustomerRecord(row.id, row.code, data, row.active, row.blocked, row.block_reason)


def last_order_id(db: Database, actor: Actor, customer_id: int) -> int | None:
    """The customer's last order that was not cancelled (the one an order clerk repeats), if any."""
    with db.read() as session:
        require(session, actor, SALES_VIEW)
        return session.execute(
            select(SalesOrder.id)
            .where(SalesOrder.customer_id == customer_id, SalesOrder.status != OrderStatus.CANCELLED)
            .order_by(SalesOrder.created_at.desc(), SalesOrder.id.desc())
            .limit(1)
        ).scalar_one_or_none()


@dataclass(frozen=True)
class LineToShip:
    line_id: int
    sku: str
    product: str
    base_unit: str
    ordered: Decimal  # base units
    reserved: Decimal  # base units reserved for the line now


def lines_to_ship(db: Database, actor: Actor, order_id: int) -> list[LineToShip]:
    """The order's lines with what is reserved for each: what the ship dialog offers to ship."""
    with db.read() as session:
        require(session, actor, SALES_VIEW)
        order = get_order(session, order_id)
        reserved: dict[int, Decimal] = {}
        for part in reservations_of(session, order_ref(order)):
            reserved[part.line_id] = reserved.get(part.line_id, ZERO) + part.quantity
        rows = session.execute(
            select(SalesOrderLine.id, Product.sku, Product.name, Product.base_unit, SalesOrderLine.quantity)
            .join(Product, Product.id == SalesOrderLine.product_id)
            .where(SalesOrderLine.order_id == order.id)
            .order_by(SalesOrderLine.position)
        ).all()
        return [
            LineToShip(line_id, sku, name, unit, quantity, reserved.get(line_id, ZERO))
            for line_id, sku, name, unit, quantity in rows
        ]


@dataclass(frozen=True)
class LineToReturn:
    line_id: int
    sku: str
    product: str
    base_unit: str
    shipped: Decimal  # base units
    left: Decimal  # shipped less what earlier returns took back


@dataclass(frozen=True)
class ReturnableOrder:
    id: int
    number: int
    customer: str
    lines: list[LineToReturn]


def returnable_order(db: Database, actor: Actor, number: int) -> ReturnableOrder:
    """The shipped order `number` with what each line may still bring back (refused when it has not
    shipped)."""
    with db.read() as session:
        require(session, actor, SALES_VIEW)
        order = session.execute(select(SalesOrder).where(SalesOrder.number == number)).scalar_one_or_none()
        if order is None:
            raise NotFound(_("There is no sales order {n}.").format(n=number), code="sales_order.not_found")
        if order.status not in SHIPPED_STATUSES:
            ORDER_LIFECYCLE.refuse(order, doing=_("only goods of a shipped order can come back."))
        customer = session.get(Customer, order.customer_id)
        rows = session.execute(
            select(SalesOrderLine.id, Product.sku, Product.name, Product.base_unit, SalesOrderLine.shipped)
            .join(Product, Product.id == SalesOrderLine.product_id)
            .where(SalesOrderLine.order_id == order.id, SalesOrderLine.shipped > 0)
            .order_by(SalesOrderLine.position)
        ).all()
        earlier = returned_so_far(session, [row[0] for row in rows])
        lines = [
            LineToReturn(line_id, sku, name, unit, shipped, shipped - earlier.get(line_id, ZERO))
            for line_id, sku, name, unit, shipped in rows
        ]
        return ReturnableOrder(order.id, order.number, customer.name if customer else "", lines)
