"""The import framework: mapping columns to fields, reading every row, reporting every bad row with
its line and reason, and writing nothing unless the person may (no dry run, no bad row or "import the
good rows")."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from bodesk.domain.common.errors import UserError, ValidationError
from bodesk.domain.common.importing import (
    ImportField,
    ParsedRow,
    RowError,
    parse_rows,
    run_import,
    suggest_mapping,
    validate_mapping,
    write_error_report,
)
from bodesk.domain.common.money import UNIT_PRICE_RULE
from bodesk.domain.common.parsing import NumberParser, clean_text, parse_bool, parse_date
from bodesk.domain.common.tabular import SourceRow, Table, read_table
from bodesk.i18n import N_
from tests.helpers.refusals import invalid

FIELDS = (
    ImportField("sku", N_("Code"), True, clean_text, ("código", "cod", "sku", "referência")),
    ImportField("name", N_("Description"), True, clean_text, ("descrição", "nome", "produto")),
    ImportField(
        "price",
        N_("Price"),
        False,
        NumberParser(UNIT_PRICE_RULE, minimum=Decimal(0)),
        ("preço de venda", "preço", "valor"),
    ),
    ImportField("active", N_("Active"), False, parse_bool, ("ativo",), default=True),
    ImportField("since", N_("Since"), False, parse_date, ("desde", "data de cadastro")),
)


class Catalogue:
    """A fake unit of work: `apply` writes every row at once, or nothing if it raises."""

    def __init__(self) -> None:
        self.calls: list[list[ParsedRow]] = []

    def apply(self, rows: list[ParsedRow]) -> int:
        self.calls.append(rows)
        return len(rows)

    @property
    def written(self) -> list[ParsedRow]:
        return [row for call in self.calls for row in call]


def table_of(headers: list[str], rows: Iterable[list[str]], decimal_comma: bool | None = None) -> Table:
    source_rows = [SourceRow(line, cells) for line, cells in enumerate(rows, start=2)]
    return Table(headers, source_rows, "test", decimal_comma=decimal_comma)


HEADERS = ["Código", "Descrição", "Preço de venda", "Ativo", "Desde"]
MAPPING: dict[str, int | None] = {"sku": 0, "name": 1, "price": 2, "active": 3, "since": 4}


def test_suggested_mapping_from_portuguese_headers_with_accents() -> None:
    headers = ["  CÓDIGO ", "Preço de custo", "descricao", "Preço de Venda (R$)", "Observação", "ATIVO?"]
    assert suggest_mapping(FIELDS, headers) == {"sku": 0, "name": 2, "price": 3, "active": 5, "since": None}


def test_suggested_mapping_from_english_headers_and_never_one_column_twice() -> None:
    fields = (*FIELDS, ImportField("cost", N_("Cost price"), False, clean_text, ("preço de custo", "preço")))
    assert suggest_mapping(fields, ["Code", "Description", "Price", "Since"]) == {
        "sku": 0,
        "name": 1,
        "price": 2,
        "active": None,
        "since": 3,
        "cost": None,
    }


def test_a_valid_mapping_passes() -> None:
    validate_mapping(FIELDS, MAPPING, HEADERS)
    validate_mapping(FIELDS, {"sku": 0, "name": 1}, HEADERS)


def test_mapping_errors_name_every_field() -> None:
    with invalid("sku", "price", "active", "colour") as caught:
        validate_mapping(FIELDS, {"sku": None, "name": 2, "price": 2, "active": 9, "colour": 1}, HEADERS)
    price = caught.value.for_field("price")
    assert price == "The column “Preço de venda” is already used for “Description”."


def test_parse_rows_refuses_a_bad_mapping_before_reading() -> None:
    with pytest.raises(ValidationError):
        parse_rows(FIELDS, table_of(HEADERS, [["1", "x", "1", "", ""]]), {"name": 1})


def test_good_rows_become_values() -> None:
    table = table_of(
        HEADERS, [["A-1", "  Guaraná   2L ", "1.234,56", "não", "02/01/2024"], ["A-2", "Açaí", "", "", ""]]
    )
    parsed = parse_rows(FIELDS, table, MAPPING)
    assert parsed.errors == []
    assert parsed.good == [
        ParsedRow(
            2,
            {
                "sku": "A-1",
                "name": "Guaraná 2L",
                "price": Decimal("1234.56"),
                "active": False,
                "since": date(2024, 1, 2),
            },
        ),
        ParsedRow(3, {"sku": "A-2", "name": "Açaí", "price": None, "active": True, "since": None}),
    ]


def test_a_field_without_a_column_is_left_out_of_the_values() -> None:
    parsed = parse_rows(
        FIELDS, table_of(HEADERS, [["A-1", "Guaraná", "9,90", "sim", ""]]), {"sku": 0, "price": 2, "name": 1}
    )
    assert parsed.good[0].values == {"sku": "A-1", "name": "Guaraná", "price": Decimal("9.90")}


def test_every_error_of_a_row_is_reported() -> None:
    table = table_of(
        HEADERS,
        [
            ["A-1", "ok", "1", "sim", ""],
            ["", "Guaraná", "abc", "talvez", "31/02/2024"],
            ["A-3", "ok", "-5", "", ""],
        ],
    )
    parsed = parse_rows(FIELDS, table, MAPPING)
    assert [(error.line, error.field, error.value) for error in parsed.errors] == [
        (3, "Code", ""),
        (3, "Price", "abc"),
        (3, "Active", "talvez"),
        (3, "Since", "31/02/2024"),
        (4, "Price", "-5"),
    ]
    assert [row.line for row in parsed.good] == [2]
    assert (parsed.total, parsed.bad) == (3, 2)


def test_row_check_adds_row_rules_for_rows_that_parsed() -> None:
    seen: set[str] = set()
    checked: list[str] = []

    def unique_code(values: dict[str, Any]) -> list[str]:
        checked.append(values["sku"])
        if values["sku"] in seen:
            return [f"The code {values['sku']} appears twice in the file."]
        seen.add(values["sku"])
        return []

    rows = [
        ["A-1", "x", "1", "", ""],
        ["A-1", "y", "2", "", ""],
        ["A-1", "z", "bad", "", ""],
        ["A-2", "w", "1", "", ""],
    ]
    parsed = parse_rows(FIELDS, table_of(HEADERS, rows), MAPPING, row_check=unique_code)
    assert [(error.line, error.field) for error in parsed.errors] == [(3, ""), (4, "Price")]
    assert parsed.errors[0].message == "The code A-1 appears twice in the file."
    assert checked == ["A-1", "A-1", "A-2"], "a row with bad cells is not checked as a whole"
    assert [row.line for row in parsed.good] == [2, 5]


def test_a_parser_may_refuse_with_a_user_error() -> None:
    def tax_id(text: str) -> str:
        raise ValidationError.single("tax_id", f"{text} is not a valid CNPJ.")

    fields = (ImportField("tax_id", N_("CNPJ"), True, tax_id),)
    parsed = parse_rows(fields, table_of(["CNPJ"], [["11.111.111/1111-11"]]), {"tax_id": 0})
    assert [(error.line, error.message) for error in parsed.errors] == [
        (2, "11.111.111/1111-11 is not a valid CNPJ.")
    ]


def test_the_files_decimal_convention_decides_ambiguous_numbers() -> None:
    brazil = table_of(HEADERS, [["A", "x", "1.234", "", ""], ["B", "y", "12,5", "", ""]])
    assert [row.values["price"] for row in parse_rows(FIELDS, brazil, MAPPING).good] == [
        Decimal(1234),
        Decimal("12.5"),
    ]
    usa = table_of(HEADERS, [["A", "x", "1.234", "", ""], ["B", "y", "12.5", "", ""]])
    parsed = parse_rows(FIELDS, usa, MAPPING)
    assert parsed.decimal_comma is False
    assert [row.values["price"] for row in parsed.good] == [Decimal("1.234"), Decimal("12.5")]
    forced = parse_rows(FIELDS, usa, MAPPING, decimal_comma=True)
    assert [row.values["price"] for row in forced.good] == [Decimal(1234), Decimal("12.5")]
    from_xlsx = table_of(HEADERS, [["A", "x", "1.234", "", ""]], decimal_comma=False)
    assert parse_rows(FIELDS, from_xlsx, MAPPING).good[0].values["price"] == Decimal("1.234")


def write_products(path: Path, count: int, bad_line: int | None = None) -> None:
    """A Windows-1252 CSV of `count` products; the row on `bad_line` (header = line 1) has a bad price."""
    with path.open("w", encoding="cp1252", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADERS)
        for number in range(count):
            price = (
                "R$ abc"
                if number + 2 == bad_line
                else f"{1 + number // 1000}.{number % 1000:03d},{number % 100:02d}"
            )
            writer.writerow([f"P{number:05d}", f"Guaraná {number}", price, "sim", "02/01/2024"])


def test_a_bad_row_among_ten_thousand(tmp_path: Path) -> None:
    path = tmp_path / "produtos.csv"
    write_products(path, 10_000, bad_line=6_543)
    table = read_table(path)
    mapping = suggest_mapping(FIELDS, table.headers)
    assert mapping == MAPPING

    catalogue = Catalogue()
    result = run_import(FIELDS, table, mapping, catalogue.apply, dry_run=True, import_good_rows=True)
    assert (result.total, result.good, result.bad, result.written, result.dry_run) == (
        10_000,
        9_999,
        1,
        0,
        True,
    )
    assert result.report_lines() == ["Line 6543: Price: “R$ abc” is not a number."]
    assert catalogue.calls == [], "a dry run writes nothing"

    result = run_import(FIELDS, table, mapping, catalogue.apply, dry_run=False, import_good_rows=False)
    assert (result.written, result.bad) == (0, 1)
    assert catalogue.calls == [], "one bad row and no choice to import the good ones: nothing written"
    assert "Nothing was written" in result.summary()

    result = run_import(FIELDS, table, mapping, catalogue.apply, dry_run=False, import_good_rows=True)
    assert result.written == 9_999
    assert len(catalogue.calls) == 1, "one unit of work for all rows"
    written = catalogue.written
    assert 6_543 not in {row.line for row in written}
    assert (written[0].line, written[0].values["price"]) == (2, Decimal("1000.00"))
    assert (written[-1].line, written[-1].values["price"]) == (10_001, Decimal("10999.99"))
    assert result.summary() == "10,000 rows read: 9,999 good, 1 with errors. 9,999 rows written."


def test_ten_thousand_good_rows_from_xlsx(tmp_path: Path) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Produtos")
    sheet.append(["Referência", "Nome", "Valor"])
    for number in range(10_000):
        sheet.append([f"P{number:05d}", f"Açaí {number}", number + 0.1])
    path = tmp_path / "produtos.xlsx"
    workbook.save(path)
    table = read_table(path)
    catalogue = Catalogue()
    mapping = suggest_mapping(FIELDS, table.headers)
    result = run_import(FIELDS, table, mapping, catalogue.apply, dry_run=False, import_good_rows=False)
    assert (result.total, result.good, result.errors, result.written) == (10_000, 10_000, [], 10_000)
    assert catalogue.written[-1].values == {"sku": "P09999", "name": "Açaí 9999", "price": Decimal("9999.1")}


def test_file_problems_of_a_row_are_reported_with_the_others(tmp_path: Path) -> None:
    path = tmp_path / "produtos.csv"
    path.write_text('Código;Descrição;Preço\nA;x;1\nB;y;2;extra\nC;"z" w;3\nD;;4\n', encoding="utf-8")
    catalogue = Catalogue()
    result = run_import(
        FIELDS, read_table(path), {"sku": 0, "name": 1, "price": 2}, catalogue.apply, False, False
    )
    assert [line.split(":")[0] for line in result.report_lines()] == ["Line 3", "Line 4", "Line 5"]
    assert (result.total, result.good, result.bad, result.written) == (4, 1, 3, 0)
    assert catalogue.calls == []


def test_a_header_without_rows_writes_nothing_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "vazio.csv"
    path.write_text("Código;Descrição\n", encoding="utf-8")
    catalogue = Catalogue()
    result = run_import(FIELDS, read_table(path), {"sku": 0, "name": 1}, catalogue.apply, False, True)
    assert (result.total, result.written) == (0, 0)
    assert catalogue.calls == []
    assert "no rows" in result.summary()


def test_an_error_in_apply_reaches_the_caller() -> None:
    refusal = UserError("The database is locked.", code="store.in_use")

    def refuse(rows: list[ParsedRow]) -> int:
        raise refusal

    table = table_of(HEADERS, [["A", "x", "1", "", ""]])
    with pytest.raises(UserError) as caught:
        run_import(FIELDS, table, MAPPING, refuse, dry_run=False, import_good_rows=False)
    assert caught.value is refusal


def test_error_report_file(tmp_path: Path) -> None:
    table = table_of(HEADERS, [["A", "x", "=1+1", "", ""], ["", "y", "2", "", ""]])
    result = run_import(FIELDS, table, MAPPING, Catalogue().apply, dry_run=True, import_good_rows=False)
    path = tmp_path / "erros.csv"
    assert write_error_report(path, result) == 2
    with path.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle, delimiter=";"))
    assert lines == [
        ["Line", "Field", "Value", "Problem"],
        ["2", "Price", "'=1+1", "“=1+1” is not a number."],
        ["3", "Code", "", "A value is required."],
    ]


def test_rows_check_sees_all_good_rows_at_once_and_moves_the_refused_ones() -> None:
    known = {"A-1", "A-3"}
    batches: list[list[int]] = []

    def known_codes(rows: list[ParsedRow]) -> list[RowError]:
        batches.append([row.line for row in rows])
        return [
            RowError(row.line, N_("Code"), row.values["sku"], f"No product has the code {row.values['sku']}.")
            for row in rows
            if row.values["sku"] not in known
        ]

    rows = [
        ["A-1", "x", "1", "", ""],
        ["A-2", "y", "1", "", ""],
        ["A-3", "z", "abc", "", ""],
        ["A-3", "w", "2", "", ""],
    ]
    catalogue = Catalogue()
    result = run_import(
        FIELDS, table_of(HEADERS, rows), MAPPING, catalogue.apply, False, True, rows_check=known_codes
    )
    assert batches == [[2, 3, 5]], "one call with every row whose cells parsed"
    assert result.report_lines() == [
        "Line 3: Code: No product has the code A-2.",
        "Line 4: Price: “abc” is not a number.",
    ]
    assert [row.line for row in catalogue.written] == [2, 5]
    assert (result.total, result.good, result.bad, result.written) == (4, 2, 2, 2)
