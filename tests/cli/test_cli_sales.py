"""`bodesk import customers`, `bodesk export customers|orders` and `bodesk report …` for sales, as a
script uses them on a small database: the files they write, and the refusals they say."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from bodesk.cli import main
from bodesk.domain.company.services import set_up_company
from bodesk.domain.registry import load_modules
from bodesk.store.opening import open_database
from tests.builders.access import PASSWORD
from tests.builders.company import COMPANY
from tests.builders.sales import customer_tax_id
from tests.builders.sales_desk import SalesDesk, build_sales_desk
from tests.helpers.pdf import pdf_pages


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, SalesDesk]:
    path = tmp_path / "vendas.sqlite"
    monkeypatch.setenv("BODESK_PASSWORD", PASSWORD)
    load_modules()
    db = open_database(f"sqlite:///{path}", backup_dir=tmp_path / "backups")
    try:
        made = build_sales_desk(db, set_up_company(db, COMPANY, "dono", "Dona Maria", PASSWORD))
    finally:
        db.dispose()
    return path, made


def bodesk(capsys: pytest.CaptureFixture[str], path: Path, *argv: str) -> tuple[int, str, str]:
    return run(capsys, "--db", str(path), "--user", "dono", *argv)


def test_import_then_export_customers(
    desk: tuple[Path, SalesDesk], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _made = desk
    sheet = tmp_path / "clientes.csv"
    sheet.write_text(
        f"Razão social;CNPJ;Vendedor\nPadaria Central;{customer_tax_id(5)};Ana Souza\n"
        f"Outro Bar;{customer_tax_id(1)};\n",
        encoding="utf-8",
    )

    code, out, _err = bodesk(capsys, path, "import", "customers", str(sheet))
    assert code == 1 and "Line 3: CNPJ/CPF:" in out and "BARZE Bar do Zé" in out
    code, out, _err = bodesk(capsys, path, "import", "customers", str(sheet), "--good-rows")
    assert code == 0 and "1 row written." in out

    exported = tmp_path / "clientes-out.csv"
    code, out, _err = bodesk(capsys, path, "export", "customers", "--format", "csv", "-o", str(exported))
    assert code == 0 and "3 rows written" in out
    with exported.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0][:3] == ["Customer code", "Legal name", "CNPJ/CPF"]
    assert {row[1] for row in rows[1:]} >= {"Padaria Central", "Bar do Zé Comércio de Bebidas Ltda."}
    code, _out, _err = bodesk(capsys, path, "export", "customers", "-o", str(tmp_path / "clientes.xlsx"))
    assert code == 0 and (tmp_path / "clientes.xlsx").stat().st_size > 0


def test_export_orders(
    desk: tuple[Path, SalesDesk], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _made = desk
    target = tmp_path / "pedidos.xlsx"

    code, out, _err = bodesk(capsys, path, "export", "orders", "--format", "xlsx", "-o", str(target))

    assert code == 0 and "5 rows written" in out and target.stat().st_size > 0


def test_the_picking_list_and_the_order(
    desk: tuple[Path, SalesDesk], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, made = desk
    pick, order = tmp_path / "separacao.pdf", tmp_path / "pedido.pdf"
    numbers = [str(made.numbers["confirmed"]), str(made.numbers["both"])]

    code, out, _err = bodesk(
        capsys, path, "report", "picking-list", "--order", numbers[0], "--order", numbers[1], "-o", str(pick)
    )
    assert code == 0 and "Report written" in out
    assert len(pdf_pages(pick)) == 2 and "Picking list" in pdf_pages(pick)[0]
    code, _out, _err = bodesk(capsys, path, "report", "sales-order", "--order", numbers[0], "-o", str(order))
    assert code == 0 and f"Sales order {numbers[0]}" in pdf_pages(order)[0]


def test_unknown_orders_and_missing_options_are_refused_by_name(
    desk: tuple[Path, SalesDesk], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _made = desk
    target = tmp_path / "x.pdf"

    code, _out, err = bodesk(
        capsys, path, "report", "picking-list", "--order", "2", "--order", "99", "-o", str(target)
    )
    assert code == 1 and "No sales order has the number 99." in err
    code, _out, err = bodesk(capsys, path, "report", "picking-list", "-o", str(target))
    assert code == 1 and "--order NUMBER" in err
    code, _out, err = bodesk(capsys, path, "report", "sales-order", "--order", "dois", "-o", str(target))
    assert code == 1 and "“dois”" in err
    assert not target.exists()


def test_sales_processing_time_and_commissions(
    desk: tuple[Path, SalesDesk], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _made = desk
    sales, processing, statement = tmp_path / "vendas.pdf", tmp_path / "tempo.pdf", tmp_path / "comissao.pdf"

    assert bodesk(capsys, path, "report", "sales", "--by", "category", "-o", str(sales))[0] == 0
    assert "Sales by category" in pdf_pages(sales)[0] and "Cervejas" in pdf_pages(sales)[0]
    assert bodesk(capsys, path, "report", "processing-time", "--by", "week", "-o", str(processing))[0] == 0
    assert "Order processing time" in pdf_pages(processing)[0]
    assert bodesk(capsys, path, "report", "commissions", "--rep", "ana", "-o", str(statement))[0] == 0
    assert "Commission statement" in pdf_pages(statement)[0] and "Ana Souza" in pdf_pages(statement)[0]


def test_bad_dates_and_unknown_reps_are_refused_by_name(
    desk: tuple[Path, SalesDesk], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _made = desk
    target = tmp_path / "x.pdf"

    code, _out, err = bodesk(capsys, path, "report", "sales", "--from", "31/02/2026", "-o", str(target))
    assert code == 1 and "--from: “31/02/2026” is not a valid date." in err
    code, _out, err = bodesk(capsys, path, "report", "processing-time", "--to", "ontem", "-o", str(target))
    assert code == 1 and "--to: “ontem” is not a date" in err
    code, _out, err = bodesk(
        capsys, path, "report", "sales", "--from", "2026-12-01", "--to", "2026-11-01", "-o", str(target)
    )
    assert code == 1 and "ends on or after it starts" in err
    code, _out, err = bodesk(capsys, path, "report", "commissions", "--rep", "Zé", "-o", str(target))
    assert code == 1 and "No sales rep is named “Zé”." in err
    code, _out, err = bodesk(capsys, path, "report", "commissions", "-o", str(target))
    assert code == 1 and "--rep" in err
    assert not target.exists()


def test_numbers_and_days_beyond_reason_are_refused_in_words(
    desk: tuple[Path, SalesDesk], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _made = desk
    out = str(tmp_path / "r.pdf")
    for order in ("99999999999999999999", "²", "٣"):
        code, _out, err = bodesk(capsys, path, "report", "picking-list", "--order", order, "-o", out)
        assert code == 1 and "--order takes an order's number" in err, order
    code, _out, err = bodesk(
        capsys, path, "report", "picking-list", "--order", ",".join(map(str, range(1, 502))), "-o", out
    )
    assert code == 1 and "at most 500 orders" in err
    for flags in (("--to", "9999-12-31"), ("--from", "0001-01-01", "--to", "0001-01-05")):
        for report in (("sales",), ("processing-time",), ("commissions", "--rep", "1")):
            code, _out, err = bodesk(capsys, path, "report", *report, *flags, "-o", out)
            assert code == 1 and "between the years 1900 and 2199" in err, (report, flags)
    assert not Path(out).exists()


def test_an_export_writes_through_a_link_and_never_over_a_device(
    desk: tuple[Path, SalesDesk], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _made = desk
    target, link = tmp_path / "target.csv", tmp_path / "link.csv"
    target.write_text("old", encoding="utf-8")
    link.symlink_to(target)
    code, _out, err = bodesk(capsys, path, "export", "customers", "-o", str(link))
    assert code == 0, err
    assert link.is_symlink() and "Customer code" in target.read_text(encoding="utf-8-sig")
    device = tmp_path / "out.csv"
    device.symlink_to("/dev/null")
    code, _out, err = bodesk(capsys, path, "export", "customers", "-o", str(device))
    assert code == 1 and "is not a file (a device or a pipe)" in err
    assert device.is_symlink()


def test_a_reader_that_stops_reading_is_no_error(desk: tuple[Path, SalesDesk]) -> None:
    path, _made = desk
    done = subprocess.run(
        f'"{sys.executable}" -m bodesk --db "{path}" check | true; exit ${{PIPESTATUS[0]}}',  # true reads nothing
        shell=True,
        check=False,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "unexpected error" not in done.stderr
