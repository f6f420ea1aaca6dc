"""`bodesk import bank-statement FILE [--account CODE] [--dry-run]` and `bodesk import
bank-statement-csv FILE --account CODE`: the account found by the file's bank and number, a dry run
that says what the file holds even when no account matches, refusals with nothing written."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bodesk.cli import main
from bodesk.domain.banking.accounts import BankAccountData, add_bank_account
from bodesk.domain.company.services import set_up_company
from bodesk.domain.registry import load_modules
from bodesk.store.opening import open_database
from tests.builders.access import PASSWORD
from tests.builders.banking import bank_lines
from tests.builders.company import COMPANY

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ofx"


@pytest.fixture
def path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A database with a company and one bank account that is not the fixtures' (BB 001, 99999-9)."""
    monkeypatch.setenv("BODESK_PASSWORD", PASSWORD)
    load_modules()
    where = tmp_path / "banco.sqlite"
    db = open_database(f"sqlite:///{where}", backup_dir=tmp_path / "backups")
    try:
        owner = set_up_company(db, COMPANY, "dono", "Dona Maria", PASSWORD)
        add_bank_account(db, owner, BankAccountData("bank", "BB movimento", "001", "1", "99999-9"))
    finally:
        db.dispose()
    yield where


def bodesk(capsys: pytest.CaptureFixture[str], path: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(path), "--user", "dono", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def stored(path: Path) -> int:
    db = open_database(f"sqlite:///{path}", backup_dir=path.parent / "backups")
    try:
        return len(bank_lines(db))
    finally:
        db.dispose()


def test_a_dry_run_says_what_the_file_holds_even_without_a_matching_account(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = bodesk(
        capsys, path, "import", "bank-statement", str(FIXTURES / "missing_amount.ofx"), "--dry-run"
    )
    assert code == 1, err  # the line errors would hold an import back, as any import's row errors
    assert "341" in out and "56789-0" in out and "net total" in out
    assert "TRNAMT" in out  # each line error
    assert "No bank account" in out
    assert stored(path) == 0
    code, out, err = bodesk(
        capsys, path, "import", "bank-statement", str(FIXTURES / "sgml_1252.ofx"), "--dry-run"
    )
    assert code == 0 and "Dry run" in out


def test_import_refuses_a_statement_of_an_account_not_ours_then_takes_it_with_account(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = str(FIXTURES / "sgml_1252.ofx")
    code, _out, err = bodesk(capsys, path, "import", "bank-statement", file)
    assert code != 0 and "No bank account" in err
    assert stored(path) == 0
    code, out, err = bodesk(capsys, path, "import", "bank-statement", file, "--account", "99999-9")
    assert code == 0, err
    written = stored(path)
    assert written > 0 and "written" in out
    code, out, err = bodesk(capsys, path, "import", "bank-statement", file, "--account", "BB movimento")
    assert code == 0 and stored(path) == written  # the second time writes nothing


def test_a_file_that_is_not_ofx_is_refused(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = bodesk(capsys, path, "import", "bank-statement", str(FIXTURES / "page.html"))
    assert code != 0 and err.strip()
    assert stored(path) == 0


def test_a_csv_statement_needs_its_account_and_reads_debit_and_credit_columns(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "extrato.csv"
    sheet.write_text(
        "Data;Histórico;Documento;Débito;Crédito\n03/11/2026;TARIFA;1;12,90;\n04/11/2026;PIX RECEBIDO;2;;150,00\n",
        encoding="utf-8",
    )
    code, _out, err = bodesk(capsys, path, "import", "bank-statement-csv", str(sheet))
    assert code != 0 and "--account" in err
    code, out, err = bodesk(capsys, path, "import", "bank-statement-csv", str(sheet), "--account", "99999-9")
    assert code == 0, err + out
    db = open_database(f"sqlite:///{path}", backup_dir=tmp_path / "backups")
    try:
        assert sorted(str(line.amount) for line in bank_lines(db)) == ["-12.90", "150.00"]
    finally:
        db.dispose()
    code, out, err = bodesk(capsys, path, "import", "bank-statement-csv", str(sheet), "--account", "99999-9")
    assert code == 0 and stored(path) == 2


def test_the_help_of_the_ofx_import_shows(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["import", "bank-statement", "--help"])
    assert "--account" in capsys.readouterr().out
