"""`bodesk report aging-receivables|aging-payables|cash-flow|projected-cash-flow|income-statement|
trial-balance|balance-sheet|general-ledger|dso -o FILE.pdf`: each writes a PDF; bad input is refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bodesk.cli import main
from bodesk.domain.company.services import set_up_company
from bodesk.domain.registry import load_modules
from bodesk.store.opening import open_database
from tests.builders.access import PASSWORD
from tests.builders.books import pay_rent
from tests.builders.company import COMPANY
from tests.builders.finance import payable, receivable
from tests.builders.purchasing import make_supplier
from tests.builders.sales import make_customer

STATEMENTS = (
    "aging-receivables",
    "aging-payables",
    "cash-flow",
    "projected-cash-flow",
    "income-statement",
    "trial-balance",
    "balance-sheet",
    "dso",
)


@pytest.fixture
def books_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "livros.sqlite"
    monkeypatch.setenv("BODESK_PASSWORD", PASSWORD)
    load_modules()
    db = open_database(f"sqlite:///{path}", backup_dir=tmp_path / "backups")
    try:
        owner = set_up_company(db, COMPANY, "dono", "Dona Maria", PASSWORD)
        today = date.today()
        receivable(
            db, owner, make_customer(db, owner), "900.00", issued_on=today.replace(day=1), days=(10, 40, 70)
        )
        payable(db, owner, make_supplier(db, owner), "400.00", issued_on=today.replace(day=1))
        pay_rent(db, owner, "1500.00", today.replace(day=1))
    finally:
        db.dispose()
    return path


def bodesk(capsys: pytest.CaptureFixture[str], path: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(path), "--user", "dono", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("name", STATEMENTS)
def test_each_statement_writes_a_pdf(
    name: str, books_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / f"{name}.pdf"
    code, out, err = bodesk(capsys, books_file, "report", name, "-o", str(target))
    assert code == 0, err
    assert target.read_bytes().startswith(b"%PDF") and "Report written" in out


def test_the_general_ledger_names_its_account(
    books_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "razao.pdf"
    code, _out, err = bodesk(
        capsys, books_file, "report", "general-ledger", "--account", "1.1.02", "-o", str(target)
    )
    assert code == 0, err
    code, _out, err = bodesk(
        capsys, books_file, "report", "general-ledger", "--account", "nada", "-o", str(target)
    )
    assert code != 0 and "1.1.02" in err


def test_a_period_backwards_is_refused(
    books_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "dre.pdf"
    code, _out, err = bodesk(
        capsys,
        books_file,
        "report",
        "income-statement",
        "--from",
        "01/06/2025",
        "--to",
        "01/01/2025",
        "-o",
        str(target),
    )
    assert code != 0 and "earlier day first" in err and not target.exists()
