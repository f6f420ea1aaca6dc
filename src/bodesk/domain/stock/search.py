"""Products found by what a person types, the one way every screen finds them: an exact code (SKU,
GTIN or a packaging's barcode, as a scanner reads it), or words of the name, brand, SKU or GTIN with
case and accents ignored. Lists filter with `product_matches`, type-ahead and the Ctrl+K search
list the exact codes first (`find_products`), a code in a file or from a scanner names one product
(`product_by_code`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, case, func, or_, select
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import may
from bodesk.domain.common.codes import code_key
from bodesk.domain.common.listing import chunks, has_words
from bodesk.domain.common.text import fold
from bodesk.domain.search import SearchHit
from bodesk.domain.stock.models import Packaging, Product
from bodesk.domain.stock.permissions import STOCK_VIEW
from bodesk.i18n import _, format_decimal


def has_sku(code: str) -> ColumnElement[bool]:
    """The product whose SKU is `code`, however its letters were typed (through the index on upper(sku))."""
    return func.upper(Product.sku) == code_key(code)


def _packaging_barcode(code: str) -> ColumnElement[bool]:
    return Product.id.in_(select(Packaging.product_id).where(Packaging.gtin == code))


def product_matches(text: str) -> ColumnElement[bool]:
    """Products with every typed word in their folded name, brand, SKU or GTIN (the SKU and GTIN are
    words of it), or with a packaging whose barcode is exactly the text."""
    return or_(has_words(Product.search_text, text), _packaging_barcode(text.strip()))


def matching_products(text: str) -> Any:
    """The ids of the products `product_matches`, for a list of rows about products."""
    return select(Product.id).where(product_matches(text))


def product_by_code(session: Session, code: str, include_archived: bool = False) -> Product | None:
    """The product a typed or scanned code names exactly: the one with that GTIN, else with that SKU
    (a packaging's barcode names a packaging: `catalogue.find_by_code`)."""
    code = code.strip()
    for condition in (Product.gtin == code, has_sku(code)):
        stmt = select(Product).where(condition)
        if not include_archived:
            stmt = stmt.where(Product.active.is_(True))
        found = session.execute(stmt.limit(1)).scalar_one_or_none()
        if found is not None:
            return found
    return None


def products_by_code(session: Session, codes: Iterable[str]) -> dict[str, int]:
    """For a file of codes, archived products included: code_key(code) -> the id of the product it names
    (its GTIN, else its SKU), looked up a few hundred at a time; codes that name nothing are left out."""
    found: dict[str, int] = {}
    for chunk in chunks(sorted({code_key(code) for code in codes} - {""})):
        by_sku = select(func.upper(Product.sku), Product.id).where(func.upper(Product.sku).in_(chunk))
        found.update(session.execute(by_sku).all())
        by_gtin = select(Product.gtin, Product.id).where(Product.gtin.in_(chunk))
        found.update((gtin, product_id) for gtin, product_id in session.execute(by_gtin).all() if gtin)
    return found


def find_products(session: Session, text: str, limit: int, include_archived: bool = False) -> list[Product]:
    """Type-ahead: an exact barcode or SKU first, then names containing every typed word."""
    code = text.strip()
    exact: list[Product] = []
    for condition in (
        has_sku(code),
        Product.gtin == code,
        _packaging_barcode(code),
    ):  # one indexed lookup each: an OR of them would scan the table
        exact.extend(
            product
            for product in session.execute(select(Product).where(condition).limit(limit)).scalars()
            if product not in exact
        )
    if not fold(text).split() or (exact and " " not in code):  # a scanned or typed code found what it names
        return exact
    stmt = select(Product).where(has_words(Product.search_text, text))
    if not include_archived:
        stmt = stmt.where(Product.active.is_(True))
    # Names that start with the text come first. Sorting by expressions keeps the planner from walking
    # the whole name index when few products match (a word that matches nothing would otherwise cost a
    # full indexed walk).
    starts = case((Product.name_key.startswith(fold(text), autoescape=True), 0), else_=1)
    stmt = stmt.order_by(starts, Product.name_key.concat(""), Product.id)
    found = list(session.execute(stmt.limit(limit)).scalars())
    seen = {product.id for product in exact}
    return exact + [product for product in found if product.id not in seen][: max(0, limit - len(exact))]


def product_hits(session: Session, actor: Actor, text: str, limit: int) -> list[SearchHit]:
    if not may(session, actor, STOCK_VIEW):
        return []
    return [
        SearchHit(
            "product",
            product.id,
            product.name,
            _("{sku} · {qty} {unit} on hand").format(
                sku=product.sku, qty=format_decimal(product.on_hand), unit=product.base_unit
            ),
            product.sku,
        )
        for product in find_products(session, text, limit)
    ]
