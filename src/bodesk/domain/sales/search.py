"""Customers and sales orders in the Ctrl+K search, for those who work with sales."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import may
from bodesk.domain.common.figures import money_text
from bodesk.domain.common.listing import has_words
from bodesk.domain.common.numbering import typed_number
from bodesk.domain.common.taxid import format_tax_id
from bodesk.domain.sales.models import Customer
from bodesk.domain.sales.order_models import SalesOrder
from bodesk.domain.sales.permissions import SALES_VIEW
from bodesk.domain.sales.states import ORDER_LIFECYCLE
from bodesk.domain.search import SearchHit
from bodesk.i18n import _


def customer_hits(session: Session, actor: Actor, text: str, limit: int) -> list[SearchHit]:
    if not may(session, actor, SALES_VIEW):
        return []
    code = text.strip().upper()
    exact = list(
        session.execute(
            select(Customer.id, Customer.code, Customer.name, Customer.tax_id, Customer.city, Customer.active)
            .where(Customer.code == code)
            .limit(1)
        )
    )
    found = session.execute(
        select(Customer.id, Customer.code, Customer.name, Customer.tax_id, Customer.city, Customer.active)
        .where(has_words(Customer.search_text, text))
        .order_by(Customer.active.desc(), Customer.name, Customer.id)
        .limit(limit)
    )
    hits = []
    for row in [*exact, *(row for row in found if not exact or row.id != exact[0].id)][:limit]:
        detail = " · ".join(part for part in (row.code, format_tax_id(row.tax_id), row.city) if part)
        if not row.active:
            detail += " · " + _("archived")
        hits.append(SearchHit("customer", row.id, row.name, detail))
    return hits


def sales_order_hits(session: Session, actor: Actor, text: str, limit: int) -> list[SearchHit]:
    """A sales order by its number ("1520", "#1520")."""
    number = typed_number(text)
    if number is None or not may(session, actor, SALES_VIEW):
        return []
    rows = session.execute(
        select(SalesOrder.id, SalesOrder.number, SalesOrder.status, SalesOrder.total, Customer.name)
        .join(Customer, Customer.id == SalesOrder.customer_id)
        .where(SalesOrder.number == number)
        .limit(limit)
    )
    return [
        SearchHit(
            "sales_order",
            row.id,
            _("Sales order {number}").format(number=row.number),
            f"{row.name} · {ORDER_LIFECYCLE.label(row.status)} · {money_text(row.total)}",
        )
        for row in rows
    ]
