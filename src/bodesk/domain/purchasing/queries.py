"""Read side of purchasing: the lists of suppliers, supplier prices, orders, order lines, receipts and
receipt lines, paged, sorted and filtered in SQL.

Filters (ListRequest.filters):
- SuppliersQuery: "active" True/False (absent: both).
- SupplierPricesQuery: "supplier" id (required: no supplier, no rows).
- OrdersQuery: "status" a status code or "open"; "supplier" id; "from"/"to" dates of creation.
- OrderLinesQuery: "order" id (required).
- ReceiptsQuery: "supplier" id; "order" id; "from"/"to" dates received; "billed" True/False.
- ReceiptLinesQuery: "receipt" id (required).
"""

from __future__ import annotations

from sqlalchemy import false, or_

from bodesk.domain.common.listing import (
    AnySelect,
    ListColumn,
    ListQuery,
    ListRequest,
    contains,
    has_words,
    within_dates,
)
from bodesk.domain.common.numbering import typed_number
from bodesk.domain.common.taxid import format_tax_id
from bodesk.domain.common.text import fold
from bodesk.domain.purchasing.models import (
    PurchaseOrder,
    PurchaseOrderLine,
    Receipt,
    ReceiptLine,
    Supplier,
    SupplierProduct,
)
from bodesk.domain.purchasing.permissions import PURCHASING_VIEW
from bodesk.domain.purchasing.states import OPEN_STATUSES, ORDER_LIFECYCLE
from bodesk.domain.stock.models import Location, Lot, Packaging, Product, Warehouse
from bodesk.domain.stock.permissions import STOCK_COSTS
from bodesk.domain.stock.search import product_matches
from bodesk.i18n import N_


class SuppliersQuery(ListQuery):
    action = PURCHASING_VIEW
    entity = Supplier
    columns = (
        ListColumn("name", N_("Supplier"), Supplier.name),
        ListColumn("trade_name", N_("Trade name"), Supplier.trade_name),
        ListColumn("tax_id", N_("CNPJ / CPF"), Supplier.tax_id, label=format_tax_id),
        ListColumn("city", N_("City"), Supplier.city),
        ListColumn("state", N_("State"), Supplier.state),
        ListColumn("phone", N_("Phone"), Supplier.phone),
        ListColumn("lead_time_days", N_("Lead time (days)"), Supplier.lead_time_days, kind="number"),
        ListColumn("payment_terms_days", N_("Terms (days)"), Supplier.payment_terms_days, kind="number"),
        ListColumn("active", N_("Active"), Supplier.active, kind="bool"),
    )
    default_sort = "name"

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        if request.search:
            stmt = stmt.where(has_words(Supplier.search_text, request.search))
        active = request.filter("active")
        if isinstance(active, bool):
            stmt = stmt.where(Supplier.active.is_(active))
        return stmt


class SupplierPricesQuery(ListQuery):
    """The products one supplier sells us, with their packaging and price."""

    action = PURCHASING_VIEW
    entity = SupplierProduct
    columns = (
        ListColumn("sku", N_("SKU"), Product.sku, kind="code"),
        ListColumn("product", N_("Product"), Product.name),
        ListColumn("supplier_sku", N_("Supplier's code"), SupplierProduct.supplier_sku),
        ListColumn("packaging", N_("Packaging"), Packaging.name),
        ListColumn("units", N_("Units"), Packaging.units, kind="quantity"),
        ListColumn(
            "package_price",
            N_("Price per package"),
            SupplierProduct.package_price,
            kind="price",
            permission=STOCK_COSTS,
        ),
        ListColumn("preferred", N_("Preferred"), SupplierProduct.preferred, kind="bool"),
    )
    default_sort = "product"

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        stmt = stmt.join(Product, Product.id == SupplierProduct.product_id).outerjoin(
            Packaging, Packaging.id == SupplierProduct.packaging_id
        )
        supplier = request.filter("supplier")
        stmt = stmt.where(SupplierProduct.supplier_id == supplier) if supplier else stmt.where(false())
        if request.search:
            by_code = contains(SupplierProduct.supplier_sku, request.search)
            stmt = stmt.where(or_(by_code, product_matches(request.search)))
        return stmt


class OrdersQuery(ListQuery):
    action = PURCHASING_VIEW
    entity = PurchaseOrder
    columns = (
        ListColumn("number", N_("Number"), PurchaseOrder.number, kind="ref"),
        ListColumn("supplier", N_("Supplier"), Supplier.name),
        ListColumn("warehouse", N_("Warehouse"), Warehouse.code, kind="code"),
        ListColumn(
            "status",
            N_("Status"),
            PurchaseOrder.status,
            label=ORDER_LIFECYCLE.label,
            tone=ORDER_LIFECYCLE.tone,
        ),
        ListColumn("created_at", N_("Created"), PurchaseOrder.created_at, kind="datetime"),
        ListColumn("sent_at", N_("Sent"), PurchaseOrder.sent_at, kind="datetime"),
        ListColumn("expected_on", N_("Expected"), PurchaseOrder.expected_on, kind="date"),
        ListColumn(
            "total", N_("Total"), PurchaseOrder.total, kind="money", total=True, permission=STOCK_COSTS
        ),
    )
    default_sort = "number"
    default_descending = True

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        stmt = stmt.join(Supplier, Supplier.id == PurchaseOrder.supplier_id).join(
            Warehouse, Warehouse.id == PurchaseOrder.warehouse_id
        )
        if request.search:
            number = typed_number(request.search)
            by_name = stmt.where(has_words(Supplier.search_text, request.search))
            stmt = stmt.where(PurchaseOrder.number == number) if number is not None else by_name
        status = request.filter("status")
        if status == "open":
            stmt = stmt.where(PurchaseOrder.status.in_(OPEN_STATUSES))
        elif status:
            stmt = stmt.where(PurchaseOrder.status == status)
        supplier = request.filter("supplier")
        if supplier:
            stmt = stmt.where(PurchaseOrder.supplier_id == supplier)
        return within_dates(stmt, PurchaseOrder.created_at, request)


class OrderLinesQuery(ListQuery):
    action = PURCHASING_VIEW
    entity = PurchaseOrderLine
    columns = (
        ListColumn("sku", N_("SKU"), Product.sku, kind="code"),
        ListColumn("product", N_("Product"), Product.name),
        ListColumn("packaging", N_("Packaging"), Packaging.name),
        ListColumn("packages", N_("Packages"), PurchaseOrderLine.packages, kind="quantity"),
        ListColumn(
            "package_price",
            N_("Price per package"),
            PurchaseOrderLine.package_price,
            kind="price",
            permission=STOCK_COSTS,
        ),
        ListColumn("total", N_("Total"), PurchaseOrderLine.total, kind="money", permission=STOCK_COSTS),
        ListColumn("quantity", N_("Ordered (units)"), PurchaseOrderLine.quantity, kind="quantity"),
        ListColumn("received", N_("Received (units)"), PurchaseOrderLine.received, kind="quantity"),
    )
    default_sort = "product"

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        stmt = stmt.join(Product, Product.id == PurchaseOrderLine.product_id).outerjoin(
            Packaging, Packaging.id == PurchaseOrderLine.packaging_id
        )
        order = request.filter("order")
        stmt = stmt.where(PurchaseOrderLine.order_id == order) if order else stmt.where(false())
        if request.search:
            stmt = stmt.where(product_matches(request.search))
        return stmt


class ReceiptsQuery(ListQuery):
    action = PURCHASING_VIEW
    entity = Receipt
    columns = (
        ListColumn("number", N_("Number"), Receipt.number, kind="ref"),
        ListColumn("received_at", N_("Received"), Receipt.received_at, kind="datetime"),
        ListColumn("order", N_("Order"), PurchaseOrder.number, kind="ref"),
        ListColumn("supplier", N_("Supplier"), Supplier.name),
        ListColumn("warehouse", N_("Warehouse"), Warehouse.code, kind="code"),
        ListColumn("supplier_invoice", N_("Supplier invoice"), Receipt.supplier_invoice),
        ListColumn("total", N_("Value"), Receipt.total, kind="money", total=True, permission=STOCK_COSTS),
        ListColumn("billed", N_("Billed"), Receipt.billed, kind="bool"),
    )
    default_sort = "number"
    default_descending = True

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        stmt = (
            stmt.join(Supplier, Supplier.id == Receipt.supplier_id)
            .join(Warehouse, Warehouse.id == Receipt.warehouse_id)
            .outerjoin(PurchaseOrder, PurchaseOrder.id == Receipt.order_id)
        )
        if request.search:
            number = typed_number(request.search)
            if number is not None:
                stmt = stmt.where(or_(Receipt.number == number, PurchaseOrder.number == number))
            else:
                stmt = stmt.where(
                    or_(
                        contains(Receipt.supplier_invoice, request.search),
                        contains(Supplier.search_text, fold(request.search)),
                    )
                )
        for key, column in (("supplier", Receipt.supplier_id), ("order", Receipt.order_id)):
            value = request.filter(key)
            if value:
                stmt = stmt.where(column == value)
        billed = request.filter("billed")
        if isinstance(billed, bool):
            stmt = stmt.where(Receipt.billed.is_(billed))
        return within_dates(stmt, Receipt.received_at, request)


class ReceiptLinesQuery(ListQuery):
    action = PURCHASING_VIEW
    entity = ReceiptLine
    columns = (
        ListColumn("sku", N_("SKU"), Product.sku, kind="code"),
        ListColumn("product", N_("Product"), Product.name),
        ListColumn("lot", N_("Lot"), Lot.code, kind="code"),
        ListColumn("expiry", N_("Expiry"), Lot.expiry, kind="date"),
        ListColumn("quantity", N_("Quantity"), ReceiptLine.quantity, kind="quantity"),
        ListColumn("unit", N_("Unit"), Product.base_unit),
        ListColumn("unit_cost", N_("Unit cost"), ReceiptLine.unit_cost, kind="price", permission=STOCK_COSTS),
        ListColumn("total", N_("Value"), ReceiptLine.total, kind="money", permission=STOCK_COSTS),
        ListColumn("location", N_("Put in"), Location.code, kind="code"),
    )
    default_sort = "product"

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        stmt = (
            stmt.join(Product, Product.id == ReceiptLine.product_id)
            .outerjoin(Lot, Lot.id == ReceiptLine.lot_id)
            .join(Receipt, Receipt.id == ReceiptLine.receipt_id)
            .join(Location, Location.id == Receipt.location_id)
        )
        receipt = request.filter("receipt")
        return stmt.where(ReceiptLine.receipt_id == receipt) if receipt else stmt.where(false())
