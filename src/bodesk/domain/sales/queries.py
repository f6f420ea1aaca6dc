"""Read side of sales: the lists of customers, orders, order lines and returns, paged, sorted and
filtered in SQL. When the company says so, a sales rep sees only their own customers and orders.

Filters (ListRequest.filters):
- CustomersQuery: "active" True/False; "blocked" True/False; "segment", "rep" ids.
- OrdersQuery: "status" a status code, or "open" (quotes, confirmed, picking); "customer", "rep" ids;
  "from"/"to" dates of creation.
- OrderLinesQuery: "order" id (required).
- ReturnsQuery: "customer" id; "order" id; "from"/"to" dates.
- StockForSalesQuery: "short" True (nothing free to sell); "coming" True (on order from suppliers).
"""

from __future__ import annotations

from typing import Any, ClassVar

from sqlalchemy import ColumnElement, false, func, or_, select, type_coerce

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.listing import (
    AnySelect,
    ListColumn,
    ListQuery,
    ListRequest,
    ListRow,
    has_words,
    within_dates,
)
from bodesk.domain.common.models import Quantity
from bodesk.domain.common.numbering import typed_number
from bodesk.domain.purchasing.models import PurchaseOrder, PurchaseOrderLine
from bodesk.domain.purchasing.states import OPEN_STATUSES as PURCHASE_OPEN
from bodesk.domain.sales.models import Customer, SalesRep, Segment
from bodesk.domain.sales.order_models import SalesOrder, SalesOrderLine, SalesReturn
from bodesk.domain.sales.permissions import SALES_VIEW
from bodesk.domain.sales.settings import rules_in
from bodesk.domain.sales.states import OPEN_STATUSES, ORDER_LIFECYCLE
from bodesk.domain.stock.models import Packaging, Product
from bodesk.domain.stock.search import product_matches
from bodesk.i18n import N_
from bodesk.store.engine import Database


def _by_customer_or_number(search: str, customer_id: Any, number: Any) -> ColumnElement[bool]:
    """A document found by its customer's words (name, trade name, CNPJ/CPF, code, phone) or by its
    own number typed whole."""
    names = select(Customer.id).where(has_words(Customer.search_text, search))
    typed = typed_number(search)
    condition = customer_id.in_(names)
    return or_(condition, number == typed) if typed is not None else condition


class _RepScoped(ListQuery):
    """A list a rep sees only their own part of, when the company says so (`reps_see_own`)."""

    rep_column: ClassVar[Any]

    def _scope(self, session: Any, actor: Actor, stmt: AnySelect) -> AnySelect:
        user = require(session, actor, self.action)
        if user.role != "sales" or not rules_in(session).reps_see_own:
            return stmt
        rep = session.execute(
            select(SalesRep.id).where(SalesRep.user_id == actor.user_id)
        ).scalar_one_or_none()
        return stmt.where(self.rep_column == rep) if rep is not None else stmt.where(false())

    def count(self, db: Database, actor: Actor, request: ListRequest) -> int:
        with db.read() as session:
            stmt: AnySelect = self.where(select(func.count()).select_from(self.entity), request)
            return int(session.execute(self._scope(session, actor, stmt)).scalar_one())

    def page(
        self, db: Database, actor: Actor, request: ListRequest, offset: int, limit: int
    ) -> list[ListRow]:
        with db.read() as session:
            stmt = self._scope(session, actor, self.where(self.base(), request))
            stmt = self._ordered(stmt, request).offset(offset).limit(limit)
            return [ListRow(int(row[0]), tuple(row[1:])) for row in session.execute(stmt)]


class CustomersQuery(_RepScoped):
    action = SALES_VIEW
    entity = Customer
    rep_column = Customer.rep_id
    columns = (
        ListColumn("code", N_("Code"), Customer.code, kind="code"),
        ListColumn("name", N_("Customer"), Customer.name),
        ListColumn("trade_name", N_("Trade name"), Customer.trade_name),
        ListColumn("tax_id", N_("CNPJ / CPF"), Customer.tax_id),
        ListColumn("city", N_("City"), Customer.city),
        ListColumn("segment", N_("Segment"), Segment.name, sortable=False),
        ListColumn("rep", N_("Sales rep"), SalesRep.name, sortable=False),
        ListColumn("phone", N_("Phone"), Customer.phone, sortable=False),
        ListColumn("credit_limit", N_("Credit limit"), Customer.credit_limit, kind="money"),
        ListColumn("blocked", N_("Blocked"), Customer.blocked, kind="bool"),
        ListColumn("active", N_("Active"), Customer.active, kind="bool"),
    )
    default_sort = "name"

    def base(self) -> AnySelect:
        return (
            super()
            .base()
            .outerjoin(Segment, Segment.id == Customer.segment_id)
            .outerjoin(SalesRep, SalesRep.id == Customer.rep_id)
        )

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        if request.search:
            stmt = stmt.where(
                or_(
                    has_words(Customer.search_text, request.search),
                    Customer.code == request.search.strip().upper(),
                )
            )
        for key, flag in (("active", Customer.active), ("blocked", Customer.blocked)):
            value = request.filter(key)
            if isinstance(value, bool):
                stmt = stmt.where(flag.is_(value))
        for key, reference in (("segment", Customer.segment_id), ("rep", Customer.rep_id)):
            if request.filter(key):
                stmt = stmt.where(reference == request.filter(key))
        return stmt


class OrdersQuery(_RepScoped):
    action = SALES_VIEW
    entity = SalesOrder
    rep_column = SalesOrder.rep_id
    columns = (
        ListColumn("number", N_("Number"), SalesOrder.number, kind="ref"),
        ListColumn("customer", N_("Customer"), Customer.name),
        ListColumn(
            "status", N_("Status"), SalesOrder.status, label=ORDER_LIFECYCLE.label, tone=ORDER_LIFECYCLE.tone
        ),
        ListColumn("created_at", N_("Taken"), SalesOrder.created_at, kind="datetime"),
        ListColumn("requested_on", N_("Wanted on"), SalesOrder.requested_on, kind="date"),
        ListColumn("rep", N_("Sales rep"), SalesRep.name, sortable=False),
        ListColumn("units", N_("Units"), SalesOrder.units, kind="quantity"),
        ListColumn("total", N_("Total"), SalesOrder.total, kind="money"),
    )
    default_sort = "number"
    default_descending = True

    def base(self) -> AnySelect:
        return (
            super()
            .base()
            .join(Customer, Customer.id == SalesOrder.customer_id)
            .outerjoin(SalesRep, SalesRep.id == SalesOrder.rep_id)
        )

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        if request.search:
            stmt = stmt.where(
                _by_customer_or_number(request.search, SalesOrder.customer_id, SalesOrder.number)
            )
        status = request.filter("status")
        if status == "open":
            stmt = stmt.where(SalesOrder.status.in_([state.value for state in OPEN_STATUSES]))
        elif status:
            stmt = stmt.where(SalesOrder.status == status)
        for key, column in (("customer", SalesOrder.customer_id), ("rep", SalesOrder.rep_id)):
            if request.filter(key):
                stmt = stmt.where(column == request.filter(key))
        return within_dates(stmt, SalesOrder.created_at, request)


class OrderLinesQuery(ListQuery):
    action = SALES_VIEW
    entity = SalesOrderLine
    columns = (
        ListColumn("position", N_("#"), SalesOrderLine.position, kind="number"),
        ListColumn("sku", N_("SKU"), Product.sku),
        ListColumn("product", N_("Product"), Product.name),
        ListColumn("packaging", N_("Packaging"), Packaging.name, sortable=False),
        ListColumn("packages", N_("Quantity"), SalesOrderLine.packages, kind="quantity"),
        ListColumn("price", N_("Price"), SalesOrderLine.price, kind="money"),
        ListColumn("discount", N_("Discount %"), SalesOrderLine.discount, kind="number"),
        ListColumn("total", N_("Total"), SalesOrderLine.total, kind="money"),
        ListColumn("shipped", N_("Shipped"), SalesOrderLine.shipped, kind="quantity"),
        ListColumn("price_note", N_("Price from"), SalesOrderLine.price_note, sortable=False),
    )
    default_sort = "position"

    def base(self) -> AnySelect:
        return (
            super()
            .base()
            .join(Product, Product.id == SalesOrderLine.product_id)
            .outerjoin(Packaging, Packaging.id == SalesOrderLine.packaging_id)
        )

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        order = request.filter("order")
        if not order:
            return stmt.where(false())
        stmt = stmt.where(SalesOrderLine.order_id == order)
        if request.search:
            stmt = stmt.where(
                SalesOrderLine.product_id.in_(select(Product.id).where(product_matches(request.search)))
            )
        return stmt


class ReturnsQuery(ListQuery):
    action = SALES_VIEW
    entity = SalesReturn
    columns = (
        ListColumn("number", N_("Number"), SalesReturn.number, kind="ref"),
        ListColumn("at", N_("When"), SalesReturn.at, kind="datetime"),
        ListColumn("order", N_("Order"), SalesOrder.number, kind="ref"),
        ListColumn("customer", N_("Customer"), Customer.name),
        ListColumn("total", N_("Value"), SalesReturn.total, kind="money"),
        ListColumn("note", N_("Note"), SalesReturn.note, sortable=False),
    )
    default_sort = "number"
    default_descending = True

    def base(self) -> AnySelect:
        return (
            super()
            .base()
            .join(SalesOrder, SalesOrder.id == SalesReturn.order_id)
            .join(Customer, Customer.id == SalesReturn.customer_id)
        )

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        if request.search:
            stmt = stmt.where(
                _by_customer_or_number(request.search, SalesReturn.customer_id, SalesReturn.number)
            )
        for key, column in (("customer", SalesReturn.customer_id), ("order", SalesReturn.order_id)):
            if request.filter(key):
                stmt = stmt.where(column == request.filter(key))
        return within_dates(stmt, SalesReturn.at, request)


def _coming() -> AnySelect:
    return (
        select(PurchaseOrderLine.product_id)
        .join(PurchaseOrder, PurchaseOrder.id == PurchaseOrderLine.order_id)
        .where(
            PurchaseOrderLine.product_id == Product.id,
            PurchaseOrder.status.in_([state.value for state in PURCHASE_OPEN]),
            PurchaseOrderLine.quantity > PurchaseOrderLine.received,
        )
    )


_ON_ORDER = type_coerce(
    _coming()
    .with_only_columns(func.coalesce(func.sum(PurchaseOrderLine.quantity - PurchaseOrderLine.received), 0))
    .scalar_subquery(),
    Quantity(),
)
_ARRIVES = _coming().with_only_columns(func.min(PurchaseOrder.expected_on)).scalar_subquery()
_AVAILABLE = type_coerce(Product.on_hand - Product.reserved, Quantity())  # SQL loses the columns' type


class StockForSalesQuery(ListQuery):
    """What the sales team may promise: each active product's stock on hand, reserved by orders, free,
    on order from suppliers and the earliest date an open purchase order expects it."""

    action = SALES_VIEW
    entity = Product
    columns = (
        ListColumn("sku", N_("SKU"), Product.sku, kind="code"),
        ListColumn("name", N_("Product"), Product.name),
        ListColumn("unit", N_("Unit"), Product.base_unit, sortable=False),
        ListColumn("on_hand", N_("On hand"), Product.on_hand, kind="quantity"),
        ListColumn("reserved", N_("Reserved"), Product.reserved, kind="quantity"),
        ListColumn("available", N_("Available"), _AVAILABLE, kind="quantity"),
        ListColumn("on_order", N_("On order"), _ON_ORDER, kind="quantity"),
        ListColumn("arrives_on", N_("Arrives"), _ARRIVES, kind="date"),
    )
    default_sort = "name"

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        stmt = stmt.where(Product.active.is_(True))
        if request.search:
            stmt = stmt.where(product_matches(request.search))
        if request.filter("short"):
            stmt = stmt.where(Product.on_hand <= Product.reserved)
        if request.filter("coming"):
            stmt = stmt.where(_coming().exists())
        return stmt
