"""Importing rows of a table (tabular.read_table) into the business, with a column mapping, a dry run
and a report of every bad row.

A specific importer declares its `ImportField`s and an `apply(rows) -> int` function that writes all
the good rows in ONE unit of work (this framework never touches the database). Then:

1. `suggest_mapping(fields, table.headers)` proposes a column for each field from its label, key and
   synonyms (Portuguese and English; accents, case and punctuation ignored); the person adjusts it;
   `validate_mapping` refuses a mapping that leaves a required field without a column or uses a column
   twice.
2. `parse_rows` reads every row: blank cells of a required field, values the field's parser refuses
   (ValueError or UserError), the caller's `row_check` (one row) and `rows_check` (all good rows at once,
   e.g. codes looked up in one database read) become `RowError`s — all of them, never stopping at the
   first — together with the table's own row problems (too many cells, bad quotes).
   Number fields (`parse=NumberParser(...)`) read the whole file with one decimal convention: the
   caller's choice, else the table's (False for XLSX), else the one the field's numbers show, else the
   one the file's other numbers show; when none shows one, a value that reads two ways ("1.234") is
   refused on its line rather than guessed.
3. `run_import` writes nothing on a dry run, nothing when a row is bad unless the person chose to import
   the good rows, and otherwise calls `apply` once with the good rows.

Every step reports its progress (domain.common.progress) and stops there when the person cancels. An
importer prepares its rows outside any write (its `rows_check` reads the database in a few queries)
and its `apply` writes them in ONE short unit of work — checked again inside it, then written with
bulk statements — so that the import is all or nothing, a cancel writes nothing, and other desks wait
for the write lock a moment rather than for the whole import.

A field that is not mapped is absent from `ParsedRow.values` (an update leaves it alone); a blank cell
of a mapped optional field gives the field's `default`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.access.permissions import DATA_IMPORT, Action
from bodesk.domain.common.errors import FieldError, UserError, ValidationError
from bodesk.domain.common.export import FORMULA_STARTS, ExportFormat, export_rows
from bodesk.domain.common.parsing import NumberParser, clean_text, detect_decimal_comma, shown
from bodesk.domain.common.progress import Steps, report
from bodesk.domain.common.tabular import Table
from bodesk.domain.common.text import fold
from bodesk.i18n import _, format_decimal, ngettext
from bodesk.store.engine import Database

ColumnMapping = dict[str, int | None]
READ_SHARE = 0.4  # of the progress bar: reading the rows, then checking them, then writing
CHECK_SHARE = 0.7
RowCheck = Callable[[dict[str, Any]], list[str]]
RowsCheck = Callable[[list["ParsedRow"]], list["RowError"]]


@dataclass(frozen=True)
class ImportField:
    """One value an importer reads: `label` is marked with N_ and translated where shown."""

    key: str
    label: str
    required: bool = False
    parse: Callable[[str], Any] = clean_text
    synonyms: tuple[str, ...] = ()
    default: Any = None


@dataclass(frozen=True, slots=True)
class ParsedRow:
    line: int
    values: dict[str, Any]


@dataclass(frozen=True, slots=True)
class RowError:
    """`field` is the field's label (N_ source, "" for the whole row); `message` is translated."""

    line: int
    field: str
    value: str
    message: str


@dataclass
class ParsedRows:
    good: list[ParsedRow]
    errors: list[RowError]
    total: int
    decimal_comma: bool | None  # None: the file's numbers show no convention

    @property
    def bad(self) -> int:
        return len({error.line for error in self.errors})


@dataclass
class ImportResult:
    total: int
    good: int
    errors: list[RowError]
    written: int
    dry_run: bool
    source: str = ""
    decimal_comma: bool | None = True

    @property
    def bad(self) -> int:
        """How many rows have at least one error."""
        return len({error.line for error in self.errors})

    def summary(self) -> str:
        if self.total == 0 and not self.errors:
            return _("The file has column names but no rows below them: nothing to import.")
        counts = ngettext("{total} row read", "{total} rows read", self.total).format(
            total=format_decimal(self.total)
        )
        counts += ": " + _("{good} good, {bad} with errors.").format(
            good=format_decimal(self.good), bad=format_decimal(self.bad)
        )
        if self.dry_run:
            outcome = _("Dry run: nothing was written.")
        elif self.written == 0 and self.errors:
            outcome = _("Nothing was written: fix the rows with errors, or choose to import the good rows.")
        else:
            outcome = ngettext("{written} row written.", "{written} rows written.", self.written).format(
                written=format_decimal(self.written)
            )
        return f"{counts} {outcome}"

    def report_lines(self) -> list[str]:
        """One line per error, in the current language: "Line 12: Price: “abc” is not a number."."""
        lines = []
        for error in self.errors:
            where = _("Line {line}").format(line=error.line)
            if error.field:
                where = f"{where}: {_(error.field)}"
            lines.append(f"{where}: {error.message}")
        return lines


def as_written(cell: str) -> str:
    """A cell as the person wrote it: an export writes "'=..." so that no spreadsheet runs the text as
    a formula (export.safe_text), and the import takes that apostrophe off again."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


def _words(text: str) -> str:
    return " ".join("".join(char if char.isalnum() else " " for char in fold(clean_text(text))).split())


def suggest_mapping(fields: Sequence[ImportField], headers: Sequence[str]) -> ColumnMapping:
    """field key -> column index (or None): exact name matches first, then headers that contain a name
    as whole words (the longest name wins); each column is proposed for one field at most."""
    names = {
        item.key: {_words(name) for name in (item.key, item.label, _(item.label), *item.synonyms)}
        for item in fields
    }
    columns = [_words(header) for header in headers]
    candidates: list[tuple[int, int, int, str]] = []
    for order, item in enumerate(fields):
        for index, column in enumerate(columns):
            padded = f" {column} "
            scores = [
                len(name) + (1000 if name == column else 0)
                for name in names[item.key]
                if name and f" {name} " in padded
            ]
            if scores:
                candidates.append((-max(scores), order, index, item.key))
    mapping: ColumnMapping = {item.key: None for item in fields}
    used: set[int] = set()
    for _score, _order, index, key in sorted(candidates):
        if mapping[key] is None and index not in used:
            mapping[key] = index
            used.add(index)
    return mapping


def validate_mapping(
    fields: Sequence[ImportField], mapping: Mapping[str, int | None], headers: Sequence[str]
) -> None:
    """Raise ValidationError (one FieldError per field key) unless every required field has a column,
    every column exists and no column is used twice."""
    errors: list[FieldError] = []
    labels = {item.key: _(item.label) for item in fields}
    for key in mapping:
        if key not in labels:
            errors.append(FieldError(key, _("“{key}” is not a field of this import.").format(key=key)))
    owner: dict[int, str] = {}
    for item in fields:
        index = mapping.get(item.key)
        if index is None:
            if item.required:
                errors.append(
                    FieldError(item.key, _("Choose the column for “{field}”.").format(field=labels[item.key]))
                )
        elif not 0 <= index < len(headers):
            errors.append(
                FieldError(item.key, _("The file has no column {number}.").format(number=index + 1))
            )
        elif index in owner:
            errors.append(
                FieldError(
                    item.key,
                    _("The column “{column}” is already used for “{other}”.").format(
                        column=headers[index], other=labels[owner[index]]
                    ),
                )
            )
        else:
            owner[index] = item.key
    if errors:
        raise ValidationError(errors)


def _decide_decimal_comma(
    fields: Sequence[ImportField], table: Table, mapping: Mapping[str, int | None], decimal_comma: bool | None
) -> bool | None:
    if decimal_comma is not None:
        return decimal_comma
    if table.decimal_comma is not None:
        return table.decimal_comma
    numbers = {
        index
        for item in fields
        if isinstance(item.parse, NumberParser) and (index := mapping.get(item.key)) is not None
    }
    found = detect_decimal_comma(row.cells[index] for index in numbers for row in table.rows)
    if found is None:  # "17.000" alone tells nothing; the file's other numbers ("8.2525") may
        others = [index for index in range(len(table.headers)) if index not in numbers]
        found = detect_decimal_comma(row.cells[index] for index in others for row in table.rows)
    return found


def _parsers(fields: Sequence[ImportField], decimal_comma: bool | None) -> dict[str, Callable[[str], Any]]:
    return {
        item.key: item.parse.with_decimal_comma(decimal_comma)
        if isinstance(item.parse, NumberParser) and item.parse.decimal_comma is None
        else item.parse
        for item in fields
    }


def parse_rows(
    fields: Sequence[ImportField],
    table: Table,
    mapping: Mapping[str, int | None],
    row_check: RowCheck | None = None,
    decimal_comma: bool | None = None,
    rows_check: RowsCheck | None = None,
) -> ParsedRows:
    """Every row parsed; every error of every row collected (see the module notes).

    `row_check(values)` runs on each row whose cells all parsed and returns that row's own problems
    (e.g. a code repeated in the file). `rows_check(rows)` then sees all the rows still good at once
    (e.g. to look their codes up in ONE read of the database) and returns errors; the rows it names
    move from good to bad."""
    validate_mapping(fields, mapping, table.headers)
    convention = _decide_decimal_comma(fields, table, mapping, decimal_comma)
    parsers = _parsers(fields, convention)
    mapped = [(item, mapping[item.key]) for item in fields if mapping.get(item.key) is not None]
    good: list[ParsedRow] = []
    errors = [RowError(problem.line, "", "", problem.message) for problem in table.problems]
    steps = Steps(_("Reading the rows…"), len(table.rows), 0.0, READ_SHARE)
    for row in table.rows:
        steps.step()
        values: dict[str, Any] = {}
        row_errors: list[RowError] = []
        for item, index in mapped:
            text = as_written(row.cells[index]) if index is not None else ""
            if not text.strip():
                if item.required:
                    row_errors.append(RowError(row.line, item.label, "", _("A value is required.")))
                else:
                    values[item.key] = item.default
                continue
            try:
                values[item.key] = parsers[item.key](text)
            except ValueError as exc:
                row_errors.append(RowError(row.line, item.label, shown(text), str(exc)))
            except UserError as exc:
                row_errors.append(RowError(row.line, item.label, shown(text), exc.message))
        if not row_errors and row_check is not None:
            row_errors = [RowError(row.line, "", "", message) for message in row_check(values)]
        if row_errors:
            errors.extend(row_errors)
        else:
            good.append(ParsedRow(row.line, values))
    if rows_check is not None and good:
        report(_("Checking the rows…"), READ_SHARE)
        refused = rows_check(good)
        refused_lines = {error.line for error in refused}
        good = [row for row in good if row.line not in refused_lines]
        errors.extend(refused)
    errors.sort(key=lambda error: error.line)
    return ParsedRows(
        good, errors, len(table.rows) + len({problem.line for problem in table.problems}), convention
    )


def row_errors(fields: Sequence[ImportField], row: ParsedRow, error: ValidationError) -> list[RowError]:
    """A domain rule's refusal of one row as that row's errors: each under its field's label when the
    field is one of the row's values, else under the whole row."""
    labels = {field.key: field.label for field in fields}
    found = []
    for problem in error.errors:
        key = problem.field if problem.field in row.values else ""
        found.append(
            RowError(
                row.line, labels.get(key, ""), str(row.values.get(key) or "") if key else "", problem.message
            )
        )
    return found


def run_import(
    fields: Sequence[ImportField],
    table: Table,
    mapping: Mapping[str, int | None],
    apply: Callable[[list[ParsedRow]], int],
    dry_run: bool,
    import_good_rows: bool,
    row_check: RowCheck | None = None,
    decimal_comma: bool | None = None,
    rows_check: RowsCheck | None = None,
) -> ImportResult:
    """Parse, then call `apply` once with the good rows unless this is a dry run, or a row is bad and
    the person did not choose to import the good rows. An error raised by `apply` propagates: its unit of
    work wrote nothing."""
    parsed = parse_rows(fields, table, mapping, row_check, decimal_comma, rows_check)
    blocked = dry_run or not parsed.good or (bool(parsed.errors) and not import_good_rows)
    if blocked:
        report(_("Done."), 1.0)
    else:  # nothing reports once `apply` returns: its unit of work has committed, and a cancel is too late
        report(_("Writing…"), CHECK_SHARE)
    written = 0 if blocked else apply(parsed.good)
    return ImportResult(
        total=parsed.total,
        good=len(parsed.good),
        errors=parsed.errors,
        written=written,
        dry_run=dry_run,
        source=table.source,
        decimal_comma=parsed.decimal_comma,
    )


def write_error_report(path: Path, result: ImportResult) -> int:
    """The errors as CSV (line;field;value;problem) so the person can fix their file; returns the count."""
    headers = [_("Line"), _("Field"), _("Value"), _("Problem")]
    rows: Iterable[list[Any]] = (
        [error.line, _(error.field) if error.field else "", error.value, error.message]
        for error in result.errors
    )
    return export_rows(path, ExportFormat.CSV, headers, rows)


def authorize_import(db: Database, actor: Actor, action: Action) -> None:
    """Refused, before any file is read, unless `actor` may import data and do `action` (add suppliers,
    customers...)."""
    with db.read() as session:
        require(session, actor, DATA_IMPORT)
        require(session, actor, action)
