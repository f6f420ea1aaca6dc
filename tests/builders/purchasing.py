"""Suppliers and their prices, products bought by the case, orders made, sent and received, and what
the orders and lots look like afterwards."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from stdnum.br import cnpj

from bodesk.domain.access.actor import Actor
from bodesk.domain.purchasing.documents import order_view
from bodesk.domain.purchasing.models import PurchaseOrder, PurchaseOrderLine
from bodesk.domain.purchasing.orders import OrderLineInput, create_order, send_order
from bodesk.domain.purchasing.receiving import ReceiveLineInput, receive_goods
from bodesk.domain.purchasing.suppliers import SupplierData, create_supplier, set_supplier_price
from bodesk.domain.stock.models import Location, Lot, StockQuant
from bodesk.store.engine import Database
from tests.builders.catalogue import add_case, make_product
from tests.builders.stock import make_warehouse

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


def make_product_in_cases(
    db: Database, actor: Actor, sku: str, name: str | None = None, case_units: int = 12, **fields: Any
) -> Item:
    """A product (see `make_product`) bought in cases of `case_units`."""
    product_id = make_product(db, actor, sku, name, **fields)
    return Item(product_id, add_case(db, actor, product_id, case_units), D(case_units))


def make_supplier(
    db: Database, actor: Actor, serial: int = 1, name: str | None = None, lead_time_days: int = 5
) -> int:
    data = SupplierData(
        name=name or f"Fornecedor {serial} Ltda.",
        tax_id=tax_id(serial),
        city="Campinas",
        state="SP",
        lead_time_days=lead_time_days,
    )
    return create_supplier(db, actor, data)


def price(
    db: Database, actor: Actor, supplier_id: int, item: Item, package_price: str, preferred: bool = False
) -> int:
    """The supplier's price for a case of `item`."""
    return set_supplier_price(db, actor, supplier_id, item.id, item.case_id, D(package_price), "", preferred)


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


@dataclass(frozen=True)
class Scene:
    """What the purchasing screens work on: one warehouse, two suppliers, three products bought by the
    case (beer tracked by lot), water sold by both suppliers and beer by the first."""

    warehouse: int
    location: int  # the warehouse's main location
    vale: int
    serra: int
    water: Item
    beer: Item
    juice: Item


def build_scene(db: Database, actor: Actor) -> Scene:
    place = make_warehouse(db, actor, "CD1")
    vale = make_supplier(db, actor, 1, "Bebidas do Vale Ltda.", lead_time_days=3)
    serra = make_supplier(db, actor, 2, "Águas Serra Azul S.A.")
    water = make_product_in_cases(
        db, actor, "AGUA", "Água Mineral 500 mL", case_units=12, min_stock=24, max_stock=60
    )
    beer = make_product_in_cases(
        db, actor, "CERV", "Cerveja Pilsen 350 mL", case_units=12, lot_tracked=True, shelf_life_days=180
    )
    juice = make_product_in_cases(db, actor, "SUCO", "Suco de Uva 1 L", case_units=6)
    price(db, actor, vale, water, "18.90")
    price(db, actor, vale, beer, "41.00")
    price(db, actor, serra, water, "19.50")
    return Scene(place.warehouse_id, place.location_id, vale, serra, water, beer, juice)
