"""Products, their cases and lots, and valid barcodes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from stdnum import ean

from bodesk.domain.access.actor import Actor
from bodesk.domain.stock.catalogue import ProductData, add_packaging
from bodesk.domain.stock.lots import lot_for
from bodesk.domain.stock.models import Product
from bodesk.domain.stock.new_product import create_product
from bodesk.store.engine import Database

DECIMAL_FIELDS = ("sale_price", "min_stock", "max_stock", "cost")


def gtin(number: int, prefix: str = "789") -> str:
    """A valid EAN-13 made from `number`."""
    body = f"{prefix}{number:09d}"
    return body + ean.calc_check_digit(body)


def make_product(db: Database, actor: Actor, sku: str, name: str | None = None, **fields: Any) -> int:
    """A product named "Produto SKU" unless named; `fields` are ProductData's, numbers given as int, str
    or Decimal: make_product(db, owner, "AG-500", gtin=gtin(1), cost="1.20", min_stock=24)."""
    for key in DECIMAL_FIELDS:
        if key in fields:
            fields[key] = Decimal(fields[key])
    return create_product(db, actor, ProductData(sku=sku, name=name or f"Produto {sku}", **fields))


def add_case(db: Database, actor: Actor, product_id: int, units: Decimal | int, barcode: str = "") -> int:
    """A packaging "Caixa N" of `units` base units."""
    return add_packaging(db, actor, product_id, f"Caixa {units}", Decimal(units), barcode)


def make_lot(db: Database, product_id: int, code: str, expiry: date | None = None) -> int:
    """A lot of a lot-tracked product, without stock."""
    with db.write() as session:
        found = session.get(Product, product_id)
        assert found is not None
        return lot_for(session, found, code, expiry).id


def stored_product(db: Database, product_id: int) -> Product:
    """The product as stored (its cost, its cached on-hand total)."""
    with db.read() as session:
        found = session.get(Product, product_id)
        assert found is not None
        return found
