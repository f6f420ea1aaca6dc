"""Saving what suppliers charge, one price or a whole price list at once: the one way prices change.

A supplier price is the price of one package (or of one base unit when `packaging_id` is None); a
product has at most one preferred supplier, the one reorder suggestions pick first. `check_prices`
looks every supplier, product and packaging up in a few queries; `set_prices_in` checks again and
writes with bulk statements, so that a form sets one price and an import thousands the same way.
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.common.codes import ALL_MARKS, CodeRule
from bodesk.domain.common.errors import FieldError, ValidationError, Validator
from bodesk.domain.common.lengths import max_length
from bodesk.domain.common.listing import chunks
from bodesk.domain.common.money import UNIT_PRICE_RULE, round_unit_price
from bodesk.domain.purchasing.models import Supplier, SupplierProduct
from bodesk.domain.stock.models import ZERO, Packaging, Product
from bodesk.i18n import N_, _

SUPPLIER_PRODUCTS = cast(Table, SupplierProduct.__table__)  # written with Core: one executemany
SUPPLIER_SKU_RULE = CodeRule(
    max_length(SupplierProduct.supplier_sku),
    ALL_MARKS,
    N_("The supplier's code has 1 to {length} letters without accents, digits, spaces or punctuation."),
    first=string.ascii_uppercase + string.digits + string.punctuation,
)
"""The code a supplier gives a product: a code like any other (in capitals), as free as its maker's."""


@dataclass(frozen=True)
class PriceChange:
    """What `supplier_id` charges for `product_id`: the price of one package of `packaging_id`
    (None: of one base unit); `preferred` makes it the product's only preferred supplier."""

    supplier_id: int
    product_id: int
    packaging_id: int | None
    package_price: Decimal
    supplier_sku: str = ""
    preferred: bool = False


@dataclass
class _Known:
    suppliers: dict[int, str]  # id -> tax id
    products: dict[int, str]  # id -> SKU
    packagings: dict[int, Packaging]


def _known(session: Session, changes: Sequence[PriceChange]) -> _Known:
    known = _Known({}, {}, {})
    for chunk in chunks(sorted({change.supplier_id for change in changes})):
        stmt = select(Supplier.id, Supplier.tax_id).where(Supplier.id.in_(chunk))
        known.suppliers.update(session.execute(stmt).all())
    for chunk in chunks(sorted({change.product_id for change in changes})):
        known.products.update(
            session.execute(select(Product.id, Product.sku).where(Product.id.in_(chunk))).all()
        )
    wanted = sorted({change.packaging_id for change in changes if change.packaging_id is not None})
    for chunk in chunks(wanted):
        for packaging in session.execute(select(Packaging).where(Packaging.id.in_(chunk))).scalars():
            known.packagings[packaging.id] = packaging
    return known


def cleaned_price(change: PriceChange) -> PriceChange:
    return PriceChange(
        change.supplier_id,
        change.product_id,
        change.packaging_id,
        change.package_price,
        SUPPLIER_SKU_RULE.clean(change.supplier_sku),
        change.preferred,
    )


def check_prices(session: Session, changes: Sequence[PriceChange]) -> dict[int, list[FieldError]]:
    """Every problem of each (cleaned) change, by its position; the ones not named are good."""
    known = _known(session, changes)
    problems: dict[int, list[FieldError]] = {}
    seen: set[tuple[int, int]] = set()
    for index, change in enumerate(changes):
        check = Validator()
        check.check(change.supplier_id in known.suppliers, "supplier", _("That supplier no longer exists."))
        check.check(change.product_id in known.products, "product", _("Choose a product."))
        packaging = known.packagings.get(change.packaging_id or 0)
        if change.packaging_id is not None and (
            packaging is None or packaging.product_id != change.product_id
        ):
            check.add("packaging", _("Choose one of the product's packagings."))
        elif packaging is not None and not packaging.for_purchase:
            check.add("packaging", _("The packaging “{name}” is not bought.").format(name=packaging.name))
        problem = UNIT_PRICE_RULE.problem(change.package_price)
        check.check(
            problem is None and change.package_price > ZERO,
            "package_price",
            problem or _("Enter a price above zero."),
        )
        problem = SUPPLIER_SKU_RULE.problem(change.supplier_sku) if change.supplier_sku else None
        if problem is not None:
            check.add("supplier_sku", problem)
        pair = (change.supplier_id, change.product_id)
        check.check(pair not in seen, "product", _("The same supplier and product are given twice."))
        seen.add(pair)
        if check.errors:
            problems[index] = check.errors
    return problems


AUDITED = ("packaging_id", "package_price", "supplier_sku", "preferred")


def _snapshot(row: dict[str, Any]) -> dict[str, Any]:
    return {key: row.get(key) for key in AUDITED}


def _existing(session: Session, changes: Sequence[PriceChange]) -> dict[tuple[int, int], dict[str, Any]]:
    """The stored price of each (supplier, product) the changes name: its id and audited values."""
    found: dict[tuple[int, int], dict[str, Any]] = {}
    for chunk in chunks(sorted({change.product_id for change in changes})):
        stmt = select(SupplierProduct).where(SupplierProduct.product_id.in_(chunk))
        for row in session.execute(stmt).scalars():
            found[(row.supplier_id, row.product_id)] = {"id": row.id} | {
                key: getattr(row, key) for key in AUDITED
            }
    return found


def set_prices_in(session: Session, actor: Actor, changes: Sequence[PriceChange]) -> list[int]:
    """Check every change, then write them all (the supplier-price ids, in order); a ValidationError
    names the first bad change's fields and writes nothing. Inside an open write unit of work."""
    problems = check_prices(session, changes)
    if problems:
        raise ValidationError(problems[min(problems)])
    known, existing = _known(session, changes), _existing(session, changes)
    new_rows: list[dict[str, Any]] = []
    changed_rows: list[dict[str, Any]] = []
    stored: list[int | None] = []
    entries: list[tuple[str, str, object, dict[str, Any] | None, dict[str, Any] | None]] = []
    for change in changes:
        values = {
            "packaging_id": change.packaging_id,
            "package_price": round_unit_price(change.package_price),
            "supplier_sku": change.supplier_sku,
            "preferred": change.preferred,
        }
        before = existing.get((change.supplier_id, change.product_id))
        old, new = audit.changes(_snapshot(before or {}), values)
        if before is None:
            new_rows.append({"supplier_id": change.supplier_id, "product_id": change.product_id, **values})
        elif new:
            changed_rows.append({"id": before["id"], **values})
        if new:
            product = known.products[change.product_id]
            tax_id = known.suppliers[change.supplier_id]
            entries.append(
                ("supplier.price", "supplier", tax_id, old if before else None, {"product": product, **new})
            )
        stored.append(before["id"] if before else None)
    if new_rows:
        session.execute(insert(SUPPLIER_PRODUCTS), new_rows)  # one executemany; ids read back below
    if changed_rows:
        session.execute(update(SupplierProduct), changed_rows)
    audit.record_many(session, actor, entries)
    added = {pair: row["id"] for pair, row in _existing(session, changes).items()} if new_rows else {}
    ids = [
        found or added[(change.supplier_id, change.product_id)]
        for change, found in zip(changes, stored, strict=True)
    ]
    _one_preferred(
        session,
        {change.product_id: row_id for change, row_id in zip(changes, ids, strict=True) if change.preferred},
    )
    return ids


def _one_preferred(session: Session, chosen: dict[int, int]) -> None:
    """Each product's chosen supplier price (product id -> its id) is its only preferred one."""
    for chunk in chunks(sorted(chosen.items())):
        session.execute(
            update(SupplierProduct)
            .where(
                SupplierProduct.product_id.in_([product_id for product_id, _id in chunk]),
                SupplierProduct.id.not_in([row_id for _product_id, row_id in chunk]),
            )
            .values(preferred=False)
        )
        session.execute(
            update(SupplierProduct)
            .where(SupplierProduct.id.in_([row_id for _product_id, row_id in chunk]))
            .values(preferred=True)
        )
