"""Warehouses and their bins, stock put in by an adjustment, and what is on hand."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select

from bodesk.domain.access.actor import Actor
from bodesk.domain.stock.catalogue import get_product
from bodesk.domain.stock.checks import nothing_negative, product_totals, quants_equal_moves
from bodesk.domain.stock.ledger import MoveRequest, virtual_location
from bodesk.domain.stock.lots import lot_for
from bodesk.domain.stock.models import LocationKind, StockOperationKind, StockQuant
from bodesk.domain.stock.operations import post_operation_in
from bodesk.domain.stock.warehouses import add_bin, create_warehouse, main_location
from bodesk.store.engine import Database
from tests.builders.catalogue import stored_product


@dataclass(frozen=True)
class Place:
    warehouse_id: int
    location_id: int  # the warehouse's main location
    bins: dict[str, int] = field(default_factory=dict)  # bin code ("A-01") -> location id


def make_warehouse(
    db: Database, actor: Actor, code: str = "CD1", name: str | None = None, bins: tuple[str, ...] = ()
) -> Place:
    """A warehouse ("Depósito CD1" unless named) with its main location and `bins`."""
    warehouse_id = create_warehouse(db, actor, code, name or f"Depósito {code}")
    with db.read() as session:
        location_id = main_location(session, warehouse_id).id
    return Place(
        warehouse_id, location_id, {bin_code: add_bin(db, actor, warehouse_id, bin_code) for bin_code in bins}
    )


def make_bin(db: Database, actor: Actor, place: Place, code: str) -> int:
    return add_bin(db, actor, place.warehouse_id, code)


def stock_in(
    db: Database,
    actor: Actor,
    product_id: int,
    location_id: int,
    quantity: Decimal | int | str,
    cost: Decimal | int | str | None = None,
    lot: str | None = None,
    expiry: date | None = None,
    at: datetime | None = None,
) -> int | None:
    """Stock arriving by an adjustment at `cost` per unit (None: the product's average cost), into lot
    `lot` (made with `expiry` if new), posted at `at`; returns the lot id. Purchasing's tests receive
    goods against orders (`purchasing.receive`); the others only need the stock."""
    with db.write() as session:
        source = virtual_location(session, LocationKind.ADJUSTMENT)
        lot_id = None
        if lot is not None:
            lot_id = lot_for(session, get_product(session, product_id), lot, expiry).id
        unit_cost = None if cost is None else Decimal(cost)
        request = MoveRequest(product_id, source.id, location_id, Decimal(quantity), lot_id, unit_cost)
        post_operation_in(session, actor, StockOperationKind.ADJUSTMENT, [request], "stock for the test", at)
    return lot_id


def on_hand(
    db: Database, product_id: int, location_id: int | None = None, lot_id: int | None = None
) -> Decimal:
    """The product's cached total (no location), or what one location holds (of one lot)."""
    if location_id is None:
        return stored_product(db, product_id).on_hand
    with db.read() as session:
        found = session.execute(
            select(StockQuant.quantity).where(
                StockQuant.product_id == product_id,
                StockQuant.location_id == location_id,
                StockQuant.lot_key == (lot_id or 0),
            )
        ).scalar_one_or_none()
        return found if found is not None else Decimal("0.000")


def stock_problems(db: Database) -> list[str]:
    """What `bodesk check` would say about stock (empty when the caches equal the ledger)."""
    with db.read() as session:
        return quants_equal_moves(session) + product_totals(session) + nothing_negative(session)
