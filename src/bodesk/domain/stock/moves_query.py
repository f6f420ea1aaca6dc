"""The stock moves list: the ledger, newest first, over millions of rows.

The count (and the totals) stop at MAX_COUNT (the list then shows the first MAX_COUNT rows in its order; a date or
another filter reaches the rest). Only the columns whose index keeps the first page quick under any
filter sort (when, product). A search or a location that selects few moves is looked up by its
index; one that selects many is tested row by row while walking the sorted column's index, which
finds a first page sooner than gathering every matching move to sort them.
"""

from __future__ import annotations

from typing import ClassVar

from sqlalchemy import ColumnElement, false, func, or_, select
from sqlalchemy.orm import Session, aliased

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.access.models import User
from bodesk.domain.common.listing import AnySelect, ListColumn, ListRequest, ListRow, within_dates
from bodesk.domain.common.postings import document_label
from bodesk.domain.stock.models import Location, Lot, Product, StockMove
from bodesk.domain.stock.permissions import STOCK_COSTS, STOCK_VIEW
from bodesk.domain.stock.query_parts import JoinedQuery, in_warehouse, place_label, value_of
from bodesk.domain.stock.search import matching_products, product_matches
from bodesk.i18n import N_
from bodesk.store.engine import Database

FEW_PRODUCTS = 50
BUSY_LOCATION = 5000  # moves: a location with more is walked, not looked up
FromLocation = aliased(Location, name="from_location")
ToLocation = aliased(Location, name="to_location")


class MovesQuery(JoinedQuery):
    """Done moves, newest first. Filters: product_id, location_id and warehouse_id (either side),
    document (the kind of document that made them), from and to (dates, inclusive). A search that is a
    whole number also finds the moves of the documents with that number."""

    MAX_COUNT: ClassVar[int] = 50_000

    action = STOCK_VIEW
    entity = StockMove
    default_sort = "at"
    default_descending = True
    unit_key = "unit"
    columns = (
        ListColumn("at", N_("When"), StockMove.at, kind="datetime"),
        ListColumn("sku", N_("SKU"), Product.sku, kind="code"),
        ListColumn("name", N_("Product"), Product.name),
        ListColumn("lot", N_("Lot"), Lot.code, kind="code", sortable=False),
        ListColumn("from", N_("From"), FromLocation.code, sortable=False, label=place_label),
        ListColumn("to", N_("To"), ToLocation.code, sortable=False, label=place_label),
        ListColumn("quantity", N_("Quantity"), StockMove.quantity, "quantity", False, total=True),
        ListColumn("unit", N_("Unit"), Product.base_unit, sortable=False),
        ListColumn("unit_cost", N_("Unit cost"), StockMove.unit_cost, "price", False, permission=STOCK_COSTS),
        ListColumn(
            "value",
            N_("Value"),
            value_of(StockMove.quantity, StockMove.unit_cost),
            "money",
            False,
            total=True,
            permission=STOCK_COSTS,
        ),
        ListColumn("document", N_("Document"), StockMove.doc_kind, sortable=False, label=document_label),
        ListColumn("number", N_("Number"), StockMove.doc_number, kind="ref", sortable=False),
        ListColumn("user", N_("User"), User.login, sortable=False),
        ListColumn("reason", N_("Reason"), StockMove.reason, sortable=False),
    )

    def base(self) -> AnySelect:
        return self.select_for(ListRequest())

    def select_for(self, request: ListRequest) -> AnySelect:
        """Only a sort by product joins the products as an inner join; every other join is an outer
        join, which keeps the moves the outer loop (walking the `at` index) whatever statistics the
        planner has. The foreign keys are not null, so the rows are the same."""
        stmt = select(StockMove.id, *(column.expression for column in self.columns)).select_from(StockMove)
        if _by_product(request):
            stmt = stmt.join(Product, Product.id == StockMove.product_id)
        else:
            stmt = stmt.outerjoin(Product, Product.id == StockMove.product_id)
        return (
            stmt.outerjoin(FromLocation, FromLocation.id == StockMove.from_location_id)
            .outerjoin(ToLocation, ToLocation.id == StockMove.to_location_id)
            .outerjoin(Lot, Lot.id == StockMove.lot_id)
            .outerjoin(User, User.id == StockMove.user_id)
        )

    def count(self, db: Database, actor: Actor, request: ListRequest) -> int:
        with db.read() as session:
            require(session, actor, self.action)
            if not request.search and not request.filters:
                stmt: AnySelect = select(func.count()).select_from(StockMove)
                return min(int(session.execute(stmt).scalar_one()), self.MAX_COUNT)
            resolved = self._resolve(session, request, for_page=False)
            first = self.where(select(StockMove.id), request, resolved).limit(self.MAX_COUNT).subquery()
            return int(session.execute(select(func.count()).select_from(first)).scalar_one())

    def page(
        self, db: Database, actor: Actor, request: ListRequest, offset: int, limit: int
    ) -> list[ListRow]:
        with db.read() as session:
            request = self.readable(session, actor, request)
            stmt = self.where(
                self.select_for(request), request, self._resolve(session, request, for_page=True)
            )
            stmt = self._ordered(stmt, request).offset(offset).limit(limit)
            return self.rows(session, actor, stmt)

    def selected(self, request: ListRequest) -> AnySelect:
        """The rows the list shows: the first MAX_COUNT in its order (totals add up what is listed)."""
        return self._ordered(self.where(self.select_for(request), request), request).limit(self.MAX_COUNT)

    def _resolve(
        self, session: Session, request: ListRequest, for_page: bool
    ) -> dict[str, ColumnElement[bool]]:
        """The search and location tests, written for the plan that suits how many moves they select."""
        resolved: dict[str, ColumnElement[bool]] = {}
        text = request.search
        if text:
            found = select(Product.id).where(product_matches(text)).limit(FEW_PRODUCTS + 1)
            ids = list(session.scalars(found))
            if len(ids) <= FEW_PRODUCTS:
                resolved["search"] = or_(StockMove.product_id.in_(ids), _numbered(text))
            elif for_page and _by_product(request):  # products are tested before their moves are read
                resolved["search"] = (Product.id + 0).in_(matching_products(text))
            else:
                resolved["search"] = (StockMove.product_id + 0).in_(matching_products(text))
        location = request.filter("location_id")
        if location and for_page:
            probe = select(StockMove.id).where(_touches(location)).limit(BUSY_LOCATION).subquery()
            if session.execute(select(func.count()).select_from(probe)).scalar_one() >= BUSY_LOCATION:
                resolved["location"] = or_(
                    StockMove.from_location_id + 0 == location, StockMove.to_location_id + 0 == location
                )
        return resolved

    def where(
        self, stmt: AnySelect, request: ListRequest, resolved: dict[str, ColumnElement[bool]] | None = None
    ) -> AnySelect:
        resolved = resolved or {}
        if request.search:
            text = request.search
            default = or_(StockMove.product_id.in_(matching_products(text)), _numbered(text))
            stmt = stmt.where(resolved.get("search", default))
        product = request.filter("product_id")
        if product:
            stmt = stmt.where(StockMove.product_id == product)
        location = request.filter("location_id")
        if location:
            stmt = stmt.where(resolved.get("location", _touches(location)))
        warehouse = request.filter("warehouse_id")
        if warehouse:
            stmt = stmt.where(
                or_(
                    in_warehouse(StockMove.from_location_id, warehouse),
                    in_warehouse(StockMove.to_location_id, warehouse),
                )
            )
        kind = request.filter("document")
        if kind:
            stmt = stmt.where(StockMove.doc_kind.concat("") == kind)  # walk, not the few-valued index
        return within_dates(stmt, StockMove.at, request)


def _numbered(text: str) -> ColumnElement[bool]:
    """The moves of documents numbered `text`, when it is a whole number (else none)."""
    value = text.strip()
    if value.isdigit() and len(value) <= 9:
        return StockMove.doc_number == int(value)
    return false()


def _touches(location_id: int) -> ColumnElement[bool]:
    return or_(StockMove.from_location_id == location_id, StockMove.to_location_id == location_id)


def _by_product(request: ListRequest) -> bool:
    return request.sort in ("sku", "name")
