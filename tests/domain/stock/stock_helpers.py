"""Business helpers for stock tests: a warehouse with bins, products, goods received, what is on hand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.models import AuditEntry
from bodesk.domain.stock.catalogue import ProductData, get_product
from bodesk.domain.stock.checks import nothing_negative, product_totals, quants_equal_moves
from bodesk.domain.stock.ledger import MoveRequest, virtual_location
from bodesk.domain.stock.lots import lot_for
from bodesk.domain.stock.models import LocationKind, Product, StockMove, StockOperationKind, StockQuant
from bodesk.domain.stock.new_product import create_product
from bodesk.domain.stock.operations import post_operation_in
from bodesk.domain.stock.warehouses import add_bin, create_warehouse, main_location
from bodesk.store.engine import Database


@dataclass(frozen=True)
class Place:
    warehouse_id: int
    location_id: int  # the warehouse's main location


def make_warehouse(
    db: Database, actor: Actor, code: str = "CD1", name: str = "Centro de Distribuição"
) -> Place:
    warehouse_id = create_warehouse(db, actor, code, name)
    with db.read() as session:
        return Place(warehouse_id, main_location(session, warehouse_id).id)


def make_bin(db: Database, actor: Actor, place: Place, code: str) -> int:
    return add_bin(db, actor, place.warehouse_id, code)


def make_product(db: Database, actor: Actor, sku: str, name: str | None = None, **fields: Any) -> int:
    """A product with sensible defaults: make_product(db, owner, "AG-500", cost=Decimal("1.20"))."""
    data = ProductData(sku=sku, name=name or f"Produto {sku}", **fields)
    return create_product(db, actor, data)


def receive(
    db: Database,
    actor: Actor,
    product_id: int,
    location_id: int,
    quantity: Decimal | int | str,
    cost: Decimal | int | str = "0",
    lot: str | None = None,
    expiry: date | None = None,
    at: datetime | None = None,
) -> int | None:
    """Stock in at `cost` per unit, as an adjustment (into lot `lot`, created if new), posted at `at`;
    returns the lot id. Purchasing's tests receive goods against orders; stock's only need the stock."""
    with db.write() as session:
        source = virtual_location(session, LocationKind.ADJUSTMENT)
        lot_id = None
        if lot is not None:
            lot_id = lot_for(session, get_product(session, product_id), lot, expiry).id
        request = MoveRequest(product_id, source.id, location_id, Decimal(quantity), lot_id, Decimal(cost))
        post_operation_in(session, actor, StockOperationKind.ADJUSTMENT, [request], "stock for the test", at)
    return lot_id


def on_hand(
    db: Database, product_id: int, location_id: int | None = None, lot_id: int | None = None
) -> Decimal:
    """The cached total (no location) or one location's quantity (and lot)."""
    with db.read() as session:
        if location_id is None:
            return session.get(Product, product_id).on_hand  # type: ignore[union-attr]
        found = session.execute(
            select(StockQuant.quantity).where(
                StockQuant.product_id == product_id,
                StockQuant.location_id == location_id,
                StockQuant.lot_key == (lot_id or 0),
            )
        ).scalar_one_or_none()
        return found if found is not None else Decimal("0.000")


def product_cost(db: Database, product_id: int) -> Decimal:
    with db.read() as session:
        return session.get(Product, product_id).cost  # type: ignore[union-attr]


def move_count(db: Database) -> int:
    with db.read() as session:
        return int(session.execute(select(func.count()).select_from(StockMove)).scalar_one())


def audit_count(db: Database) -> int:
    with db.read() as session:
        return int(session.execute(select(func.count()).select_from(AuditEntry)).scalar_one())


def stock_problems(db: Database) -> list[str]:
    """What `bodesk check` would say about stock (empty when the caches equal the ledger)."""
    with db.read() as session:
        return quants_equal_moves(session) + product_totals(session) + nothing_negative(session)


@dataclass(frozen=True)
class Shop:
    """A small distributor: two warehouses (CD1 with bins A-01 and A-02), five products in three
    categories (one without), stock in lots, one product archived."""

    cd1: Place
    cd2: Place
    a01: int
    a02: int
    water: int  # AG-500, 300 in CD1 and 50 in A-01 at 1.20; minimum 100; a case of 12
    beer: int  # CV-LT350, lot tracked: L1 (expires in 10 days) 120 in A-01 at 2.00, L2 (expired 3 days ago) 24 in CD2 at 2.10
    cola: int  # RF-COLA2L, 60 in CD2 at 5.50
    crate: int  # GR-ENG, returnable, no category, no stock
    longneck: int  # CV-LN600, archived, no stock
    lot1: int
    lot2: int
    today: date


WATER_GTIN = "7894900011517"
WATER_CASE_GTIN = "17894900011514"


def build_shop(db: Database, actor: Actor, today: date | None = None) -> Shop:
    from datetime import timedelta

    from bodesk.domain.stock.catalogue import add_packaging, set_product_active

    today = today or date.today()
    cd1 = make_warehouse(db, actor, "CD1", "Centro Campinas")
    cd2 = make_warehouse(db, actor, "CD2", "Deposito Sumare")
    a01 = make_bin(db, actor, cd1, "A-01")
    a02 = make_bin(db, actor, cd1, "A-02")
    water = make_product(
        db,
        actor,
        "AG-500",
        "Agua Mineral 500ml",
        brand="Crystal",
        category="Aguas",
        gtin=WATER_GTIN,
        sale_price=Decimal("2.50"),
        min_stock=Decimal(100),
        max_stock=Decimal(1000),
    )
    add_packaging(db, actor, water, "Caixa 12", Decimal(12), WATER_CASE_GTIN)
    beer = make_product(
        db,
        actor,
        "CV-LT350",
        "Cerveja Lata 350ml",
        brand="Skol",
        category="Cervejas",
        sale_price=Decimal("3.90"),
        lot_tracked=True,
        shelf_life_days=180,
    )
    cola = make_product(
        db,
        actor,
        "RF-COLA2L",
        "Refrigerante Cola 2L",
        brand="Coca-Cola",
        category="Refrigerantes",
        sale_price=Decimal("9.99"),
    )
    crate = make_product(db, actor, "GR-ENG", "Engradado 24", returnable=True)
    longneck = make_product(
        db, actor, "CV-LN600", "Cerveja Long Neck 600", brand="Heineken", category="Cervejas"
    )
    set_product_active(db, actor, longneck, False)
    receive(db, actor, water, cd1.location_id, 300, "1.20")
    receive(db, actor, water, a01, 50, "1.20")
    lot1 = receive(db, actor, beer, a01, 120, "2.00", lot="L1", expiry=today + timedelta(days=10))
    lot2 = receive(db, actor, beer, cd2.location_id, 24, "2.10", lot="L2", expiry=today - timedelta(days=3))
    receive(db, actor, cola, cd2.location_id, 60, "5.50")
    assert lot1 is not None and lot2 is not None
    return Shop(cd1, cd2, a01, a02, water, beer, cola, crate, longneck, lot1, lot2, today)


def take_last_units(
    url: str,
    actor: Actor,
    product_id: int,
    from_location_id: int,
    to_location_id: int,
    quantity: str,
    barrier: Any,
    results: Any,
) -> None:
    """Run in a child process: wait for the others at `barrier`, then try to move `quantity` out;
    put "moved" or "short" (StockShortage) or the error's text on `results`."""
    from bodesk.domain.stock.errors import StockShortage
    from bodesk.domain.stock.operations import transfer_stock

    db = Database(url)
    try:
        barrier.wait(timeout=120)
        try:
            transfer_stock(db, actor, product_id, from_location_id, to_location_id, Decimal(quantity))
        except StockShortage:
            results.put("short")
        except Exception as exc:
            results.put(f"{type(exc).__name__}: {exc}")
        else:
            results.put("moved")
    finally:
        db.dispose()
