"""Pieces the stock lists share: how a virtual place reads, warehouse tests, exact values, joined
columns (product text search:
`search`; date ranges: `domain.common.listing`).

Every sortable column of a stock list is an indexed column (joined on an indexed foreign key), so the
first page of any list, sorted by any column, is an index walk and not a sort of the whole table.
Filters on another table go through `IN (SELECT ...)`, so that counting rows never needs a join.
Computed columns (a value, a quantity summed over locations) are shown for the page only and do not
sort.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, select, type_coerce

from bodesk.domain.common.listing import AnySelect, ListQuery
from bodesk.domain.common.models import ExactValue
from bodesk.domain.stock.models import Location
from bodesk.i18n import N_, _

VIRTUAL_PLACES: dict[str, str] = {
    "@supplier": N_("Supplier"),
    "@customer": N_("Customer"),
    "@adjustment": N_("Adjustment"),
    "@loss": N_("Loss"),
    "@transit": N_("In transit"),
}


def place_label(code: Any) -> str:
    """A location's code, or what a virtual location stands for ("Supplier" for @supplier)."""
    return _(VIRTUAL_PLACES[code]) if code in VIRTUAL_PLACES else str(code)


def warehouse_locations(warehouse_id: int) -> Any:
    return select(Location.id).where(Location.warehouse_id == warehouse_id)


def in_warehouse(location_id: Any, warehouse_id: int) -> ColumnElement[bool]:
    """`location_id` is one of the warehouse's locations. A warehouse holds a large share of all
    stock, so the test is written (`+ 0`) to keep the planner from choosing the location index for
    it: walking the sorted column's index and testing each row is faster."""
    return (location_id + 0).in_(warehouse_locations(warehouse_id))


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
