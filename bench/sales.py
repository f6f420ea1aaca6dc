"""Sales figures on `demo --size large` data (10,000 customers, three years of orders: about 200,000
orders and 1,000,000 lines). Prints medians beside their targets; asserts nothing.

    .venv/bin/python bench/sales.py                     # builds /tmp/bodesk-bench/sales-large.sqlite once
    .venv/bin/python bench/sales.py --db FILE --runs 9  # on an existing large demo database
    .venv/bin/python bench/sales.py --demo              # also times generating the large demo data
    .venv/bin/python bench/sales.py --plans             # also prints each order sort's query plan

Confirming 50-line orders runs on a fresh copy of the database.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select, text

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.login import authenticate
from bodesk.domain.common.listing import ListRequest
from bodesk.domain.demo import DemoSize, load_demo
from bodesk.domain.registry import load_modules
from bodesk.domain.sales.documents import find_customers
from bodesk.domain.sales.models import Customer
from bodesk.domain.sales.order_lines import SalesLineInput
from bodesk.domain.sales.order_models import SalesOrder, SalesOrderLine
from bodesk.domain.sales.orders import confirm_order, create_order
from bodesk.domain.sales.processing import Grouping, processing_time
from bodesk.domain.sales.queries import OrdersQuery
from bodesk.domain.stock.models import StockQuant
from bodesk.store.engine import Database
from bodesk.store.opening import open_database
from bodesk.store.types import utcnow

PASSWORD = "bench-senha-2026"
DEFAULT_DB = Path(tempfile.gettempdir()) / "bodesk-bench" / "sales-large.sqlite"


def timed(work: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return times


def show(label: str, times: list[float], target: str = "") -> None:
    print(f"{label:<58} median {statistics.median(times):8.1f} ms  max {max(times):8.1f} ms  {target}")


def prepare(path: Path, with_demo_timing: bool) -> None:
    if path.exists() and not with_demo_timing:
        return
    target = path if not path.exists() else path.with_name("timed-" + path.name)
    target.unlink(missing_ok=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    db = open_database(f"sqlite:///{target}")
    start = time.perf_counter()
    load_demo(db, DemoSize.LARGE, 1, PASSWORD)
    print(f"{'generating the large demo data':<58} {time.perf_counter() - start:8.1f} s")
    db.dispose()


def typeahead(db: Database, actor: Actor, runs: int) -> None:
    with db.read() as session:
        name = session.execute(select(Customer.trade_name).order_by(Customer.id).limit(1)).scalar_one()
    words = [name[: n + 1] for n in range(min(len(name), 12))] + ["c0001", "zzzz"]
    times: list[float] = []
    for _ in range(runs):
        for word in words:
            start = time.perf_counter()
            find_customers(db, actor, word)
            times.append((time.perf_counter() - start) * 1000)
    show(f"customer type-ahead per keystroke ({name[:12]!r}...)", times, "(target <= 20 ms)")


def orders_list(db: Database, actor: Actor, runs: int, plans: bool) -> None:
    query = OrdersQuery()
    for column in query.columns:
        if not column.sortable:
            continue
        for descending in (False, True):
            request = ListRequest(sort=column.key, descending=descending)
            times = timed(lambda r=request: query.page(db, actor, r, 0, 200), runs)  # type: ignore[misc]
            show(
                f"orders list: first page by {column.key}{' desc' if descending else ''}",
                times,
                "(target <= 100 ms)",
            )
            if plans and not descending:
                with db.read() as session:
                    stmt = query._ordered(query.where(query.base(), request), request).limit(200)
                    sql = str(stmt.compile(session.get_bind(), compile_kwargs={"literal_binds": True}))
                    for row in session.execute(text("EXPLAIN QUERY PLAN " + sql)):
                        print("      ", row[-1])
    show("orders list: row count", timed(lambda: query.count(db, actor, ListRequest()), runs))


def confirming(path: Path, folder: Path, runs: int, password: str) -> None:
    """50-line quotes of products with free stock, confirmed one after the other on a fresh copy of the
    database, as a desk confirms them (the first, with cold caches, is the maximum)."""
    target = folder / "copy.sqlite"
    shutil.copyfile(path, target)
    db = open_database(f"sqlite:///{target}")
    actor = authenticate(db, "dono", password)
    with db.read() as session:
        free = list(
            session.execute(
                select(StockQuant.product_id)
                .where(StockQuant.quantity - StockQuant.reserved >= 10, StockQuant.lot_id.is_(None))
                .group_by(StockQuant.product_id)
                .order_by(StockQuant.product_id)
                .limit(50 * runs)
            ).scalars()
        )
        customer = session.execute(
            select(Customer.id).where(Customer.credit_limit.is_(None)).order_by(Customer.id).limit(1)
        ).scalar_one()
    orders = [
        create_order(
            db, actor, customer, [SalesLineInput(p, None, Decimal(2)) for p in free[n * 50 : n * 50 + 50]]
        )
        for n in range(runs)
    ]
    times = []
    for order_id in orders:
        start = time.perf_counter()
        confirm_order(db, actor, order_id)
        times.append((time.perf_counter() - start) * 1000)
    db.dispose()
    show("confirming a 50-line order", times, "(target <= 20 ms)")


def processing(db: Database, actor: Actor, runs: int) -> None:
    today = utcnow().date()
    start = today - timedelta(days=3 * 365)
    for grouping in (Grouping.WEEK, Grouping.REP):
        show(
            f"processing-time report over three years, by {grouping.value}",
            timed(lambda g=grouping: processing_time(db, actor, start, today, g), runs),  # type: ignore[misc]
            "(target <= 300 ms)",
        )


def main() -> None:
    parser = argparse.ArgumentParser(description="Sales figures on the large demo data")
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--demo", action="store_true", help="also time generating the large demo")
    parser.add_argument(
        "--password", default=PASSWORD, help="dono's password (bodesk demo's for its databases)"
    )
    parser.add_argument("--plans", action="store_true", help="print the orders list's query plans")
    args = parser.parse_args()
    load_modules()
    prepare(args.db, args.demo)
    db = open_database(f"sqlite:///{args.db}")
    actor = authenticate(db, "dono", args.password)
    with db.read() as session:
        customers = session.execute(select(func.count()).select_from(Customer)).scalar_one()
        orders = session.execute(select(func.count()).select_from(SalesOrder)).scalar_one()
        lines = session.execute(select(func.count()).select_from(SalesOrderLine)).scalar_one()
    print(
        f"database {args.db} ({args.db.stat().st_size / 1e6:.0f} MB): {customers:,} customers, "
        f"{orders:,} orders, {lines:,} lines; {args.runs} runs"
    )
    typeahead(db, actor, args.runs)
    orders_list(db, actor, args.runs, args.plans)
    processing(db, actor, args.runs)
    db.dispose()
    with tempfile.TemporaryDirectory() as folder:
        confirming(args.db, Path(folder), args.runs, args.password)


if __name__ == "__main__":
    main()
