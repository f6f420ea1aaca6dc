"""Read side of invoices: the invoices and credit notes list, an invoice's lines, and the orders waiting
for their invoice, paged, sorted and filtered in SQL.

Filters (ListRequest.filters):
- InvoicesQuery: "state" draft | posted | cancelled (discarded drafts) | credited (posted, taken back
  in full) | open (posted with something still to receive); "kind" invoice | credit_note; "customer"
  id; "from"/"to" days of issue. The search finds the customer's words or the number typed whole.
- InvoiceLinesQuery: "invoice" id (required).
- OrdersToInvoiceQuery: "customer" id; "from"/"to" days of shipping.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, false, func, or_, select, type_coerce

from bodesk.domain.common.listing import (
    AnySelect,
    ListColumn,
    ListQuery,
    ListRequest,
    has_words,
    within_dates,
)
from bodesk.domain.common.models import Money
from bodesk.domain.common.numbering import typed_number
from bodesk.domain.common.tones import Tone
from bodesk.domain.finance.document_models import Invoice, InvoiceLine, OpenItem
from bodesk.domain.finance.items import LEFT
from bodesk.domain.finance.permissions import FINANCE_VIEW
from bodesk.domain.finance.states import InvoiceKind, InvoiceStatus
from bodesk.domain.sales.models import Customer, PaymentTerm
from bodesk.domain.sales.order_models import SalesOrder
from bodesk.domain.sales.states import ORDER_LIFECYCLE, OrderStatus
from bodesk.domain.stock.models import Product
from bodesk.domain.stock.search import product_matches
from bodesk.i18n import N_, _

CREDITED = "credited"
STATES = {
    InvoiceStatus.DRAFT.value: N_("Draft"),
    InvoiceStatus.POSTED.value: N_("Posted"),
    CREDITED: N_("Cancelled by credit note"),
    InvoiceStatus.CANCELLED.value: N_("Discarded"),
}
TONES = {
    InvoiceStatus.DRAFT.value: Tone.INFO,
    CREDITED: Tone.MUTED,
    InvoiceStatus.CANCELLED.value: Tone.MUTED,
}
KINDS = {InvoiceKind.INVOICE.value: N_("Invoice"), InvoiceKind.CREDIT_NOTE.value: N_("Credit note")}

_state_column = case(
    (
        and_(
            Invoice.kind == InvoiceKind.INVOICE.value,
            Invoice.status == InvoiceStatus.POSTED.value,
            Invoice.total > 0,
            Invoice.credited >= Invoice.total,
        ),
        CREDITED,
    ),
    else_=Invoice.status,
)
_open_column = type_coerce(
    select(func.coalesce(func.sum(LEFT), 0))
    .where(OpenItem.doc_kind == Invoice.kind, OpenItem.doc_id == Invoice.id)
    .correlate(Invoice)
    .scalar_subquery(),
    Money(),
)


def state_label(value: Any) -> str:
    return _(STATES[value]) if value in STATES else str(value)


def state_tone(value: Any) -> Tone | None:
    return TONES.get(value)


def kind_label(value: Any) -> str:
    return _(KINDS[value]) if value in KINDS else str(value)


def _by_customer_or_number(search: str, customer_id: Any, number: Any) -> ColumnElement[bool]:
    names = select(Customer.id).where(has_words(Customer.search_text, search))
    typed = typed_number(search)
    condition = customer_id.in_(names)
    return or_(condition, number == typed) if typed is not None else condition


def _within_days(stmt: AnySelect, column: Any, request: ListRequest) -> AnySelect:
    start, end = request.filter("from"), request.filter("to")
    if isinstance(start, date):
        stmt = stmt.where(column >= start)
    if isinstance(end, date):
        stmt = stmt.where(column <= end)
    return stmt


class InvoicesQuery(ListQuery):
    action = FINANCE_VIEW
    entity = Invoice
    columns = (
        ListColumn("number", N_("Number"), Invoice.number, kind="ref"),
        ListColumn("kind", N_("Kind"), Invoice.kind, label=kind_label),
        ListColumn("customer", N_("Customer"), Customer.name),
        ListColumn("issued_on", N_("Issued on"), Invoice.issued_on, kind="date"),
        ListColumn("total", N_("Total"), Invoice.total, kind="money", total=True),
        ListColumn("open", N_("Open"), _open_column, kind="money", total=True),
        ListColumn("status", N_("Status"), _state_column, label=state_label, tone=state_tone),
        ListColumn("nfe", N_("NF-e"), Invoice.nfe_number),
        ListColumn("credited", N_("Credited"), Invoice.credited, kind="money"),
    )
    default_sort = "issued_on"
    default_descending = True

    def base(self) -> AnySelect:
        return super().base().join(Customer, Customer.id == Invoice.customer_id)

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        if request.search:
            stmt = stmt.where(_by_customer_or_number(request.search, Invoice.customer_id, Invoice.number))
        state = request.filter("state")
        if state == "open":
            stmt = stmt.where(Invoice.status == InvoiceStatus.POSTED.value, _open_column != 0)
        elif state:
            stmt = stmt.where(_state_column == state)
        for key, column in (("kind", Invoice.kind), ("customer", Invoice.customer_id)):
            if request.filter(key):
                stmt = stmt.where(column == request.filter(key))
        return _within_days(stmt, Invoice.issued_on, request)


class InvoiceLinesQuery(ListQuery):
    action = FINANCE_VIEW
    entity = InvoiceLine
    columns = (
        ListColumn("position", N_("#"), InvoiceLine.position, kind="number"),
        ListColumn("sku", N_("SKU"), Product.sku, kind="code"),
        ListColumn("product", N_("Product"), Product.name),
        ListColumn("unit", N_("Unit"), InvoiceLine.unit, sortable=False),
        ListColumn("quantity", N_("Quantity"), InvoiceLine.quantity, kind="quantity"),
        ListColumn("list_price", N_("List price"), InvoiceLine.list_price, kind="money"),
        ListColumn("discount", N_("Discount %"), InvoiceLine.discount, kind="number"),
        ListColumn("price", N_("Price"), InvoiceLine.price, kind="money"),
        ListColumn("total", N_("Total"), InvoiceLine.total, kind="money", total=True),
        ListColumn("order", N_("Order"), SalesOrder.number, kind="ref"),
    )
    default_sort = "position"

    def base(self) -> AnySelect:
        return (
            super()
            .base()
            .join(Product, Product.id == InvoiceLine.product_id)
            .outerjoin(SalesOrder, SalesOrder.id == InvoiceLine.order_id)
        )

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        invoice = request.filter("invoice")
        if not invoice:
            return stmt.where(false())
        stmt = stmt.where(InvoiceLine.invoice_id == invoice)
        if request.search:
            stmt = stmt.where(
                InvoiceLine.product_id.in_(select(Product.id).where(product_matches(request.search)))
            )
        return stmt


def on_draft() -> ColumnElement[bool]:
    """The order is on a draft invoice."""
    return exists(
        select(InvoiceLine.id)
        .join(Invoice, Invoice.id == InvoiceLine.invoice_id)
        .where(InvoiceLine.order_id == SalesOrder.id, Invoice.status == InvoiceStatus.DRAFT.value)
    )


class OrdersToInvoiceQuery(ListQuery):
    """Shipped or delivered orders not invoiced and on no draft: what "Invoice orders…" offers."""

    action = FINANCE_VIEW
    entity = SalesOrder
    columns = (
        ListColumn("number", N_("Order"), SalesOrder.number, kind="ref"),
        ListColumn("customer", N_("Customer"), Customer.name),
        ListColumn(
            "status", N_("Status"), SalesOrder.status, label=ORDER_LIFECYCLE.label, tone=ORDER_LIFECYCLE.tone
        ),
        ListColumn("shipped_at", N_("Shipped"), SalesOrder.shipped_at, kind="datetime"),
        ListColumn("term", N_("Payment term"), PaymentTerm.name, sortable=False),
        ListColumn("value", N_("Value"), SalesOrder.shipped_total, kind="money", total=True),
        ListColumn("customer_id", N_("Customer id"), SalesOrder.customer_id, kind="number", sortable=False),
    )
    default_sort = "shipped_at"

    def base(self) -> AnySelect:
        return (
            super()
            .base()
            .join(Customer, Customer.id == SalesOrder.customer_id)
            .outerjoin(
                PaymentTerm,
                PaymentTerm.id == func.coalesce(SalesOrder.payment_term_id, Customer.payment_term_id),
            )
        )

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        stmt = stmt.where(
            SalesOrder.status.in_([OrderStatus.SHIPPED.value, OrderStatus.DELIVERED.value]), ~on_draft()
        )
        if request.search:
            stmt = stmt.where(
                _by_customer_or_number(request.search, SalesOrder.customer_id, SalesOrder.number)
            )
        if request.filter("customer"):
            stmt = stmt.where(SalesOrder.customer_id == request.filter("customer"))
        return within_dates(stmt, SalesOrder.shipped_at, request)
