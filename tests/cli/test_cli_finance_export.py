"""`bodesk export journal`: the accountant's layout, in CSV or XLSX, for a period, and its refusals."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bodesk.cli import main
from bodesk.domain.company.services import set_up_company
from bodesk.domain.registry import load_modules
from bodesk.store.opening import open_database
from tests.builders.access import PASSWORD
from tests.builders.books import pay_rent
from tests.builders.company import COMPANY


@pytest.fixture
def books_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "livros.sqlite"
    monkeypatch.setenv("BODESK_PASSWORD", PASSWORD)
    load_modules()
    db = open_database(f"sqlite:///{path}", backup_dir=tmp_path / "backups")
    try:
        owner = set_up_company(db, COMPANY, "dono", "Dona Maria", PASSWORD)
        pay_rent(db, owner, "1500.00")
        pay_rent(db, owner, "80.00")
    finally:
        db.dispose()
    return path


def bodesk(capsys: pytest.CaptureFixture[str], path: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(path), "--user", "dono", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_export_journal_csv_and_xlsx(
    books_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "diario.csv"
    code, out, _err = bodesk(capsys, books_file, "export", "journal", "--format", "csv", "-o", str(target))
    assert code == 0 and "4 rows written" in out
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0][:4] == ["Date", "Entry", "Account code", "Account name"] and len(rows) == 5
    workbook = tmp_path / "diario.xlsx"
    code, out, _err = bodesk(
        capsys, books_file, "export", "journal", "-o", str(workbook), "--from", "01/01/2000"
    )
    assert code == 0 and workbook.stat().st_size > 0


def test_export_journal_refuses_a_day_that_is_not_one(
    books_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = bodesk(
        capsys, books_file, "export", "journal", "-o", str(tmp_path / "d.csv"), "--to", "ontem"
    )
    assert code != 0 and "--to" in err
    assert not (tmp_path / "d.csv").exists()
