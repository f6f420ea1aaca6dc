"""A small distributor with stock in two warehouses, for the read side: lists, searches, reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from bodesk.domain.access.actor import Actor
from bodesk.domain.stock.catalogue import add_packaging, set_product_active
from bodesk.store.engine import Database
from tests.builders.catalogue import make_product
from tests.builders.stock import Place, make_bin, make_warehouse, stock_in

WATER_GTIN = "7894900011517"
WATER_CASE_GTIN = "17894900011514"


@dataclass(frozen=True)
class Shop:
    """Two warehouses (CD1 with bins A-01 and A-02), five products in three categories (one without),
    stock in lots, one product archived."""

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


def build_shop(db: Database, actor: Actor, today: date | None = None) -> Shop:
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
        sale_price="2.50",
        min_stock=100,
        max_stock=1000,
    )
    add_packaging(db, actor, water, "Caixa 12", Decimal(12), WATER_CASE_GTIN)
    beer = make_product(
        db,
        actor,
        "CV-LT350",
        "Cerveja Lata 350ml",
        brand="Skol",
        category="Cervejas",
        sale_price="3.90",
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
        sale_price="9.99",
    )
    crate = make_product(db, actor, "GR-ENG", "Engradado 24", returnable=True)
    longneck = make_product(
        db, actor, "CV-LN600", "Cerveja Long Neck 600", brand="Heineken", category="Cervejas"
    )
    set_product_active(db, actor, longneck, False)
    stock_in(db, actor, water, cd1.location_id, 300, "1.20")
    stock_in(db, actor, water, a01, 50, "1.20")
    lot1 = stock_in(db, actor, beer, a01, 120, "2.00", lot="L1", expiry=today + timedelta(days=10))
    lot2 = stock_in(db, actor, beer, cd2.location_id, 24, "2.10", lot="L2", expiry=today - timedelta(days=3))
    stock_in(db, actor, cola, cd2.location_id, 60, "5.50")
    assert lot1 is not None and lot2 is not None
    return Shop(cd1, cd2, a01, a02, water, beer, cola, crate, longneck, lot1, lot2, today)
