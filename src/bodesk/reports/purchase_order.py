"""The purchase order sent to a supplier: who buys, who sells, where and when to deliver, what, and
the total. Every figure comes from `documents.order_view`, already rounded by the domain. The prices
per package show the cents, or 4 places on every line when one of them has more than cents (10.3333),
so that the column stays aligned. SKUs and the supplier's own codes are never broken over two lines.
An order that is still a draft says so in its title and across every page: it is not an order yet."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.figures import packaging_text
from bodesk.domain.common.taxid import TaxIdKind, format_tax_id, tax_id_kind
from bodesk.domain.purchasing.documents import OrderView, order_view
from bodesk.domain.purchasing.states import ORDER_LIFECYCLE, OrderStatus
from bodesk.i18n import _, format_date, format_datetime, ngettext
from bodesk.reports.base import build_pdf, gap, header_for, heading, report_styles, text
from bodesk.reports.tables import ReportColumn, data_table, key_value_block
from bodesk.store.engine import Database


def _table(order: OrderView, currency: str) -> list[Flowable]:
    """Widths in millimetres of the 180 mm an A4 page leaves (a code column grows to its longest code);
    the supplier's codes only if it has any."""
    codes = any(line.supplier_sku for line in order.lines)
    columns = [
        ReportColumn(_("SKU"), "code", width=18),
        ReportColumn(_("Product"), width=56 if codes else 74, lines=3),
        ReportColumn(_("Packaging"), width=26),
        ReportColumn(_("Packages"), "quantity", width=18),
        ReportColumn(_("Price per package"), "price", width=22),
        ReportColumn(_("Total"), "money", width=22),
    ]
    rows: list[list[Any]] = [
        [
            line.sku,
            line.product,
            packaging_text(line.packaging, line.units_per_package, line.base_unit),
            line.packages,
            line.package_price,
            line.total,
        ]
        for line in order.lines
    ]
    totals: list[Any] = [_("Total"), "", "", None, "", order.total]
    if codes:
        columns.insert(1, ReportColumn(_("Your code"), "code", width=18))
        for row, line in zip(rows, order.lines, strict=True):
            row.insert(1, line.supplier_sku)
        totals.insert(1, "")
    return data_table(columns, rows, totals=totals, currency=currency)


def _supplier_block(order: OrderView) -> list[tuple[str, str]]:
    kind = tax_id_kind(order.supplier_tax_id)
    place = "/".join(part for part in (order.supplier_city, order.supplier_state) if part)
    pairs = [
        (_("Supplier"), order.supplier),
        (_("CPF") if kind is TaxIdKind.CPF else _("CNPJ"), format_tax_id(order.supplier_tax_id)),
        (_("Contact"), order.supplier_contact),
        (_("E-mail"), order.supplier_email),
        (_("Phone"), order.supplier_phone),
        (_("City"), place),
        (
            _("Payment terms"),
            ngettext("{n} day", "{n} days", order.payment_terms_days).format(n=order.payment_terms_days),
        ),
    ]
    return [(label, value) for label, value in pairs if value]


def _order_block(order: OrderView) -> list[tuple[str, str]]:
    deliver_to = " – ".join(part for part in (order.warehouse, order.warehouse_address) if part)
    pairs = [
        (_("Order number"), str(order.number)),
        (_("Status"), ORDER_LIFECYCLE.label(order.status)),
        (_("Created"), format_datetime(order.created_at)),
        (_("Sent"), format_datetime(order.sent_at) if order.sent_at else ""),
        (_("Deliver by"), format_date(order.expected_on) if order.expected_on else ""),
        (_("Deliver to"), deliver_to),
        (_("Buyer"), order.created_by),
    ]
    return [(label, value) for label, value in pairs if value]


def purchase_order_story(order: OrderView, currency: str) -> list[Flowable]:
    story: list[Flowable] = [
        key_value_block(_supplier_block(order) + _order_block(order), columns=2),
        gap(5),
        *_table(order, currency),
    ]
    if order.notes:
        story += [gap(4), heading(_("Notes")), text(order.notes)]
    if order.status == OrderStatus.CANCELLED:
        reason = order.cancel_reason or "—"
        story += [gap(4), text(_("This order was cancelled: {reason}").format(reason=reason))]
    closing = (
        _("This is a draft, not an order yet: it becomes one when it is sent.")
        if order.status == OrderStatus.DRAFT
        else _("Please confirm this order and its delivery date, and quote its number on your invoice.")
    )
    return [*story, gap(6), text(closing, report_styles().small)]


def write_purchase_order(db: Database, actor: Actor, order_id: int, path: Path) -> Path:
    """The order as a PDF at `path`."""
    order = order_view(db, actor, order_id)
    draft = order.status == OrderStatus.DRAFT
    title = (_("Draft purchase order {number}") if draft else _("Purchase order {number}")).format(
        number=order.number
    )
    marks: dict[str, str] = {OrderStatus.DRAFT: _("DRAFT"), OrderStatus.CANCELLED: _("CANCELLED")}
    header = replace(header_for(db, actor, title, order.supplier), watermark=marks.get(order.status, ""))
    return build_pdf(path, header, purchase_order_story(order, header.currency))
