"""Purchase order lines: validated, priced from the supplier's list when no price is given, and
rounded (quantity to 3 places, price to 4, each line's total to cents). The order editor previews
its lines with the same code that saves them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.errors import Validator, line_field
from bodesk.domain.common.money import (
    QUANTITY_RULE,
    UNIT_PRICE_RULE,
    round_money,
    round_quantity,
    round_unit_price,
)
from bodesk.domain.purchasing.models import PurchaseOrderLine, SupplierProduct
from bodesk.domain.purchasing.permissions import PURCHASE_ORDER
from bodesk.domain.stock.models import ZERO, Packaging, Product
from bodesk.i18n import _
from bodesk.store.engine import Database

ONE = Decimal(1)


@dataclass(frozen=True)
class OrderLineInput:
    product_id: int
    packaging_id: int | None  # None: bought by the base unit
    packages: Decimal
    package_price: Decimal | None = None  # None: the supplier's price


def build_lines(
    session: Session, supplier_id: int, lines: Sequence[OrderLineInput]
) -> list[PurchaseOrderLine]:
    """Validated, priced and rounded order lines (not yet added to the session); every problem at once.

    Field names are "lines" for the order as a whole and `line_field(n, part)` for line n (its position,
    1-based), the part being "product", "packaging", "packages" or "package_price".
    """
    check = Validator()
    check.check(bool(lines), "lines", _("Add at least one line."))
    product_ids = {line.product_id for line in lines}
    products = {
        p.id: p for p in session.execute(select(Product).where(Product.id.in_(product_ids))).scalars()
    }
    packagings = {
        p.id: p
        for p in session.execute(select(Packaging).where(Packaging.product_id.in_(product_ids))).scalars()
    }
    prices = {
        row.product_id: row
        for row in session.execute(
            select(SupplierProduct).where(
                SupplierProduct.supplier_id == supplier_id, SupplierProduct.product_id.in_(product_ids)
            )
        ).scalars()
    }
    built: list[PurchaseOrderLine] = []
    seen: set[int] = set()
    for number, line in enumerate(lines, start=1):
        product = products.get(line.product_id)
        if product is None or not product.active:
            check.add(
                line_field(number, "product"), _("Line {n}: choose an active product.").format(n=number)
            )
            continue
        name = product.name
        if product.id in seen:
            check.add(
                line_field(number, "product"),
                _("Line {n}: {product} is already on the order.").format(n=number, product=name),
            )
        seen.add(product.id)
        units = ONE
        if line.packaging_id is not None:
            packaging = packagings.get(line.packaging_id)
            if packaging is None or packaging.product_id != product.id or not packaging.for_purchase:
                check.add(
                    line_field(number, "packaging"),
                    _("Line {n}: {product}: choose a packaging it is bought in.").format(
                        n=number, product=name
                    ),
                )
                continue
            units = packaging.units
        problem = QUANTITY_RULE.problem(line.packages) or QUANTITY_RULE.problem(line.packages * units)
        if line.packages <= ZERO or problem is not None:
            check.add(
                line_field(number, "packages"),
                _("Line {n}: {product}: {problem}").format(
                    n=number, product=name, problem=problem or _("order more than zero.")
                ),
            )
            continue
        price = line.package_price
        if price is None:
            price = _supplier_price(prices.get(product.id), packagings, units)
        if price is None:
            check.add(
                line_field(number, "package_price"),
                _("Line {n}: {product}: the supplier has no price for it: enter the price.").format(
                    n=number, product=name
                ),
            )
            continue
        problem = UNIT_PRICE_RULE.problem(price)
        if price < ZERO or problem is not None:
            check.add(
                line_field(number, "package_price"),
                _("Line {n}: {product}: {problem}").format(
                    n=number, product=name, problem=problem or _("the price cannot be negative.")
                ),
            )
            continue
        price = round_unit_price(price)
        built.append(
            PurchaseOrderLine(
                product_id=product.id,
                packaging_id=line.packaging_id,
                packages=line.packages,
                units_per_package=units,
                quantity=round_quantity(line.packages * units),
                package_price=price,
                total=round_money(line.packages * price),
                received=ZERO,
            )
        )
    check.raise_if_any()
    return built


def _supplier_price(
    row: SupplierProduct | None, packagings: dict[int, Packaging], units: Decimal
) -> Decimal | None:
    """The supplier's price for one package of `units` base units, from its price for its packaging."""
    if row is None:
        return None
    price_units = ONE
    if row.packaging_id is not None:
        packaging = packagings.get(row.packaging_id)
        price_units = packaging.units if packaging is not None else ONE
    if price_units == units:
        return row.package_price
    return round_unit_price(row.package_price / price_units * units)


@dataclass(frozen=True)
class PricedLine:
    package_price: Decimal
    quantity: Decimal  # base units
    total: Decimal


@dataclass(frozen=True)
class OrderPreview:
    lines: tuple[PricedLine, ...]
    total: Decimal


def preview_order(
    db: Database, actor: Actor, supplier_id: int, lines: Sequence[OrderLineInput]
) -> OrderPreview:
    """What saving these lines would store (prices, quantities, totals), or the ValidationError it
    would raise; nothing is written. The order editor shows it as the person types."""
    with db.read() as session:
        require(session, actor, PURCHASE_ORDER)
        built = build_lines(session, supplier_id, lines)
    priced = tuple(PricedLine(line.package_price, line.quantity, line.total) for line in built)
    return OrderPreview(priced, sum((line.total for line in priced), ZERO))
