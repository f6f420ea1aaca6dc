"""Suppliers and purchase orders in the Ctrl+K search, for those who work with purchasing."""

from __future__ import annotations

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.models import User
from bodesk.domain.access.permissions import is_allowed
from bodesk.domain.common.listing import contains
from bodesk.domain.common.taxid import format_tax_id
from bodesk.domain.common.text import fold
from bodesk.domain.purchasing.models import PurchaseOrder, Supplier
from bodesk.domain.purchasing.permissions import PURCHASING_VIEW
from bodesk.domain.purchasing.states import ORDER_LIFECYCLE
from bodesk.domain.search import SearchHit
from bodesk.i18n import _, format_decimal


def _may_see(session: Session, actor: Actor) -> bool:
    me = session.get(User, actor.user_id)
    return me is not None and not me.is_locked and is_allowed(me.role, PURCHASING_VIEW)


def supplier_matches(text: str) -> list[ColumnElement[bool]]:
    """Conditions for suppliers matching typed text: a tax id by its start (8 digits or more, any
    punctuation), else every word in the name, trade name, tax id, city or contact."""
    compact = "".join(char for char in text if char.isalnum()).upper()
    if compact and len(compact) >= 8 and any(char.isdigit() for char in compact):
        return [Supplier.tax_id.startswith(compact)]
    return [contains(Supplier.search_text, word) for word in fold(text).split()[:5]]


def supplier_hits(session: Session, actor: Actor, text: str, limit: int) -> list[SearchHit]:
    if not _may_see(session, actor):
        return []
    stmt = select(Supplier.id, Supplier.name, Supplier.tax_id, Supplier.city, Supplier.active)
    stmt = stmt.where(*supplier_matches(text))
    rows = session.execute(stmt.order_by(Supplier.active.desc(), Supplier.name).limit(limit))
    hits = []
    for row in rows:
        detail = " · ".join(part for part in (format_tax_id(row.tax_id), row.city) if part)
        if not row.active:
            detail += " · " + _("archived")
        hits.append(SearchHit("supplier", row.id, row.name, detail))
    return hits


def order_hits(session: Session, actor: Actor, text: str, limit: int) -> list[SearchHit]:
    """An order by its number ("152", "#152")."""
    digits = text.strip().lstrip("#").strip()
    if not _may_see(session, actor) or not digits.isdigit() or len(digits) > 11:
        return []
    rows = session.execute(
        select(
            PurchaseOrder.id, PurchaseOrder.number, PurchaseOrder.status, PurchaseOrder.total, Supplier.name
        )
        .join(Supplier, Supplier.id == PurchaseOrder.supplier_id)
        .where(PurchaseOrder.number == int(digits))
        .limit(limit)
    )
    return [
        SearchHit(
            "purchase_order",
            row.id,
            _("Purchase order {number}").format(number=row.number),
            f"{row.name} · {ORDER_LIFECYCLE.label(row.status)} · {format_decimal(row.total, 2)}",
        )
        for row in rows
    ]
