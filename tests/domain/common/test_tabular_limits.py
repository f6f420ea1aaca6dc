"""A file an import reads has stated limits — its size, its rows, its columns, a cell's length, what a
workbook unpacks to — and one that breaks them is refused at once with a message naming the limit,
instead of taking minutes and gigabytes; a file within them reads whole."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from bodesk.domain.common import tabular, xlsx_reading
from bodesk.domain.common.tabular import FileProblem, read_table
from tests.helpers.refusals import refused

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"


def workbook(path: Path, rows_xml: str, shared: str | None = None, doctype: str = "") -> Path:
    """A minimal XLSX written by hand, as another program (or an attacker) could write it."""
    types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.worksheet+xml"/>'
        + (
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sharedStrings+xml"/>'
            if shared is not None
            else ""
        )
        + "</Types>"
    )
    parts = {
        "[Content_Types].xml": types,
        "_rels/.rels": f'<Relationships xmlns="{PACKAGE}"><Relationship Id="r1" '
        f'Type="{RELATIONS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONS}"><sheets>'
        '<sheet name="Produtos" sheetId="1" r:id="r1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{PACKAGE}"><Relationship Id="r1" '
        f'Type="{RELATIONS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'{doctype}<worksheet xmlns="{MAIN}"><sheetData>{rows_xml}'
        "</sheetData></worksheet>",
    }
    if shared is not None:
        parts["xl/sharedStrings.xml"] = f'<sst xmlns="{MAIN}">{shared}</sst>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return path


def cell(reference: str, text: str) -> str:
    return f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'


def test_a_hand_written_workbook_reads(tmp_path: Path) -> None:
    rows = f'<row r="1">{cell("A1", "SKU")}</row><row r="2"><c r="A2" t="s"><v>0</v></c></row>'
    table = read_table(workbook(tmp_path / "ok.xlsx", rows, "<si><t>CER</t><rPh><t>x</t></rPh></si>"))
    assert (table.headers, [row.cells for row in table.rows]) == (["SKU"], [["CER"]])


def test_a_value_far_to_the_right_is_refused_naming_its_column(tmp_path: Path) -> None:
    rows = f'<row r="1">{cell("A1", "SKU")}</row><row r="2">{cell("AAAAAAA2", "CER00001")}</row>'
    with refused("file.too_many_columns") as caught:
        read_table(workbook(tmp_path / "wide.xlsx", rows))
    assert "AAAAAAA" in caught.value.message and "1,000" in caught.value.message
    styled_only = f'<row r="1">{cell("A1", "SKU")}<c r="XFD1" s="1"/></row>'
    assert read_table(workbook(tmp_path / "styled.xlsx", styled_only)).headers == ["SKU"]


def test_a_csv_row_with_too_many_columns_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_text("SKU\n" + ";" * 1_500 + "x\n", encoding="utf-8")
    with refused("file.too_many_columns"):
        read_table(path)


@pytest.mark.parametrize("where", ["inline", "shared", "csv"])
def test_a_cell_longer_than_a_spreadsheet_cell_is_refused(tmp_path: Path, where: str) -> None:
    long = "x" * 40_000
    if where == "csv":
        path = tmp_path / "long.csv"
        path.write_text(f"SKU;Nome\nA;{long}\n", encoding="utf-8")
    elif where == "inline":
        path = workbook(tmp_path / "long.xlsx", f'<row r="1">{cell("A1", long)}</row>')
    else:
        path = workbook(
            tmp_path / "long.xlsx", '<row r="1"><c r="A1" t="s"><v>0</v></c></row>', f"<si><t>{long}</t></si>"
        )
    with refused("file.cell_too_long") as caught:
        read_table(path)
    assert "32,767" in caught.value.message


def test_spaces_between_the_cells_are_read_through_without_being_kept(tmp_path: Path) -> None:
    rows = f'<row r="1">{cell("A1", "SKU")}</row>' + " " * 5_000_000 + f'<row r="2">{cell("A2", "CER")}</row>'
    table = read_table(workbook(tmp_path / "spaces.xlsx", rows))
    assert [row.cells for row in table.rows] == [["CER"]]


def test_a_workbook_that_unpacks_to_more_than_it_may_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx_reading, "MAX_DATA_BYTES", 1024 * 1024)
    rows = f'<row r="1">{cell("A1", "SKU")}</row>' + " " * (2 * 1024 * 1024)
    with refused("file.xlsx_too_large") as caught:
        read_table(workbook(tmp_path / "bomb.xlsx", rows))
    assert "xl/worksheets/sheet1.xml" in caught.value.message and "1 MB" in caught.value.message


def test_a_declared_doctype_is_refused(tmp_path: Path) -> None:
    doctype = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>'
    with refused("file.damaged_xlsx"):
        read_table(
            workbook(tmp_path / "entities.xlsx", f'<row r="1">{cell("A1", "&a;")}</row>', doctype=doctype)
        )


def test_too_many_rows_are_refused_at_the_first_one_past_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tabular, "MAX_ROWS", 3)
    path = tmp_path / "rows.csv"
    path.write_text("SKU\n" + "".join(f"P{number}\n" for number in range(3)), encoding="utf-8")
    assert len(read_table(path).rows) == 3
    path.write_text("SKU\n\n" + "".join(f"P{number}\n" for number in range(4)), encoding="utf-8")
    with refused("file.too_many_rows") as caught:
        read_table(path)
    assert "3 rows" in caught.value.message
    rows = "".join(f'<row r="{line}">{cell(f"A{line}", f"P{line}")}</row>' for line in range(1, 6))
    with refused("file.too_many_rows"):
        read_table(workbook(tmp_path / "rows.xlsx", rows))


def test_a_file_larger_than_an_import_reads_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tabular, "MAX_FILE_BYTES", 1024 * 1024)
    path = tmp_path / "big.csv"
    path.write_bytes(b"SKU\n" + b"P\n" * (600 * 1024))
    with refused("file.too_large") as caught:
        read_table(path)
    assert "1.2 MB" in caught.value.message and "1.0 MB" in caught.value.message
    assert isinstance(caught.value, FileProblem)
