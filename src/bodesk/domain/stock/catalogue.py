"""The product catalogue: products, their packagings and categories.

A product is identified by its SKU and, when it has one, its GTIN/EAN (check digit verified with
python-stdnum). `search_text` holds the folded name, brand, SKU and GTIN so that a type-ahead search
is one indexed LIKE, the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from stdnum import ean

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import may, require
from bodesk.domain.common.errors import ConfirmableWarning, NotFound, ValidationError, Validator
from bodesk.domain.common.money import round_money, round_quantity, round_unit_price
from bodesk.domain.common.text import fold
from bodesk.domain.stock.models import ZERO, Category, Packaging, Product
from bodesk.domain.stock.permissions import CATALOGUE_EDIT, STOCK_COSTS, STOCK_VIEW
from bodesk.domain.stock.search import product_by_code
from bodesk.i18n import _, format_decimal
from bodesk.store.engine import Database
from bodesk.store.types import utcnow

SKU_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$")
UNITS = ("un", "kg", "g", "L", "mL", "m", "cx", "pct", "fd", "dz")
ARCHIVE_WITH_STOCK = "archive_with_stock"


@dataclass(frozen=True)
class ProductData:
    sku: str
    name: str
    gtin: str = ""
    brand: str = ""
    category: str = ""
    base_unit: str = "un"
    ncm: str = ""
    sale_price: Decimal = ZERO
    min_stock: Decimal = ZERO
    max_stock: Decimal = ZERO
    lot_tracked: bool = False
    shelf_life_days: int | None = None
    returnable: bool = False
    cost: Decimal | None = None  # only when creating: the starting average cost


def validate_gtin(value: str, field: str = "gtin") -> str:
    """A GTIN-8/12/13/14 with a correct check digit, compacted; "" stays ""."""
    code = value.strip().replace(" ", "")
    if not code:
        return ""
    if not code.isdigit() or len(code) not in (8, 12, 13, 14) or not ean.is_valid(code):
        raise ValidationError.single(
            field,
            _("“{code}” is not a valid GTIN/EAN barcode (check the digits).").format(code=value.strip()),
        )
    return code


def search_text(sku: str, name: str, brand: str, gtin: str | None) -> str:
    return fold(" ".join(part for part in (sku, name, brand, gtin or "") if part))[:400]


def clean_product_data(session: Session, data: ProductData, product_id: int | None) -> ProductData:
    """The data cleaned up and checked against the catalogue, or every problem at once."""
    check = Validator()
    sku = data.sku.strip()
    check.check(
        bool(SKU_PATTERN.match(sku)),
        "sku",
        _("A SKU has 1 to 40 letters, digits or . _ / - and starts with a letter or digit."),
    )
    name = " ".join(data.name.split())
    check.check(bool(name), "name", _("Enter the product's name."))
    gtin = ""
    try:
        gtin = validate_gtin(data.gtin)
    except ValidationError as exc:
        check.errors.extend(exc.errors)
    ncm = data.ncm.strip().replace(".", "")
    check.check(
        not ncm or (ncm.isdigit() and len(ncm) == 8), "ncm", _("An NCM code has 8 digits: 2202.10.00.")
    )
    check.check(
        data.base_unit in UNITS, "base_unit", _("Choose a unit: {units}.").format(units=", ".join(UNITS))
    )
    for field, amount in (
        ("sale_price", data.sale_price),
        ("min_stock", data.min_stock),
        ("max_stock", data.max_stock),
    ):
        check.check(amount >= ZERO, field, _("The value cannot be negative."))
    if data.cost is not None:
        check.check(data.cost >= ZERO, "cost", _("The value cannot be negative."))
    check.check(
        data.max_stock == ZERO or data.max_stock >= data.min_stock,
        "max_stock",
        _("The maximum stock must be at least the minimum."),
    )
    if data.shelf_life_days is not None:
        check.check(
            data.shelf_life_days > 0, "shelf_life_days", _("The shelf life is a number of days above zero.")
        )
    if SKU_PATTERN.match(sku):
        taken = session.execute(select(Product.id).where(Product.sku == sku)).scalar_one_or_none()
        check.check(taken in (None, product_id), "sku", _("The SKU “{sku}” is already used.").format(sku=sku))
    if gtin:
        taken = session.execute(select(Product.id).where(Product.gtin == gtin)).scalar_one_or_none()
        used_by_pack = session.execute(select(Packaging.product_id).where(Packaging.gtin == gtin)).first()
        check.check(
            taken in (None, product_id) and used_by_pack is None,
            "gtin",
            _("The barcode {gtin} is already used by another product.").format(gtin=gtin),
        )
    check.raise_if_any()
    return ProductData(
        sku=sku,
        name=name,
        gtin=gtin,
        brand=" ".join(data.brand.split()),
        category=" ".join(data.category.split()),
        base_unit=data.base_unit,
        ncm=ncm,
        sale_price=round_money(data.sale_price),
        min_stock=round_quantity(data.min_stock),
        max_stock=round_quantity(data.max_stock),
        lot_tracked=data.lot_tracked,
        shelf_life_days=data.shelf_life_days,
        returnable=data.returnable,
        cost=None if data.cost is None else round_unit_price(data.cost),
    )


def category_id(session: Session, name: str) -> int | None:
    """The id of the category called `name`, created if new; None for no category."""
    name = " ".join(name.split())
    if not name:
        return None
    found = session.execute(select(Category.id).where(Category.name == name)).scalar_one_or_none()
    if found is not None:
        return found
    category = Category(name=name)
    session.add(category)
    session.flush()
    return category.id


def _snapshot(product: Product) -> dict[str, Any]:
    return {
        key: getattr(product, key)
        for key in (
            "sku",
            "gtin",
            "name",
            "brand",
            "category_id",
            "base_unit",
            "ncm",
            "sale_price",
            "min_stock",
            "max_stock",
            "lot_tracked",
            "shelf_life_days",
            "returnable",
            "active",
        )
    }


def create_product_in(session: Session, actor: Actor, data: ProductData) -> Product:
    """Insert a product inside an open write unit of work (imports use it for many rows)."""
    clean = clean_product_data(session, data, None)
    now = utcnow()
    values = asdict(clean)
    values.pop("category")
    values["cost"] = clean.cost or ZERO
    values["gtin"] = clean.gtin or None
    product = Product(
        **values,
        category_id=category_id(session, clean.category),
        active=True,
        on_hand=ZERO,
        search_text=search_text(clean.sku, clean.name, clean.brand, clean.gtin),
        created_at=now,
        updated_at=now,
    )
    session.add(product)
    session.flush()
    audit.record(session, actor, "product.add", "product", product.sku, new=_snapshot(product), at=now)
    return product


def update_product_in(session: Session, actor: Actor, product_id: int, data: ProductData) -> Product:
    product = get_product(session, product_id)
    clean = clean_product_data(session, data, product_id)
    before = _snapshot(product)
    for key, value in asdict(clean).items():
        if key in ("category", "cost"):
            continue
        setattr(product, key, (value or None) if key == "gtin" else value)
    product.category_id = category_id(session, clean.category)
    product.search_text = search_text(clean.sku, clean.name, clean.brand, clean.gtin)
    product.updated_at = utcnow()
    old, new = audit.changes(before, _snapshot(product))
    if new:
        audit.record(session, actor, "product.update", "product", product.sku, old=old, new=new)
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
    check = Validator()
    name = " ".join(name.split())
    check.check(bool(name), "name", _("Name the packaging: “Caixa 12”, “Fardo 6”."))
    check.check(
        units > ZERO and round_quantity(units) == units,
        "units",
        _("A packaging holds more than zero units (at most 3 decimal places)."),
    )
    code = ""
    try:
        code = validate_gtin(gtin)
    except ValidationError as exc:
        check.errors.extend(exc.errors)
    if code:
        taken = (
            session.execute(select(Packaging.id).where(Packaging.gtin == code)).first()
            or session.execute(select(Product.id).where(Product.gtin == code)).first()
        )
        check.check(
            taken is None,
            "gtin",
            _("The barcode {gtin} is already used by another product.").format(gtin=code),
        )
    same = session.execute(
        select(Packaging.id).where(Packaging.product_id == product.id, Packaging.name == name)
    )
    check.check(
        same.first() is None,
        "name",
        _("{product} already has a packaging “{name}”.").format(product=product.name, name=name),
    )
    check.raise_if_any()
    packaging = Packaging(
        product_id=product.id,
        name=name,
        units=units,
        gtin=code or None,
        for_purchase=for_purchase,
        for_sale=for_sale,
    )
    session.add(packaging)
    session.flush()
    audit.record(
        session,
        actor,
        "packaging.add",
        "product",
        product.sku,
        new={"packaging": name, "units": units, "gtin": code},
    )
    return packaging


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
