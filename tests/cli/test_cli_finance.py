"""`bodesk report customer-statement`: the statement of a customer named by code or name, as a PDF;
a missing or unknown customer refused by name."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from bodesk.cli import main
from bodesk.domain.company.services import set_up_company
from bodesk.domain.finance.payments import PaymentInput, register_payment
from bodesk.domain.finance.states import Direction, PaymentMethod
from bodesk.domain.registry import load_modules
from bodesk.store.opening import open_database
from tests.builders.access import PASSWORD
from tests.builders.company import COMPANY
from tests.builders.finance import receivable
from tests.builders.sales import make_customer
from tests.helpers.pdf import pdf_pages


def bodesk(capsys: pytest.CaptureFixture[str], path: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(path), "--user", "dono", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_customer_statement(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "livros.sqlite"
    monkeypatch.setenv("BODESK_PASSWORD", PASSWORD)
    load_modules()
    db = open_database(f"sqlite:///{path}", backup_dir=tmp_path / "backups")
    try:
        owner = set_up_company(db, COMPANY, "dono", "Dona Maria", PASSWORD)
        customer = make_customer(db, owner, 1, name="Bar do Zé Ltda.")
        receivable(db, owner, customer, "500.00", date(2025, 3, 3), (28, 35))
        register_payment(
            db,
            owner,
            PaymentInput(
                Direction.RECEIVABLE, customer, date(2025, 4, 2), PaymentMethod.PIX, Decimal("250.00")
            ),
        )
    finally:
        db.dispose()
    out_file = tmp_path / "extrato.pdf"
    code, _out, err = bodesk(
        capsys, path, "report", "customer-statement", "--customer", "bar do ze",
        "--from", "2025-03-01", "--to", "2025-04-30", "-o", str(out_file),
    )  # fmt: skip
    assert code == 0, err
    (page,) = pdf_pages(out_file)
    assert "Bar do Zé Ltda." in page and "Payment 1" in page and "250.00" in page
    code, _out, err = bodesk(capsys, path, "report", "customer-statement", "-o", str(out_file))
    assert code == 1 and "--customer" in err
    code, _out, err = bodesk(
        capsys, path, "report", "customer-statement", "--customer", "ninguém", "-o", str(out_file)
    )
    assert code == 1 and "ninguém" in err
    code, _out, err = bodesk(
        capsys, path, "report", "customer-statement", "--customer", "x" * 5000, "-o", str(out_file)
    )
    assert code == 1 and len(err) < 200  # the name quoted shortened, not 5,000 characters back
