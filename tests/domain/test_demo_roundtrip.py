"""What the demo makes, bodesk takes back: every exportable kind, exported as CSV and as XLSX, imports
again with no row refused — the catalogue into the same database (changing nothing) and into a new one
(equal product by product), the stock on hand of each warehouse into a count of it (every line counted
at what is expected) — and `bodesk check` finds every record could be saved again unchanged.

The small demo stands in for the large one here: the same generator makes both (the same categories,
"Águas" among them, the same SKUs, lots, bins and history), the large one only has more of each. The
large demo's round trip is run by `bench/imports.py --case roundtrip`, which takes minutes."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.models import AuditEntry
from bodesk.domain.common.export import ExportFormat
from bodesk.domain.common.tabular import read_table
from bodesk.domain.company.services import set_up_company
from bodesk.domain.demo import DEMO_COMPANY, DemoSize, load_demo
from bodesk.domain.stock.count_import import import_counts
from bodesk.domain.stock.counts import cancel_count, start_count
from bodesk.domain.stock.exports import export_products, export_stock
from bodesk.domain.stock.imports import import_products_file
from bodesk.domain.stock.models import Category, Product, StockCount, StockCountLine, Warehouse
from bodesk.domain.stock.states import CountStatus
from bodesk.store.check import run_checks
from bodesk.store.engine import Database
from bodesk.store.opening import open_database
from tests.builders.access import PASSWORD

Catalogue = dict[str, tuple[str, str, str, str, Decimal, Decimal, Decimal]]


@pytest.fixture
def demo(db: Database) -> Actor:
    return load_demo(db, DemoSize.SMALL, seed=3, password=PASSWORD)


def catalogue(db: Database) -> Catalogue:
    with db.read() as session:
        rows = session.execute(
            select(
                Product.sku, Product.name, Product.brand, Category.name, Product.base_unit,
                Product.sale_price, Product.min_stock, Product.max_stock,
            ).outerjoin(Category, Category.id == Product.category_id)
        )  # fmt: skip
        return {row[0]: (row[1], row[2], row[3] or "", row[4], row[5], row[6], row[7]) for row in rows}


def product_changes(db: Database) -> int:
    with db.read() as session:
        stmt = select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "product.update")
        return int(session.execute(stmt).scalar_one())


def test_the_demo_follows_every_rule(db: Database, demo: Actor) -> None:
    with db.read() as session:
        assert session.execute(select(func.count()).where(Product.sku.like("AGU%"))).scalar_one() > 0
    assert all(result.ok for result in run_checks(db)), [result for result in run_checks(db) if not result.ok]


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_the_catalogue_goes_out_and_comes_back(
    db: Database, demo: Actor, tmp_path: Path, fmt: ExportFormat
) -> None:
    path = tmp_path / f"produtos.{fmt.value}"
    exported = export_products(db, demo, path, fmt, include_archived=True)
    before = (catalogue(db), product_changes(db))
    checked = import_products_file(db, demo, path, dry_run=True)
    assert (checked.good, checked.errors) == (exported, [])
    assert import_products_file(db, demo, path).written == exported
    assert (catalogue(db), product_changes(db)) == before
    fresh = open_database(f"sqlite:///{tmp_path / 'nova.sqlite'}")
    try:
        owner = set_up_company(fresh, DEMO_COMPANY, "dono", "Roberto Almeida", PASSWORD)
        assert import_products_file(fresh, owner, path).written == exported
        assert catalogue(fresh) == before[0]
    finally:
        fresh.dispose()


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_the_stock_on_hand_comes_back_as_a_count_of_it(
    db: Database, demo: Actor, tmp_path: Path, fmt: ExportFormat
) -> None:
    with db.read() as session:
        still_open = list(
            session.execute(select(StockCount.id).where(StockCount.status == CountStatus.OPEN)).scalars()
        )
        warehouses = list(session.execute(select(Warehouse.id)).scalars())
    for count_id in still_open:
        cancel_count(db, demo, count_id, "round trip")
    for warehouse_id in warehouses:
        count_id = start_count(db, demo, warehouse_id)
        path = tmp_path / f"estoque-{warehouse_id}.{fmt.value}"
        exported = export_stock(db, demo, path, fmt, warehouse_id)
        result = import_counts(db, demo, count_id, read_table(path))
        assert (result.errors, result.written) == ([], exported)
        with db.read() as session:
            lines = session.execute(
                select(StockCountLine.counted, StockCountLine.expected).where(
                    StockCountLine.count_id == count_id
                )
            ).all()
        # A place emptied (the demo's trips take a bin's last units onto a truck) stays on the count
        # sheet at zero but is not in the export of what is on hand: left uncounted, it reads zero.
        assert lines and all(
            counted == expected or (counted is None and not expected) for counted, expected in lines
        )
        cancel_count(db, demo, count_id, "round trip")
