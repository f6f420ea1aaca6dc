"""Products in the Ctrl+K search: by name, brand, SKU or barcode, accents and case ignored."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.models import User
from bodesk.domain.access.permissions import is_allowed
from bodesk.domain.common.text import fold
from bodesk.domain.search import SearchHit
from bodesk.domain.stock.models import Packaging, Product
from bodesk.domain.stock.permissions import STOCK_VIEW
from bodesk.i18n import _, format_decimal


def find_products(session: Session, text: str, limit: int, include_archived: bool = False) -> list[Product]:
    """Type-ahead: an exact barcode or SKU first, then names containing every typed word."""
    code = text.strip()
    exact: list[Product] = []
    for condition in (
        Product.sku == code,
        Product.gtin == code,
        Product.id.in_(select(Packaging.product_id).where(Packaging.gtin == code)),
    ):  # one indexed lookup each: an OR of them would scan the table
        exact.extend(
            product
            for product in session.execute(select(Product).where(condition).limit(limit)).scalars()
            if product not in exact
        )
    words = fold(text).split()
    if not words or (exact and " " not in code):  # a scanned or typed code found what it names
        return exact
    stmt = select(Product)
    for word in words[:5]:
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        stmt = stmt.where(Product.search_text.like(f"%{escaped}%", escape="\\"))
    if not include_archived:
        stmt = stmt.where(Product.active.is_(True))
    # Sorting by the name as an expression keeps the planner from walking the whole name index when
    # few products match (a word that matches nothing would otherwise cost a full indexed walk).
    found = list(session.execute(stmt.order_by(Product.name.concat(""), Product.id).limit(limit)).scalars())
    seen = {product.id for product in exact}
    return exact + [product for product in found if product.id not in seen][: max(0, limit - len(exact))]


def product_hits(session: Session, actor: Actor, text: str, limit: int) -> list[SearchHit]:
    me = session.get(User, actor.user_id)
    if me is None or me.is_locked or not is_allowed(me.role, STOCK_VIEW):
        return []
    return [
        SearchHit(
            "product",
            product.id,
            product.name,
            _("{sku} · {qty} {unit} on hand").format(
                sku=product.sku, qty=format_decimal(product.on_hand), unit=product.base_unit
            ),
        )
        for product in find_products(session, text, limit)
    ]
