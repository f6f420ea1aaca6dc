"""Reading CSV and XLSX files from Brazilian offices into rows of text, and refusing broken files
with a message that says what is wrong."""

from __future__ import annotations

import io
import random
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from bodesk.domain.common.errors import UserError
from bodesk.domain.common.export import ExportFormat, export_rows
from bodesk.domain.common.parsing import parse_decimal
from bodesk.domain.common.tabular import FileProblem, Table, column_name, read_table
from bodesk.domain.common.xlsx_reading import number_text

PRODUCTS = "Código;Descrição;Preço\n1;Guaraná;8,50\n2;Açaí;1.234,56\n3;Pão de Açúcar;0,99\n"


def write(tmp_path: Path, content: str | bytes, encoding: str = "utf-8", name: str = "file.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return path


def write_xlsx(
    tmp_path: Path, rows: list[list[object]], name: str = "book.xlsx", title: str = "Produtos"
) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    path = tmp_path / name
    workbook.save(path)
    return path


def cells(table: Table) -> list[list[str]]:
    return [row.cells for row in table.rows]


def unreadable(path: Path, code: str, *named: str) -> None:
    """Reading `path` is refused with `code`, a message to show a person that names each of `named`
    (the file, its lines, its columns)."""
    with pytest.raises(FileProblem) as caught:
        read_table(path)
    assert isinstance(caught.value, UserError)
    assert caught.value.code == code, caught.value.message
    for part in named:
        assert part in caught.value.message


@pytest.mark.parametrize(
    ("encoding", "described"),
    [("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8"), ("cp1252", "Windows-1252"), ("utf-16", "UTF-16")],
)
def test_encodings_of_brazilian_offices(tmp_path: Path, encoding: str, described: str) -> None:
    table = read_table(write(tmp_path, PRODUCTS, encoding))
    assert table.headers == ["Código", "Descrição", "Preço"]
    assert cells(table) == [
        ["1", "Guaraná", "8,50"],
        ["2", "Açaí", "1.234,56"],
        ["3", "Pão de Açúcar", "0,99"],
    ]
    assert table.source == f"CSV, {described}, separator ;"


def test_latin_1_reads_right(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, PRODUCTS, "latin-1"))
    assert cells(table)[2][1] == "Pão de Açúcar"
    # A byte Windows-1252 leaves undefined (0x81) falls back to Latin-1 instead of failing.
    table = read_table(write(tmp_path, "Nome\nA\x81B\n", "latin-1"))
    assert table.source == "CSV, Latin-1, separator ;"
    assert cells(table) == [["A\x81B"]]


@pytest.mark.parametrize(("separator", "shown"), [(";", ";"), (",", ","), ("\t", "TAB"), ("|", "|")])
def test_separators(tmp_path: Path, separator: str, shown: str) -> None:
    text = "Código|Descrição|Preço\n1|Guaraná 2L|8.50\n".replace("|", separator)
    table = read_table(write(tmp_path, text))
    assert table.headers == ["Código", "Descrição", "Preço"]
    assert cells(table) == [["1", "Guaraná 2L", "8.50"]]
    assert table.source.endswith(f"separator {shown}")


def test_quoted_separators_quotes_and_line_breaks_inside_cells(tmp_path: Path) -> None:
    text = 'Código,Descrição,Preço\r\n1,"Água, sem gás","1.234,56"\r\n2,"Dito ""o bom""\r\nsegunda linha","2,5"\r\n3,x,1\r\n'
    table = read_table(write(tmp_path, text))
    assert cells(table) == [
        ["1", "Água, sem gás", "1.234,56"],
        ["2", 'Dito "o bom"\r\nsegunda linha', "2,5"],
        ["3", "x", "1"],
    ]
    assert [row.line for row in table.rows] == [2, 3, 4], "lines count rows as a spreadsheet shows them"


def test_the_header_decides_the_separator_even_with_decimal_commas_below(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "Código;Preço\n1;1,5\n2;2,25\n"))
    assert cells(table) == [["1", "1,5"], ["2", "2,25"]]
    assert table.decimal_comma is None, "a CSV leaves the convention to the importer"


def test_excel_sep_line(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "sep=,\nCódigo;x,Preço\n1;2,3\n"))
    assert table.headers == ["Código;x", "Preço"]
    assert table.header_line == 1
    assert table.rows[0].line == 2


def test_blank_rows_are_skipped_and_counted(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "\n;;\nCódigo;Preço;;\n1;2;;\n\n;;;\n3;4\n;;\n"))
    assert table.header_line == 3
    assert table.headers == ["Código", "Preço"]
    assert [(row.line, row.cells) for row in table.rows] == [(4, ["1", "2"]), (7, ["3", "4"])]
    assert table.problems == []


def test_short_rows_are_padded_and_long_rows_are_problems_of_their_line(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "a;b;c\n1\n1;2;3;4\n5;6;7\n"))
    assert [(row.line, row.cells) for row in table.rows] == [(2, ["1", "", ""]), (4, ["5", "6", "7"])]
    assert [problem.line for problem in table.problems] == [3]
    assert "4 cells" in table.problems[0].message
    assert "3 column names" in table.problems[0].message


@pytest.mark.parametrize("content", [b"", b"   \r\n\r\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\r\n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    unreadable(write(tmp_path, content, name="vazio.csv"), "file.empty", "vazio.csv")


def test_only_separators(tmp_path: Path) -> None:
    unreadable(write(tmp_path, ";;;\n;;\n"), "file.no_rows")


def test_header_only_is_a_table_without_rows(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "Código;Preço\n"))
    assert table.headers == ["Código", "Preço"]
    assert table.rows == []
    assert table.problems == []


def test_a_file_cut_in_the_middle_of_a_quoted_cell(tmp_path: Path) -> None:
    text = 'Código;Descrição\n1;Guaraná\n2;"Açaí com gua'
    unreadable(write(tmp_path, text), "file.unclosed_quote", "Line 3")


def test_a_quote_never_closed_early_in_a_big_file_names_its_line(tmp_path: Path) -> None:
    rows = "".join(f"{number};produto {number} com um nome comprido\n" for number in range(20_000))
    text = 'Código;Descrição\n1;"aberto\n' + rows
    unreadable(write(tmp_path, text), "file.unclosed_quote", "Line 2")


def test_a_multi_line_cell_before_the_unclosed_quote_names_both_lines(tmp_path: Path) -> None:
    text = 'a;b\n1;"duas\nlinhas"\n2;"aberto\n3;x\n'
    unreadable(write(tmp_path, text), "file.unclosed_quote", "Line 3 (text line 4)")


def test_bad_quotes_are_problems_of_their_line_and_other_rows_are_read(tmp_path: Path) -> None:
    text = 'Código;Descrição\n1;Guaraná\n2;"Açaí" grande\n3;Pão\n4;meio "aspas" ok\n'
    table = read_table(write(tmp_path, text))
    assert [(problem.line, "quote" in problem.message) for problem in table.problems] == [(3, True)]
    assert [(row.line, row.cells) for row in table.rows] == [
        (2, ["1", "Guaraná"]),
        (4, ["3", "Pão"]),
        (5, ["4", 'meio "aspas" ok']),
    ]


def test_repeated_column_names_are_refused_with_their_columns(tmp_path: Path) -> None:
    unreadable(
        write(tmp_path, "Código;Preço;Nome;preco\n1;2;3;4\n"), "file.bad_headers", "“Preço”", "2 (B), 4 (D)"
    )


def test_blank_column_names_are_refused_with_their_columns(tmp_path: Path) -> None:
    unreadable(write(tmp_path, "Código;;Preço; ;Nome\n1;2;3;4;5\n"), "file.bad_headers", "2 (B), 4 (D)")


def test_column_name() -> None:
    assert [column_name(index) for index in (0, 25, 26, 701, 702)] == [
        "1 (A)",
        "26 (Z)",
        "27 (AA)",
        "702 (ZZ)",
        "703 (AAA)",
    ]


def test_random_bytes_are_refused(tmp_path: Path) -> None:
    noise = random.Random(7).randbytes(4096)
    unreadable(write(tmp_path, noise, name="dados.csv"), "file.not_a_table")


def test_control_characters_without_nul_are_refused(tmp_path: Path) -> None:
    generator = random.Random(8)
    noise = bytes(generator.choice(range(1, 256)) for _ in range(4096))
    unreadable(write(tmp_path, noise), "file.not_a_table")


def test_a_stray_control_character_in_text_is_kept(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "Nome;Obs\nGuaraná;linha\x0boutra\n"))
    assert cells(table) == [["Guaraná", "linha\x0boutra"]]


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "file.image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "file.image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "file.pdf"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "file.xls"),
        (b"<html><body><table><tr><td>1</td></tr></table></body></html>", "file.html"),
        (
            b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>',
            "file.xml",
        ),
        (b"PK\x03\x04\x14\x00\x00\x00", "file.broken_zip"),
    ],
)
def test_files_that_are_not_tables_say_what_they_are(tmp_path: Path, content: bytes, code: str) -> None:
    unreadable(write(tmp_path, content, name="produtos.xlsx"), code)


def zip_of(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def test_a_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    unreadable(write(tmp_path, zip_of({"produtos.csv": PRODUCTS}), name="produtos.xlsx"), "file.zip")
    ods = zip_of({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"})
    unreadable(write(tmp_path, ods, name="produtos.ods"), "file.ods")


def test_a_zip_with_a_broken_workbook(tmp_path: Path) -> None:
    fake = zip_of({"xl/workbook.xml": "<workbook>not really", "[Content_Types].xml": "<Types/>"})
    unreadable(write(tmp_path, fake, name="produtos.xlsx"), "file.damaged_xlsx")


def test_a_truncated_xlsx(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path, [["Código", "Nome"], *[[number, f"produto {number}"] for number in range(500)]]
    )
    data = path.read_bytes()
    unreadable(write(tmp_path, data[: len(data) // 2], name="cortado.xlsx"), "file.broken_zip")


def test_a_file_that_does_not_exist(tmp_path: Path) -> None:
    unreadable(tmp_path / "missing.csv", "file.unreadable", "missing.csv")


def test_xlsx_cells_read_as_a_person_sees_them(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["Código", "Descrição", "Preço", "Validade", "Ativo", "EAN"],
        ["00123", "Guaraná", 12.5, date(2025, 3, 1), True, 7891234567895],
        [2, "Açaí", 0.1, datetime(2025, 3, 1, 14, 30), False, 7891234567895.0],
        [3.0, "Pão", 0.1 + 0.2, None, None, None],
        [4, "Água", -1234567.891, None, None, 1e-7],
        [],
        [None, None, None],
    ]
    table = read_table(write_xlsx(tmp_path, rows, name="produtos.dat"))
    assert table.headers == ["Código", "Descrição", "Preço", "Validade", "Ativo", "EAN"]
    assert cells(table) == [
        ["00123", "Guaraná", "12.5", "2025-03-01", "TRUE", "7891234567895"],
        ["2", "Açaí", "0.1", "2025-03-01 14:30:00", "FALSE", "7891234567895"],
        ["3", "Pão", "0.3", "", "", ""],
        ["4", "Água", "-1234567.891", "", "", "0.0000001"],
    ]
    assert [row.line for row in table.rows] == [2, 3, 4, 5]
    assert table.source == "XLSX, sheet Produtos"
    assert table.decimal_comma is False


def test_xlsx_title_rows_above_the_header_keep_excel_row_numbers(tmp_path: Path) -> None:
    table = read_table(
        write_xlsx(tmp_path, [["Relatório de produtos"], [], ["Código", "Nome"], [1, "Guaraná"]])
    )
    assert table.header_line == 1
    assert table.headers == ["Relatório de produtos"]
    workbook = Workbook()
    sheet = workbook.active
    sheet["A3"], sheet["B3"], sheet["A4"], sheet["B4"], sheet["B6"] = "Código", "Nome", 1, "Guaraná", "Açaí"
    path = tmp_path / "titled.xlsx"
    workbook.save(path)
    table = read_table(path)
    assert table.header_line == 3
    assert [(row.line, row.cells) for row in table.rows] == [(4, ["1", "Guaraná"]), (6, ["", "Açaí"])]


def test_xlsx_sheets(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active.title = "Capa"
    workbook.active.append(["Leia-me"])
    prices = workbook.create_sheet("Preços")
    prices.append(["Código", "Preço"])
    prices.append(["A1", 9.9])
    path = tmp_path / "two.xlsx"
    workbook.save(path)
    assert read_table(path).headers == ["Leia-me"]
    assert cells(read_table(path, sheet="Preços")) == [["A1", "9.9"]]
    with pytest.raises(FileProblem) as caught:
        read_table(path, sheet="Estoque")
    assert caught.value.code == "file.no_such_sheet"
    assert "“Estoque”. Its sheets: Capa, Preços" in caught.value.message


def test_xlsx_row_longer_than_the_header(tmp_path: Path) -> None:
    table = read_table(write_xlsx(tmp_path, [["a", "b"], [1, 2, 3], [4, 5, None]]))
    assert [problem.line for problem in table.problems] == [2]
    assert cells(table) == [["4", "5"]]


def test_ten_thousand_rows(tmp_path: Path) -> None:
    text = "Código;Preço\n" + "".join(f"{number};{number},50\n" for number in range(10_000))
    table = read_table(write(tmp_path, text, "cp1252"))
    assert len(table.rows) == 10_000
    assert (table.rows[-1].line, table.rows[-1].cells) == (10_001, ["9999", "9999,50"])
    rows: list[list[object]] = [["Código", "Preço"], *[[number, number + 0.5] for number in range(10_000)]]
    table = read_table(write_xlsx(tmp_path, rows))
    assert len(table.rows) == 10_000
    assert (table.rows[-1].line, table.rows[-1].cells) == (10_001, ["9999", "9999.5"])


def test_the_first_visible_sheet_is_read_by_default(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active.title = "Oculta"
    workbook.active.append(["Segredo"])
    workbook.active.sheet_state = "hidden"
    workbook.create_sheet("Produtos").append(["Código"])
    path = tmp_path / "hidden.xlsx"
    workbook.save(path)
    assert read_table(path).headers == ["Código"]
    assert read_table(path, sheet="Oculta").headers == ["Segredo"]


def test_an_exported_list_reads_back(tmp_path: Path) -> None:
    """bodesk's own XLSX (write-only, inline strings) and CSV exports, edited and imported again."""
    rows = [["A-1", "Guaraná 2L", Decimal("8.50"), date(2025, 3, 1)], ["A-2", "=Açaí", 3, None]]
    price = {ExportFormat.CSV: "8.50", ExportFormat.XLSX: "8.5"}
    for fmt in ExportFormat:
        path = tmp_path / f"lista.{fmt.value}"
        export_rows(path, fmt, ["Código", "Descrição", "Preço", "Validade"], rows)
        table = read_table(path)
        assert table.headers == ["Código", "Descrição", "Preço", "Validade"]
        assert cells(table) == [["A-1", "Guaraná 2L", price[fmt], "2025-03-01"], ["A-2", "'=Açaí", "3", ""]]


def with_sheet_xml(path: Path, sheet_data: str) -> Path:
    """The workbook at `path` with its first sheet's cells replaced by hand-written XML (as other
    programs write it: formulas with cached values, errors, ISO dates, cells without references)."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["xl/worksheets/sheet1.xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<x:sheetData>{sheet_data}</x:sheetData></x:worksheet>"
    ).encode()
    target = path.with_name("hand-" + path.name)
    with zipfile.ZipFile(target, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return target


def test_xlsx_cells_as_other_programs_write_them(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path, [["placeholder"]])
    cells_xml = (
        '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Código</x:t></x:is></x:c>'
        '<x:c r="B1" t="inlineStr"><x:is><x:r><x:t>Pre</x:t></x:r><x:r><x:t>ço</x:t></x:r></x:is></x:c>'
        '<x:c r="C1" t="str"><x:v>Total</x:v></x:c><x:c r="D1" t="str"><x:v>Quando</x:v></x:c></x:row>'
        "<x:row><x:c><x:v>1</x:v></x:c><x:c><x:f>A2*2</x:f><x:v>0.30000000000000004</x:v></x:c>"
        '<x:c t="e"><x:v>#N/A</x:v></x:c><x:c t="d"><x:v>2025-03-01T00:00:00</x:v></x:c></x:row>'
        '<x:row r="5"><x:c r="D5" t="b"><x:v>1</x:v></x:c><x:c r="A5"><x:v>1.0000000000000001E-7</x:v></x:c>'
        '<x:c r="C5" s="0"/><x:c r="B5"><x:v>12345678901234567890</x:v></x:c></x:row>'
    )
    table = read_table(with_sheet_xml(path, cells_xml))
    assert table.headers == ["Código", "Preço", "Total", "Quando"]
    assert [(row.line, row.cells) for row in table.rows] == [
        (2, ["1", "0.3", "#N/A", "2025-03-01"]),
        (5, ["0.0000001", "12345678901234600000", "", "TRUE"]),
    ]


@pytest.mark.parametrize(
    "cells_xml",
    [
        '<x:row r="1"><x:c r="A1" t="s"><x:v>99</x:v></x:c></x:row>',
        '<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c>',
        '<x:row r="x"><x:c r="A1"><x:v>1</x:v></x:c></x:row>',
    ],
)
def test_a_damaged_sheet(tmp_path: Path, cells_xml: str) -> None:
    path = with_sheet_xml(write_xlsx(tmp_path, [["placeholder"]]), cells_xml)
    unreadable(path, "file.damaged_xlsx")


fifteen_digits = st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=6).filter(
    lambda value: len(value.normalize().as_tuple().digits) <= 15
)


@given(fifteen_digits)
def test_a_number_stored_as_a_float_reads_back_exactly(value: Decimal) -> None:
    assert Decimal(number_text(repr(float(value)))) == value


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(fifteen_digits, min_size=1, max_size=40))
def test_numbers_typed_in_excel_read_back_exactly(tmp_path: Path, values: list[Decimal]) -> None:
    path = write_xlsx(tmp_path, [["Preço"], *[[float(value)] for value in values]])
    assert [parse_decimal(row.cells[0], decimal_comma=False) for row in read_table(path).rows] == values


def test_a_file_pasted_together_from_two_encodings(tmp_path: Path) -> None:
    content = "Código;Nome\n".encode() + "1;Guaraná\n".encode() + "2;Açaí\n".encode("cp1252")
    table = read_table(write(tmp_path, content))
    assert cells(table) == [["1", "Guaraná"], ["2", "Açaí"]]
    assert table.source == "CSV, UTF-8 + Windows-1252, separator ;"
