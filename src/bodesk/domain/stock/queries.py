"""The stock lists' read side: products, stock on hand, lots, warehouses and bins; the moves list
is in `moves_query` (re-exported here). How they stay quick: see `query_parts`.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, ClassVar

from sqlalchemy import case, false, func, or_, select, type_coerce

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.codes import code_key
from bodesk.domain.common.listing import AnySelect, ListColumn, ListQuery, ListRequest, ListRow, contains
from bodesk.domain.common.models import Quantity
from bodesk.domain.common.tones import Tone
from bodesk.domain.stock.alerts import below_minimum, expiry_tone, stock_tone
from bodesk.domain.stock.models import (
    ZERO,
    Category,
    Location,
    LocationKind,
    Lot,
    Product,
    StockQuant,
    Warehouse,
)
from bodesk.domain.stock.moves_query import MovesQuery
from bodesk.domain.stock.permissions import STOCK_COSTS, STOCK_VIEW
from bodesk.domain.stock.query_parts import JoinedQuery, in_warehouse, value_of, warehouse_locations
from bodesk.domain.stock.search import matching_products, product_matches
from bodesk.i18n import N_
from bodesk.store.engine import Database

__all__ = [
    "BinsQuery",
    "LotsQuery",
    "MovesQuery",
    "ProductsQuery",
    "StockOnHandQuery",
    "WarehousesQuery",
]


class ProductsQuery(JoinedQuery):
    """Filters: status ("active" by default, "archived", "all"), category_id, brand, below_minimum."""

    action = STOCK_VIEW
    entity = Product
    default_sort = "name"
    unit_key = "unit"
    columns = (
        ListColumn("sku", N_("SKU"), Product.sku, kind="code"),
        ListColumn("name", N_("Name"), Product.name),
        ListColumn("brand", N_("Brand"), Product.brand),
        ListColumn("category", N_("Category"), Category.name),
        ListColumn("unit", N_("Unit"), Product.base_unit, sortable=False),
        ListColumn("on_hand", N_("On hand"), Product.on_hand, kind="quantity", total=True),
        ListColumn("cost", N_("Average cost"), Product.cost, kind="price", permission=STOCK_COSTS),
        ListColumn("sale_price", N_("Sale price"), Product.sale_price, kind="money"),
        ListColumn("min_stock", N_("Minimum"), Product.min_stock, kind="quantity", sortable=False),
        ListColumn("max_stock", N_("Maximum"), Product.max_stock, kind="quantity", sortable=False),
        ListColumn("active", N_("Active"), Product.active, kind="bool"),
    )

    def joined(self, stmt: AnySelect) -> AnySelect:
        return stmt.outerjoin(Category, Category.id == Product.category_id)

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        if request.search:
            stmt = stmt.where(product_matches(request.search))
        status = request.filter("status") or "active"
        if status != "all":
            stmt = stmt.where(Product.active.is_(status == "active"))
        category = request.filter("category_id")
        if category:
            stmt = stmt.where(Product.category_id == category)
        brand = request.filter("brand")
        if brand:
            stmt = stmt.where(Product.brand == brand)
        if request.filter("below_minimum"):
            stmt = stmt.where(below_minimum())
        return stmt

    def row_tone(self, row: ListRow) -> Tone | None:
        return stock_tone(self.value(row, "on_hand"), self.value(row, "min_stock"))


class StockOnHandQuery(JoinedQuery):
    """One row per product, location and lot. Filters: warehouse_id, location_id, category_id,
    product_id, and show_empty (rows at zero too; by default only what is there)."""

    action = STOCK_VIEW
    entity = StockQuant
    default_sort = "name"
    unit_key = "unit"
    columns = (
        ListColumn("sku", N_("SKU"), Product.sku, kind="code"),
        ListColumn("name", N_("Product"), Product.name),
        ListColumn("warehouse", N_("Warehouse"), Warehouse.code, kind="code", sortable=False),
        ListColumn("location", N_("Location"), Location.code, kind="code"),
        ListColumn("lot", N_("Lot"), Lot.code, kind="code", sortable=False),
        ListColumn("expiry", N_("Expiry"), Lot.expiry, kind="date", sortable=False),
        ListColumn("quantity", N_("Quantity"), StockQuant.quantity, kind="quantity", total=True),
        ListColumn("unit", N_("Unit"), Product.base_unit, sortable=False),
        ListColumn("cost", N_("Average cost"), Product.cost, kind="price", permission=STOCK_COSTS),
        ListColumn(
            "value",
            N_("Value"),
            value_of(StockQuant.quantity, Product.cost),
            "money",
            False,
            total=True,
            permission=STOCK_COSTS,
        ),
        ListColumn("product_id", N_("Product id"), StockQuant.product_id, kind="number", sortable=False),
        ListColumn("location_id", N_("Location id"), StockQuant.location_id, kind="number", sortable=False),
        ListColumn("lot_id", N_("Lot id"), StockQuant.lot_id, kind="number", sortable=False),
    )
    hidden: ClassVar[tuple[str, ...]] = ("product_id", "location_id", "lot_id")

    def joined(self, stmt: AnySelect) -> AnySelect:
        return (
            stmt.join(Product, Product.id == StockQuant.product_id)
            .join(Location, Location.id == StockQuant.location_id)
            .join(Warehouse, Warehouse.id == Location.warehouse_id)
            .outerjoin(Lot, Lot.id == StockQuant.lot_id)
        )

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        if not request.filter("show_empty"):
            stmt = stmt.where(StockQuant.quantity != ZERO)
        if request.search:
            text = request.search
            stmt = stmt.where(
                or_(
                    StockQuant.product_id.in_(matching_products(text)),
                    StockQuant.location_id.in_(select(Location.id).where(contains(Location.code, text))),
                    StockQuant.lot_id.in_(select(Lot.id).where(Lot.code == code_key(text))),
                )
            )
        warehouse = request.filter("warehouse_id")
        if warehouse:
            stmt = stmt.where(in_warehouse(StockQuant.location_id, warehouse))
        location = request.filter("location_id")
        if location:
            stmt = stmt.where(StockQuant.location_id == location)
        product = request.filter("product_id")
        if product:
            stmt = stmt.where(StockQuant.product_id == product)
        category = request.filter("category_id")
        if category:
            stmt = stmt.where(
                StockQuant.product_id.in_(select(Product.id).where(Product.category_id == category))
            )
        return stmt

    def row_tone(self, row: ListRow) -> Tone | None:
        return expiry_tone(self.value(row, "expiry"))


def lot_quantity(warehouse_id: int | None) -> Any:
    """A lot's quantity on hand (in one warehouse, or in all), as a correlated subquery."""
    stmt = select(func.coalesce(func.sum(StockQuant.quantity), 0)).where(StockQuant.lot_id == Lot.id)
    if warehouse_id:
        stmt = stmt.where(StockQuant.location_id.in_(warehouse_locations(warehouse_id)))
    return type_coerce(stmt.scalar_subquery(), Quantity())


class LotsQuery(JoinedQuery):
    """Lots with their quantity on hand and expiry. Filters: warehouse_id, product_id, show_empty,
    within_days (expiring within N days of `today`, already expired included), expired, today."""

    action = STOCK_VIEW
    entity = Lot
    default_sort = "expiry"
    unit_key = "unit"
    columns = (
        ListColumn("expiry", N_("Expiry"), Lot.expiry, kind="date"),
        ListColumn("days_left", N_("Days left"), Lot.expiry),
        ListColumn("code", N_("Lot"), Lot.code, kind="code"),
        ListColumn("sku", N_("SKU"), Product.sku, kind="code"),
        ListColumn("name", N_("Product"), Product.name),
        ListColumn("quantity", N_("On hand"), lot_quantity(None), "quantity", False, total=True),
        ListColumn("unit", N_("Unit"), Product.base_unit, sortable=False),
        ListColumn(
            "value",
            N_("Value"),
            value_of(lot_quantity(None), Product.cost),
            "money",
            False,
            total=True,
            permission=STOCK_COSTS,
        ),
        ListColumn("product_id", N_("Product id"), Lot.product_id, kind="number", sortable=False),
    )

    def joined(self, stmt: AnySelect) -> AnySelect:
        return stmt.join(Product, Product.id == Lot.product_id)

    def page(
        self, db: Database, actor: Actor, request: ListRequest, offset: int, limit: int
    ) -> list[ListRow]:
        with db.read() as session:
            request = self.readable(session, actor, request)
            stmt = self._ordered(self.selected(request), request).offset(offset).limit(limit)
            return self.rows(session, actor, stmt)

    def selected(self, request: ListRequest) -> AnySelect:
        """With a warehouse chosen, the quantities and values held in that warehouse."""
        warehouse = request.filter("warehouse_id")
        if not warehouse:
            return super().selected(request)
        quantity = lot_quantity(warehouse)
        swapped = {"quantity": quantity, "value": value_of(quantity, Product.cost)}
        expressions = [swapped.get(column.key, column.expression) for column in self.columns]
        return self.where(self.joined(select(Lot.id, *expressions).select_from(Lot)), request)

    def row_tone(self, row: ListRow) -> Tone | None:
        return expiry_tone(self.value(row, "expiry"))

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        held = select(StockQuant.id).where(StockQuant.lot_id == Lot.id)
        warehouse = request.filter("warehouse_id")
        if warehouse:
            held = held.where(StockQuant.location_id.in_(warehouse_locations(warehouse)))
        if not request.filter("show_empty"):
            held = held.where(StockQuant.quantity > ZERO)
        if warehouse or not request.filter("show_empty"):
            stmt = stmt.where(held.exists())
        if request.search:
            text = request.search
            stmt = stmt.where(or_(Lot.code == code_key(text), Lot.product_id.in_(matching_products(text))))
        product = request.filter("product_id")
        if product:
            stmt = stmt.where(Lot.product_id == product)
        today = request.filter("today") or date.today()
        if request.filter("expired"):
            stmt = stmt.where(Lot.expiry < today)
        days = request.filter("within_days")
        if isinstance(days, int) and days >= 0:
            stmt = stmt.where(Lot.expiry <= today + timedelta(days=days))
        return stmt


def _bin_count() -> Any:
    return (
        select(func.count())
        .select_from(Location)
        .where(Location.warehouse_id == Warehouse.id, Location.is_bin.is_(True))
        .scalar_subquery()
    )


class WarehousesQuery(ListQuery):
    action = STOCK_VIEW
    entity = Warehouse
    default_sort = "code"
    columns = (
        ListColumn("code", N_("Code"), Warehouse.code, kind="code"),
        ListColumn("name", N_("Name"), Warehouse.name),
        ListColumn("bins", N_("Bins"), _bin_count(), kind="number", sortable=False),
        ListColumn("address", N_("Address"), Warehouse.address, sortable=False),
    )

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        if request.search:
            stmt = stmt.where(
                or_(contains(Warehouse.code, request.search), contains(Warehouse.name, request.search))
            )
        return stmt


def _products_in_bin() -> Any:
    return (
        select(func.count(func.distinct(StockQuant.product_id)))
        .where(StockQuant.location_id == Location.id, StockQuant.quantity > ZERO)
        .scalar_subquery()
    )


class BinsQuery(ListQuery):
    """The bins of one warehouse (filter warehouse_id; without it, no rows)."""

    action = STOCK_VIEW
    entity = Location
    default_sort = "code"
    columns = (
        ListColumn("code", N_("Code"), Location.code, kind="code"),
        ListColumn(
            "name",
            N_("Name"),
            case((Location.name == Location.code, ""), else_=Location.name),
            sortable=False,
        ),
        ListColumn("products", N_("Products held"), _products_in_bin(), kind="number", sortable=False),
        ListColumn("active", N_("Open"), Location.active, kind="bool", sortable=False),
    )

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        warehouse = request.filter("warehouse_id")
        stmt = stmt.where(Location.kind == LocationKind.INTERNAL, Location.is_bin.is_(True))
        stmt = stmt.where(Location.warehouse_id == warehouse) if warehouse else stmt.where(false())
        if request.search:
            stmt = stmt.where(
                or_(contains(Location.code, request.search), contains(Location.name, request.search))
            )
        return stmt
