"""The price of a sales line, and why: the one function every order, quote and screen asks.

How a price is found, in order (each step says itself in the line's note):
1. The table: the customer's own, else the table of the customer's segment, else the company's default
   table; none is also possible (the catalogue price then).
2. The list price of one package: the table's price for that packaging; else the table's unit price
   times the units in the package; else the catalogue's sale price times the units. (A case is not 12
   times the unit price when the table says what a case costs.) The minimum comes from the same entry.
3. A quantity break: the largest discount of the breaks of that table (or of every table) for the
   product or its category whose minimum the line's units reach ("from 10 cases −3 %").
4. A promotion: the largest discount of the promotions of that table (or of every table) for the
   product or its category running on the order's date.
The break and the promotion apply one after the other; the price is rounded once, to cents.
A `PriceBook` reads what an order needs in a few queries and then prices every line from memory.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bodesk.domain.common.money import round_money
from bodesk.domain.sales.models import Customer
from bodesk.domain.sales.price_models import PriceBreak, PriceTable, PriceTableItem, Promotion
from bodesk.domain.stock.models import Product
from bodesk.i18n import _, format_date, format_decimal

ZERO = Decimal(0)
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class PriceQuote:
    list_price: Decimal  # one package, before breaks and promotions
    price: Decimal  # one package, after them, rounded to cents
    minimum: Decimal | None  # one package
    reasons: tuple[str, ...]

    @property
    def note(self) -> str:
        return "; ".join(self.reasons)


@dataclass(frozen=True)
class _Product:
    id: int
    category_id: int | None
    sale_price: Decimal


@dataclass
class PriceBook:
    """Everything needed to price lines of some products for one table on one date."""

    table_id: int | None
    table_name: str
    on: date
    products: dict[int, _Product] = field(default_factory=dict)
    items: dict[tuple[int, int], tuple[Decimal, Decimal | None]] = field(default_factory=dict)
    breaks: list[PriceBreak] = field(default_factory=list)
    promotions: list[Promotion] = field(default_factory=list)

    def quote(
        self, product_id: int, packaging_id: int | None, units_per_package: Decimal, units: Decimal
    ) -> PriceQuote:
        """The price of one package of `packaging_id` (None: one base unit) for a line of `units` base units."""
        product = self.products[product_id]
        reasons: list[str] = []
        exact = self.items.get((product_id, packaging_id or 0))
        unit = self.items.get((product_id, 0))
        if exact is not None:
            price, minimum = exact
            reasons.append(_("table {table}").format(table=self.table_name))
        elif unit is not None:
            price = unit[0] * units_per_package
            minimum = unit[1] * units_per_package if unit[1] is not None else None
            reasons.append(
                _("table {table}, {units} × unit price").format(
                    table=self.table_name, units=format_decimal(units_per_package)
                )
            )
        else:
            price, minimum = product.sale_price * units_per_package, None
            reasons.append(_("catalogue price"))
        listed = round_money(price)
        net = price
        best_break = max(
            (b for b in self.breaks if _applies(b, product) and units >= b.min_units),
            key=lambda b: b.discount,
            default=None,
        )
        if best_break is not None:
            net = net * (HUNDRED - best_break.discount) / HUNDRED
            reasons.append(
                _("break {label} −{discount} %").format(
                    label=best_break.label or "≥" + format_decimal(best_break.min_units),
                    discount=format_decimal(best_break.discount),
                )
            )
        promotion = max(
            (p for p in self.promotions if _applies(p, product) and p.starts_on <= self.on <= p.ends_on),
            key=lambda p: p.discount,
            default=None,
        )
        if promotion is not None:
            net = net * (HUNDRED - promotion.discount) / HUNDRED
            reasons.append(
                _("promotion {name} −{discount} % until {end}").format(
                    name=promotion.name,
                    discount=format_decimal(promotion.discount),
                    end=format_date(promotion.ends_on),
                )
            )
        return PriceQuote(
            listed, round_money(net), round_money(minimum) if minimum is not None else None, tuple(reasons)
        )


def _applies(rule: PriceBreak | Promotion, product: _Product) -> bool:
    if rule.product_id is not None:
        return rule.product_id == product.id
    return rule.category_id is None or rule.category_id == product.category_id


def table_for(session: Session, customer: Customer) -> PriceTable | None:
    """The customer's table: its own, else its segment's, else the company's default (active ones)."""
    if customer.price_table_id is not None:
        own = session.get(PriceTable, customer.price_table_id)
        if own is not None and own.active:
            return own
    if customer.segment_id is not None:
        by_segment = session.execute(
            select(PriceTable)
            .where(PriceTable.segment_id == customer.segment_id, PriceTable.active.is_(True))
            .order_by(PriceTable.name)
            .limit(1)
        ).scalar_one_or_none()
        if by_segment is not None:
            return by_segment
    return session.execute(
        select(PriceTable).where(PriceTable.is_default.is_(True), PriceTable.active.is_(True)).limit(1)
    ).scalar_one_or_none()


def load_book(
    session: Session, table: PriceTable | None, product_ids: Collection[int], on: date
) -> PriceBook:
    """What pricing `product_ids` in `table` on `on` needs, read at once."""
    ids = sorted(set(product_ids))
    book = PriceBook(table.id if table else None, table.name if table else "", on)
    for product_id, category_id, sale_price in session.execute(
        select(Product.id, Product.category_id, Product.sale_price).where(Product.id.in_(ids))
    ):
        book.products[product_id] = _Product(product_id, category_id, sale_price)
    if table is not None:
        for product_id, key, price, minimum in session.execute(
            select(
                PriceTableItem.product_id,
                PriceTableItem.packaging_key,
                PriceTableItem.price,
                PriceTableItem.min_price,
            ).where(PriceTableItem.table_id == table.id, PriceTableItem.product_id.in_(ids))
        ):
            book.items[(product_id, key)] = (price, minimum)
    in_table = (
        PriceBreak.table_id.is_(None)
        if table is None
        else or_(PriceBreak.table_id.is_(None), PriceBreak.table_id == table.id)
    )
    categories = {p.category_id for p in book.products.values() if p.category_id is not None}
    concerns = or_(
        PriceBreak.product_id.in_(ids),
        PriceBreak.category_id.in_(sorted(categories)),
        (PriceBreak.product_id.is_(None) & PriceBreak.category_id.is_(None)),
    )
    book.breaks = list(session.execute(select(PriceBreak).where(in_table, concerns)).scalars())
    promo_table = (
        Promotion.table_id.is_(None)
        if table is None
        else or_(Promotion.table_id.is_(None), Promotion.table_id == table.id)
    )
    book.promotions = list(
        session.execute(
            select(Promotion).where(
                promo_table,
                Promotion.active.is_(True),
                Promotion.starts_on <= on,
                Promotion.ends_on >= on,
                or_(
                    Promotion.product_id.in_(ids),
                    Promotion.category_id.in_(sorted(categories)),
                    (Promotion.product_id.is_(None) & Promotion.category_id.is_(None)),
                ),
            )
        ).scalars()
    )
    return book
