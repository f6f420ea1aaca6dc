"""Saving products and packagings, one or many at once: the one way the catalogue changes.

A form saves one product, an import thousands; both go through `check_products` and
`save_products_in` (and their packaging twins), which look every code up in a few queries (500 at a
time) and write with bulk statements, so that an import of 10,000 rows holds the write lock for about a
second rather than for the many seconds a row-by-row save takes while other desks wait.

What only the catalogue can say is checked here: a SKU (ignoring case: domain/common/codes.py) or a
barcode that another product, another packaging or an earlier change of the same batch already has.
The rules of the data itself are product_rules'.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from decimal import Decimal
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import FieldError, NotFound, ValidationError, Validator
from bodesk.domain.common.lengths import check_lengths
from bodesk.domain.common.listing import chunks
from bodesk.domain.common.money import QUANTITY_RULE
from bodesk.domain.common.text import fold
from bodesk.domain.stock.models import ZERO, Category, Packaging, Product
from bodesk.domain.stock.product_rules import ProductData, product_problems, search_text, validate_gtin
from bodesk.i18n import _
from bodesk.store.types import utcnow

AUDITED = (
    "sku", "gtin", "name", "brand", "category_id", "base_unit", "ncm", "sale_price", "min_stock",
    "max_stock", "lot_tracked", "shelf_life_days", "returnable", "active",
)  # fmt: skip


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


def check_products(session: Session, changes: Sequence[ProductChange]) -> dict[int, list[FieldError]]:
    """Every problem of each change, by its position in `changes`; the changes not named are good.
    A product's barcode is its own: no other product's, and no packaging's (its own packagings' either)."""
    problems = {index: product_problems(change.data) for index, change in enumerate(changes)}
    skus = sku_holders(session, (change.data.sku for change in changes))
    own, packed = barcode_holders(session, (change.data.gtin for change in changes))
    batch_skus: set[str] = set()
    batch_barcodes: set[str] = set()
    for index, change in enumerate(changes):
        sku, gtin = change.data.sku.upper(), change.data.gtin
        if sku and (skus.get(sku, change.product_id) != change.product_id or sku in batch_skus):
            problems[index].append(FieldError("sku", sku_taken(change.data.sku)))
        batch_skus.add(sku)
        taken = own.get(gtin, change.product_id) != change.product_id or gtin in packed
        if gtin and (taken or gtin in batch_barcodes):
            problems[index].append(FieldError("gtin", barcode_taken(gtin)))
        batch_barcodes.add(gtin)
    return {index: found for index, found in problems.items() if found}


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


def _stored(data: ProductData, category_id: int | None) -> dict[str, Any]:
    values = asdict(data)
    values.pop("category")
    values.pop("cost")
    values["gtin"] = data.gtin or None
    values["category_id"] = category_id
    values["search_text"] = search_text(data.sku, data.name, data.brand, data.gtin)
    return values


def _snapshot(values: dict[str, Any]) -> dict[str, Any]:
    return {key: values.get(key) for key in AUDITED}


def save_products_in(session: Session, actor: Actor, changes: Sequence[ProductChange]) -> list[int]:
    """Check every change, then write them all (the ids, in order); a ValidationError names the first
    bad change's fields and writes nothing. Inside an open write unit of work."""
    problems = check_products(session, changes)
    if problems:
        raise ValidationError(problems[min(problems)])
    now = utcnow()
    categories = category_ids(session, (change.data.category for change in changes))
    rows = [
        _stored(change.data, categories.get(change.data.category))
        | {
            "cost": change.data.cost or ZERO,
            "active": True,
            "on_hand": ZERO,
            "created_at": now,
            "updated_at": now,
        }
        for change in changes
        if change.product_id is None
    ]
    added: list[int] = []
    for chunk in chunks(rows):
        stmt = insert(Product).returning(Product.id, sort_by_parameter_order=True)
        added.extend(session.execute(stmt, chunk).scalars())
    for row in rows:
        audit.record(session, actor, "product.add", "product", row["sku"], new=_snapshot(row), at=now)
    updates = [(change.product_id, change.data) for change in changes if change.product_id is not None]
    _update(session, actor, updates, categories)
    new_ids = iter(added)
    return [change.product_id if change.product_id is not None else next(new_ids) for change in changes]


def _update(
    session: Session, actor: Actor, updates: Sequence[tuple[int, ProductData]], categories: dict[str, int]
) -> None:
    before: dict[int, dict[str, Any]] = {}
    for chunk in chunks([product_id for product_id, _data in updates]):
        for product in session.execute(select(Product).where(Product.id.in_(chunk))).scalars():
            before[product.id] = {key: getattr(product, key) for key in AUDITED}
    now = utcnow()
    rows = []
    for product_id, data in updates:
        if product_id not in before:
            raise NotFound(_("That product no longer exists."), code="product.not_found")
        row = _stored(data, categories.get(data.category))
        row["active"] = before[product_id]["active"]
        old, new = audit.changes(before[product_id], _snapshot(row))
        if new:
            rows.append({"id": product_id, **row, "updated_at": now})
            audit.record(session, actor, "product.update", "product", row["sku"], old=old, new=new, at=now)
    if rows:
        session.execute(update(Product), rows)


@dataclass(frozen=True)
class PackagingChange:
    """A new packaging of `product_id`, or of the product that the batch is adding (`product_id` None:
    a product with no packaging yet)."""

    product_id: int | None
    name: str
    units: Decimal
    gtin: str = ""
    for_purchase: bool = True
    for_sale: bool = True


def cleaned_packaging(change: PackagingChange) -> PackagingChange:
    return replace(change, name=" ".join(change.name.split()), gtin=change.gtin.strip().replace(" ", ""))


def check_packagings(session: Session, changes: Sequence[PackagingChange]) -> dict[int, list[FieldError]]:
    """Every problem of each (cleaned) packaging, by its position; the ones not named are good."""
    problems: dict[int, list[FieldError]] = {}
    own, packed = barcode_holders(session, (change.gtin for change in changes))
    names = packaging_names(
        session, {change.product_id for change in changes if change.product_id is not None}
    )
    batch_names: set[tuple[int | None, str]] = set()
    batch_barcodes: set[str] = set()
    for index, change in enumerate(changes):
        check = Validator()
        check.check(bool(change.name), "name", _("Name the packaging: “Caixa 12”, “Fardo 6”."))
        check_lengths(check, {"name": (change.name, Packaging.name)})
        problem = QUANTITY_RULE.problem(change.units)
        check.check(
            problem is None and change.units > ZERO,
            "units",
            problem or _("A packaging holds more than zero units."),
        )
        try:
            validate_gtin(change.gtin)
        except ValidationError as exc:
            check.errors.extend(exc.errors)
        gtin = change.gtin
        taken = gtin in own or gtin in packed or gtin in batch_barcodes
        check.check(not (gtin and taken), "gtin", barcode_taken(gtin))
        batch_barcodes.add(gtin)
        key = (change.product_id, change.name)
        check.check(
            change.product_id is None or (key not in names and key not in batch_names),
            "name",
            _("The product already has a packaging “{name}”.").format(name=change.name),
        )
        batch_names.add(key)
        if check.errors:
            problems[index] = check.errors
    return problems


def packaging_names(session: Session, product_ids: set[int]) -> set[tuple[int | None, str]]:
    """(product id, packaging name) of every packaging of the products."""
    found: set[tuple[int | None, str]] = set()
    for chunk in chunks(sorted(product_ids)):
        stmt = select(Packaging.product_id, Packaging.name).where(Packaging.product_id.in_(chunk))
        found.update(session.execute(stmt).all())
    return found


def add_packagings_in(
    session: Session, actor: Actor, changes: Sequence[PackagingChange], skus: dict[int, str]
) -> list[int]:
    """Check every packaging (each of an existing product now), then add them all (the ids, in order);
    a ValidationError names the first bad one's fields and adds nothing. `skus` names each product in
    the audit log."""
    problems = check_packagings(session, changes)
    if problems:
        raise ValidationError(problems[min(problems)])
    rows = [
        {
            "product_id": change.product_id,
            "name": change.name,
            "units": change.units,
            "gtin": change.gtin or None,
            "for_purchase": change.for_purchase,
            "for_sale": change.for_sale,
        }
        for change in changes
    ]
    added: list[int] = []
    for chunk in chunks(rows):
        stmt = insert(Packaging).returning(Packaging.id, sort_by_parameter_order=True)
        added.extend(session.execute(stmt, chunk).scalars())
    for change in changes:
        audit.record(
            session,
            actor,
            "packaging.add",
            "product",
            skus.get(change.product_id or 0, ""),
            new={"packaging": change.name, "units": change.units, "gtin": change.gtin},
        )
    return added
