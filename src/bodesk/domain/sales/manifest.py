"""The sales module's manifest: customers, price tables, sales orders and returns."""

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
from bodesk.domain.sales.order_models import SalesOrder, SalesReturn
from bodesk.domain.sales.permissions import (
    COMMISSIONS_VIEW,
    CREDIT_OVERRIDE,
    CUSTOMERS_EDIT,
    PRICES_EDIT,
    SALES_BELOW_MINIMUM,
    SALES_DISCOUNT,
    SALES_ORDER,
    SALES_RETURN,
    SALES_SETTINGS,
    SALES_SHIP,
    SALES_VIEW,
)
from bodesk.i18n import N_, NP_

CHECKS = "bodesk.domain.sales.checks"
REPORTS = "bodesk.reports.sales_cli"
ORDERS = Option("--order", N_("the order's number (give --order once per order)"), "NUMBER", repeat=True)
ORDER = Option("--order", N_("the order's number"), "NUMBER", repeat=True)
FROM = Option("--from", N_("the first day (dd/mm/yyyy or yyyy-mm-dd; default: 30 days before --to)"), "DAY")
TO = Option("--to", N_("the last day (default: today)"), "DAY")
SALES_BY = Option(
    "--by", N_("group by product, customer, rep, category or month"), "GROUP",
    choices=("product", "customer", "rep", "category", "month"), default="product",
)  # fmt: skip
PROCESSING_BY = Option(
    "--by", N_("group by day, week or rep"), "GROUP", choices=("day", "week", "rep"), default="day"
)
REP = Option("--rep", N_("the sales rep: their number or name"), "REP")
WORK = "bodesk.domain.sales.work"

MODULE = Module(
    key="sales",
    title=N_("Sales"),
    depends_on=("access", "company", "stock", "purchasing"),
    permissions=(
        SALES_VIEW,
        CUSTOMERS_EDIT,
        PRICES_EDIT,
        SALES_ORDER,
        SALES_SHIP,
        SALES_DISCOUNT,
        SALES_BELOW_MINIMUM,
        CREDIT_OVERRIDE,
        SALES_RETURN,
        COMMISSIONS_VIEW,
        SALES_SETTINGS,
    ),
    audit_actions={
        "customer.add": N_("Customer added"),
        "customer.update": N_("Customer changed"),
        "customer.archive": N_("Customer archived"),
        "customer.restore": N_("Customer restored"),
        "customer.block": N_("Customer blocked"),
        "customer.unblock": N_("Customer unblocked"),
        "segment.add": N_("Segment added"),
        "payment_term.add": N_("Payment term added"),
        "sales_rep.add": N_("Sales rep added"),
        "price_table.add": N_("Price table added"),
        "price_table.price": N_("Price set"),
        "price_break.add": N_("Quantity break added"),
        "promotion.add": N_("Promotion added"),
        "sales.settings": N_("Sales settings changed"),
        "sales_order.add": N_("Sales order taken"),
        "sales_order.update": N_("Sales order changed"),
        "sales_order.confirm": N_("Sales order confirmed"),
        "sales_order.unconfirm": N_("Sales order back to a quote"),
        "sales_order.pick": N_("Picking started"),
        "sales_order.unpick": N_("Picking undone"),
        "sales_order.ship": N_("Sales order shipped"),
        "sales_order.backorder": N_("Backorder made"),
        "sales_order.deliver": N_("Sales order delivered"),
        "sales_order.cancel": N_("Sales order cancelled"),
        "sales_return.add": N_("Goods returned"),
        "commission.rate": N_("Commission rate set"),
    },
    audit_records={
        "customer": N_("Customer"),
        "segment": N_("Segment"),
        "payment_term": N_("Payment term"),
        "sales_rep": N_("Sales rep"),
        "price_table": N_("Price table"),
        "price_break": N_("Quantity break"),
        "promotion": N_("Promotion"),
        "sales_settings": N_("Sales settings"),
        "sales_order": N_("Sales order"),
        "sales_return": N_("Return"),
    },
    audit_fields={
        "backorder": N_("Backorder"),
        "customer": N_("Customer"),
        "days": N_("Days"),
        "default": N_("Default"),
        "discount": N_("Discount (%)"),
        "min_price": N_("Minimum price"),
        "min_units": N_("From (units)"),
        "of": N_("Backorder of"),
        "price": N_("Price"),
        "rate": N_("Rate (%)"),
        "short_lines": N_("Lines short"),
    },
    documents=(
        DocumentKind("sales_order", N_("Sales order"), SalesOrder),
        DocumentKind("sales_return", N_("Return"), SalesReturn),
    ),
    checks=(
        Check("sales.orders", N_("Each sales order adds up to its lines"), Lazy(f"{CHECKS}:orders_add_up")),
        Check(
            "sales.shipments",
            N_("Each shipped order moved what its lines shipped"),
            Lazy(f"{CHECKS}:shipments_equal_moves"),
        ),
        Check(
            "sales.returns", N_("Each return moved what it took back"), Lazy(f"{CHECKS}:returns_equal_moves")
        ),
    ),
    demo=(
        # before the purchasing history (30), which hands what it sold to the sales writer it leaves
        DemoStep(29, "sales", Lazy("bodesk.domain.sales.demo:demo_sales")),
        DemoStep(35, "sales_orders", Lazy("bodesk.domain.sales.demo_orders:demo_orders")),
    ),
    search=(
        SearchProvider("customer", Lazy("bodesk.domain.sales.search:customer_hits")),
        SearchProvider("sales_order", Lazy("bodesk.domain.sales.search:sales_order_hits")),
    ),
    importers=(
        Importer(
            "customers",
            N_("customers"),
            Lazy("bodesk.domain.sales.import_fields:customer_import_fields"),
            Lazy("bodesk.domain.sales.imports:import_customers_file"),
        ),
    ),
    exporters=(
        Exporter("customers", N_("customers"), Lazy("bodesk.domain.sales.exports:export_customers")),
        Exporter("orders", N_("sales orders"), Lazy("bodesk.domain.sales.exports:export_orders")),
    ),
    reports=(
        Report(
            "picking-list", N_("the picking list of sales orders"), Lazy(f"{REPORTS}:picking_list"), (ORDERS,)
        ),
        Report("sales-order", N_("a quote or a sales order"), Lazy(f"{REPORTS}:sales_order"), (ORDER,)),
        Report("sales", N_("sales in a period"), Lazy(f"{REPORTS}:sales"), (FROM, TO, SALES_BY)),
        Report(
            "processing-time",
            N_("how long orders take to process"),
            Lazy(f"{REPORTS}:processing_time"),
            (FROM, TO, PROCESSING_BY),
        ),
        Report(
            "commissions",
            N_("a sales rep's commission statement"),
            Lazy(f"{REPORTS}:commissions"),
            (REP, FROM, TO),
        ),
    ),
    work=(
        WorkItem(
            "sales.quotes",
            NP_("{n} quote to confirm", "{n} quotes to confirm"),
            SALES_ORDER,
            Lazy(f"{WORK}:quotes_to_confirm"),
            Tone.INFO,
            order=25,
        ),
        WorkItem(
            "sales.to_pick",
            NP_("{n} sales order to pick", "{n} sales orders to pick"),
            SALES_SHIP,
            Lazy(f"{WORK}:orders_to_pick"),
            Tone.INFO,
            order=26,
        ),
        WorkItem(
            "sales.to_ship",
            NP_("{n} sales order to ship", "{n} sales orders to ship"),
            SALES_SHIP,
            Lazy(f"{WORK}:orders_to_ship"),
            Tone.INFO,
            order=27,
        ),
    ),
)
