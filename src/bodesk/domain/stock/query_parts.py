"""Pieces the stock lists share: product text search, warehouse tests, day bounds, exact values.

Every sortable column of a stock list is an indexed column (joined on an indexed foreign key), so the
first page of any list, sorted by any column, is an index walk and not a sort of the whole table.
Filters on another table go through `IN (SELECT ...)`, so that counting rows never needs a join.
Computed columns (a value, a quantity summed over locations) are shown for the page only and do not
sort.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select, type_coerce

from bodesk.domain.common.listing import AnySelect, ListQuery
from bodesk.domain.common.models import ExactValue
from bodesk.domain.common.text import fold
from bodesk.domain.stock.models import Location, Packaging, Product

MAX_WORDS = 5


def product_matches(text: str) -> ColumnElement[bool]:
    """Products whose folded name, brand, SKU or GTIN contain every typed word, or a packaging's
    barcode is exactly the text."""
    words = fold(text).split()[:MAX_WORDS]
    if not words:
        return Product.id.is_not(None)
    every = and_(
        *(
            Product.search_text.like(
                "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%", escape="\\"
            )
            for word in words
        )
    )
    by_packaging = Product.id.in_(select(Packaging.product_id).where(Packaging.gtin == text.strip()))
    return or_(every, by_packaging)


def matching_products(text: str) -> Any:
    return select(Product.id).where(product_matches(text))


def warehouse_locations(warehouse_id: int) -> Any:
    return select(Location.id).where(Location.warehouse_id == warehouse_id)


def in_warehouse(location_id: Any, warehouse_id: int) -> ColumnElement[bool]:
    """`location_id` is one of the warehouse's locations. A warehouse holds a large share of all
    stock, so the test is written (`+ 0`) to keep the planner from choosing the location index for
    it: walking the sorted column's index and testing each row is faster."""
    return (location_id + 0).in_(warehouse_locations(warehouse_id))


def day_start(day: date) -> datetime:
    """The first instant of `day` in this machine's time zone, in UTC."""
    return datetime.combine(day, time.min).astimezone(UTC)


def value_of(quantity: Any, cost: Any) -> Any:
    """quantity x cost multiplied as the stored integers, read back exactly."""
    return type_coerce(quantity * cost, ExactValue())


class JoinedQuery(ListQuery):
    """A list whose columns come from joined tables: `joined` adds the joins to the page's select."""

    def joined(self, stmt: AnySelect) -> AnySelect:
        return stmt

    def base(self) -> AnySelect:
        columns = (column.expression for column in self.columns)
        return self.joined(select(self.id_column, *columns).select_from(self.entity))
