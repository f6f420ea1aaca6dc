"""Reading a CSV or XLSX file into rows of text, as a person sees them in their spreadsheet.

`read_table(path)` returns a `Table`: the column names (the first row that is not blank), the rows
below it as text cells, each with the line number the spreadsheet shows (the header is line 1 when it
is the first row), and a description of what was read ("CSV, Windows-1252, separator ;").

- The kind is told by the content, not the name: a ZIP holding `xl/workbook.xml` is XLSX; anything
  else that decodes as text is CSV (csv_reading). PDFs, images, old XLS, HTML or XML "spreadsheets",
  other ZIPs and binary content are refused with a message saying what the file is and what to do.
- XLSX: the named sheet, else the first visible one, its cells as the text Excel shows (whole numbers
  without ".0", 0.1 as "0.1", dates as yyyy-mm-dd: see xlsx_reading). Its numbers are written with a
  decimal point, so `Table.decimal_comma` is False (CSV: None, the importer decides).
- Blank rows are skipped (their line numbers still count). Rows shorter than the header are padded;
  a row with more filled cells than the header, or with badly placed quotes, becomes a `RowProblem`
  of its line so that the importer reports it with the other bad rows.
- Blank (between named columns) or repeated column names refuse the file, naming the columns.
- Limits (`TableLimits`): a file of at most 100 MB, 50,000 rows below the column names, 1,000
  columns and 32,767 characters a cell (Excel's own limit), and an XLSX whose parts unpack to a
  bounded size. Both readers stream the file and stop at the first limit broken, naming it, so a file
  of a million rows, or a 4 KB workbook claiming a cell in column AAAAAAA or 4 GB of spaces, is
  refused in moments instead of filling the memory; they report their progress as they read.

Every refusal is a `FileProblem` with a translated message.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from bodesk.domain.common.errors import UserError
from bodesk.domain.common.parsing import clean_text
from bodesk.domain.common.text import fold
from bodesk.i18n import _, format_decimal

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_ROWS = 50_000
MAX_COLUMNS = 1_000
MAX_CELL_CHARS = 32_767


class FileProblem(UserError):
    """The file cannot be read as a table; the message says why and, where it can, what to do; `code`
    says which problem it is ("file.unclosed_quote")."""

    code = "file.unreadable"


@dataclass(frozen=True, slots=True)
class SourceRow:
    line: int
    cells: list[str]


@dataclass(frozen=True, slots=True)
class RowProblem:
    line: int
    message: str


@dataclass
class Table:
    headers: list[str]
    rows: list[SourceRow]
    source: str
    problems: list[RowProblem] = field(default_factory=list)
    decimal_comma: bool | None = None
    header_line: int = 1


def column_name(index: int) -> str:
    """'3 (C)' for the third column: the number and the spreadsheet letter."""
    letters, number = "", index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{index + 1} ({letters})"


def _megabytes(size: int) -> str:
    return format_decimal(Decimal(size) / (1024 * 1024), 0 if size >= 10 * 1024 * 1024 else 1)


class TableLimits:
    """What a file may hold, checked row by row as it is read: at most MAX_ROWS rows with something in
    them below the column names (the header is the first such row), MAX_COLUMNS columns with a value,
    MAX_CELL_CHARS characters a cell."""

    def __init__(self) -> None:
        self.filled = 0

    def admit(self, line: int, cells: list[str]) -> None:
        """Refuse the file if the row on `line` breaks a limit; count it if it has something in it."""
        for index, cell in enumerate(cells):
            if len(cell) > MAX_CELL_CHARS:
                raise FileProblem(
                    _(
                        "Line {line}, column {column}: a cell holds at most {limit} characters, "
                        "as in Excel; this one has {length}. Shorten it and try again."
                    ).format(
                        line=line,
                        column=column_name(index),
                        limit=format_decimal(MAX_CELL_CHARS),
                        length=format_decimal(len(cell)),
                    ),
                    code="file.cell_too_long",
                )
        if any(cell.strip() for cell in cells):
            self.filled += 1
            if self.filled > MAX_ROWS + 1:
                raise FileProblem(
                    _(
                        "The file has more than {limit} rows below its column names: bodesk imports "
                        "at most {limit} rows at a time. Split it into smaller files."
                    ).format(limit=format_decimal(MAX_ROWS)),
                    code="file.too_many_rows",
                )
            last = max(index for index, cell in enumerate(cells) if cell.strip())
            self.column(line, last)

    def column(self, line: int, index: int) -> None:
        """Refuse the file if line `line` has a value in column `index` (0-based) beyond MAX_COLUMNS."""
        if index >= MAX_COLUMNS:
            raise FileProblem(
                _(
                    "Line {line} has a value in column {column}: bodesk reads at most {limit} columns. "
                    "Delete what is beyond column {last} and try again."
                ).format(
                    line=line,
                    column=column_name(index),
                    limit=format_decimal(MAX_COLUMNS),
                    last=column_name(MAX_COLUMNS - 1),
                ),
                code="file.too_many_columns",
            )


def read_table(path: Path, sheet: str | None = None) -> Table:
    """Read a CSV or XLSX file (`sheet`: the XLSX sheet's name; the first visible one if None)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as source:
            head = source.read(4096)
    except OSError as exc:
        raise FileProblem(
            _("Could not read {path}: {reason}").format(path=path, reason=exc.strerror or exc),
            code="file.unreadable",
        ) from exc
    if size > MAX_FILE_BYTES:
        raise FileProblem(
            _(
                "The file has {size} MB: bodesk imports files of at most {limit} MB. Split it into smaller files."
            ).format(size=_megabytes(size), limit=_megabytes(MAX_FILE_BYTES)),
            code="file.too_large",
        )
    if not head.strip(b" \t\r\n\xef\xbb\xbf") and size == len(head):
        raise FileProblem(_("The file {name} is empty.").format(name=path.name), code="file.empty")
    _refuse_known_non_tables(head)
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _read_xlsx(path, sheet)
    from bodesk.domain.common.csv_reading import read_csv

    return read_csv(path, size, TableLimits())


def _refuse_known_non_tables(data: bytes) -> None:
    head = data[:512].lstrip().lower()
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        code = "file.xls"
        reason = _(
            "This is an old Excel file (XLS) or a workbook with a password. "
            "Open it in Excel and save it as XLSX or CSV, without a password."
        )
    elif data.startswith(b"%PDF"):
        code = "file.pdf"
        reason = _("This is a PDF document, not a spreadsheet. Export the data as CSV or XLSX.")
    elif data.startswith((b"\x89PNG\r\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")):
        code = "file.image"
        reason = _("This is an image, not a spreadsheet.")
    elif head.startswith((b"<!doctype html", b"<html", b"<table")):
        code = "file.html"
        reason = _(
            "This is a web page (HTML), even if its name ends in .xls. "
            "Open it in Excel and save it as XLSX or CSV."
        )
    elif head.startswith(b"<?xml"):
        code = "file.xml"
        reason = _("This is an XML file. Open it in Excel and save it as XLSX or CSV.")
    else:
        return
    raise FileProblem(reason, code=code)


def _read_xlsx(path: Path, sheet: str | None) -> Table:
    try:
        names = zipfile.ZipFile(path).namelist()
    except (zipfile.BadZipFile, OSError):
        raise FileProblem(
            _("The file is damaged: it looks like an XLSX or ZIP file but is incomplete."),
            code="file.broken_zip",
        ) from None
    if "xl/workbook.xml" not in names:
        if "mimetype" in names or "content.xml" in names:
            raise FileProblem(
                _("OpenDocument spreadsheets (ODS) cannot be read. Save it as XLSX or CSV and try again."),
                code="file.ods",
            )
        raise FileProblem(
            _("This is a ZIP archive, not a spreadsheet. Extract the CSV or XLSX file inside it."),
            code="file.zip",
        )
    from bodesk.domain.common.xlsx_reading import read_xlsx_rows

    title, rows = read_xlsx_rows(path, sheet, TableLimits())
    table = build_table(rows, _("XLSX, sheet {sheet}").format(sheet=title), [])
    table.decimal_comma = False
    return table


def build_table(records: list[tuple[int, list[str]]], source: str, problems: list[RowProblem]) -> Table:
    """The header (first row that is not blank) and the rows below it, checked against it."""
    filled = [(line, cells) for line, cells in records if any(cell.strip() for cell in cells)]
    if not filled:
        raise FileProblem(_("The file has no rows, not even column names."), code="file.no_rows")
    header_line, header_cells = filled[0]
    headers = [clean_text(cell) for cell in header_cells]
    while headers and not headers[-1]:
        headers.pop()
    _check_headers(headers)
    width = len(headers)
    rows: list[SourceRow] = []
    for line, cells in filled[1:]:
        if len(cells) > width and any(cell.strip() for cell in cells[width:]):
            count = max(index for index, cell in enumerate(cells) if cell.strip()) + 1
            problems.append(
                RowProblem(
                    line,
                    _("This row has {count} cells but there are only {width} column names.").format(
                        count=count, width=width
                    ),
                )
            )
            continue
        rows.append(
            SourceRow(line, cells + [""] * (width - len(cells)) if len(cells) < width else cells[:width])
        )
    problems.sort(key=lambda problem: problem.line)
    return Table(headers, rows, source, problems, header_line=header_line)


def _check_headers(headers: list[str]) -> None:
    blank = [column_name(index) for index, name in enumerate(headers) if not name]
    messages = []
    if blank:
        messages.append(_("Columns without a name: {columns}.").format(columns=", ".join(blank)))
    seen: dict[str, list[int]] = {}
    for index, name in enumerate(headers):
        if name:
            seen.setdefault(fold(clean_text(name)), []).append(index)
    for indexes in seen.values():
        if len(indexes) > 1:
            messages.append(
                _("The column name “{name}” is repeated in columns {columns}.").format(
                    name=headers[indexes[0]], columns=", ".join(column_name(index) for index in indexes)
                )
            )
    if messages:
        raise FileProblem(
            _("The column names cannot be used:") + "\n" + "\n".join(messages), code="file.bad_headers"
        )
