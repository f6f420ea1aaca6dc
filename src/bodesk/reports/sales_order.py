"""The quote, or the order confirmation, sent to a customer: who sells, who buys and where it goes,
what at which price and discount, the total and the payment term. Every figure comes from
`documents.order_view` (through `print_data.order_document`), already rounded by the domain. A quote
says it is one in its title and across every page; a cancelled order is marked across every page with
its reason; SKUs are never broken over two lines."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable

from bodesk.domain.access.actor import Actor
from bodesk.domain.sales.print_data import OrderDocument, order_document
from bodesk.domain.sales.states import ORDER_LIFECYCLE, OrderStatus
from bodesk.i18n import _, format_date, format_datetime
from bodesk.reports.base import build_pdf, gap, header_for, heading, report_styles, text
from bodesk.reports.tables import ReportColumn, data_table, key_value_block
from bodesk.store.engine import Database


def _table(document: OrderDocument, currency: str) -> list[Flowable]:
    """Widths in millimetres of the 180 mm an A4 page leaves; the discount only when a line has one."""
    order = document.order
    discounts = any(line.discount for line in order.lines)
    columns = [
        ReportColumn(_("SKU"), "code", width=18),
        ReportColumn(_("Product"), width=52 if discounts else 68, lines=3),
        ReportColumn(_("Packaging"), width=26),
        ReportColumn(_("Packages"), "quantity", width=16),
        ReportColumn(_("List price"), "price", width=20),
        ReportColumn(_("Price"), "price", width=20),
        ReportColumn(_("Total"), "money", width=22),
    ]
    rows: list[list[Any]] = [
        [
            line.sku,
            line.name,
            line.packaging,
            line.packages,
            line.list_price,
            line.price,
            line.total,
        ]
        for line in order.lines
    ]
    totals: list[Any] = [_("Total"), "", "", None, "", "", order.total]
    if discounts:
        columns.insert(5, ReportColumn(_("Discount %"), "number", width=18, places=2))
        for row, line in zip(rows, order.lines, strict=True):
            row.insert(5, line.discount or None)
        totals.insert(5, "")
    return data_table(columns, rows, totals=totals, currency=currency)


def _customer_block(document: OrderDocument) -> list[tuple[str, str]]:
    card = document.customer
    pairs = [
        (_("Customer"), f"{card.code} {card.name}"),
        (_("Trade name"), card.trade_name),
        (_("CNPJ/CPF"), card.tax_id),
        (_("State registration"), card.state_registration),
        (_("Phone"), card.phone),
        (_("E-mail"), card.email),
        (_("Address"), card.billing),
        (_("Deliver to"), card.delivery),
    ]
    return [(label, value) for label, value in pairs if value]


def _order_block(document: OrderDocument) -> list[tuple[str, str]]:
    order = document.order
    term = order.payment_term
    if term and document.payment_days and document.payment_days not in term:
        term = f"{term} ({document.payment_days})"
    pairs = [
        (_("Order number"), str(order.number)),
        (_("Status"), ORDER_LIFECYCLE.label(order.status)),
        (_("Taken"), format_datetime(order.created_at)),
        (_("Confirmed"), format_datetime(document.confirmed_at) if document.confirmed_at else ""),
        (_("Requested for"), format_date(order.requested_on) if order.requested_on else ""),
        (_("Payment term"), term),
        (_("Sales rep"), order.rep),
        (_("Ships from"), order.warehouse),
        (_("Backorder of"), str(order.backorder_of) if order.backorder_of else ""),
    ]
    return [(label, value) for label, value in pairs if value]


def sales_order_story(document: OrderDocument, currency: str) -> list[Flowable]:
    order = document.order
    story: list[Flowable] = [
        key_value_block(_customer_block(document) + _order_block(document), columns=2),
        gap(5),
        *_table(document, currency),
    ]
    if document.customer.delivery_note or document.customer.weekdays:
        days = document.customer.weekdays
        note = "\n".join(
            part
            for part in (
                document.customer.delivery_note,
                _("Delivery days: {days}").format(days=days) if days else "",
            )
            if part
        )
        story += [gap(4), heading(_("Delivery")), text(note)]
    if order.notes:
        story += [gap(4), heading(_("Notes")), text(order.notes)]
    if order.status == OrderStatus.CANCELLED:
        reason = document.cancel_reason or "—"
        story += [gap(4), text(_("This order was cancelled: {reason}").format(reason=reason))]
    closing = (
        _("This is a quote: prices and stock are confirmed when the order is confirmed.")
        if order.status == OrderStatus.DRAFT
        else _("Please check the goods on delivery and quote this order's number in any contact.")
    )
    return [*story, gap(6), text(closing, report_styles().small)]


def write_sales_order(db: Database, actor: Actor, order_id: int, path: Path) -> Path:
    """The quote or the order confirmation as a PDF at `path`."""
    document = order_document(db, actor, order_id)
    order = document.order
    title = (_("Quote {number}") if order.status == OrderStatus.DRAFT else _("Sales order {number}")).format(
        number=order.number
    )
    marks: dict[str, str] = {OrderStatus.DRAFT: _("QUOTE"), OrderStatus.CANCELLED: _("CANCELLED")}
    header = replace(header_for(db, actor, title, order.customer), watermark=marks.get(order.status, ""))
    return build_pdf(Path(path), header, sales_order_story(document, header.currency))
