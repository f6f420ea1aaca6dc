"""Saving products, one or many at once: the one way the catalogue's products change.

A form saves one product, an import thousands; both go through the same three steps:

1. `prepare_products(changes)` does everything that needs no database — each change's own rules
   (product_rules) and the rows as they will be stored — so that an import does it before its write
   transaction begins;
2. `check_products(session, prepared)` adds what only the catalogue can say, looking every code up in a
   few queries (500 at a time): a SKU (ignoring case: domain/common/codes.py) or a barcode that another
   product, a packaging or an earlier change of the same batch already has;
3. `save_products_in(session, actor, prepared)` checks again, inside the write, and writes with bulk
   statements, so that an import of 10,000 rows holds the write lock for a fraction of a second while
   other desks wait, instead of the many seconds of a row-by-row save.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, func, insert, select, update
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import FieldError, NotFound, ValidationError
from bodesk.domain.common.listing import chunks
from bodesk.domain.common.sorting import keyed
from bodesk.domain.common.text import fold
from bodesk.domain.stock.models import ZERO, Category, Packaging, Product
from bodesk.domain.stock.product_rules import ProductData, product_problems, search_text
from bodesk.i18n import _
from bodesk.store.types import utcnow

AUDITED = (
    "sku", "gtin", "name", "brand", "category_id", "base_unit", "ncm", "sale_price", "min_stock",
    "max_stock", "lot_tracked", "shelf_life_days", "returnable", "active",
)  # fmt: skip


PRODUCTS = cast(Table, Product.__table__)  # written with Core: thousands of rows, none loaded back
STORED = tuple(key for key in ProductData.__dataclass_fields__ if key not in ("category", "cost", "version"))


@dataclass(frozen=True)
class ProductChange:
    """A new product (`product_id` None) or new values for an existing one; `data` is cleaned
    (product_rules.cleaned). An existing product's cost is never changed here: only the ledger does."""

    product_id: int | None
    data: ProductData


def sku_holders(session: Session, skus: Iterable[str]) -> dict[str, int]:
    """The product holding each SKU, compared in capitals (the unique index on upper(sku) does the same)."""
    held: dict[str, int] = {}
    for chunk in chunks(sorted({sku.upper() for sku in skus} - {""})):
        stmt = select(Product.id, func.upper(Product.sku)).where(func.upper(Product.sku).in_(chunk))
        held.update((key, product_id) for product_id, key in session.execute(stmt).all())
    return held


def barcode_holders(session: Session, codes: Iterable[str]) -> tuple[dict[str, int], dict[str, int]]:
    """(product id per barcode that is a product's own, product id per barcode that is a packaging's)."""
    own: dict[str, int] = {}
    packed: dict[str, int] = {}
    for chunk in chunks(sorted(set(codes) - {""})):
        stmt = select(Product.gtin, Product.id).where(Product.gtin.in_(chunk))
        own.update((code, product_id) for code, product_id in session.execute(stmt).all() if code)
        stmt = select(Packaging.gtin, Packaging.product_id).where(Packaging.gtin.in_(chunk))
        packed.update((code, product_id) for code, product_id in session.execute(stmt).all() if code)
    return own, packed


def sku_taken(sku: str) -> str:
    return _("The SKU “{sku}” is already used.").format(sku=sku)


def barcode_taken(gtin: str) -> str:
    return _("The barcode {gtin} is already used by another product.").format(gtin=gtin)


@dataclass(frozen=True)
class PreparedProducts:
    """Changes with their own problems found and their stored values made, before any write."""

    changes: Sequence[ProductChange]
    own_problems: dict[int, list[FieldError]]
    rows: list[dict[str, Any]]  # the stored values of each change, but its category's id


def prepare_products(changes: Sequence[ProductChange]) -> PreparedProducts:
    problems = {
        index: found for index, change in enumerate(changes) if (found := product_problems(change.data))
    }
    return PreparedProducts(changes, problems, [_stored(change.data) for change in changes])


def check_products(session: Session, prepared: PreparedProducts) -> dict[int, list[FieldError]]:
    """Every problem of each change, by its position; the changes not named are good. A product's
    barcode is its own: no other product's, and no packaging's (its own packagings' either)."""
    changes = prepared.changes
    problems = {index: list(found) for index, found in prepared.own_problems.items()}
    skus = sku_holders(session, (change.data.sku for change in changes))
    own, packed = barcode_holders(session, (change.data.gtin for change in changes))
    batch_skus: set[str] = set()
    batch_barcodes: set[str] = set()
    for index, change in enumerate(changes):
        sku, gtin = change.data.sku.upper(), change.data.gtin
        if sku and (skus.get(sku, change.product_id) != change.product_id or sku in batch_skus):
            problems.setdefault(index, []).append(FieldError("sku", sku_taken(change.data.sku)))
        batch_skus.add(sku)
        taken = own.get(gtin, change.product_id) != change.product_id or gtin in packed
        if gtin and (taken or gtin in batch_barcodes):
            problems.setdefault(index, []).append(FieldError("gtin", barcode_taken(gtin)))
        batch_barcodes.add(gtin)
    return problems


def category_ids(session: Session, names: Iterable[str]) -> dict[str, int]:
    """The id of each category named (created if new); names that differ only in case or accents are
    one category, the one already kept."""
    known = {
        fold(name): category_id for category_id, name in session.execute(select(Category.id, Category.name))
    }
    found: dict[str, int] = {}
    for name in sorted(set(names) - {""}):
        key = fold(name)
        if key not in known:
            category = Category(name=name)
            session.add(category)
            session.flush()
            known[key] = category.id
        found[name] = known[key]
    return found


def _stored(data: ProductData) -> dict[str, Any]:
    values = {key: getattr(data, key) for key in STORED}
    values["gtin"] = data.gtin or None
    values["search_text"] = search_text(data.sku, data.name, data.brand, data.gtin)
    return keyed(Product, [values])[0]  # written in bulk: the sort keys are set here


def _snapshot(values: dict[str, Any]) -> dict[str, Any]:
    return {key: values.get(key) for key in AUDITED}


def save_products_in(session: Session, actor: Actor, prepared: PreparedProducts) -> list[int]:
    """Check every change, then write them all (the ids, in order); a ValidationError names the first
    bad change's fields and writes nothing. Inside an open write unit of work."""
    problems = check_products(session, prepared)
    if problems:
        raise ValidationError(problems[min(problems)])
    now = utcnow()
    changes = prepared.changes
    categories = category_ids(session, (change.data.category for change in changes))
    for change, row in zip(changes, prepared.rows, strict=True):
        row["category_id"] = categories.get(change.data.category)
    new = [
        row
        | {
            "cost": change.data.cost or ZERO,
            "active": True,
            "on_hand": ZERO,
            "created_at": now,
            "updated_at": now,
        }
        for change, row in zip(changes, prepared.rows, strict=True)
        if change.product_id is None
    ]
    if new:
        session.execute(insert(PRODUCTS), new)  # one executemany; the ids are read back by SKU
    added = sku_holders(session, (row["sku"] for row in new))
    entries = (("product.add", "product", row["sku"], None, _snapshot(row)) for row in new)
    audit.record_many(session, actor, entries, at=now)
    updates = [
        (change.product_id, row)
        for change, row in zip(changes, prepared.rows, strict=True)
        if change.product_id is not None
    ]
    _update(session, actor, updates, now)
    return [change.product_id or added[change.data.sku.upper()] for change in changes]


def _update(
    session: Session, actor: Actor, updates: Sequence[tuple[int, dict[str, Any]]], now: datetime
) -> None:
    before: dict[int, dict[str, Any]] = {}
    versions: dict[int, int] = {}
    for chunk in chunks([product_id for product_id, _row in updates]):
        columns = [getattr(Product, key) for key in ("id", "version", *AUDITED)]
        for found in session.execute(select(*columns).where(Product.id.in_(chunk))):
            before[found[0]] = dict(zip(AUDITED, found[2:], strict=True))
            versions[found[0]] = found[1]
    rows = []
    entries = []
    for product_id, stored in updates:
        if product_id not in before:
            raise NotFound(_("That product no longer exists."), code="product.not_found")
        row = stored | {"active": before[product_id]["active"]}
        old, new = audit.changes(before[product_id], _snapshot(row))
        if new:
            rows.append({"id": product_id, **row, "updated_at": now, "version": versions[product_id] + 1})
            entries.append(("product.update", "product", row["sku"], old, new))
    if rows:
        session.execute(update(Product), rows)
    audit.record_many(session, actor, entries, at=now)
