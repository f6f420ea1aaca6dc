"""`bodesk export journal --format beancount`: a ledger Beancount's own `bean-check` accepts, with the
accounts' accents kept, spaces and quotes made safe."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from bodesk.cli import main
from bodesk.domain.company.services import set_up_company
from bodesk.domain.finance.beancount_export import account_component, account_path, quoted
from bodesk.domain.finance.payments import PaymentInput, register_payment
from bodesk.domain.finance.states import Direction, PaymentMethod
from bodesk.domain.registry import load_modules
from bodesk.store.opening import open_database
from tests.builders.access import PASSWORD
from tests.builders.books import pay_rent
from tests.builders.company import COMPANY
from tests.builders.finance import payable, receivable
from tests.builders.purchasing import make_supplier
from tests.builders.sales import make_customer

BEAN_CHECK = shutil.which("bean-check") or str(Path(__file__).parents[2] / ".venv" / "bin" / "bean-check")


@pytest.fixture
def books_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "livros.sqlite"
    monkeypatch.setenv("BODESK_PASSWORD", PASSWORD)
    load_modules()
    db = open_database(f"sqlite:///{path}", backup_dir=tmp_path / "backups")
    try:
        owner = set_up_company(db, COMPANY, "dono", "Dona Maria", PASSWORD)
        customer = make_customer(db, owner, name='Bar "do Zé"')
        receivable(db, owner, customer, "300.00", issued_on=date(2025, 1, 10), days=(30, 60))
        register_payment(
            db,
            owner,
            PaymentInput(
                Direction.RECEIVABLE,
                customer,
                date(2025, 2, 9),
                method=PaymentMethod.PIX,
                amount=Decimal("150"),
            ),
        )
        payable(db, owner, make_supplier(db, owner), "80.00", issued_on=date(2025, 1, 15))
        pay_rent(db, owner, "1500.00", date(2025, 2, 5))
    finally:
        db.dispose()
    return path


def test_account_names_are_safe_and_keep_accents() -> None:
    assert account_path("asset", "1.1.02", "Bancos conta movimento") == "Ativo:1-1-02-Bancos-conta-movimento"
    assert account_component("6.5", "Aluguéis (galpão)") == "6-5-Aluguéis-galpão"
    assert account_component("", "água") == "X-água"
    assert quoted('a "b"') == '"a \\"b\\""'


def test_the_beancount_export_passes_bean_check(
    books_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "diario.beancount"
    code = main(
        [
            "--db",
            str(books_file),
            "--user",
            "dono",
            "export",
            "journal",
            "--format",
            "beancount",
            "-o",
            str(target),
        ]
    )
    out, _err = capsys.readouterr()
    assert code == 0 and "4 rows written" in out, out
    text = target.read_text(encoding="utf-8")
    assert 'option "name_equity" "PatrimonioLiquido"' in text
    assert "open Despesas:6-5-Aluguéis BRL" in text
    assert "1500.00 BRL" in text and "-1500.00 BRL" in text
    if not Path(BEAN_CHECK).exists():
        pytest.skip("bean-check is not installed: pip install the dev requirements (beancount) to run it")
    result = subprocess.run(
        [BEAN_CHECK, str(target)], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_extension_names_the_format(
    books_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "diario.beancount"
    code = main(
        [
            "--db",
            str(books_file),
            "--user",
            "dono",
            "export",
            "journal",
            "-o",
            str(target),
            "--to",
            "31/01/2025",
        ]
    )
    out, _err = capsys.readouterr()
    assert code == 0 and "2 rows written" in out
