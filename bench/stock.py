"""Stock and purchasing figures on `demo --size large` data (20,000 products, 5 warehouses, 300
suppliers, two years of receipts and moves). Prints medians; asserts nothing.

    .venv/bin/python bench/stock.py                     # builds /tmp/bodesk-bench/large.sqlite once
    .venv/bin/python bench/stock.py --db FILE --runs 9  # on an existing large demo database
    .venv/bin/python bench/stock.py --demo              # also times generating the large demo data

Each destructive figure (count posting, receiving) runs on a fresh copy of the database.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select

from bodesk.domain.access.login import authenticate
from bodesk.domain.common.listing import ListQuery, ListRequest
from bodesk.domain.demo import DemoSize, load_demo
from bodesk.domain.purchasing.models import Supplier, SupplierProduct
from bodesk.domain.purchasing.order_lines import OrderLineInput
from bodesk.domain.purchasing.orders import create_order, send_order
from bodesk.domain.purchasing.receiving import ReceiveLineInput, receive_goods
from bodesk.domain.purchasing.reorder import reorder_suggestions
from bodesk.domain.registry import load_modules
from bodesk.domain.stock.count_entries import record_counts
from bodesk.domain.stock.count_posting import POST_WITH_UNCOUNTED, post_count
from bodesk.domain.stock.count_resolver import CountEntry
from bodesk.domain.stock.counts import cancel_count, start_count
from bodesk.domain.stock.models import Product, StockCount, StockCountLine, Warehouse
from bodesk.domain.stock.queries import (
    LotsQuery,
    MovesQuery,
    ProductsQuery,
    StockOnHandQuery,
    WarehousesQuery,
)
from bodesk.domain.stock.reports_data import stock_valuation
from bodesk.domain.stock.search import find_products
from bodesk.domain.stock.states import CountStatus
from bodesk.store.engine import Database
from bodesk.store.opening import open_database

PASSWORD = "bench-senha-2026"
DEFAULT_DB = Path(tempfile.gettempdir()) / "bodesk-bench" / "large.sqlite"


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
    print(f"{'generating the large demo data':<58} {time.perf_counter() - start:8.1f} s   (target < 120 s)")
    db.dispose()


def lists(db: Database, actor: object, runs: int) -> None:
    queries: list[ListQuery] = [
        ProductsQuery(),
        StockOnHandQuery(),
        MovesQuery(),
        LotsQuery(),
        WarehousesQuery(),
    ]
    for query in queries:
        worst: list[float] = []
        worst_key = ""
        counts = timed(lambda q=query: q.count(db, actor, ListRequest()), runs)  # type: ignore[misc]
        totals = timed(lambda q=query: q.totals(db, actor, ListRequest()), runs)  # type: ignore[misc]
        for column in query.columns:
            if not column.sortable:
                continue
            for descending in (False, True):
                request = ListRequest(sort=column.key, descending=descending)
                times = timed(lambda q=query, r=request: q.page(db, actor, r, 0, 200), runs)  # type: ignore[misc]
                if statistics.median(times) > (statistics.median(worst) if worst else -1):
                    worst, worst_key = times, f"{column.key}{' desc' if descending else ''}"
        name = type(query).__name__
        show(f"{name}: first page, slowest sort ({worst_key})", worst, "(target < 100 ms)")
        show(f"{name}: row count", counts)
        show(f"{name}: totals of every row", totals, "(target < 300 ms)")


def typeahead(db: Database, runs: int) -> None:
    words = ["g", "gu", "gua", "guar", "guara", "guaran", "guarana", "guarana z", "guarana zero"]
    times: list[float] = []
    with db.read() as session:
        for _ in range(runs):
            for word in words:
                start = time.perf_counter()
                find_products(session, word, 20)
                times.append((time.perf_counter() - start) * 1000)
        code = session.execute(select(Product.gtin).where(Product.gtin.is_not(None)).limit(1)).scalar_one()
    show("type-ahead product search, per keystroke", times, "(target < 20 ms)")
    with db.read() as session:
        show(
            "type-ahead by barcode", timed(lambda: find_products(session, code, 20), runs), "(target < 20 ms)"
        )


def opening(db: Database, actor: object, runs: int) -> None:
    """What a screen costs as it opens: the lots list (its count and first page, in its default order,
    which walks lots by expiry past the emptied ones) and the reorder suggestions."""
    lots, request = LotsQuery(), ListRequest()
    show(
        "lots list as it opens: count plus first page",
        timed(lambda: (lots.count(db, actor, request), lots.page(db, actor, request, 0, 200)), runs),  # type: ignore[arg-type]
        "(target < 100 ms)",
    )
    with db.read() as session:
        warehouse = session.execute(select(Warehouse.id).order_by(Warehouse.id).limit(1)).scalar_one()
    for label, scope in (("every warehouse", None), ("one warehouse", warehouse)):
        show(
            f"reorder suggestions, {label}",
            timed(lambda scope=scope: reorder_suggestions(db, actor, scope), runs),  # type: ignore[arg-type,misc]
            "(target < 300 ms)",
        )


def valuation(db: Database, actor: object, runs: int) -> None:
    show(
        "stock valuation of every product",
        timed(lambda: stock_valuation(db, actor, None), runs),  # type: ignore[arg-type]
        "(target < 200 ms)",
    )


def copy_of(path: Path, folder: Path, index: int) -> Database:
    target = folder / f"copy-{index}.sqlite"
    shutil.copyfile(path, target)
    return open_database(f"sqlite:///{target}")


def count_posting(path: Path, folder: Path, runs: int) -> None:
    times = []
    for index in range(runs):
        db = copy_of(path, folder, index)
        actor = authenticate(db, "dono", PASSWORD)
        with db.read() as session:
            warehouse = session.execute(select(Warehouse.id).order_by(Warehouse.id).limit(1)).scalar_one()
        with db.read() as session:
            already = session.execute(
                select(StockCount.id).where(StockCount.status == CountStatus.OPEN)
            ).scalars()
            for open_id in list(already):
                cancel_count(db, actor, open_id, "benchmark")
        count_id = start_count(db, actor, warehouse)
        with db.read() as session:
            lines = session.execute(
                select(StockCountLine.product_id, StockCountLine.location_id, StockCountLine.expected)
                .where(StockCountLine.count_id == count_id, StockCountLine.lot_id.is_(None))
                .limit(5000)
            ).all()
        entries = [
            CountEntry(
                product_id,
                expected + Decimal(1 if n % 3 else -1) if expected else Decimal(2),
                location=location_id,
                line=n,
            )
            for n, (product_id, location_id, expected) in enumerate(lines, start=1)
        ]
        record_counts(db, actor, count_id, entries)
        start = time.perf_counter()
        post_count(db, actor, count_id, confirmed=frozenset({POST_WITH_UNCOUNTED}))
        times.append((time.perf_counter() - start) * 1000)
        db.dispose()
    show(f"posting a count of {len(lines):,} counted lines", times, "(target < 1000 ms)")


def receiving(path: Path, folder: Path, runs: int) -> None:
    times = []
    for index in range(runs):
        db = copy_of(path, folder, 100 + index)
        actor = authenticate(db, "dono", PASSWORD)
        with db.read() as session:
            supplier = session.execute(
                select(SupplierProduct.supplier_id)
                .join(Supplier, Supplier.id == SupplierProduct.supplier_id)
                .group_by(SupplierProduct.supplier_id)
                .having(func.count() >= 100)
                .limit(1)
            ).scalar_one()
            offers = session.execute(
                select(SupplierProduct.product_id, SupplierProduct.packaging_id)
                .where(SupplierProduct.supplier_id == supplier)
                .limit(100)
            ).all()
            warehouse = session.execute(select(Warehouse.id).order_by(Warehouse.id).limit(1)).scalar_one()
        order_id = create_order(
            db,
            actor,
            supplier,
            warehouse,
            [OrderLineInput(product_id, packaging_id, Decimal(3)) for product_id, packaging_id in offers],
        )
        send_order(db, actor, order_id)
        from bodesk.domain.purchasing.models import PurchaseOrderLine

        with db.read() as session:
            lines = session.execute(
                select(PurchaseOrderLine.id, PurchaseOrderLine.quantity, Product.lot_tracked)
                .join(Product, Product.id == PurchaseOrderLine.product_id)
                .where(PurchaseOrderLine.order_id == order_id)
            ).all()
        expiry = (time.gmtime().tm_year + 1, 6, 30)
        from datetime import date

        inputs = [
            ReceiveLineInput(
                line_id, quantity, f"B{index}{line_id}" if tracked else "", date(*expiry) if tracked else None
            )
            for line_id, quantity, tracked in lines
        ]
        start = time.perf_counter()
        receive_goods(db, actor, order_id, inputs)
        times.append((time.perf_counter() - start) * 1000)
        db.dispose()
    show(f"receiving a {len(lines)}-line purchase order", times, "(target < 100 ms)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--demo", action="store_true", help="also time generating the large demo data")
    args = parser.parse_args()
    os.environ.setdefault("BODESK_HOME", str(args.db.parent / "home"))
    load_modules()
    prepare(args.db, args.demo)
    db = open_database(f"sqlite:///{args.db}")
    actor = authenticate(db, "dono", PASSWORD)
    with db.read() as session:
        products = session.execute(select(func.count()).select_from(Product)).scalar_one()
    print(
        f"database {args.db} ({args.db.stat().st_size / 1e6:.0f} MB, {products:,} products), {args.runs} runs"
    )
    typeahead(db, args.runs)
    lists(db, actor, args.runs)
    opening(db, actor, args.runs)
    valuation(db, actor, args.runs)
    with tempfile.TemporaryDirectory() as folder:
        count_posting(args.db, Path(folder), max(1, args.runs // 3))
        receiving(args.db, Path(folder), max(1, args.runs // 2))
    db.dispose()


if __name__ == "__main__":
    main()
