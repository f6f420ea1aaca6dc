"""Business helpers for the purchasing tests: a warehouse, products bought by the case, suppliers,
orders made, sent and received, and what stock and cost look like afterwards."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from stdnum.br import cnpj

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.models import AuditEntry
from bodesk.domain.purchasing.documents import order_view
from bodesk.domain.purchasing.models import PurchaseOrder, PurchaseOrderLine, Receipt, ReceiptLine
from bodesk.domain.purchasing.orders import OrderLineInput, create_order, send_order
from bodesk.domain.purchasing.receiving import ReceiveLineInput, receive_goods
from bodesk.domain.purchasing.suppliers import SupplierData, create_supplier, set_supplier_price
from bodesk.domain.stock.catalogue import ProductData, add_packaging
from bodesk.domain.stock.models import Location, Lot, Product, StockMove, StockQuant
from bodesk.domain.stock.new_product import create_product
from bodesk.domain.stock.warehouses import create_warehouse
from bodesk.store.engine import Database

D = Decimal


def tax_id(serial: int) -> str:
    """A valid CNPJ per serial number (11.222.333/0001-81 is the company's own)."""
    base = f"{20_000_000 + serial:08d}0001"
    return base + cnpj.calc_check_digits(base)


@dataclass(frozen=True)
class Item:
    """A product and the case it is bought in."""

    id: int
    case_id: int | None
    case_units: Decimal


def make_warehouse(db: Database, owner: Actor, code: str = "CD1", name: str = "Centro") -> int:
    return create_warehouse(db, owner, code, f"{name} {code}")


def make_product(
    db: Database,
    owner: Actor,
    sku: str,
    name: str | None = None,
    case_units: Decimal | int | None = 12,
    lot_tracked: bool = False,
    shelf_life_days: int | None = None,
    min_stock: Decimal | int = 0,
    max_stock: Decimal | int = 0,
) -> Item:
    product_id = create_product(
        db,
        owner,
        ProductData(
            sku=sku,
            name=name or f"Produto {sku}",
            min_stock=D(min_stock),
            max_stock=D(max_stock),
            lot_tracked=lot_tracked,
            shelf_life_days=shelf_life_days,
        ),
    )
    if case_units is None:
        return Item(product_id, None, D(1))
    units = D(case_units)
    case_id = add_packaging(db, owner, product_id, f"Caixa {units}", units)
    return Item(product_id, case_id, units)


def make_supplier(
    db: Database, owner: Actor, serial: int = 1, name: str | None = None, lead_time_days: int = 5
) -> int:
    data = SupplierData(
        name=name or f"Fornecedor {serial} Ltda.",
        tax_id=tax_id(serial),
        city="Campinas",
        state="SP",
        lead_time_days=lead_time_days,
    )
    return create_supplier(db, owner, data)


def price(
    db: Database, owner: Actor, supplier_id: int, item: Item, package_price: str, preferred: bool = False
) -> int:
    return set_supplier_price(db, owner, supplier_id, item.id, item.case_id, D(package_price), "", preferred)


def make_order(
    db: Database,
    actor: Actor,
    supplier_id: int,
    warehouse_id: int,
    *lines: tuple[Item, int | str, str | None],
) -> int:
    """An order of (item, cases, price per case or None for the supplier's price) lines."""
    inputs = [
        OrderLineInput(item.id, item.case_id, D(cases), None if package_price is None else D(package_price))
        for item, cases, package_price in lines
    ]
    return create_order(db, actor, supplier_id, warehouse_id, inputs)


def sent_order(
    db: Database,
    actor: Actor,
    supplier_id: int,
    warehouse_id: int,
    *lines: tuple[Item, int | str, str | None],
) -> int:
    order_id = make_order(db, actor, supplier_id, warehouse_id, *lines)
    send_order(db, actor, order_id)
    return order_id


def line_ids(db: Database, actor: Actor, order_id: int) -> list[int]:
    return [line.id for line in order_view(db, actor, order_id).lines]


def receive(
    db: Database,
    actor: Actor,
    order_id: int,
    quantities: Iterable[Decimal | int | str | tuple[Decimal | int | str, str, date | None]],
    confirmed: frozenset[str] = frozenset(),
    **options: Any,
) -> int:
    """Receive base-unit quantities (or (quantity, lot, expiry) triples) for the order's lines in order."""
    inputs = []
    for line_id, given in zip(line_ids(db, actor, order_id), quantities, strict=False):
        if isinstance(given, tuple):
            quantity, lot, expiry = given
            inputs.append(ReceiveLineInput(line_id, D(quantity), lot, expiry))
        else:
            inputs.append(ReceiveLineInput(line_id, D(given)))
    return receive_goods(db, actor, order_id, inputs, confirmed=confirmed, **options)


def product(db: Database, product_id: int) -> Product:
    with db.read() as session:
        found = session.get(Product, product_id)
        assert found is not None
        return found


def order(db: Database, order_id: int) -> PurchaseOrder:
    with db.read() as session:
        found = session.get(PurchaseOrder, order_id)
        assert found is not None
        return found


def received(db: Database, order_id: int) -> list[Decimal]:
    with db.read() as session:
        return list(
            session.execute(
                select(PurchaseOrderLine.received)
                .where(PurchaseOrderLine.order_id == order_id)
                .order_by(PurchaseOrderLine.id)
            ).scalars()
        )


def count(db: Database, model: type[Any]) -> int:
    with db.read() as session:
        return int(session.execute(select(func.count()).select_from(model)).scalar_one())


def snapshot(db: Database) -> dict[str, Any]:
    """What a refused action must leave unchanged."""
    with db.read() as session:
        costs = session.execute(select(Product.id, Product.cost, Product.on_hand).order_by(Product.id)).all()
        quants = session.execute(
            select(StockQuant.product_id, StockQuant.lot_key, StockQuant.quantity).order_by(StockQuant.id)
        ).all()
        orders = session.execute(
            select(PurchaseOrder.id, PurchaseOrder.status).order_by(PurchaseOrder.id)
        ).all()
        lines = session.execute(select(PurchaseOrderLine.id, PurchaseOrderLine.received)).all()
    return {
        "products": costs,
        "quants": quants,
        "orders": orders,
        "lines": sorted(lines),
        "moves": count(db, StockMove),
        "receipts": count(db, Receipt),
        "receipt_lines": count(db, ReceiptLine),
        "lots": count(db, Lot),
        "audit": count(db, AuditEntry),
    }


def lots_of(db: Database, product_id: int) -> dict[str, tuple[date | None, Decimal]]:
    """Each lot's expiry and quantity in internal locations."""
    with db.read() as session:
        rows = session.execute(
            select(Lot.code, Lot.expiry, func.sum(StockQuant.quantity))
            .join(StockQuant, StockQuant.lot_id == Lot.id)
            .join(Location, Location.id == StockQuant.location_id)
            .where(Lot.product_id == product_id, Location.kind == "internal")
            .group_by(Lot.code, Lot.expiry)
        ).all()
    return {code: (expiry, quantity) for code, expiry, quantity in rows}


def stock_in(db: Database, owner: Actor, item: Item, warehouse_id: int, quantity: Decimal | int) -> None:
    """Put stock on hand without a purchase (an adjustment), to set the scene."""
    from bodesk.domain.stock.operations import adjust_stock
    from bodesk.domain.stock.warehouses import main_location

    with db.read() as session:
        location_id = main_location(session, warehouse_id).id
    adjust_stock(db, owner, item.id, location_id, D(quantity), "opening stock")
