"""`bodesk import`, `export` and `report` as a script uses them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bodesk.cli import main
from bodesk.commands import data

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


def test_an_export_takes_its_format_from_the_file_name_and_refuses_a_contradiction(
    dbfile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ("--db", str(dbfile), "--user", "dono")
    sheet = tmp_path / "produtos.xlsx"
    code, _out, err = run(capsys, *db, "export", "products", "-o", str(sheet))
    assert code == 0, err
    assert sheet.read_bytes().startswith(b"PK")  # a workbook, not CSV text
    text = tmp_path / "produtos.csv"
    assert run(capsys, *db, "export", "products", "-o", str(text))[0] == 0
    assert text.read_bytes().startswith(b"\xef\xbb\xbf")
    for argv, code_word in (
        (["--format", "csv", "-o", str(tmp_path / "x.xlsx")], "does not match"),
        (["-o", str(tmp_path / "produtos")], "--format"),
    ):
        code, _out, err = run(capsys, *db, "export", "products", *argv)
        assert code == 1 and code_word in err, err
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith(("x", "produtos"))) == [
        "produtos.csv",
        "produtos.xlsx",
    ]
    assert (
        run(capsys, *db, "export", "products", "--format", "csv", "-o", str(tmp_path / "lista.txt"))[0] == 0
    )


@pytest.mark.parametrize(
    "command",
    [
        ["report", "stock-valuation"],
        ["export", "products"],
        ["backup"],
    ],
    ids=["report", "export", "backup"],
)
def test_an_output_into_a_missing_folder_is_refused_before_any_work(
    dbfile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    target = tmp_path / "no-such-folder" / "out.pdf"
    if command[0] != "report":
        target = target.with_suffix(".csv" if command[0] == "export" else ".sqlite")
    code, _out, err = run(capsys, "--db", str(dbfile), "--user", "dono", *command, "-o", str(target))
    assert code == 1, err
    assert f"The folder {target.parent} does not exist" in err and "-o" in err
    assert not target.parent.exists()


def test_a_file_the_system_refuses_is_a_message_not_a_bug(
    dbfile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "x.pdf"

    def denied(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(target))

    expiry = replace(data.reports()["expiry"], write=denied)
    monkeypatch.setattr(data, "reports", lambda: {"expiry": expiry})
    code, _out, err = run(
        capsys, "--db", str(dbfile), "--user", "dono", "report", "expiry", "-o", str(target)
    )
    assert code == 1
    assert err.startswith(f"bodesk: bodesk may not use {target}")


def test_import_names_its_own_options_for_what_is_missing(
    dbfile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ("--db", str(dbfile), "--user", "dono")
    sheet = tmp_path / "lista.csv"
    sheet.write_text("Coisa;Descrição\nA-1;Água\n", encoding="utf-8")
    for extra in ([], ["--map", "name=B"]):
        code, _out, err = run(capsys, *db, "import", "products", str(sheet), *extra)
        assert code == 1, err
        assert "SKU (sku)" in err and "--map FIELD=COLUMN" in err and "1 (A) “Coisa”" in err
        assert "Choose" not in err
    bad = tmp_path / "precos.csv"
    bad.write_text("SKU;Nome;Preço de venda\nA-1;Água;abc\nA-2;Suco;3,50\n", encoding="utf-8")
    code, out, _err = run(capsys, *db, "import", "products", str(bad))
    assert code == 1
    assert "--good-rows" in out and "choose" not in out
    code, out, _err = run(capsys, *db, "import", "products", str(bad), "--good-rows")
    assert code == 0 and "1 row written" in out


def test_import_help_lists_the_fields_of_each_kind(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as leaving:
        main(["import", "products", "--help"])
    assert leaving.value.code == 0
    out = capsys.readouterr().out
    assert "FIELD in --map FIELD=COLUMN" in out
    assert "sku" in out and "sale_price" in out and "* SKU" in out
