"""Reading one sheet of an XLSX file as rows of text, as a person sees them in Excel.

openpyxl's ExcelReader reads the workbook's parts (sheets, shared strings, date styles); the sheet's XML
is then read here with ElementTree, a few times faster than openpyxl's read-only cells and without its
extra pass over every sheet that lacks a size. This leans on openpyxl 3.1 internals (ExcelReader's
steps, `Workbook._date_formats`): the XLSX tests in tests/domain/test_tabular.py fail if an upgrade
moves them.

Cells become text: whole numbers without ".0", other numbers with at most 15 significant digits (as
Excel shows them, so 0.1 stays "0.1") and a decimal point, dates as yyyy-mm-dd (with the time when it
is not midnight), booleans as TRUE/FALSE, errors as Excel writes them (#N/A), formulas as their last
computed value.
"""

from __future__ import annotations

import io
import logging
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation, localcontext
from typing import IO, Any
from xml.etree.ElementTree import Element, ParseError, iterparse

from bodesk.domain.common.tabular import FileProblem
from bodesk.i18n import _

log = logging.getLogger(__name__)

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _VALUE, _INLINE, _TEXT, _PHONETIC = (
    _MAIN + name for name in ("row", "c", "v", "is", "t", "rPh")
)


def read_xlsx_rows(data: bytes, sheet: str | None) -> tuple[str, list[tuple[int, list[str]]]]:
    """(sheet title, numbered rows of text) from XLSX bytes: the named sheet, else the first visible one."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet

    try:
        reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        sheets = [
            (found.name, found.state, relation.target)
            for found, relation in reader.parser.find_sheets()
            if relation.target in reader.valid_files and "chartsheet" not in relation.Type
        ]
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        log.info("unreadable XLSX: %r", exc)
        raise FileProblem(
            _("The XLSX file is damaged and cannot be read."), code="file.damaged_xlsx"
        ) from exc
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
            with reader.archive.open(target) as source:
                return title, _sheet_rows(source, reader.shared_strings, styles)
        except (
            ParseError,
            ValueError,
            IndexError,
            OverflowError,
            OSError,
            EOFError,
            zipfile.BadZipFile,
            zlib.error,
        ) as exc:
            # a damaged sheet is only found out while its rows are read
            log.info("unreadable XLSX sheet: %r", exc)
            raise FileProblem(
                _("The XLSX file is damaged and cannot be read."), code="file.damaged_xlsx"
            ) from exc
    finally:
        reader.archive.close()


@dataclass(frozen=True)
class _CellStyles:
    dates: set[int]
    durations: set[int]
    epoch: datetime


def _column_number(reference: str) -> int:
    """'C7' -> 3."""
    number = 0
    for char in reference:
        if char <= "9":
            break
        number = number * 26 + ord(char) - 64
    return number


def _sheet_rows(source: IO[bytes], shared: list[str], styles: _CellStyles) -> list[tuple[int, list[str]]]:
    """Every row with a cell in it, as (row number, texts); empty cells never stretch a row."""
    rows: list[tuple[int, list[str]]] = []
    line = 0
    for _event, element in iterparse(source, events=("end",)):
        if element.tag != _ROW:
            continue
        line = int(element.get("r") or line + 1)
        cells: list[str] = []
        column = 0
        for cell in element:
            if cell.tag != _CELL:
                continue
            reference = cell.get("r")
            column = _column_number(reference) if reference else column + 1
            text = _cell_xml_text(cell, shared, styles)
            if text:
                if column > len(cells):
                    cells.extend([""] * (column - 1 - len(cells)))
                    cells.append(text)
                else:
                    cells[column - 1] = text
        rows.append((line, cells))
        element.clear()
    return rows


def _cell_xml_text(cell: Element, shared: list[str], styles: _CellStyles) -> str:
    kind = cell.get("t", "n")
    raw = ""
    for child in cell:
        if child.tag == _VALUE:
            raw = child.text or ""
            break
    if kind == "s" and raw:
        return str(shared[int(raw)])
    if kind == "n" and raw:
        style = cell.get("s")
        if style is None or int(style) not in styles.dates:
            return number_text(raw)
        from openpyxl.utils.datetime import from_excel

        return cell_text(from_excel(float(raw), styles.epoch, timedelta=int(style) in styles.durations))
    if kind == "inlineStr":
        inline = cell.find(_INLINE)
        if inline is None:
            return ""
        phonetic = {part for guide in inline.iter(_PHONETIC) for part in guide.iter(_TEXT)}  # ruby text
        return "".join(part.text or "" for part in inline.iter(_TEXT) if part not in phonetic)
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
    "0.3", "3.0" -> "3", "1E-7" -> "0.0000001"."""
    if len(raw) <= 15 and raw.isdigit():
        return raw.lstrip("0") or "0"
    try:
        number = Decimal(raw)
    except InvalidOperation:
        return raw
    if not number.is_finite():
        return raw
    with localcontext() as context:
        context.prec = 15
        number = (+number).normalize()
    if number == 0:
        return "0"
    if number == number.to_integral_value():
        return str(int(number))
    return format(number, "f")
