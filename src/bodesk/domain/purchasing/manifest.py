"""The purchasing module's manifest: suppliers, their prices, purchase orders and receipts."""

from __future__ import annotations

from bodesk.domain.common.postings import DocumentKind
from bodesk.domain.common.tones import Tone
from bodesk.domain.modules import Check, DemoStep, Importer, Lazy, Module, SearchProvider, WorkItem
from bodesk.domain.purchasing.models import Receipt
from bodesk.domain.purchasing.permissions import (
    PURCHASE_ORDER,
    PURCHASE_OVER_RECEIVE,
    PURCHASE_RECEIVE,
    PURCHASING_VIEW,
    SUPPLIERS_EDIT,
)
from bodesk.i18n import N_, NP_

IMPORTS = "bodesk.domain.purchasing.imports"

MODULE = Module(
    key="purchasing",
    title=N_("Purchasing"),
    depends_on=("access", "company", "stock"),
    permissions=(PURCHASING_VIEW, SUPPLIERS_EDIT, PURCHASE_ORDER, PURCHASE_RECEIVE, PURCHASE_OVER_RECEIVE),
    audit_actions={
        "supplier.add": N_("Supplier added"),
        "supplier.update": N_("Supplier changed"),
        "supplier.archive": N_("Supplier archived"),
        "supplier.restore": N_("Supplier restored"),
        "supplier.price": N_("Supplier price set"),
        "supplier.price_remove": N_("Supplier price removed"),
        "purchase_order.add": N_("Purchase order drafted"),
        "purchase_order.update": N_("Purchase order changed"),
        "purchase_order.send": N_("Purchase order sent"),
        "purchase_order.cancel": N_("Purchase order cancelled"),
        "purchase_order.close": N_("Purchase order closed short"),
        "receipt.add": N_("Goods received"),
    },
    audit_records={
        "supplier": N_("Supplier"),
        "purchase_order": N_("Purchase order"),
        "receipt": N_("Receipt"),
    },
    audit_fields={
        "trade_name": N_("Trade name"),
        "contact_name": N_("Contact"),
        "lead_time_days": N_("Lead time (days)"),
        "payment_terms_days": N_("Payment terms (days)"),
        "notes": N_("Notes"),
        "packaging_id": N_("Packaging (number)"),
        "package_price": N_("Price per package"),
        "supplier_sku": N_("Supplier's code"),
        "preferred": N_("Preferred"),
        "supplier": N_("Supplier"),
        "order": N_("Order"),
        "total": N_("Total"),
        "supplier_invoice": N_("Supplier invoice"),
    },
    documents=(DocumentKind("receipt", N_("Receipt"), Receipt),),
    checks=(
        Check(
            "purchasing.receipts",
            N_("Each receipt equals the stock it brought in"),
            Lazy("bodesk.domain.purchasing.checks:receipts_equal_moves"),
        ),
    ),
    search=(
        SearchProvider("supplier", Lazy("bodesk.domain.purchasing.search:supplier_hits")),
        SearchProvider("purchase_order", Lazy("bodesk.domain.purchasing.search:order_hits")),
    ),
    work=(
        WorkItem(
            "purchasing.to_receive",
            NP_("{n} purchase order to receive", "{n} purchase orders to receive"),
            PURCHASE_RECEIVE,
            Lazy("bodesk.domain.purchasing.work:orders_to_receive"),
            Tone.INFO,
            order=30,
        ),
        WorkItem(
            "purchasing.drafts",
            NP_("{n} draft purchase order to send", "{n} draft purchase orders to send"),
            PURCHASE_ORDER,
            Lazy("bodesk.domain.purchasing.work:drafts_to_send"),
            Tone.INFO,
            order=31,
        ),
    ),
    demo=(DemoStep(30, "purchasing", Lazy("bodesk.domain.purchasing.demo:demo_purchasing")),),
    importers=(
        Importer(
            "suppliers",
            N_("suppliers"),
            Lazy(f"{IMPORTS}:supplier_import_fields"),
            Lazy(f"{IMPORTS}:import_suppliers_file"),
        ),
        Importer(
            "supplier-prices",
            N_("supplier prices"),
            Lazy(f"{IMPORTS}:price_import_fields"),
            Lazy(f"{IMPORTS}:import_supplier_prices_file"),
        ),
    ),
)
