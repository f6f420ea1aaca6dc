"""Several desks at once: N processes enter and confirm sales orders against one database for S
seconds, over few products so that they meet on the same rows. Each call goes through
`store.retry.retrying`, as a screen's `run_service` does. Prints orders per second, the median and
95th percentile of a confirmation, how many calls were run again after a conflict, and the errors that
would reach a person (the goal: none). Asserts nothing.

    scripts/with-postgres.sh .venv/bin/python bench/desks.py --server --processes 8 --seconds 60
    .venv/bin/python bench/desks.py --processes 4 --seconds 60          # a new SQLite file in /tmp

`--server` takes the empty database BODESK_TEST_DATABASE_URL names (scripts/with-postgres.sh sets it).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from stdnum.br import cnpj

from bodesk.domain.access.actor import Actor
from bodesk.domain.company.services import CompanyDetails, set_up_company
from bodesk.domain.registry import load_modules
from bodesk.domain.sales.customers import CustomerData, create_customer
from bodesk.domain.sales.order_lines import SalesLineInput
from bodesk.domain.sales.orders import confirm_order, create_order
from bodesk.domain.stock.new_product import create_product
from bodesk.domain.stock.operations import adjust_stock
from bodesk.domain.stock.product_rules import ProductData
from bodesk.domain.stock.warehouses import create_warehouse, main_location
from bodesk.store.engine import Database
from bodesk.store.opening import open_database
from bodesk.store.retry import retrying

T = TypeVar("T")
PRODUCTS = 30
CUSTOMERS = 200
LINES = (3, 8)
COMPANY = CompanyDetails(
    name="Distribuidora Bench Ltda.", tax_id="11.222.333/0001-81", city="Campinas", state="SP"
)


def _tax_id(serial: int) -> str:
    base = f"{40_000_000 + serial:08d}0001"
    return base + cnpj.calc_check_digits(base)


def prepare(url: str) -> tuple[Actor, list[int], list[int]]:
    load_modules()
    db = open_database(url)
    try:
        owner = set_up_company(db, COMPANY, "dono", "Dona Bench", "segredo-forte-1")
        warehouse = create_warehouse(db, owner, "CD1", "Depósito CD1")
        with db.read() as session:
            place = main_location(session, warehouse).id
        products = []
        for n in range(PRODUCTS):
            data = ProductData(
                sku=f"BEB{n:03d}", name=f"Bebida {n}", sale_price=Decimal("4.50"), cost=Decimal("3.00")
            )
            product = create_product(db, owner, data, [])
            adjust_stock(db, owner, product, place, Decimal(900_000), "bench stock")
            products.append(product)
        customers = [
            create_customer(db, owner, CustomerData(name=f"Bar {n} Ltda.", tax_id=_tax_id(n)))
            for n in range(CUSTOMERS)
        ]
        return owner, products, customers
    finally:
        db.dispose()


class Counted:
    """Counts the calls `retrying` ran again."""

    def __init__(self) -> None:
        self.again = 0

    def wrap(self, call: Callable[[], T]) -> Callable[[], T]:
        first = [True]

        def run() -> T:
            if not first[0]:
                self.again += 1
            first[0] = False
            return call()

        return run


def desk(
    url: str,
    actor: Actor,
    products: list[int],
    customers: list[int],
    seconds: float,
    seed: int,
    barrier: Any,
    out: Any,
) -> None:
    """One desk: enter an order, confirm it, again, until the time is up."""
    db = Database(url)
    rng = random.Random(seed)
    confirms: list[float] = []
    orders = retried = 0
    errors: list[str] = []
    try:
        barrier.wait(timeout=120)
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            lines = [
                SalesLineInput(product, None, Decimal(rng.randint(1, 6)))
                for product in rng.sample(products, rng.randint(*LINES))
            ]
            customer = rng.choice(customers)
            calls = Counted()
            try:
                order = retrying(calls.wrap(partial(create_order, db, actor, customer, lines)))
                started = time.perf_counter()
                retrying(calls.wrap(partial(confirm_order, db, actor, order)))
                confirms.append(time.perf_counter() - started)
                orders += 1
            except Exception as exc:  # what a screen would show: counted, the desk goes on
                errors.append(f"{type(exc).__name__}: {exc}")
            retried += calls.again
    finally:
        db.dispose()
        out.put((orders, confirms, retried, errors))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--server", action="store_true", help="use BODESK_TEST_DATABASE_URL (PostgreSQL)")
    parser.add_argument("--processes", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    if args.server:
        url = os.environ["BODESK_TEST_DATABASE_URL"]
    else:
        url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='bodesk-desks-')) / 'desks.sqlite'}"
    owner, products, customers = prepare(url)
    context = multiprocessing.get_context("spawn")
    barrier, out = context.Barrier(args.processes), context.Queue()
    workers = [
        context.Process(target=desk, args=(url, owner, products, customers, args.seconds, seed, barrier, out))
        for seed in range(args.processes)
    ]
    for worker in workers:
        worker.start()
    results = [out.get(timeout=args.seconds + 300) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    orders = sum(result[0] for result in results)
    confirms = sorted(value for result in results for value in result[1])
    retried = sum(result[2] for result in results)
    errors = [error for result in results for error in result[3]]
    engine = "PostgreSQL" if args.server else "SQLite"
    print(f"{engine}, {args.processes} desks, {args.seconds:.0f} s, {PRODUCTS} products shared")
    print(f"  orders entered and confirmed: {orders} ({orders / args.seconds:.1f} per second)")
    if confirms:
        p95 = confirms[min(len(confirms) - 1, int(len(confirms) * 0.95))]
        print(f"  confirmation: median {statistics.median(confirms) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms")
    print(f"  calls run again after a conflict: {retried}")
    print(f"  errors that would reach a person: {len(errors)}")
    for error in sorted(set(errors))[:5]:
        print(f"    {error}")


if __name__ == "__main__":
    main()
