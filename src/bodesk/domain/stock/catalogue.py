"""The product catalogue: products, their packagings and categories.

A product is identified by its SKU (a code: in capitals, unique ignoring case) and, when it has one,
its GTIN/EAN (check digit verified with python-stdnum). `search_text` holds the folded name, brand,
SKU and GTIN so that a type-ahead search is one indexed LIKE, the same on SQLite and PostgreSQL.
The rules of a product's data are product_rules'; every save goes through product_saving.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import may, require
from bodesk.domain.common.errors import ConfirmableWarning, NotFound, ValidationError
from bodesk.domain.common.versions import refuse_if_changed
from bodesk.domain.stock.models import ZERO, Category, Packaging, Product
from bodesk.domain.stock.packaging_saving import PackagingChange, add_packagings_in, cleaned_packaging
from bodesk.domain.stock.permissions import CATALOGUE_EDIT, STOCK_COSTS, STOCK_VIEW
from bodesk.domain.stock.product_rules import UNITS, ProductData, cleaned, validate_gtin
from bodesk.domain.stock.product_saving import ProductChange, prepare_products, save_products_in
from bodesk.domain.stock.search import product_by_code
from bodesk.i18n import _, format_decimal
from bodesk.store.engine import Database
from bodesk.store.locking import LOCK

__all__ = ["UNITS", "ProductData", "validate_gtin"]  # what forms import from here with the services

ARCHIVE_WITH_STOCK = "archive_with_stock"


def create_product_in(session: Session, actor: Actor, data: ProductData) -> Product:
    """Insert a product inside an open write unit of work."""
    (product_id,) = save_products_in(session, actor, prepare_products([ProductChange(None, cleaned(data))]))
    return get_product(session, product_id)


def update_product_in(session: Session, actor: Actor, product_id: int, data: ProductData) -> Product:
    stored = session.get(Product, product_id, with_for_update=LOCK)
    if stored is None:
        raise NotFound(_("That product no longer exists."), code="product.not_found")
    what = _("the product {sku}").format(sku=stored.sku)
    refuse_if_changed(session, "product", stored.sku, stored.version, data.version, what)
    save_products_in(session, actor, prepare_products([ProductChange(product_id, cleaned(data))]))
    product = session.get(Product, product_id, populate_existing=True)
    if product is None:
        raise NotFound(_("That product no longer exists."), code="product.not_found")
    return product


def update_product(db: Database, actor: Actor, product_id: int, data: ProductData) -> None:
    with db.write() as session:
        require(session, actor, CATALOGUE_EDIT)
        update_product_in(session, actor, product_id, data)


def get_product(session: Session, product_id: int) -> Product:
    product = session.get(Product, product_id)
    if product is None:
        raise NotFound(_("That product no longer exists."), code="product.not_found")
    return product


def set_product_active(
    db: Database, actor: Actor, product_id: int, active: bool, confirmed: frozenset[str] = frozenset()
) -> None:
    """Archive a product (it leaves lists and searches) or bring it back; archiving one with stock
    on hand asks for confirmation first."""
    with db.write() as session:
        require(session, actor, CATALOGUE_EDIT)
        product = get_product(session, product_id)
        if not active and product.on_hand > ZERO and ARCHIVE_WITH_STOCK not in confirmed:
            raise ConfirmableWarning(
                ARCHIVE_WITH_STOCK,
                _("{name} still has {qty} {unit} in stock. Archive it anyway?").format(
                    name=product.name, qty=format_decimal(product.on_hand), unit=product.base_unit
                ),
            )
        if product.active != active:
            product.active = active
            audit.record(
                session,
                actor,
                "product.archive" if not active else "product.restore",
                "product",
                product.sku,
                old={"active": not active},
                new={"active": active},
            )


def product_data(db: Database, actor: Actor, product_id: int) -> ProductData:
    """A product's editable fields (its cost among them, for those who may see costs), for a form."""
    with db.read() as session:
        require(session, actor, STOCK_VIEW)
        product = get_product(session, product_id)
        category = session.get(Category, product.category_id) if product.category_id else None
        return ProductData(
            sku=product.sku,
            name=product.name,
            gtin=product.gtin or "",
            brand=product.brand,
            category=category.name if category else "",
            base_unit=product.base_unit,
            ncm=product.ncm,
            sale_price=product.sale_price,
            min_stock=product.min_stock,
            max_stock=product.max_stock,
            lot_tracked=product.lot_tracked,
            shelf_life_days=product.shelf_life_days,
            returnable=product.returnable,
            cost=product.cost if may(session, actor, STOCK_COSTS) else None,
            version=product.version,
        )


def add_packaging(
    db: Database,
    actor: Actor,
    product_id: int,
    name: str,
    units: Decimal,
    gtin: str = "",
    for_purchase: bool = True,
    for_sale: bool = True,
) -> int:
    with db.write() as session:
        require(session, actor, CATALOGUE_EDIT)
        product = get_product(session, product_id)
        return add_packaging_in(session, actor, product, name, units, gtin, for_purchase, for_sale).id


def add_packaging_in(
    session: Session,
    actor: Actor,
    product: Product,
    name: str,
    units: Decimal,
    gtin: str = "",
    for_purchase: bool = True,
    for_sale: bool = True,
) -> Packaging:
    change = cleaned_packaging(PackagingChange(product.id, name, units, gtin, for_purchase, for_sale))
    add_packagings_in(session, actor, [change], {product.id: product.sku})
    stmt = select(Packaging).where(Packaging.product_id == product.id, Packaging.name == change.name)
    return session.execute(stmt).scalar_one()


def remove_packaging(db: Database, actor: Actor, packaging_id: int) -> None:
    """Remove a packaging nothing refers to. Whatever refers to one (an order line, a supplier's price,
    later a sales price) holds a foreign key to it, so the database itself says whether it is in use:
    stock need not know the modules above it."""
    with db.write() as session:
        require(session, actor, CATALOGUE_EDIT)
        packaging = session.get(Packaging, packaging_id)
        if packaging is None:
            raise NotFound(_("That packaging no longer exists."), code="packaging.not_found")
        name, units = packaging.name, packaging.units
        product = get_product(session, packaging.product_id)
        try:
            with session.begin_nested():
                session.delete(packaging)
                session.flush()
        except IntegrityError:
            raise ValidationError.single(
                "packaging",
                _(
                    "The packaging “{name}” is used by documents or supplier prices and cannot be removed."
                ).format(name=name),
            ) from None
        audit.record(
            session,
            actor,
            "packaging.remove",
            "product",
            product.sku,
            old={"packaging": name, "units": units},
        )


@dataclass(frozen=True)
class ScannedProduct:
    product_id: int
    sku: str
    name: str
    units: Decimal  # base units per scan: 1, or the packaging's units
    packaging: str  # "" for the base unit


def find_by_code(session: Session, code: str) -> ScannedProduct | None:
    """What a barcode scanner or a typed SKU points at: a product (1 unit) or a packaging (its units)."""
    code = code.strip()
    if not code:
        return None
    product = product_by_code(session, code)
    if product is not None:
        return ScannedProduct(product.id, product.sku, product.name, Decimal(1), "")
    row = session.execute(
        select(Packaging, Product)
        .join(Product, Product.id == Packaging.product_id)
        .where(Packaging.gtin == code, Product.active.is_(True))
        .limit(1)
    ).first()
    if row is None:
        return None
    packaging, product = row
    return ScannedProduct(product.id, product.sku, product.name, packaging.units, packaging.name)
