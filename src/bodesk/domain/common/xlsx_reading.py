"""Reading one sheet of an XLSX file as rows of text, as a person sees them in Excel.

openpyxl's ExcelReader reads the workbook's small parts (the manifest, the list of sheets, the date
styles); the parts that grow with the data — the sheet and its shared strings — are streamed here
through expat a block at a time, keeping only the rows' texts. This leans on openpyxl 3.1 internals
(ExcelReader's steps, `Workbook._date_formats`): the XLSX tests in tests/domain/common/test_tabular.py
fail if an upgrade moves them.

Cells become text: whole numbers without ".0", other numbers with at most 15 significant digits (as
Excel shows them, so 0.1 stays "0.1") and a decimal point, dates as yyyy-mm-dd (with the time when it
is not midnight), booleans as TRUE/FALSE, errors as Excel writes them (#N/A), formulas as their last
computed value.

A workbook is a ZIP whose parts may claim any size: each part is refused before it is opened when it
would unpack to more than its limit (zipfile never unpacks more than a part declares), a cell's text is
counted as it arrives, and the table's limits (tabular.TableLimits) are checked row by row, so a small
file claiming a cell in column AAAAAAA or gigabytes of spaces is refused at once.
"""

from __future__ import annotations

import logging
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation, localcontext
from pathlib import Path
from typing import IO, Any
from xml.parsers import expat

from bodesk.domain.common.progress import report
from bodesk.domain.common.tabular import (
    MAX_CELL_CHARS,
    FileProblem,
    TableLimits,
    column_name,
)
from bodesk.i18n import _, format_decimal

log = logging.getLogger(__name__)

MAX_PART_BYTES = 32 * 1024 * 1024  # the workbook's own XML parts: its sheets' list, styles, relations
MAX_DATA_BYTES = 256 * 1024 * 1024  # a sheet, the shared strings
MAX_SHARED_STRINGS = 1_000_000
_DAMAGED = (
    expat.ExpatError,
    ValueError,
    IndexError,
    OverflowError,
    OSError,
    EOFError,
    zipfile.BadZipFile,
    zlib.error,
)


def damaged() -> FileProblem:
    return FileProblem(_("The XLSX file is damaged and cannot be read."), code="file.damaged_xlsx")


def _too_large(part: str, limit: int) -> FileProblem:
    return FileProblem(
        _(
            "The workbook's part {part} would unpack to more than {limit} MB, more than bodesk reads. "
            "Save the sheet again from Excel as XLSX or CSV, or split it into smaller files."
        ).format(part=part, limit=format_decimal(limit // (1024 * 1024))),
        code="file.xlsx_too_large",
    )


def _check_sizes(archive: zipfile.ZipFile) -> None:
    for info in archive.infolist():
        if not info.filename.endswith((".xml", ".rels")):
            continue  # pictures and other parts are never opened
        data = info.filename.startswith("xl/worksheets/") or info.filename.endswith("sharedStrings.xml")
        limit = MAX_DATA_BYTES if data else MAX_PART_BYTES
        if info.file_size > limit:
            raise _too_large(info.filename, limit)


def read_xlsx_rows(
    path: Path, sheet: str | None, limits: TableLimits
) -> tuple[str, list[tuple[int, list[str]]]]:
    """(sheet title, numbered rows with something in them) of the named sheet, else the first visible."""
    with path.open("rb") as handle:
        return _read(handle, sheet, limits)


def _read(
    handle: IO[bytes], sheet: str | None, limits: TableLimits
) -> tuple[str, list[tuple[int, list[str]]]]:
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet

    try:
        with zipfile.ZipFile(handle) as archive:
            _check_sizes(archive)
        handle.seek(0)
        reader = ExcelReader(handle, read_only=True, data_only=True, keep_links=False)
        reader.read_manifest()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        sheets = [
            (found.name, found.state, relation.target)
            for found, relation in reader.parser.find_sheets()
            if relation.target in reader.valid_files and "chartsheet" not in relation.Type
        ]
    except FileProblem:
        raise
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        log.info("unreadable XLSX: %r", exc)
        raise damaged() from exc
    try:
        names = [name for name, _state, _target in sheets]
        if sheet is not None and sheet not in names:
            raise FileProblem(
                _("The workbook has no sheet “{sheet}”. Its sheets: {names}.").format(
                    sheet=sheet, names=", ".join(names)
                ),
                code="file.no_such_sheet",
            )
        visible = [entry for entry in sheets if entry[1] == "visible"] or sheets
        if not visible:
            raise FileProblem(_("The workbook has no sheet with cells."), code="file.empty_workbook")
        title, _state, target = next(entry for entry in sheets if entry[0] == sheet) if sheet else visible[0]
        workbook = reader.wb
        styles = _CellStyles(workbook._date_formats, workbook._timedelta_formats, workbook.epoch)
        try:
            shared = _shared_strings(reader)
            with reader.archive.open(target) as source:
                size = reader.archive.getinfo(target).file_size
                rows = _SheetReader(shared, styles, limits).read(_Counted(source, size, 0.2, 1.0))
            return title, rows
        except _DAMAGED as exc:  # a damaged sheet is only found out while its rows are read
            log.info("unreadable XLSX sheet: %r", exc)
            raise damaged() from exc
    finally:
        reader.archive.close()


@dataclass(frozen=True)
class _CellStyles:
    dates: set[int]
    durations: set[int]
    epoch: datetime


class _Counted:
    """A part being read, reporting the share read as progress between `start` and `end`."""

    def __init__(self, source: IO[bytes], size: int, start: float, end: float) -> None:
        self.source, self.size, self.start, self.end, self.done = source, max(size, 1), start, end, 0

    def read(self, size: int = -1) -> bytes:
        block = self.source.read(size)
        self.done += len(block)
        report(_("Reading the file…"), self.start + (self.end - self.start) * min(self.done / self.size, 1.0))
        return block


def _parser(start: Callable[..., None], end: Callable[[str], None], text: Callable[[str], None]) -> Any:
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text
    parser.StartDoctypeDeclHandler = _no_doctype  # a workbook never declares one: no entities either
    return parser


def _no_doctype(*_args: object) -> None:
    raise damaged()


def _local(name: str) -> str:
    return name.rpartition(":")[2]


class _Text:
    """The text of one cell as it arrives, refused past MAX_CELL_CHARS characters."""

    def __init__(self, where: Callable[[], str]) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.where = where

    def add(self, data: str) -> None:
        self.length += len(data)
        if self.length > MAX_CELL_CHARS:
            raise FileProblem(
                _(
                    "{where}: a cell holds at most {limit} characters, as in Excel. Shorten it and try again."
                ).format(where=self.where(), limit=format_decimal(MAX_CELL_CHARS)),
                code="file.cell_too_long",
            )
        self.parts.append(data)

    def value(self) -> str:
        return "".join(self.parts)


def _shared_strings(reader: Any) -> list[str]:
    """The workbook's shared strings (phonetic guides left out), streamed."""
    from openpyxl.xml.constants import SHARED_STRINGS

    found = reader.package.find(SHARED_STRINGS)
    if found is None:
        return []
    strings: list[str] = []
    state: dict[str, Any] = {"text": None, "collect": False, "phonetic": 0}

    def where() -> str:
        return _("Shared text {number}").format(number=len(strings) + 1)

    def start(name: str, _attrs: dict[str, str]) -> None:
        local = _local(name)
        if local == "si":
            state["text"] = _Text(where)
        elif local == "rPh":
            state["phonetic"] += 1
        elif local == "t" and state["text"] is not None and not state["phonetic"]:
            state["collect"] = True

    def end(name: str) -> None:
        local = _local(name)
        if local == "t":
            state["collect"] = False
        elif local == "rPh":
            state["phonetic"] -= 1
        elif local == "si":
            strings.append(state["text"].value().replace("x005F_", ""))
            state["text"] = None
            if len(strings) > MAX_SHARED_STRINGS:
                raise FileProblem(
                    _(
                        "The workbook holds more than {limit} different texts: bodesk reads at most "
                        "{limit}. Split it into smaller files."
                    ).format(limit=format_decimal(MAX_SHARED_STRINGS)),
                    code="file.xlsx_too_large",
                )

    def text(data: str) -> None:
        if state["collect"]:
            state["text"].add(data)

    path = found.PartName[1:]
    with reader.archive.open(path) as source:
        size = reader.archive.getinfo(path).file_size
        _parser(start, end, text).ParseFile(_Counted(source, size, 0.0, 0.2))
    return strings


def _column_number(reference: str) -> int:
    """'C7' -> 3."""
    number = 0
    for char in reference:
        if char <= "9":
            break
        number = number * 26 + ord(char) - 64
    return number


class _SheetReader:
    """The rows of one sheet, streamed: each cell's text as it is shown, each row checked against the
    table's limits as it ends, and only rows with something in them kept."""

    def __init__(self, shared: list[str], styles: _CellStyles, limits: TableLimits) -> None:
        self.shared, self.styles, self.limits = shared, styles, limits
        self.rows: list[tuple[int, list[str]]] = []
        self.line = self.column = self.phonetic = 0
        self.cells: list[str] = []
        self.kind, self.style = "n", ""
        self.value: _Text | None = None
        self.inline: _Text | None = None
        self.target: _Text | None = None

    def where(self) -> str:
        return _("Line {line}, column {column}").format(line=self.line, column=column_name(self.column - 1))

    def read(self, source: _Counted) -> list[tuple[int, list[str]]]:
        _parser(self.start, self.end, self.text).ParseFile(source)
        return self.rows

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = _local(name)
        if local == "row":
            self.line = int(attrs["r"]) if "r" in attrs else self.line + 1
            self.cells, self.column = [], 0
        elif local == "c":
            reference = attrs.get("r")
            self.column = _column_number(reference) if reference else self.column + 1
            self.kind, self.style = attrs.get("t", "n"), attrs.get("s", "")
            self.value = self.inline = None
        elif local == "v" and self.value is None:
            self.value = self.target = _Text(self.where)
        elif local == "is":
            self.inline = _Text(self.where)
        elif local == "rPh":
            self.phonetic += 1
        elif local == "t" and self.inline is not None and not self.phonetic:
            self.target = self.inline

    def end(self, name: str) -> None:
        local = _local(name)
        if local in ("v", "t"):
            self.target = None
        elif local == "rPh":
            self.phonetic -= 1
        elif local == "c":
            text = self._cell()
            if text:
                self.limits.column(self.line, self.column - 1)
                if self.column > len(self.cells):
                    self.cells.extend([""] * (self.column - 1 - len(self.cells)))
                    self.cells.append(text)
                else:
                    self.cells[self.column - 1] = text
        elif local == "row":
            self.limits.admit(self.line, self.cells)
            if self.cells:
                self.rows.append((self.line, self.cells))

    def text(self, data: str) -> None:
        if self.target is not None:
            self.target.add(data)

    def _cell(self) -> str:
        raw = self.value.value() if self.value is not None else ""
        kind = self.kind
        if kind == "s" and raw:
            return str(self.shared[int(raw)])
        if kind == "n" and raw:
            if not self.style or int(self.style) not in self.styles.dates:
                return number_text(raw)
            from openpyxl.utils.datetime import from_excel

            duration = int(self.style) in self.styles.durations
            return cell_text(from_excel(float(raw), self.styles.epoch, timedelta=duration))
        if kind == "inlineStr":
            return self.inline.value() if self.inline is not None else ""
        if kind == "b" and raw:
            return "TRUE" if raw == "1" else "FALSE"
        if kind == "d" and raw:
            from openpyxl.utils.datetime import from_ISO8601

            return cell_text(from_ISO8601(raw))
        return raw  # "str" (a formula's text), "e" (an error such as #N/A), or nothing


def cell_text(value: Any) -> str:
    """A cell value as the text a person sees (see the module notes)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.time() == time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def number_text(raw: str) -> str:
    """A stored number with at most 15 significant digits, as Excel shows it: "0.30000000000000004" ->
    "0.3", "3.0" -> "3", "1E-7" -> "0.0000001". A number beyond what a cell can hold (above 1E+308, or
    written with an absurd exponent) is left as written, for the importer to refuse."""
    if len(raw) <= 15 and raw.isdigit():
        return raw.lstrip("0") or "0"
    try:
        number = Decimal(raw)
    except InvalidOperation:
        return raw
    if not number.is_finite() or not -330 < number.adjusted() <= 308:
        return raw
    with localcontext() as context:
        context.prec = 15
        number = (+number).normalize()
    if number == 0:
        return "0"
    if number == number.to_integral_value():
        return str(int(number))
    return format(number, "f")
