"""`bodesk report invoice --number N` and `--credit-note N`, as a person types them; unknown numbers
and a missing or doubled option refused by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from bodesk.cli import main
from bodesk.domain.company.services import set_up_company
from bodesk.domain.finance.credit_notes import cancel_invoice
from bodesk.domain.finance.invoicing import invoice_orders
from bodesk.domain.registry import load_modules
from bodesk.store.opening import open_database
from tests.builders.access import PASSWORD
from tests.builders.company import COMPANY
from tests.builders.invoicing import build_books, shipped_order
from tests.builders.sales import line
from tests.helpers.pdf import pdf_pages


@pytest.fixture
def books(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "faturas.sqlite"
    monkeypatch.setenv("BODESK_PASSWORD", PASSWORD)
    load_modules()
    db = open_database(f"sqlite:///{path}", backup_dir=tmp_path / "backups")
    try:
        owner = set_up_company(db, COMPANY, "dono", "Dona Maria", PASSWORD)
        made = build_books(db, owner)
        order = shipped_order(db, owner, made.customer, line(made.products[0], 3))
        [invoice] = invoice_orders(db, owner, [order])
        cancel_invoice(db, owner, invoice.id, "Pedido em duplicidade")
    finally:
        db.dispose()
    return path


def bodesk(capsys: pytest.CaptureFixture[str], path: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(path), "--user", "dono", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_an_invoice_and_a_credit_note_by_number(
    books: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    invoice, note = tmp_path / "fatura.pdf", tmp_path / "credito.pdf"
    code, out, _err = bodesk(capsys, books, "report", "invoice", "--number", "1", "-o", str(invoice))
    assert code == 0 and "Report written" in out
    assert "SALES ORDER / INVOICE No. 1" in pdf_pages(invoice)[0]
    code, _out, _err = bodesk(capsys, books, "report", "invoice", "--credit-note", "1", "-o", str(note))
    assert code == 0 and "CREDIT NOTE No. 1" in pdf_pages(note)[0]


def test_unknown_numbers_and_wrong_options_are_refused(
    books: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "x.pdf"
    code, _out, err = bodesk(capsys, books, "report", "invoice", "--number", "7", "-o", str(target))
    assert code == 1 and "There is no invoice number 7." in err
    code, _out, err = bodesk(capsys, books, "report", "invoice", "-o", str(target))
    assert code == 1 and "--number N" in err
    code, _out, err = bodesk(capsys, books, "report", "invoice", "--number", "um", "-o", str(target))
    assert code == 1 and "“um”" in err
    assert not target.exists()
