"""Writing a list to CSV or XLSX, as shown: the same columns, the same order.

A cell that begins with = + - @ (or a tab or carriage return) is prefixed with an apostrophe, so a
spreadsheet never runs it as a formula (CSV injection).
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

from bodesk.domain.common.errors import UserError
from bodesk.i18n import _, current_locale

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


def decimal_symbol() -> str:
    return str(current_locale().number_symbols.get("latn", {}).get("decimal", "."))


def safe_text(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone().replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, bool | int | Decimal | date):
        return value
    return safe_text(str(value))


def _csv_cell(value: Any) -> str:
    """Text as a spreadsheet of the current language reads it: 1234,56 in Portuguese."""
    cell = _cell(value)
    if isinstance(cell, bool):
        return _("yes") if cell else _("no")
    if isinstance(cell, Decimal):
        text = format(cell, "f")
        return text.replace(".", decimal_symbol()) if decimal_symbol() != "." else text
    if isinstance(cell, datetime):
        return cell.isoformat(sep=" ", timespec="seconds")
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell)


def export_rows(path: Path, fmt: ExportFormat, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Write `rows` under `headers` to `path` (via a temporary file); returns the number of rows."""
    temporary = path.with_name(f".{path.name}.partial")
    count = 0
    try:
        if fmt is ExportFormat.CSV:
            # UTF-8 with a byte order mark and ";" so that Excel in Brazil opens it as columns.
            with temporary.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle, delimiter=";")
                writer.writerow([safe_text(header) for header in headers])
                for row in rows:
                    writer.writerow([_csv_cell(value) for value in row])
                    count += 1
        else:
            from openpyxl import Workbook

            workbook = Workbook(write_only=True)
            sheet = workbook.create_sheet()
            sheet.append([safe_text(header) for header in headers])
            for row in rows:
                sheet.append([_cell(value) for value in row])
                count += 1
            workbook.save(temporary)
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise UserError(
            _("Could not write {path}: {reason}").format(path=path, reason=exc.strerror or exc),
            code="export.write_failed",
        ) from exc
    return count
