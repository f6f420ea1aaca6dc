"""Suppliers and what they sell us: one function per command, each checking permission, validating
every field at once and writing the audit record in the same transaction.

A supplier is identified by its CNPJ (numeric or the alphanumeric format) or, for a person, its CPF.
A supplier price is the price of one package (or of one base unit when `packaging_id` is None); a
product has at most one preferred supplier, the one reorder suggestions pick first.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.errors import ConfirmableWarning, NotFound, ValidationError, Validator
from bodesk.domain.common.money import round_unit_price
from bodesk.domain.common.taxid import format_tax_id, validate_tax_id
from bodesk.domain.common.text import fold
from bodesk.domain.company.services import BRAZILIAN_STATES
from bodesk.domain.purchasing.models import PurchaseOrder, Supplier, SupplierProduct
from bodesk.domain.purchasing.permissions import PURCHASING_VIEW, SUPPLIERS_EDIT
from bodesk.domain.purchasing.states import OPEN_STATUSES
from bodesk.domain.stock.models import ZERO, Packaging, Product
from bodesk.i18n import _
from bodesk.store.engine import Database

EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
ARCHIVE_WITH_OPEN_ORDERS = "archive_with_open_orders"
MAX_DAYS = 365


@dataclass(frozen=True)
class SupplierData:
    name: str
    tax_id: str
    trade_name: str = ""
    contact_name: str = ""
    email: str = ""
    phone: str = ""
    city: str = ""
    state: str = ""
    payment_terms_days: int = 28
    lead_time_days: int = 7
    notes: str = ""


def _line(value: str) -> str:
    return " ".join(value.split())


def _clean(session: Session, data: SupplierData, supplier_id: int | None) -> SupplierData:
    check = Validator()
    name = _line(data.name)
    check.check(bool(name), "name", _("Enter the supplier's company name."))
    tax_id = ""
    try:
        tax_id = validate_tax_id(data.tax_id)
    except ValidationError as exc:
        check.errors.extend(exc.errors)
    if tax_id:
        taken = session.execute(select(Supplier.id).where(Supplier.tax_id == tax_id)).scalar_one_or_none()
        check.check(
            taken in (None, supplier_id),
            "tax_id",
            _("Another supplier already has the tax id {number}.").format(number=format_tax_id(tax_id)),
        )
    email = data.email.strip()
    check.check(
        not email or bool(EMAIL_PATTERN.match(email)),
        "email",
        _("“{email}” is not an e-mail address.").format(email=email),
    )
    state = data.state.strip().upper()
    check.check(not state or state in BRAZILIAN_STATES, "state", _("Choose a state (UF): SP, RJ, MG…"))
    for field, days in (
        ("payment_terms_days", data.payment_terms_days),
        ("lead_time_days", data.lead_time_days),
    ):
        check.check(
            0 <= days <= MAX_DAYS, field, _("Enter a number of days from 0 to {most}.").format(most=MAX_DAYS)
        )
    check.raise_if_any()
    return SupplierData(
        name=name,
        tax_id=tax_id,
        trade_name=_line(data.trade_name),
        contact_name=_line(data.contact_name),
        email=email,
        phone=_line(data.phone),
        city=_line(data.city),
        state=state,
        payment_terms_days=data.payment_terms_days,
        lead_time_days=data.lead_time_days,
        notes=data.notes.strip(),
    )


def search_text(data: SupplierData) -> str:
    parts = (data.name, data.trade_name, data.tax_id, data.city, data.contact_name)
    return fold(" ".join(part for part in parts if part))[:400]


def _snapshot(supplier: Supplier) -> dict[str, Any]:
    return {key: getattr(supplier, key) for key in SupplierData.__dataclass_fields__} | {
        "active": supplier.active
    }


def get_supplier(session: Session, supplier_id: int) -> Supplier:
    supplier = session.get(Supplier, supplier_id)
    if supplier is None:
        raise NotFound(_("That supplier no longer exists."), code="supplier.not_found")
    return supplier


def clean_supplier_data(session: Session, data: SupplierData, supplier_id: int | None) -> SupplierData:
    """The data cleaned up and checked (tax id unique), or every problem at once."""
    return _clean(session, data, supplier_id)


def create_supplier_in(session: Session, actor: Actor, data: SupplierData) -> Supplier:
    """Insert a supplier inside an open write unit of work (imports use it for many rows)."""
    clean = _clean(session, data, None)
    supplier = Supplier(**asdict(clean), active=True, search_text=search_text(clean))
    session.add(supplier)
    session.flush()
    audit.record(session, actor, "supplier.add", "supplier", clean.tax_id, new=_snapshot(supplier))
    return supplier


def create_supplier(db: Database, actor: Actor, data: SupplierData) -> int:
    with db.write() as session:
        require(session, actor, SUPPLIERS_EDIT)
        return create_supplier_in(session, actor, data).id


def update_supplier_in(session: Session, actor: Actor, supplier_id: int, data: SupplierData) -> Supplier:
    supplier = get_supplier(session, supplier_id)
    clean = _clean(session, data, supplier_id)
    before = _snapshot(supplier)
    for key, value in asdict(clean).items():
        setattr(supplier, key, value)
    supplier.search_text = search_text(clean)
    old, new = audit.changes(before, _snapshot(supplier))
    if new:
        audit.record(session, actor, "supplier.update", "supplier", supplier.tax_id, old=old, new=new)
    return supplier


def update_supplier(db: Database, actor: Actor, supplier_id: int, data: SupplierData) -> None:
    with db.write() as session:
        require(session, actor, SUPPLIERS_EDIT)
        update_supplier_in(session, actor, supplier_id, data)


def set_supplier_active(
    db: Database, actor: Actor, supplier_id: int, active: bool, confirmed: frozenset[str] = frozenset()
) -> None:
    """Archive a supplier (no new orders, left out of reorder suggestions) or bring it back.

    Archiving one with open orders asks for confirmation first; the open orders stay as they are.
    """
    with db.write() as session:
        require(session, actor, SUPPLIERS_EDIT)
        supplier = get_supplier(session, supplier_id)
        if not active and supplier.active and ARCHIVE_WITH_OPEN_ORDERS not in confirmed:
            open_orders = session.execute(
                select(PurchaseOrder.number)
                .where(PurchaseOrder.supplier_id == supplier_id, PurchaseOrder.status.in_(OPEN_STATUSES))
                .order_by(PurchaseOrder.number)
            ).scalars()
            numbers = [str(number) for number in open_orders]
            if numbers:
                raise ConfirmableWarning(
                    ARCHIVE_WITH_OPEN_ORDERS,
                    _("{name} still has open purchase orders ({numbers}). Archive it anyway?").format(
                        name=supplier.name, numbers=", ".join(numbers)
                    ),
                )
        if supplier.active != active:
            supplier.active = active
            audit.record(
                session,
                actor,
                "supplier.archive" if not active else "supplier.restore",
                "supplier",
                supplier.tax_id,
                old={"active": not active},
                new={"active": active},
            )


def supplier_data(db: Database, actor: Actor, supplier_id: int) -> SupplierData:
    """A supplier's editable fields, for a form."""
    with db.read() as session:
        require(session, actor, PURCHASING_VIEW)
        supplier = get_supplier(session, supplier_id)
        return SupplierData(**{key: getattr(supplier, key) for key in SupplierData.__dataclass_fields__})


def set_supplier_price(
    db: Database,
    actor: Actor,
    supplier_id: int,
    product_id: int,
    packaging_id: int | None,
    package_price: Decimal,
    supplier_sku: str = "",
    preferred: bool = False,
) -> int:
    """Record (or change) what `supplier` charges for `product`: the price of one package of
    `packaging_id` (None: of one base unit). `preferred` makes it the product's only preferred one."""
    with db.write() as session:
        require(session, actor, SUPPLIERS_EDIT)
        return set_supplier_price_in(
            session, actor, supplier_id, product_id, packaging_id, package_price, supplier_sku, preferred
        )


def set_supplier_price_in(
    session: Session,
    actor: Actor,
    supplier_id: int,
    product_id: int,
    packaging_id: int | None,
    package_price: Decimal,
    supplier_sku: str = "",
    preferred: bool = False,
) -> int:
    """`set_supplier_price` inside an open write unit of work."""
    supplier = get_supplier(session, supplier_id)
    product = session.get(Product, product_id)
    if product is None:
        raise ValidationError.single("product", _("Choose a product."))
    check = Validator()
    packaging = session.get(Packaging, packaging_id) if packaging_id is not None else None
    if packaging_id is not None and (packaging is None or packaging.product_id != product.id):
        check.add("packaging", _("Choose one of the product's packagings."))
    elif packaging is not None and not packaging.for_purchase:
        check.add("packaging", _("The packaging “{name}” is not bought.").format(name=packaging.name))
    check.check(package_price > ZERO, "package_price", _("Enter a price above zero."))
    sku = supplier_sku.strip()
    check.check(len(sku) <= 40, "supplier_sku", _("The supplier's code has at most 40 characters."))
    check.raise_if_any()
    price = round_unit_price(package_price)
    row = session.execute(
        select(SupplierProduct).where(
            SupplierProduct.supplier_id == supplier_id, SupplierProduct.product_id == product_id
        )
    ).scalar_one_or_none()
    before: dict[str, Any] = {}
    if row is None:
        row = SupplierProduct(supplier_id=supplier_id, product_id=product_id, preferred=False)
        session.add(row)
    else:
        before = _price_snapshot(row)
    row.packaging_id, row.package_price, row.supplier_sku = packaging_id, price, sku
    if preferred:
        session.execute(
            update(SupplierProduct)
            .where(SupplierProduct.product_id == product_id, SupplierProduct.supplier_id != supplier_id)
            .values(preferred=False)
        )
    row.preferred = preferred
    session.flush()
    old, new = audit.changes(before, _price_snapshot(row))
    if new:
        audit.record(
            session,
            actor,
            "supplier.price",
            "supplier",
            supplier.tax_id,
            old=old or None,
            new={"product": product.sku, **new},
        )
    return row.id


def _price_snapshot(row: SupplierProduct) -> dict[str, Any]:
    return {
        "packaging_id": row.packaging_id,
        "package_price": row.package_price,
        "supplier_sku": row.supplier_sku,
        "preferred": row.preferred,
    }


def remove_supplier_price(db: Database, actor: Actor, supplier_product_id: int) -> None:
    """The supplier no longer sells us the product (orders already made keep their prices)."""
    with db.write() as session:
        require(session, actor, SUPPLIERS_EDIT)
        row = session.get(SupplierProduct, supplier_product_id)
        if row is None:
            raise NotFound(_("That supplier price no longer exists."), code="supplier_price.not_found")
        supplier = get_supplier(session, row.supplier_id)
        product = session.get(Product, row.product_id)
        audit.record(
            session,
            actor,
            "supplier.price_remove",
            "supplier",
            supplier.tax_id,
            old={"product": product.sku if product else row.product_id, **_price_snapshot(row)},
        )
        session.delete(row)


@dataclass(frozen=True)
class SupplierPrice:
    """One supplier price as a form shows it."""

    id: int
    supplier_id: int
    product_id: int
    sku: str
    product: str
    packaging_id: int | None
    package_price: Decimal
    supplier_sku: str
    preferred: bool


def supplier_price(db: Database, actor: Actor, supplier_product_id: int) -> SupplierPrice:
    with db.read() as session:
        require(session, actor, PURCHASING_VIEW)
        found = session.execute(
            select(SupplierProduct, Product.sku, Product.name)
            .join(Product, Product.id == SupplierProduct.product_id)
            .where(SupplierProduct.id == supplier_product_id)
        ).first()
        if found is None:
            raise NotFound(_("That supplier price no longer exists."), code="supplier_price.not_found")
        row, sku, name = found
        return SupplierPrice(
            row.id,
            row.supplier_id,
            row.product_id,
            sku,
            name,
            row.packaging_id,
            row.package_price,
            row.supplier_sku,
            row.preferred,
        )
