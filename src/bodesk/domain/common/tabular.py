"""Reading a CSV or XLSX file into rows of text, as a person sees them in their spreadsheet.

`read_table(path)` returns a `Table`: the column names (the first row that is not blank), the rows
below it as text cells, each with the line number the spreadsheet shows (the header is line 1 when it
is the first row), and a description of what was read ("CSV, Windows-1252, separator ;").

- The kind is told by the content, not the name: a ZIP holding `xl/workbook.xml` is XLSX; anything
  else that decodes as text is CSV. PDFs, images, old XLS, HTML or XML "spreadsheets", other ZIPs and
  binary content are refused with a message saying what the file is and what to do.
- CSV text is UTF-8 (with or without a byte order mark) when it decodes strictly as UTF-8; else each
  line is UTF-8, else Windows-1252, else Latin-1 (so a file pasted together from two encodings reads
  right); UTF-16 with a byte order mark (Excel's "Unicode text") is read too.
  The separator is the most frequent of ; TAB , | in the header (outside quotes; ; wins a tie), unless
  Excel's "sep=X" first line names it.
- XLSX: the named sheet, else the first visible one, its cells as the text Excel shows (whole numbers
  without ".0", 0.1 as "0.1", dates as yyyy-mm-dd: see xlsx_reading). Its numbers are written with a
  decimal point, so `Table.decimal_comma` is False (CSV: None, the importer decides).
- Blank rows are skipped (their line numbers still count). Rows shorter than the header are padded;
  a row with more filled cells than the header, or with badly placed quotes, becomes a `RowProblem`
  of its line so that the importer reports it with the other bad rows. A quote that is never closed
  (a cut file) refuses the whole file, since everything after it was swallowed.
- Blank (between named columns) or repeated column names refuse the file, naming the columns.

Every refusal is a `FileProblem` with a translated message.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from bodesk.domain.common.errors import UserError
from bodesk.domain.common.parsing import clean_text
from bodesk.domain.common.text import fold
from bodesk.i18n import _

SEPARATORS = (";", "\t", ",", "|")
SNIFF_CHARS = 65_536
MAX_CONTROL_SHARE = 0.01
CONTROLS_ALWAYS_ALLOWED = 8


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


def read_table(path: Path, sheet: str | None = None) -> Table:
    """Read a CSV or XLSX file (`sheet`: the XLSX sheet's name; the first visible one if None)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FileProblem(
            _("Could not read {path}: {reason}").format(path=path, reason=exc.strerror or exc),
            code="file.unreadable",
        ) from exc
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise FileProblem(_("The file {name} is empty.").format(name=path.name), code="file.empty")
    _refuse_known_non_tables(data)
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _read_xlsx(data, sheet)
    return read_csv_text(*_decode(data))


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


def _decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name) — never raises UnicodeDecodeError; refuses binary content."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _text_only(data.decode("utf-16")), "UTF-16"
        except UnicodeDecodeError:
            raise FileProblem(
                _("The file is damaged: it is not valid UTF-16 text."), code="file.bad_utf16"
            ) from None
    if b"\x00" in data:
        raise FileProblem(_not_a_table(), code="file.not_a_table")
    try:
        return _text_only(data.decode("utf-8-sig")), "UTF-8"
    except UnicodeDecodeError:
        pass
    # Line by line, so that a file pasted together from a UTF-8 part and a Windows-1252 part reads right.
    lines: list[str] = []
    used: list[str] = []
    for raw in data.removeprefix(b"\xef\xbb\xbf").split(b"\n"):
        for codec, name in (("utf-8", "UTF-8"), ("cp1252", "Windows-1252"), ("latin-1", "Latin-1")):
            try:
                lines.append(raw.decode(codec))
            except UnicodeDecodeError:
                continue
            if not raw.isascii() and name not in used:
                used.append(name)
            break
    return _text_only("\n".join(lines)), " + ".join(used)


def _not_a_table() -> str:
    return _("This file is not a spreadsheet nor a text (CSV) file. Save it as CSV or XLSX and try again.")


def _text_only(text: str) -> str:
    sample = text[:SNIFF_CHARS]
    controls = sum(1 for char in sample if (char < " " and char not in "\t\r\n\f") or char == "\x7f")
    if controls > max(CONTROLS_ALWAYS_ALLOWED, MAX_CONTROL_SHARE * len(sample)):
        raise FileProblem(_not_a_table(), code="file.not_a_table")
    return text


def sniff_separator(header_line: str) -> str:
    """The candidate found most often outside quotes in the header line (; when none or a tie)."""
    counts = dict.fromkeys(SEPARATORS, 0)
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    return max(SEPARATORS, key=lambda separator: counts[separator])


def _first_line(text: str) -> str:
    """The first record's text (a quoted cell may hold line breaks)."""
    quoted = False
    for index, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char in "\r\n" and not quoted:
            return text[:index]
    return text


def _header_text(text: str) -> str:
    """The first record with something in it (blank lines and lines of bare separators skipped)."""
    rest = text
    while rest:
        line = _first_line(rest)
        if line.strip(" \t;,|\"'"):
            return line
        rest = rest[len(line) :].removeprefix("\r").removeprefix("\n")
    return ""


def read_csv_text(text: str, encoding: str = "UTF-8") -> Table:
    """Split decoded CSV text into a Table (see the module notes)."""
    separator = None
    first = _first_line(text)
    if first.lower().startswith("sep=") and len(first) == 5:
        # Excel's hint line: Excel hides it, so the header still shows as line 1.
        separator, text = first[4], text[len(first) :].removeprefix("\r").removeprefix("\n")
    separator = separator or sniff_separator(_header_text(text))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    records: list[tuple[int, list[str]]] = []
    problems: list[RowProblem] = []
    record = 0
    while True:
        record += 1
        start = reader.line_num + 1
        try:
            records.append((record, next(reader)))
        except StopIteration:
            break
        except csv.Error as exc:
            message = str(exc)
            if "end of data" in message or "field larger" in message:
                raise FileProblem(_unclosed_quote(record, start), code="file.unclosed_quote") from None
            problems.append(RowProblem(record, _('A quote (") is misplaced in this row.')))
    description = _("CSV, {encoding}, separator {separator}").format(
        encoding=encoding, separator="TAB" if separator == "\t" else separator
    )
    return build_table(records, description, problems)


def _unclosed_quote(record: int, text_line: int) -> str:
    where = _("Line {line}").format(line=record)
    if text_line != record:
        where = _("Line {line} (text line {text_line})").format(line=record, text_line=text_line)
    return _(
        '{where}: a quoted cell is never closed. The file may be cut short, or a quote (") is missing.'
    ).format(where=where)


def _read_xlsx(data: bytes, sheet: str | None) -> Table:
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except zipfile.BadZipFile:
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

    title, rows = read_xlsx_rows(data, sheet)
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
