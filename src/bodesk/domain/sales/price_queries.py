"""Read side of price tables: the tables, and for one table its prices per product and packaging, the
quantity breaks and the promotions that apply in it (its own and those of every table), paged,
sorted and filtered in SQL.

Filters (ListRequest.filters):
- PriceTablesQuery: "active" True/False.
- PriceItemsQuery, PriceBreaksQuery, PromotionsQuery: "table" id (required; breaks and promotions of
  every table are listed with the table's own).
"""

from __future__ import annotations

from sqlalchemy import false, or_, select

from bodesk.domain.common.listing import AnySelect, ListColumn, ListQuery, ListRequest, contains
from bodesk.domain.sales.models import Segment
from bodesk.domain.sales.permissions import SALES_VIEW
from bodesk.domain.sales.price_models import PriceBreak, PriceTable, PriceTableItem, Promotion
from bodesk.domain.stock.models import Category, Packaging, Product
from bodesk.domain.stock.search import product_matches
from bodesk.i18n import N_


class PriceTablesQuery(ListQuery):
    action = SALES_VIEW
    entity = PriceTable
    columns = (
        ListColumn("name", N_("Price table"), PriceTable.name),
        ListColumn("segment", N_("Segment"), Segment.name, sortable=False),
        ListColumn("is_default", N_("Default"), PriceTable.is_default, kind="bool"),
        ListColumn("active", N_("Active"), PriceTable.active, kind="bool"),
    )
    default_sort = "name"

    def base(self) -> AnySelect:
        return super().base().outerjoin(Segment, Segment.id == PriceTable.segment_id)

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        if request.search:
            stmt = stmt.where(contains(PriceTable.name, request.search))
        if isinstance(request.filter("active"), bool):
            stmt = stmt.where(PriceTable.active.is_(request.filter("active")))
        return stmt


class PriceItemsQuery(ListQuery):
    action = SALES_VIEW
    entity = PriceTableItem
    columns = (
        ListColumn("sku", N_("SKU"), Product.sku, kind="code"),
        ListColumn("product", N_("Product"), Product.name),
        ListColumn("packaging", N_("Packaging"), Packaging.name, sortable=False),
        ListColumn("unit", N_("Unit"), Product.base_unit, sortable=False),
        ListColumn("price", N_("Price"), PriceTableItem.price, kind="money"),
        ListColumn("min_price", N_("Minimum"), PriceTableItem.min_price, kind="money"),
    )
    default_sort = "product"

    def base(self) -> AnySelect:
        return (
            super()
            .base()
            .join(Product, Product.id == PriceTableItem.product_id)
            .outerjoin(Packaging, Packaging.id == PriceTableItem.packaging_id)
        )

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        table = request.filter("table")
        if not table:
            return stmt.where(false())
        stmt = stmt.where(PriceTableItem.table_id == table)
        if request.search:
            stmt = stmt.where(
                PriceTableItem.product_id.in_(select(Product.id).where(product_matches(request.search)))
            )
        return stmt


class PriceBreaksQuery(ListQuery):
    action = SALES_VIEW
    entity = PriceBreak
    columns = (
        ListColumn("label", N_("Break"), PriceBreak.label),
        ListColumn("sku", N_("SKU"), Product.sku, kind="code", sortable=False),
        ListColumn("category", N_("Category"), Category.name, sortable=False),
        ListColumn("min_units", N_("From (units)"), PriceBreak.min_units, kind="quantity"),
        ListColumn("discount", N_("Discount %"), PriceBreak.discount, kind="number"),
        ListColumn(
            "every_table", N_("Every table"), PriceBreak.table_id.is_(None), kind="bool", sortable=False
        ),
    )
    default_sort = "min_units"

    def base(self) -> AnySelect:
        return (
            super()
            .base()
            .outerjoin(Product, Product.id == PriceBreak.product_id)
            .outerjoin(Category, Category.id == PriceBreak.category_id)
        )

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        table = request.filter("table")
        if not table:
            return stmt.where(false())
        return stmt.where(or_(PriceBreak.table_id == table, PriceBreak.table_id.is_(None)))


class PromotionsQuery(ListQuery):
    action = SALES_VIEW
    entity = Promotion
    columns = (
        ListColumn("name", N_("Promotion"), Promotion.name),
        ListColumn("sku", N_("SKU"), Product.sku, kind="code", sortable=False),
        ListColumn("category", N_("Category"), Category.name, sortable=False),
        ListColumn("starts_on", N_("From"), Promotion.starts_on, kind="date"),
        ListColumn("ends_on", N_("Until"), Promotion.ends_on, kind="date"),
        ListColumn("discount", N_("Discount %"), Promotion.discount, kind="number"),
        ListColumn(
            "every_table", N_("Every table"), Promotion.table_id.is_(None), kind="bool", sortable=False
        ),
    )
    default_sort = "starts_on"
    default_descending = True

    def base(self) -> AnySelect:
        return (
            super()
            .base()
            .outerjoin(Product, Product.id == Promotion.product_id)
            .outerjoin(Category, Category.id == Promotion.category_id)
        )

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        table = request.filter("table")
        if not table:
            return stmt.where(false())
        return stmt.where(
            Promotion.active.is_(True), or_(Promotion.table_id == table, Promotion.table_id.is_(None))
        )
