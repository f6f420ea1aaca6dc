"""A new product and its packagings, saved together in one transaction (the product dialog's OK)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.errors import FieldError, ValidationError
from bodesk.domain.stock.catalogue import ProductData, add_packaging_in, create_product_in
from bodesk.domain.stock.permissions import CATALOGUE_EDIT
from bodesk.store.engine import Database

PACKAGINGS_FIELD = "packagings"


@dataclass(frozen=True)
class PackagingData:
    name: str
    units: Decimal
    gtin: str = ""
    for_purchase: bool = True
    for_sale: bool = True


def create_product(
    db: Database, actor: Actor, data: ProductData, packagings: Sequence[PackagingData] = ()
) -> int:
    """Create the product and each packaging, or nothing at all. A packaging's errors are reported
    under the field "packagings", each naming the packaging."""
    with db.write() as session:
        require(session, actor, CATALOGUE_EDIT)
        product = create_product_in(session, actor, data)
        problems: list[FieldError] = []
        for packaging in packagings:
            try:
                add_packaging_in(
                    session,
                    actor,
                    product,
                    packaging.name,
                    packaging.units,
                    packaging.gtin,
                    packaging.for_purchase,
                    packaging.for_sale,
                )
            except ValidationError as exc:
                problems.extend(
                    FieldError(PACKAGINGS_FIELD, f"{packaging.name or '?'}: {error.message}")
                    for error in exc.errors
                )
        if problems:
            raise ValidationError(problems)
        return product.id
