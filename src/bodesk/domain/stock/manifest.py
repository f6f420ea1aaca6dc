"""The stock module's manifest: the catalogue, warehouses, the stock ledger and its documents, counts."""

from __future__ import annotations

from bodesk.domain.common.postings import DocumentKind
from bodesk.domain.common.tones import Tone
from bodesk.domain.modules import (
    Check,
    DemoStep,
    Exporter,
    Importer,
    Lazy,
    Module,
    Option,
    Report,
    SearchProvider,
    WorkItem,
)
from bodesk.domain.stock.models import StockCount, StockOperation
from bodesk.domain.stock.permissions import (
    CATALOGUE_EDIT,
    STOCK_COSTS,
    STOCK_COUNT,
    STOCK_COUNT_POST,
    STOCK_MOVE,
    STOCK_VIEW,
    WAREHOUSES_EDIT,
)
from bodesk.i18n import N_, NP_

CHECKS = "bodesk.domain.stock.checks"
WORK = "bodesk.domain.stock.work"
WAREHOUSE = Option("--warehouse", N_("the warehouse (its code) whose open count to fill"), "CODE")

MODULE = Module(
    key="stock",
    title=N_("Stock"),
    depends_on=("access", "company"),
    permissions=(
        STOCK_VIEW,
        STOCK_COSTS,
        CATALOGUE_EDIT,
        WAREHOUSES_EDIT,
        STOCK_MOVE,
        STOCK_COUNT,
        STOCK_COUNT_POST,
    ),
    audit_actions={
        "product.add": N_("Product added"),
        "product.update": N_("Product changed"),
        "product.archive": N_("Product archived"),
        "product.restore": N_("Product restored"),
        "packaging.add": N_("Packaging added"),
        "packaging.remove": N_("Packaging removed"),
        "warehouse.add": N_("Warehouse added"),
        "warehouse.update": N_("Warehouse changed"),
        "bin.add": N_("Bin added"),
        "bin.close": N_("Bin closed"),
        "bin.open": N_("Bin opened"),
        "stock.transfer": N_("Stock transferred"),
        "stock.adjust": N_("Stock adjusted"),
        "stock.breakage": N_("Breakage recorded"),
        "stock.issue": N_("Goods issued"),
        "stock_count.start": N_("Count started"),
        "stock_count.record": N_("Quantity counted"),
        "stock_count.undo": N_("Count entry undone"),
        "stock_count.import": N_("Counted quantities imported"),
        "stock_count.post": N_("Count posted"),
        "stock_count.cancel": N_("Count cancelled"),
    },
    audit_records={
        "product": N_("Product"),
        "warehouse": N_("Warehouse"),
        "location": N_("Location"),
        "stock_count": N_("Count"),
    },
    audit_fields={
        "reservations_trimmed": N_("Reservations trimmed"),
        "sku": N_("SKU"),
        "gtin": N_("Barcode (GTIN/EAN)"),
        "brand": N_("Brand"),
        "category": N_("Category"),
        "category_id": N_("Category (number)"),
        "base_unit": N_("Base unit"),
        "ncm": N_("NCM code"),
        "sale_price": N_("Sale price"),
        "min_stock": N_("Minimum stock"),
        "max_stock": N_("Maximum stock"),
        "lot_tracked": N_("Tracked by lot"),
        "shelf_life_days": N_("Shelf life (days)"),
        "returnable": N_("Returnable container"),
        "active": N_("Active"),
        "code": N_("Code"),
        "packaging": N_("Packaging"),
        "units": N_("Units"),
        "product": N_("Product"),
        "warehouse": N_("Warehouse"),
        "location": N_("Location"),
        "lot": N_("Lot"),
        "lot_id": N_("Lot (number)"),
        "operation": N_("Operation"),
        "from": N_("From"),
        "to": N_("To"),
        "quantity": N_("Quantity"),
        "delta": N_("Change"),
        "mode": N_("How it was counted"),
        "counted": N_("Counted"),
        "entries": N_("Entries"),
        "lines": N_("Lines"),
        "replace": N_("Replaced what was counted"),
        "source": N_("File"),
        "note": N_("Note"),
        "status": N_("Status"),
        "moves": N_("Stock moves"),
        "gain": N_("Gain"),
        "loss": N_("Loss"),
        "value": N_("Value"),
        "uncounted": N_("Lines not counted"),
        "uncounted_as_zero": N_("Lines not counted set to zero"),
    },
    documents=(
        DocumentKind("transfer", N_("Transfer"), StockOperation, "kind"),
        DocumentKind("adjustment", N_("Adjustment"), StockOperation, "kind"),
        DocumentKind("breakage", N_("Breakage"), StockOperation, "kind"),
        DocumentKind("issue", N_("Goods issue"), StockOperation, "kind"),
        DocumentKind("stock_count", N_("Count"), StockCount),
    ),
    checks=(
        Check(
            "stock.quants",
            N_("Stock on hand equals the sum of stock moves"),
            Lazy(f"{CHECKS}:quants_equal_moves"),
        ),
        Check(
            "stock.on_hand",
            N_("Each product's total equals its stock in every location"),
            Lazy(f"{CHECKS}:product_totals"),
        ),
        Check("stock.negative", N_("No stock location is below zero"), Lazy(f"{CHECKS}:nothing_negative")),
        Check(
            "stock.documents",
            N_("Every stock move refers to its document"),
            Lazy(f"{CHECKS}:moves_refer_to_documents"),
        ),
        Check(
            "stock.operations",
            N_("Each stock operation is worth what it moved"),
            Lazy(f"{CHECKS}:operations_equal_moves"),
        ),
        Check(
            "stock.counts",
            N_("Each posted count adjusted what its moves say"),
            Lazy(f"{CHECKS}:posted_counts_equal_moves"),
        ),
        Check(
            "stock.rules",
            N_("Every product, warehouse, bin and lot could be saved again unchanged"),
            Lazy("bodesk.domain.stock.rule_checks:records_follow_the_rules"),
        ),
    ),
    search=(SearchProvider("product", Lazy("bodesk.domain.stock.search:product_hits")),),
    work=(
        WorkItem(
            "stock.below_minimum",
            NP_("{n} product below its minimum", "{n} products below their minimum"),
            STOCK_VIEW,
            Lazy(f"{WORK}:products_below_minimum"),
            order=10,
        ),
        WorkItem(
            "stock.lots_expired",
            NP_("{n} expired lot still in stock", "{n} expired lots still in stock"),
            STOCK_VIEW,
            Lazy(f"{WORK}:lots_expired"),
            Tone.DANGER,
            order=20,
        ),
        WorkItem(
            "stock.lots_expiring",
            NP_("{n} lot near its expiry", "{n} lots near their expiry"),
            STOCK_VIEW,
            Lazy(f"{WORK}:lots_expiring"),
            order=21,
        ),
        WorkItem(
            "stock.counts_open",
            NP_("{n} stock count open", "{n} stock counts open"),
            STOCK_COUNT,
            Lazy(f"{WORK}:counts_open"),
            Tone.INFO,
            order=40,
        ),
    ),
    demo=(
        DemoStep(20, "stock", Lazy("bodesk.domain.stock.demo:demo_stock")),
        DemoStep(40, "count", Lazy("bodesk.domain.stock.demo_count:demo_count")),
    ),
    importers=(
        Importer(
            "products",
            N_("products"),
            Lazy("bodesk.domain.stock.imports:product_import_fields"),
            Lazy("bodesk.domain.stock.imports:import_products_file"),
        ),
        Importer(
            "stock-count",
            N_("counted quantities into the open stock count"),
            Lazy("bodesk.domain.stock.count_import:count_import_fields"),
            Lazy("bodesk.domain.stock.count_import:import_into_open_count"),
            (WAREHOUSE,),
        ),
    ),
    exporters=(
        Exporter(
            "products", N_("the product catalogue"), Lazy("bodesk.domain.stock.exports:export_products")
        ),
        Exporter("stock", N_("stock on hand"), Lazy("bodesk.domain.stock.exports:export_stock")),
    ),
    reports=(
        Report(
            "stock-availability",
            N_("stock availability"),
            Lazy("bodesk.reports.stock_availability:write_stock_availability"),
        ),
        Report(
            "stock-valuation",
            N_("stock valuation"),
            Lazy("bodesk.reports.stock_valuation:write_stock_valuation"),
        ),
        Report(
            "expiry",
            N_("lots expiring soon"),
            Lazy("bodesk.reports.expiry:write_expiry"),
            (Option("--days", N_("lots expiring within N days"), "N", int, 30),),
        ),
    ),
)
