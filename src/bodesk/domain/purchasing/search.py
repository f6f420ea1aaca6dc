"""Suppliers and purchase orders in the Ctrl+K search, for those who work with purchasing."""

from __future__ import annotations

from sqlalchemy import ColumnElement, case, select
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import may
from bodesk.domain.common.figures import money_text
from bodesk.domain.common.listing import has_words
from bodesk.domain.common.numbering import typed_number
from bodesk.domain.common.taxid import format_tax_id
from bodesk.domain.common.text import fold
from bodesk.domain.purchasing.models import PurchaseOrder, Supplier
from bodesk.domain.purchasing.permissions import PURCHASING_VIEW
from bodesk.domain.purchasing.states import ORDER_LIFECYCLE
from bodesk.domain.search import SearchHit
from bodesk.i18n import _


def supplier_matches(text: str) -> list[ColumnElement[bool]]:
    """Conditions for suppliers matching typed text: a tax id by its start (8 letters or digits or
    more, any punctuation), else every word in the name, trade name, tax id, city or contact."""
    compact = "".join(char for char in text if char.isalnum()).upper()
    if compact and len(compact) >= 8 and compact.isalnum() and any(char.isdigit() for char in compact):
        return [Supplier.tax_id.startswith(compact)]
    return [has_words(Supplier.search_text, text)]


def supplier_hits(session: Session, actor: Actor, text: str, limit: int) -> list[SearchHit]:
    if not may(session, actor, PURCHASING_VIEW):
        return []
    stmt = select(Supplier.id, Supplier.name, Supplier.tax_id, Supplier.city, Supplier.active)
    stmt = stmt.where(*supplier_matches(text))
    starts = case((Supplier.name_key.startswith(fold(text), autoescape=True), 0), else_=1)
    rows = session.execute(
        stmt.order_by(Supplier.active.desc(), starts, Supplier.name_key, Supplier.id).limit(limit)
    )
    hits = []
    for row in rows:
        detail = " · ".join(part for part in (format_tax_id(row.tax_id), row.city) if part)
        if not row.active:
            detail += " · " + _("archived")
        hits.append(SearchHit("supplier", row.id, row.name, detail, row.tax_id))
    return hits


def order_hits(session: Session, actor: Actor, text: str, limit: int) -> list[SearchHit]:
    """An order by its number ("152", "#152")."""
    number = typed_number(text)
    if number is None or not may(session, actor, PURCHASING_VIEW):
        return []
    rows = session.execute(
        select(
            PurchaseOrder.id, PurchaseOrder.number, PurchaseOrder.status, PurchaseOrder.total, Supplier.name
        )
        .join(Supplier, Supplier.id == PurchaseOrder.supplier_id)
        .where(PurchaseOrder.number == number)
        .limit(limit)
    )
    return [
        SearchHit(
            "purchase_order",
            row.id,
            _("Purchase order {number}").format(number=row.number),
            f"{row.name} · {ORDER_LIFECYCLE.label(row.status)} · {money_text(row.total)}",
            str(row.number),
        )
        for row in rows
    ]
