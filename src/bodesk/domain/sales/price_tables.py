"""Price tables, their prices per product and packaging, quantity breaks and promotions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.errors import NotFound, ValidationError, Validator
from bodesk.domain.common.money import PRICE_RULE, round_money, round_quantity
from bodesk.domain.sales.models import Segment
from bodesk.domain.sales.permissions import PRICES_EDIT
from bodesk.domain.sales.price_models import PriceBreak, PriceTable, PriceTableItem, Promotion
from bodesk.domain.stock.models import Category, Packaging, Product
from bodesk.i18n import _
from bodesk.store.engine import Database

HUNDRED = Decimal(100)


def get_table(session: Session, table_id: int) -> PriceTable:
    table = session.get(PriceTable, table_id)
    if table is None:
        raise NotFound(_("That price table no longer exists."), code="price_table.not_found")
    return table


def add_price_table(
    db: Database, actor: Actor, name: str, segment_id: int | None = None, is_default: bool = False
) -> int:
    clean = " ".join(name.split())
    if not clean or len(clean) > 60:
        raise ValidationError.single("name", _("Enter the table's name, up to 60 characters."))
    with db.write() as session:
        require(session, actor, PRICES_EDIT)
        if session.execute(select(PriceTable.id).where(PriceTable.name == clean)).first() is not None:
            raise ValidationError.single(
                "name", _("There is a price table {name} already.").format(name=clean)
            )
        if segment_id is not None and session.get(Segment, segment_id) is None:
            raise ValidationError.single("segment", _("That segment no longer exists."))
        if is_default:  # one default table
            session.execute(update(PriceTable).values(is_default=False))
        table = PriceTable(name=clean, segment_id=segment_id, is_default=is_default, active=True, notes="")
        session.add(table)
        session.flush()
        audit.record(session, actor, "price_table.add", "price_table", clean, new={"default": is_default})
        return table.id


def _money(check: Validator, value: Decimal | None, field: str) -> None:
    if value is None:
        return
    problem = PRICE_RULE.problem(value) or (None if value >= 0 else _("A price is zero or more."))
    if problem:
        check.add(field, problem)


def set_price(
    db: Database,
    actor: Actor,
    table_id: int,
    product_id: int,
    packaging_id: int | None,
    price: Decimal,
    min_price: Decimal | None = None,
) -> None:
    """The table's price of one package (None: one base unit) of a product, and its minimum."""
    check = Validator()
    _money(check, price, "price")
    _money(check, min_price, "min_price")
    check.check(
        min_price is None or min_price <= price, "min_price", _("The minimum cannot be above the price.")
    )
    check.raise_if_any()
    with db.write() as session:
        require(session, actor, PRICES_EDIT)
        table = get_table(session, table_id)
        product = session.get(Product, product_id)
        if product is None:
            raise NotFound(_("That product no longer exists."), code="product.not_found")
        if packaging_id is not None:
            packaging = session.get(Packaging, packaging_id)
            if packaging is None or packaging.product_id != product.id:
                raise ValidationError.single("packaging", _("That packaging is not one of the product's."))
        key = packaging_id or 0
        item = session.execute(
            select(PriceTableItem).where(
                PriceTableItem.table_id == table.id,
                PriceTableItem.product_id == product.id,
                PriceTableItem.packaging_key == key,
            )
        ).scalar_one_or_none()
        old = {"price": item.price, "min_price": item.min_price} if item else None
        if item is None:
            item = PriceTableItem(
                table_id=table.id, product_id=product.id, packaging_id=packaging_id, packaging_key=key
            )
            session.add(item)
        item.price, item.min_price = price, min_price
        audit.record(
            session, actor, "price_table.price", "price_table", table.name,
            old=old, new={"sku": product.sku, "packaging_id": packaging_id, "price": price, "min_price": min_price},
        )  # fmt: skip


def _scope(check: Validator, session: Session, product_id: int | None, category_id: int | None) -> None:
    check.check(
        product_id is None or category_id is None, "product", _("Choose a product or a category, not both.")
    )
    if product_id is not None and session.get(Product, product_id) is None:
        check.add("product", _("That product no longer exists."))
    if category_id is not None and session.get(Category, category_id) is None:
        check.add("category", _("That category no longer exists."))


def _percent(check: Validator, value: Decimal) -> None:
    check.check(
        Decimal(0) < value < HUNDRED and round_money(value) == value,
        "discount",
        _("A discount is above 0 and below 100 %, with at most 2 decimals."),
    )


def add_break(
    db: Database,
    actor: Actor,
    table_id: int | None,
    min_units: Decimal,
    discount: Decimal,
    product_id: int | None = None,
    category_id: int | None = None,
    label: str = "",
) -> int:
    """From `min_units` base units of the product (or of the category's products, or of any product)
    on, `discount` percent; in one table or in every table."""
    check = Validator()
    _percent(check, discount)
    check.check(
        min_units > 0 and round_quantity(min_units) == min_units,
        "min_units",
        _("Enter the quantity from which it applies."),
    )
    with db.write() as session:
        require(session, actor, PRICES_EDIT)
        _scope(check, session, product_id, category_id)
        if table_id is not None:
            get_table(session, table_id)
        check.raise_if_any()
        rule = PriceBreak(
            table_id=table_id, product_id=product_id, category_id=category_id, min_units=min_units,
            label=" ".join(label.split())[:60], discount=discount,
        )  # fmt: skip
        session.add(rule)
        session.flush()
        audit.record(
            session,
            actor,
            "price_break.add",
            "price_break",
            rule.id,
            new={"discount": discount, "min_units": min_units},
        )
        return rule.id


def add_promotion(
    db: Database,
    actor: Actor,
    name: str,
    starts_on: date,
    ends_on: date,
    discount: Decimal,
    table_id: int | None = None,
    product_id: int | None = None,
    category_id: int | None = None,
) -> int:
    check = Validator()
    clean = " ".join(name.split())
    check.check(0 < len(clean) <= 100, "name", _("Enter the promotion's name, up to 100 characters."))
    check.check(starts_on <= ends_on, "ends_on", _("A promotion ends on or after the day it starts."))
    _percent(check, discount)
    with db.write() as session:
        require(session, actor, PRICES_EDIT)
        _scope(check, session, product_id, category_id)
        if table_id is not None:
            get_table(session, table_id)
        check.raise_if_any()
        promotion = Promotion(
            name=clean, starts_on=starts_on, ends_on=ends_on, table_id=table_id, product_id=product_id,
            category_id=category_id, discount=discount, active=True,
        )  # fmt: skip
        session.add(promotion)
        session.flush()
        audit.record(session, actor, "promotion.add", "promotion", clean, new={"discount": discount})
        return promotion.id
