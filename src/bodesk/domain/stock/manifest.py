"""The stock module's manifest: the catalogue, warehouses, the stock ledger and its documents, counts."""

from __future__ import annotations

from bodesk.domain.common.postings import DocumentKind
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
)
from bodesk.domain.stock.models import StockCount, StockOperation
from bodesk.domain.stock.permissions import (
    CATALOGUE_EDIT,
    STOCK_COUNT,
    STOCK_COUNT_POST,
    STOCK_MOVE,
    STOCK_VIEW,
    WAREHOUSES_EDIT,
)
from bodesk.i18n import N_

CHECKS = "bodesk.domain.stock.checks"
WAREHOUSE = Option("--warehouse", N_("the warehouse (its code) whose open count to fill"), "CODE")

MODULE = Module(
    key="stock",
    title=N_("Stock"),
    depends_on=("access", "company"),
    permissions=(STOCK_VIEW, CATALOGUE_EDIT, WAREHOUSES_EDIT, STOCK_MOVE, STOCK_COUNT, STOCK_COUNT_POST),
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
