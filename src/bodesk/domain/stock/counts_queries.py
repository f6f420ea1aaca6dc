"""The read side of stock counts: the list of counts, one count's lines, and the printed sheet's rows.

A line's `on hand` is the quantity before posting: the current quant for an open (or cancelled)
count, and for a posted one the counted quantity less what its posting moved. `difference` is counted
− on hand (empty while the line is not counted) and `value` is difference × cost, unrounded here so
that the list sorts on it (the screen rounds it when it shows it; `counts.discrepancies` rounds).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, case, func, or_, select, type_coerce
from sqlalchemy.orm import Session, aliased

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.access.models import User
from bodesk.domain.common.listing import AnySelect, ListColumn, ListQuery, ListRequest, contains
from bodesk.domain.common.models import ExactValue, Quantity
from bodesk.domain.common.numbering import typed_number
from bodesk.domain.stock.counts import get_count
from bodesk.domain.stock.models import (
    Category,
    Location,
    Lot,
    Product,
    StockCount,
    StockCountLine,
    StockMove,
    StockQuant,
    Warehouse,
)
from bodesk.domain.stock.permissions import STOCK_COSTS, STOCK_VIEW
from bodesk.domain.stock.search import matching_products
from bodesk.domain.stock.states import COUNT_LIFECYCLE, CountStatus
from bodesk.i18n import N_
from bodesk.store.engine import Database

LINE_VIEWS = ("all", "discrepancies", "uncounted", "counted")
_Starter = aliased(User)


def _line_count(counted_only: bool) -> Any:
    stmt = select(func.count(StockCountLine.counted if counted_only else StockCountLine.id)).where(
        StockCountLine.count_id == StockCount.id
    )
    return stmt.correlate(StockCount).scalar_subquery()


class CountsQuery(ListQuery):
    """Every count, newest first; filters "warehouse_id" and "status"; search by number or note."""

    action = STOCK_VIEW
    entity = StockCount
    columns = (
        ListColumn("number", N_("Number"), StockCount.number, kind="ref"),
        ListColumn("warehouse", N_("Warehouse"), Warehouse.code, kind="code"),
        ListColumn("category", N_("Category"), Category.name),
        ListColumn(
            "status", N_("Status"), StockCount.status, label=COUNT_LIFECYCLE.label, tone=COUNT_LIFECYCLE.tone
        ),
        ListColumn("started_at", N_("Started"), StockCount.started_at, kind="datetime"),
        ListColumn("started_by", N_("Started by"), _Starter.full_name),
        ListColumn("lines", N_("Lines"), _line_count(False), kind="number"),
        ListColumn("counted", N_("Counted"), _line_count(True), kind="number"),
        ListColumn("posted_at", N_("Posted"), StockCount.posted_at, kind="datetime"),
        ListColumn(
            "adjustment_value",
            N_("Adjustment value"),
            StockCount.adjustment_value,
            kind="money",
            total=True,
            permission=STOCK_COSTS,
        ),
        ListColumn("note", N_("Note"), StockCount.note, sortable=False),
    )
    default_sort = "number"
    default_descending = True

    def base(self) -> AnySelect:
        return (
            super()
            .base()
            .select_from(StockCount)
            .join(Warehouse, Warehouse.id == StockCount.warehouse_id)
            .outerjoin(Category, Category.id == StockCount.category_id)
            .join(_Starter, _Starter.id == StockCount.started_by)
        )

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        text, number = request.search.strip(), typed_number(request.search)
        if number is not None:
            stmt = stmt.where(or_(StockCount.number == number, contains(StockCount.note, text)))
        elif text:
            stmt = stmt.where(contains(StockCount.note, text))
        warehouse = request.filter("warehouse_id")
        if warehouse:
            stmt = stmt.where(StockCount.warehouse_id == warehouse)
        status = request.filter("status")
        if status:
            stmt = stmt.where(StockCount.status == status)
        return stmt


def _current() -> Any:
    held = (
        select(StockQuant.quantity)
        .where(
            StockQuant.product_id == StockCountLine.product_id,
            StockQuant.location_id == StockCountLine.location_id,
            StockQuant.lot_key == StockCountLine.lot_key,
        )
        .correlate(StockCountLine)
        .scalar_subquery()
    )
    return func.coalesce(held, 0)


def _posted(value: bool) -> Any:
    """What the count's posting moved into (+) or out of (−) a line: its quantity or its value."""
    inward = StockMove.to_location_id == StockCountLine.location_id
    amount = StockMove.quantity * StockMove.unit_cost if value else StockMove.quantity
    moved = (
        select(func.sum(case((inward, amount), else_=-amount)))
        .where(
            StockMove.doc_kind == COUNT_LIFECYCLE.kind,
            StockMove.doc_id == StockCountLine.count_id,
            StockMove.product_id == StockCountLine.product_id,
            func.coalesce(StockMove.lot_id, 0) == StockCountLine.lot_key,
            or_(inward, StockMove.from_location_id == StockCountLine.location_id),
        )
        .correlate(StockCountLine)
        .scalar_subquery()
    )
    return func.coalesce(moved, 0)


def _figures(posted: bool) -> tuple[Any, Any, Any]:
    """SQL for a line's (on hand, difference, value): see the module notes."""
    counted = StockCountLine.counted
    if not posted:
        on_hand = _current()
        difference = counted - on_hand
        value = difference * Product.cost
    else:
        moved = _posted(value=False)
        on_hand = case((counted.is_(None), _current()), else_=counted - moved)
        difference = case((counted.is_(None), None), else_=moved)
        value = case((counted.is_(None), None), else_=_posted(value=True))
    return (
        type_coerce(on_hand, Quantity()),
        type_coerce(difference, Quantity()),
        type_coerce(value, ExactValue()),
    )


def _line_columns(posted: bool) -> tuple[ListColumn, ...]:
    on_hand, difference, value = _figures(posted)
    return (
        ListColumn("location", N_("Location"), Location.code, kind="code"),
        ListColumn("sku", N_("SKU"), Product.sku, kind="code"),
        ListColumn("product", N_("Product"), Product.name),
        ListColumn("lot", N_("Lot"), Lot.code, kind="code"),
        ListColumn("expiry", N_("Expiry"), Lot.expiry, kind="date"),
        ListColumn("unit", N_("Unit"), Product.base_unit, sortable=False),
        ListColumn("expected", N_("Expected"), StockCountLine.expected, kind="quantity"),
        ListColumn("on_hand", N_("On hand"), on_hand, kind="quantity"),
        ListColumn("counted", N_("Counted"), StockCountLine.counted, kind="quantity"),
        ListColumn("difference", N_("Difference"), difference, kind="quantity", total=True),
        ListColumn("value", N_("Value"), value, kind="money", total=True, permission=STOCK_COSTS),
    )


class CountLinesQuery(ListQuery):
    """The lines of an open (or cancelled) count. Filter "view": all, discrepancies, uncounted,
    counted; search by SKU, barcode, words of the name, or location code. `lines_query` picks the
    class that suits a count's state."""

    action = STOCK_VIEW
    entity = StockCountLine
    columns = _line_columns(posted=False)
    default_sort = "location"
    unit_key = "unit"

    def __init__(self, count_id: int) -> None:
        self.count_id = count_id

    def base(self) -> AnySelect:
        return (
            super()
            .base()
            .select_from(StockCountLine)
            .join(Product, Product.id == StockCountLine.product_id)
            .join(Location, Location.id == StockCountLine.location_id)
            .outerjoin(Lot, Lot.id == StockCountLine.lot_id)
        )

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        stmt = stmt.where(StockCountLine.count_id == self.count_id)
        view = request.filter("view")
        if view == "uncounted":
            stmt = stmt.where(StockCountLine.counted.is_(None))
        elif view == "counted":
            stmt = stmt.where(StockCountLine.counted.is_not(None))
        elif view == "discrepancies":
            stmt = stmt.where(StockCountLine.counted.is_not(None), self.column("difference").expression != 0)
        text = request.search.strip()
        if text:
            stmt = stmt.where(_matches(text))
        return stmt


class PostedCountLinesQuery(CountLinesQuery):
    """The lines of a posted count: on hand before posting, and what the posting moved."""

    columns = _line_columns(posted=True)


def lines_query(db: Database, actor: Actor, count_id: int) -> CountLinesQuery:
    with db.read() as session:
        require(session, actor, STOCK_VIEW)
        count = get_count(session, count_id)
        posted = count.status == CountStatus.POSTED
    return PostedCountLinesQuery(count_id) if posted else CountLinesQuery(count_id)


def _matches(text: str) -> ColumnElement[bool]:
    """Lines whose product the text names (`search.product_matches`), or whose location code contains
    the text. Subqueries, so that the count of rows needs no join."""
    places = select(Location.id).where(contains(Location.code, text))
    return or_(
        StockCountLine.product_id.in_(matching_products(text)),
        StockCountLine.location_id.in_(places),
    )


@dataclass(frozen=True)
class LotOption:
    """A lot of a product the count expects somewhere, to pick from when counting it."""

    code: str
    expiry: date | None
    location: str  # the location's code
    expected: Decimal
    counted: Decimal | None


def lot_options(session: Session, count_id: int, product_id: int, location_id: int | None) -> list[LotOption]:
    """The product's lots in the count (in one location, or in every one), first to expire first."""
    stmt = (
        select(Lot.code, Lot.expiry, Location.code, StockCountLine.expected, StockCountLine.counted)
        .join(Lot, Lot.id == StockCountLine.lot_id)
        .join(Location, Location.id == StockCountLine.location_id)
        .where(StockCountLine.count_id == count_id, StockCountLine.product_id == product_id)
        .order_by(Lot.expiry.is_(None), Lot.expiry, Lot.code, Location.code)
    )
    if location_id is not None:
        stmt = stmt.where(StockCountLine.location_id == location_id)
    return [LotOption(*row) for row in session.execute(stmt)]


@dataclass(frozen=True)
class SheetLine:
    location: str
    location_name: str
    sku: str
    barcode: str
    product: str
    lot: str
    expiry: date | None
    unit: str
    expected: Decimal


def count_sheet_lines(db: Database, actor: Actor, count_id: int) -> list[SheetLine]:
    """The count's lines as the printed sheet lists them: by location, then product name, then lot."""
    with db.read() as session:
        require(session, actor, STOCK_VIEW)
        get_count(session, count_id)
        rows = session.execute(
            select(
                Location.code,
                Location.name,
                Product.sku,
                Product.gtin,
                Product.name,
                Lot.code,
                Lot.expiry,
                Product.base_unit,
                StockCountLine.expected,
            )
            .join(Product, Product.id == StockCountLine.product_id)
            .join(Location, Location.id == StockCountLine.location_id)
            .outerjoin(Lot, Lot.id == StockCountLine.lot_id)
            .where(StockCountLine.count_id == count_id)
            .order_by(Location.code, Product.name_key, Product.id, Lot.expiry, Lot.code)
        ).all()
    return [
        SheetLine(code, place, sku, gtin or "", name, lot or "", expiry, unit, expected)
        for code, place, sku, gtin, name, lot, expiry, unit, expected in rows
    ]
