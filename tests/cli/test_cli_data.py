"""`bodesk import`, `export` and `report` as a script uses them."""

from __future__ import annotations

from pathlib import Path

import pytest

from bodesk.cli import main

PW = "segredo-forte-1"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def dbfile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "cli.sqlite"
    monkeypatch.setenv("BODESK_PASSWORD", PW)
    assert (
        run(
            capsys,
            "--db",
            str(path),
            "init",
            "--company",
            "Bebidas Sul",
            "--tax-id",
            "11.222.333/0001-81",
            "--admin",
            "dono",
        )[0]
        == 0
    )
    return path


def test_import_with_a_column_map_then_export_and_report(
    dbfile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "lista.csv"
    sheet.write_text(
        "Ref;Item;Valor\nA-1;Água Crystal 500 ml;2,50\nA-2;Água com gás 500 ml;2,90\n", encoding="utf-8"
    )
    db = ("--db", str(dbfile), "--user", "dono")
    code, out, _err = run(
        capsys,
        *db,
        "import",
        "products",
        str(sheet),
        "--map",
        "sku=Ref",
        "--map",
        "name=B",
        "--map",
        "sale_price=3",
        "--dry-run",
    )
    assert code == 0
    assert "Dry run" in out
    code, out, _err = run(
        capsys,
        *db,
        "import",
        "products",
        str(sheet),
        "--map",
        "sku=Ref",
        "--map",
        "name=B",
        "--map",
        "sale_price=3",
    )
    assert code == 0 and "2 rows written" in out
    exported = tmp_path / "produtos.xlsx"
    code, out, _err = run(capsys, *db, "export", "products", "--format", "xlsx", "-o", str(exported))
    assert code == 0 and exported.exists()
    for name in ("stock-availability", "stock-valuation", "expiry"):
        pdf = tmp_path / f"{name}.pdf"
        code, _out, err = run(capsys, *db, "report", name, "-o", str(pdf))
        assert code == 0, err
        assert pdf.read_bytes().startswith(b"%PDF")


def test_a_wrong_map_and_a_bad_file_are_explained(
    dbfile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "lista.csv"
    sheet.write_text("Ref;Item\nA-1;Água\n", encoding="utf-8")
    db = ("--db", str(dbfile), "--user", "dono")
    code, _out, err = run(capsys, *db, "import", "products", str(sheet), "--map", "sku=Nope")
    assert code == 1 and "no column “Nope”" in err
    code, _out, err = run(capsys, *db, "import", "products", str(sheet), "--map", "colour=A")
    assert code == 1 and "FIELD=COLUMN" in err
    binary = tmp_path / "foto.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    code, _out, err = run(capsys, *db, "import", "products", str(binary))
    assert code == 1 and err.startswith("bodesk: ")
    code, _out, err = run(capsys, *db, "report", "expiry", "-o", str(tmp_path / "x.txt"))
    assert code == 1 and "PDF" in err
