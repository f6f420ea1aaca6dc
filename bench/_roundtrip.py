"""The export -> import round trip of every exportable kind on a demo database, for bench/imports.py.

The catalogue is exported (archived products too) and imported back into the same database, which must
refuse no row and change no product, then into a new database, whose products must equal the
exported ones field by field. The stock on hand of each warehouse is exported and imported into a new
count of that warehouse, whose every line must then be counted at exactly what is expected; the count
is cancelled afterwards. Each step prints what it found and how long it took.
"""

from __future__ import annotations

import shutil
import time
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.login import authenticate
from bodesk.domain.access.models import AuditEntry
from bodesk.domain.common.export import ExportFormat
from bodesk.domain.common.tabular import read_table
from bodesk.domain.company.services import set_up_company
from bodesk.domain.demo import DEMO_COMPANY
from bodesk.domain.stock.count_import import import_counts
from bodesk.domain.stock.counts import cancel_count, start_count
from bodesk.domain.stock.exports import export_products, export_stock
from bodesk.domain.stock.imports import import_products_file
from bodesk.domain.stock.models import Category, Product, StockCount, StockCountLine, Warehouse
from bodesk.domain.stock.states import CountStatus
from bodesk.store.engine import Database
from bodesk.store.opening import open_database

Catalogue = dict[str, tuple[str, str, str, str, Decimal, Decimal, Decimal]]


def _catalogue(db: Database) -> Catalogue:
    with db.read() as session:
        rows = session.execute(
            select(
                Product.sku, Product.name, Product.brand, Category.name, Product.base_unit,
                Product.sale_price, Product.min_stock, Product.max_stock,
            ).outerjoin(Category, Category.id == Product.category_id)
        )  # fmt: skip
        return {
            sku: (name, brand, category or "", unit, price, low, high)
            for sku, name, brand, category, unit, price, low, high in rows
        }


def _updates(db: Database) -> int:
    with db.read() as session:
        stmt = select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "product.update")
        return int(session.execute(stmt).scalar_one())


def _say(what: str, start: float, outcome: str) -> None:
    print(f"roundtrip {what:<34} {time.perf_counter() - start:7.1f} s  {outcome}")


def _catalogue_trip(db: Database, actor: Actor, folder: Path, fmt: ExportFormat, password: str) -> None:
    path = folder / f"products.{fmt.value}"
    start = time.perf_counter()
    exported = export_products(db, actor, path, fmt, include_archived=True)
    _say(f"products exported ({fmt.value})", start, f"{exported:,} rows")
    for dry_run in (True, False):
        before, start = _updates(db), time.perf_counter()
        result = import_products_file(db, actor, path, dry_run=dry_run)
        what = "products checked again" if dry_run else "products imported again"
        outcome = f"{result.good:,} good, {result.bad:,} refused, {result.written:,} written"
        _say(f"{what} ({fmt.value})", start, f"{outcome}, {_updates(db) - before:,} products changed")
    fresh = open_database(f"sqlite:///{folder / f'fresh-{fmt.value}.sqlite'}")
    owner = set_up_company(fresh, DEMO_COMPANY, "dono", "Roberto Almeida", password)
    start = time.perf_counter()
    result = import_products_file(fresh, owner, path)
    expected, found = _catalogue(db), _catalogue(fresh)
    differ = sum(1 for sku in expected if expected[sku] != found.get(sku))
    outcome = f"{result.written:,} written, {result.bad:,} refused, {differ:,} products differ"
    _say(f"products into a new database ({fmt.value})", start, outcome)
    fresh.dispose()


def _stock_trip(db: Database, actor: Actor, folder: Path, fmt: ExportFormat) -> None:
    with db.read() as session:
        warehouses = session.execute(select(Warehouse.id, Warehouse.code).order_by(Warehouse.code)).all()
    with db.read() as session:
        stmt = select(StockCount.id).where(StockCount.status == CountStatus.OPEN)
        still_open = list(session.execute(stmt).scalars())
    for count_id in still_open:  # the demo's own open count (the database is a copy)
        cancel_count(db, actor, count_id, "bench round trip")
    for warehouse_id, code in warehouses:
        path = folder / f"stock-{code}.{fmt.value}"
        count_id = start_count(db, actor, warehouse_id)
        start = time.perf_counter()
        exported = export_stock(db, actor, path, fmt, warehouse_id)
        table = read_table(path)
        checked = import_counts(db, actor, count_id, table, dry_run=True)
        result = import_counts(db, actor, count_id, table)
        with db.read() as session:
            lines = session.execute(
                select(StockCountLine.counted, StockCountLine.expected).where(
                    StockCountLine.count_id == count_id
                )
            ).all()
        differ = sum(1 for counted, expected in lines if counted != expected)
        outcome = (
            f"{exported:,} rows, {checked.bad:,} refused, {result.written:,} written, "
            f"{differ:,} of {len(lines):,} count lines differ"
        )
        _say(f"stock of {code} into a count ({fmt.value})", start, outcome)
        cancel_count(db, actor, count_id, "bench round trip")


def roundtrip(source: Path | None, folder: Path, password: str) -> None:
    if source is None:
        raise SystemExit("the roundtrip case needs --db DEMO.sqlite")
    copy = folder / "roundtrip.sqlite"
    shutil.copyfile(source, copy)
    db = open_database(f"sqlite:///{copy}")
    actor = authenticate(db, "dono", password)
    for fmt in ExportFormat:
        _catalogue_trip(db, actor, folder, fmt, password)
        _stock_trip(db, actor, folder, fmt)
    db.dispose()
