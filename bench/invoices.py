"""Invoice figures on generated data: one company, ten products in stock, a customer paying in
28/35/42 days and a PIX key; N orders of 10 lines each entered, confirmed and shipped through the
services. Then, each its own committed transaction as a desk does it:
- draft_invoices of one order, and post_invoice of its draft (number, entry, 3 installments, order
  invoiced);
- invoice_orders (draft and post in one transaction) of one order;
- the invoice PDF (with its PIX QR) written to a file (goal <= 30 ms).
Prints medians and 90th percentiles; asserts nothing.

    .venv/bin/python bench/invoices.py                 # 200 orders, 50 PDFs
    .venv/bin/python bench/invoices.py --orders 1000 --pdfs 200
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from sqlalchemy import update
from stdnum.br import cnpj

from bodesk.domain.access.actor import Actor
from bodesk.domain.company.services import CompanyDetails, set_up_company
from bodesk.domain.finance.invoicing import draft_invoices, invoice_orders, post_invoice
from bodesk.domain.finance.models import FinanceSettings
from bodesk.domain.registry import load_modules
from bodesk.domain.sales.customers import Address, CustomerData, create_customer
from bodesk.domain.sales.order_lines import SalesLineInput
from bodesk.domain.sales.orders import create_order
from bodesk.domain.sales.references import add_payment_term
from bodesk.domain.sales.shipping import ship_order
from bodesk.domain.stock.new_product import create_product
from bodesk.domain.stock.operations import adjust_stock
from bodesk.domain.stock.product_rules import ProductData
from bodesk.domain.stock.warehouses import create_warehouse, main_location
from bodesk.reports.invoice import write_invoice
from bodesk.store.engine import Database
from bodesk.store.opening import open_database

COMPANY = CompanyDetails(
    name="Distribuidora Bench Ltda.",
    tax_id="12ABC34501DE35",
    street="Rua A",
    number="1",
    city="Campinas",
    state="SP",
)
PASSWORD = "bench-senha-2026"
LINES = 10


def timed(work: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = work()
    return (time.perf_counter() - start) * 1000, result


def show(label: str, times: list[float], target: str = "") -> None:
    p90 = sorted(times)[int(len(times) * 0.9)]
    print(
        f"{label:<52} median {statistics.median(times):7.2f} ms  p90 {p90:7.2f} ms  n={len(times):<5} {target}"
    )


def shop(db: Database, owner: Actor) -> tuple[int, list[int]]:
    warehouse = create_warehouse(db, owner, "CD1", "Centro de distribuição")
    with db.read() as session:
        location = main_location(session, warehouse).id
    products = [
        create_product(
            db,
            owner,
            ProductData(
                sku=f"BEB-{n:03d}",
                name=f"Bebida {n} lata 350 ml",
                sale_price=Decimal("4.90") + n,
                cost=Decimal("2.00"),
            ),
        )
        for n in range(LINES)
    ]
    for product in products:
        adjust_stock(db, owner, product, location, Decimal(900_000), "estoque inicial")
    term = add_payment_term(db, owner, "28/35/42 dias", "28/35/42")
    body = f"{40_000_001:08d}0001"
    customer = create_customer(
        db,
        owner,
        CustomerData(
            name="Bar do Zé Comércio de Bebidas Ltda.",
            tax_id=body + cnpj.calc_check_digits(body),
            state_registration="123456789110",
            payment_term_id=term,
            billing=Address("Rua das Flores", "100", "", "Centro", "Campinas", "SP", "13010-000"),
        ),
    )
    with db.write() as session:
        session.execute(
            update(FinanceSettings).values(
                pix_key="financeiro@bench.com.br", state_registration="244555666111"
            )
        )
    return customer, products


def shipped(db: Database, owner: Actor, customer: int, products: list[int], n: int) -> int:
    lines = [
        SalesLineInput(product, None, Decimal(1 + (n + k) % 5), discount=Decimal(k % 3))
        for k, product in enumerate(products)
    ]
    order = create_order(db, owner, customer, lines, confirm=True)
    ship_order(db, owner, order)
    return order


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--orders", type=int, default=200)
    parser.add_argument("--pdfs", type=int, default=50)
    args = parser.parse_args()
    load_modules()
    folder = Path(tempfile.mkdtemp(prefix="bodesk-bench-invoices-"))
    db = open_database(f"sqlite:///{folder / 'bench.sqlite'}", backup_dir=folder / "backups")
    owner = set_up_company(db, COMPANY, "dono", "Dona Maria", PASSWORD)
    customer, products = shop(db, owner)
    orders = [shipped(db, owner, customer, products, n) for n in range(args.orders)]
    half = len(orders) // 2
    drafting, posting, both = [], [], []
    invoices = []
    for order in orders[:half]:
        took, drafts = timed(lambda order=order: draft_invoices(db, owner, [order]))
        drafting.append(took)
        took, posted = timed(lambda drafts=drafts: post_invoice(db, owner, drafts[0]))  # type: ignore[index]
        posting.append(took)
        invoices.append(posted.id)  # type: ignore[attr-defined]
    for order in orders[half:]:
        took, _posted = timed(lambda order=order: invoice_orders(db, owner, [order]))
        both.append(took)
    pdfs = []
    for n in range(args.pdfs):
        took, _path = timed(
            lambda n=n: write_invoice(db, owner, invoices[n % len(invoices)], folder / "invoice.pdf")
        )
        pdfs.append(took)
    print(f"{args.orders} orders of {LINES} lines, SQLite at {folder}")
    show("draft_invoices (one order of 10 lines)", drafting)
    show("post_invoice (number, entry, 3 installments, order)", posting)
    show("invoice_orders (draft and post in one transaction)", both)
    show("invoice PDF with its PIX QR", pdfs, "(goal <= 30 ms)")
    db.dispose()


if __name__ == "__main__":
    main()
