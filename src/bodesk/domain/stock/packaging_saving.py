"""Packagings (a case of 12, a pack of 6), one or many at once: the one way they are added.

A form adds one, an import one per row; both go through `check_packagings` (a few queries for a
whole file) and `add_packagings_in` (one bulk statement). A packaging's barcode belongs to it alone:
no product and no other packaging has it (product_saving.barcode_holders).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import FieldError, ValidationError, Validator
from bodesk.domain.common.lengths import check_lengths
from bodesk.domain.common.listing import chunks
from bodesk.domain.common.money import QUANTITY_RULE
from bodesk.domain.stock.models import ZERO, Packaging
from bodesk.domain.stock.product_rules import validate_gtin
from bodesk.domain.stock.product_saving import barcode_holders, barcode_taken
from bodesk.i18n import _

PACKAGINGS = cast(Table, Packaging.__table__)  # written with Core: one executemany


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
) -> None:
    """Check every packaging (each of an existing product now), then add them all; a ValidationError
    names the first bad one's fields and adds nothing. `skus` names each product in the audit log."""
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
    if rows:
        session.execute(insert(PACKAGINGS), rows)  # one executemany
    audit.record_many(
        session,
        actor,
        (
            (
                "packaging.add",
                "product",
                skus.get(change.product_id or 0, ""),
                None,
                {"packaging": change.name, "units": change.units, "gtin": change.gtin},
            )
            for change in changes
        ),
    )
