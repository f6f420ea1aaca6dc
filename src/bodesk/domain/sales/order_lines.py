"""Sales order lines: validated, priced by the customer's table (`pricing.py`), discounted within the
person's limit, checked against the minimum price, rounded — the same code for the editor's live
preview and for saving.

Decisions:
- A line is a number of packages of one packaging (None: the base unit) of an active product sold in
  that packaging; packages are whole, except for a product sold by weight or volume (kg, g, L, mL, m)
  by its base unit. A product appears once per order (and packaging): a second line is refused, naming
  the first.
- The price per package comes from the table unless the person types one; the line's discount (in
  percent, up to 2 places) applies to it. A discount above the company's limit needs SALES_DISCOUNT; a
  price below the table's minimum needs SALES_BELOW_MINIMUM. Each refusal names its limit.
- Totals: a line's total is packages × price, to cents; the order adds them; units and weight (kg) are
  summed from the base units.
Field names: "lines" for the lines as a whole, `line_field(n, part)` for line n (1-based), part one of
"product", "packaging", "packages", "price", "discount", "lot".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from bodesk.domain.access.permissions import is_allowed
from bodesk.domain.common.errors import Validator, line_field
from bodesk.domain.common.figures import money_text
from bodesk.domain.common.money import PRICE_RULE, QUANTITY_RULE, round_money, round_quantity
from bodesk.domain.sales.permissions import SALES_BELOW_MINIMUM, SALES_DISCOUNT
from bodesk.domain.sales.pricing import PriceBook
from bodesk.domain.stock.models import ZERO, Lot, Packaging, Product
from bodesk.i18n import _, format_decimal

ONE = Decimal(1)
HUNDRED = Decimal(100)
MAX_LINES = 500
DIVISIBLE_UNITS = frozenset({"kg", "g", "L", "mL", "m"})  # stock.product_rules.UNITS sold by measure


@dataclass(frozen=True)
class SalesLineInput:
    product_id: int
    packaging_id: int | None  # None: sold by the base unit
    packages: Decimal
    discount: Decimal = ZERO  # percent
    price: Decimal | None = None  # one package; None: the table's
    lot_id: int | None = None  # one lot asked for; None: first expired, first out


@dataclass(frozen=True)
class BuiltLine:
    position: int
    product_id: int
    packaging_id: int | None
    units_per_package: Decimal
    packages: Decimal
    quantity: Decimal
    list_price: Decimal
    discount: Decimal
    price: Decimal
    price_note: str
    lot_id: int | None
    total: Decimal
    weight: Decimal
    minimum: Decimal | None

    def row(self) -> dict[str, object]:
        """The line as the order's lines table stores it."""
        return {
            "position": self.position,
            "product_id": self.product_id,
            "packaging_id": self.packaging_id,
            "units_per_package": self.units_per_package,
            "packages": self.packages,
            "quantity": self.quantity,
            "list_price": self.list_price,
            "discount": self.discount,
            "price": self.price,
            "price_note": self.price_note[:300],
            "lot_id": self.lot_id,
            "total": self.total,
        }


@dataclass(frozen=True)
class BuiltLines:
    lines: list[BuiltLine]

    @property
    def total(self) -> Decimal:
        return sum((line.total for line in self.lines), ZERO)

    @property
    def units(self) -> Decimal:
        return sum((line.quantity for line in self.lines), ZERO)

    @property
    def weight(self) -> Decimal:
        return round_quantity(sum((line.weight for line in self.lines), ZERO))


def _is_whole(value: Decimal) -> bool:
    return value == value.to_integral_value()


def counted_whole(session: Session, product_ids: Iterable[int]) -> set[int]:
    """The products among `product_ids` whose base unit is counted whole (a bottle, a can): what ships
    or comes back of them is a whole number of base units; products sold by measure (kg, L) are not."""
    ids = set(product_ids)
    if not ids:
        return set()
    return {
        product_id
        for product_id, unit in session.execute(
            select(Product.id, Product.base_unit).where(Product.id.in_(ids))
        )
        if unit not in DIVISIBLE_UNITS
    }


def whole_units_message() -> str:
    return _("This product is counted in whole units: enter a whole number.")


def build_lines(
    session: Session,
    role: str,
    book: PriceBook,
    inputs: Sequence[SalesLineInput],
    max_discount: Decimal,
) -> BuiltLines:
    """The lines priced and checked, every problem at once (a ValidationError naming each field)."""
    check = Validator()
    check.check(bool(inputs), "lines", _("Add at least one line."))
    check.check(len(inputs) <= MAX_LINES, "lines", _("An order has at most {n} lines.").format(n=MAX_LINES))
    ids = {line.product_id for line in inputs}
    products = {p.id: p for p in session.execute(select(Product).where(Product.id.in_(ids))).scalars()}
    packagings = {
        p.id: p for p in session.execute(select(Packaging).where(Packaging.product_id.in_(ids))).scalars()
    }
    lots = {
        lot.id: lot
        for lot in session.execute(
            select(Lot).where(Lot.id.in_({line.lot_id for line in inputs if line.lot_id is not None}))
        ).scalars()
    }
    may_discount = is_allowed(role, SALES_DISCOUNT)
    may_undersell = is_allowed(role, SALES_BELOW_MINIMUM)
    seen: dict[tuple[int, int], int] = {}
    built: list[BuiltLine] = []
    for position, given in enumerate(inputs, start=1):
        product = products.get(given.product_id)
        if product is None:
            check.add(
                line_field(position, "product"), _("Line {n}: the product does not exist.").format(n=position)
            )
            continue
        name = product.name
        if not product.active:
            check.add(
                line_field(position, "product"),
                _("Line {n}: {product} is archived: restore it to sell it.").format(n=position, product=name),
            )
        units_per = ONE
        if given.packaging_id is not None:
            packaging = packagings.get(given.packaging_id)
            if packaging is None or packaging.product_id != product.id or not packaging.for_sale:
                check.add(
                    line_field(position, "packaging"),
                    _("Line {n}: {product} is not sold in that packaging.").format(n=position, product=name),
                )
                continue
            units_per = packaging.units
        key = (product.id, given.packaging_id or 0)
        if key in seen:
            check.add(
                line_field(position, "product"),
                _("Line {n}: {product} is already on line {first}: change that line instead.").format(
                    n=position, product=name, first=seen[key]
                ),
            )
            continue
        seen[key] = position
        packages = given.packages
        whole = given.packaging_id is not None or product.base_unit not in DIVISIBLE_UNITS
        problem = QUANTITY_RULE.problem(packages) or QUANTITY_RULE.problem(packages * units_per)
        if packages <= ZERO or problem:
            check.add(
                line_field(position, "packages"),
                _("Line {n}: {product}: {problem}").format(
                    n=position, product=name, problem=problem or _("enter a quantity above zero.")
                ),
            )
            continue
        if whole and not _is_whole(packages):
            check.add(
                line_field(position, "packages"),
                _("Line {n}: {product} is sold in whole packages: enter a whole number.").format(
                    n=position, product=name
                ),
            )
            continue
        if given.lot_id is not None:
            lot = lots.get(given.lot_id)
            if lot is None or lot.product_id != product.id:
                check.add(
                    line_field(position, "lot"),
                    _("Line {n}: that lot is not one of {product}'s.").format(n=position, product=name),
                )
        quantity = round_quantity(packages * units_per)
        quote = book.quote(product.id, given.packaging_id, units_per, quantity)
        discount = given.discount
        if discount < ZERO or discount >= HUNDRED or round_money(discount) != discount:
            check.add(
                line_field(position, "discount"),
                _("Line {n}: a discount is from 0 to 99.99 %.").format(n=position),
            )
            continue
        if discount > max_discount and not may_discount:
            check.add(
                line_field(position, "discount"),
                _("Line {n}: your role may give up to {max} % discount; ask a manager for more.").format(
                    n=position, max=format_decimal(max_discount)
                ),
            )
        base = quote.price if given.price is None else given.price
        problem = PRICE_RULE.problem(base)
        if base < ZERO or problem:
            check.add(
                line_field(position, "price"),
                _("Line {n}: {problem}").format(n=position, problem=problem or _("a price is zero or more.")),
            )
            continue
        price = round_money(base * (HUNDRED - discount) / HUNDRED)
        if quote.minimum is not None and price < quote.minimum and not may_undersell:
            check.add(
                line_field(position, "price"),
                _("Line {n}: {product} sells for at least {minimum}; ask a manager to sell for less.").format(
                    n=position, product=name, minimum=money_text(quote.minimum)
                ),
            )
        note = quote.note if given.price is None else _("price typed by hand")
        if discount:
            note += "; " + _("discount {discount} %").format(discount=format_decimal(discount))
        built.append(
            BuiltLine(
                position=position,
                product_id=product.id,
                packaging_id=given.packaging_id,
                units_per_package=units_per,
                packages=packages,
                quantity=quantity,
                list_price=quote.list_price,
                discount=discount,
                price=price,
                price_note=note,
                lot_id=given.lot_id,
                total=round_money(packages * price),
                weight=quantity * product.weight,
                minimum=quote.minimum,
            )
        )
    check.raise_if_any()
    return BuiltLines(built)
