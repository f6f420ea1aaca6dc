"""The journal exported in the accountant's layout: one row per line, the columns in order, amounts as
numbers, the document named; XLSX readable back; a period narrows it."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

from openpyxl import load_workbook

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.export import ExportFormat
from bodesk.domain.finance.book_exports import export_journal
from bodesk.store.engine import Database
from tests.builders.books import pay_rent
from tests.builders.catalogue import make_product
from tests.builders.stock import make_warehouse, stock_in
from tests.helpers.refusals import refused

TODAY = date.today()
HEADERS = [
    "Date",
    "Entry",
    "Account code",
    "Account name",
    "Debit",
    "Credit",
    "Customer or supplier",
    "Document",
]


def _journal(db: Database, owner: Actor) -> None:
    place = make_warehouse(db, owner)
    stock_in(db, owner, make_product(db, owner, "AG-1"), place.location_id, 10, cost="2.00")
    pay_rent(db, owner, "1500.00", TODAY - timedelta(days=3))


def test_the_csv_has_the_accountants_columns(db: Database, owner: Actor, tmp_path: Path) -> None:
    _journal(db, owner)
    target = tmp_path / "diario.csv"
    assert export_journal(db, owner, target, ExportFormat.CSV) == 4
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0] == HEADERS
    rent = rows[1]  # oldest first: the rent, three days ago
    assert rent[0] == (TODAY - timedelta(days=3)).isoformat() and rent[2:6] == [
        "6.5",
        "Rent",
        "1500.00",
        "0.00",
    ]
    assert rows[3][7].startswith("Adjustment") or rows[3][7].startswith("Stock")


def test_the_xlsx_reads_back_and_a_period_narrows_it(db: Database, owner: Actor, tmp_path: Path) -> None:
    _journal(db, owner)
    target = tmp_path / "diario.xlsx"
    assert export_journal(db, owner, target, ExportFormat.XLSX, **{"from": TODAY.isoformat()}) == 2
    sheet = load_workbook(target, read_only=True).active
    assert sheet is not None
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == HEADERS and len(rows) == 3
    with refused("export.bad_period"):
        export_journal(db, owner, target, ExportFormat.CSV, **{"from": "2026-02-01", "to": "2026-01-01"})
