"""Tables of figures the domain has already computed and rounded, laid out the one bodesk way.

`data_table` formats each value by its column's kind with bodesk.i18n (numbers right-aligned in the
locale's format, money in the company's currency), sizes the columns (`columns.column_widths`), fits
every text into its cell as a plain string of at most its column's lines (`fonts.fit_lines`: never a
paragraph, which costs a hundred times more to lay out), stripes the rows, sets group headings and a
bold totals row apart, and says "Nothing to show." when there are no rows; `rows.RowsTable` puts the
rows on pages, repeating the heading row on each. It never adds or rounds anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from bodesk.domain.common.money import DEFAULT_CURRENCY
from bodesk.i18n import _
from bodesk.reports.base import (
    BODY_WIDTH,
    GROUP_FILL,
    HEAD_FILL,
    INK,
    MUTED,
    RULE,
    ZEBRA_FILL,
    bounded,
    report_styles,
)
from bodesk.reports.columns import (
    PADDING,
    ColumnKind,
    Fonts,
    ReportColumn,
    column_widths,
    format_value,
    settled,
)
from bodesk.reports.fonts import fit_text, printable, report_fonts
from bodesk.reports.rows import Grid, Row, RowLook, RowsTable

__all__ = ["ColumnKind", "ReportColumn", "data_table", "format_value", "key_value_block", "signature_lines"]

HEAD_LINES = 3  # the most lines a column's title takes
VALUE_LINES = 4  # the most lines a value of a key_value_block takes
CELL_SIZE, CELL_LEADING = 8, 10
GROUP_SIZE, GROUP_LEADING = 8.5, 10.5
_KV_PADDING = 2 * mm


@dataclass(frozen=True)
class _GroupRow:
    title: str


class _Layout:
    """One table's columns, widths, fonts and shown values, shared by its chunks."""

    def __init__(
        self,
        columns: Sequence[ReportColumn],
        rows: Sequence[Sequence[Any]],
        groups: set[int],
        totals: Sequence[Any] | None,
        currency: str,
        width: float,
    ) -> None:
        fonts = report_fonts()
        self.fonts = Fonts(fonts.regular, fonts.bold, CELL_SIZE)
        self.columns = settled(columns, [row for index, row in enumerate(rows) if index not in groups])
        self.currency = currency
        self._texts: dict[tuple[int, type, Any], str] = {}
        self.width = width
        self.cells: list[list[Any] | _GroupRow] = []
        self.parity: list[int] = []  # the row's place under its group heading
        place = 0
        for index, row in enumerate(rows):
            if index in groups:
                self.cells.append(_GroupRow(str(row[0]) if row else ""))
                self.parity.append(0)
                place = 0
                continue
            if len(row) != len(columns):
                raise ValueError(f"row {index} has {len(row)} values for {len(columns)} columns")
            self.cells.append([self._shown(col, value) for col, value in zip(self.columns, row, strict=True)])
            self.parity.append(place)
            place += 1
        self.totals = None
        if totals is not None:
            self.totals = [self._shown(col, value) for col, value in zip(self.columns, totals, strict=True)]
        body = [cells for cells in self.cells if isinstance(cells, list)]
        self.widths, natural = column_widths(self.columns, body, self.totals, width, self.fonts)
        self.cut = [  # the columns some value of which may not fit: those are fitted cell by cell
            column.wraps or widest > room - 2 * PADDING
            for column, room, widest in zip(self.columns, self.widths, natural, strict=True)
        ]

    def _shown(self, column: ReportColumn, value: Any) -> Any:
        """The text of `value` in `column`, formatted once per table for each value (a date, a
        quantity or a unit repeats over thousands of rows)."""
        if isinstance(value, Flowable):
            return value
        key = (id(column), type(value), value)
        shown = self._texts.get(key)
        if shown is None:
            shown = self._texts[key] = printable(format_value(column, value, self.currency))
        return shown

    def fitted(self, cells: Sequence[Any], font: str) -> list[Any]:
        """A row's strings cut to their cells: text within its column's lines, anything else one line."""
        out: list[Any] = []
        for column, room, cut, value in zip(self.columns, self.widths, self.cut, cells, strict=True):
            lines = column.lines if column.wraps else 1
            fits = not cut or not isinstance(value, str) or not value
            out.append(value if fits else fit_text(value, room - 2 * PADDING, font, CELL_SIZE, lines))
        return out

    def head(self) -> list[str]:
        bold = self.fonts.bold
        return [
            fit_text(column.title, room - 2 * PADDING, bold, CELL_SIZE, HEAD_LINES)
            for column, room in zip(self.columns, self.widths, strict=True)
        ]

    def spanned(self, value: str, font: str, size: float) -> list[str]:
        """A row whose one text spans every column (a group heading, "Nothing to show.")."""
        return [fit_text(value, self.width - 2 * PADDING, font, size, 2)] + [""] * (len(self.columns) - 1)


def _looks(fonts: Fonts) -> dict[str, RowLook]:
    italic = report_fonts().italic
    return {
        "head": RowLook(fonts.bold, CELL_SIZE, CELL_LEADING, INK, HEAD_FILL),
        "body": RowLook(fonts.regular, CELL_SIZE, CELL_LEADING, INK),
        "group": RowLook(fonts.bold, GROUP_SIZE, GROUP_LEADING, INK, GROUP_FILL, (0.5, RULE), spans=True),
        "empty": RowLook(italic, CELL_SIZE, CELL_LEADING, MUTED, spans=True),
        "totals": RowLook(fonts.bold, CELL_SIZE, CELL_LEADING, INK, HEAD_FILL, (0.8, INK)),
        "strong": RowLook(fonts.bold, CELL_SIZE, CELL_LEADING, INK, None, (0.5, RULE)),
    }


def data_table(
    columns: Sequence[ReportColumn],
    rows: Sequence[Sequence[Any]],
    totals: Sequence[Any] | None = None,
    group_rows: Sequence[int] | None = None,
    currency: str = DEFAULT_CURRENCY,
    width: float = BODY_WIDTH,
    bold_rows: Sequence[int] | None = None,
) -> list[Flowable]:
    """A table `width` wide of `rows` (one value per column, or a Flowable to place as it is), to add
    to a story (a list, so that the story reads the same whatever lays the table out).

    `group_rows` are indexes into `rows` of group headings: their first value spans every column.
    `totals` is one more row, in bold. `currency` is the company's (ReportHeader.currency).
    `bold_rows` are indexes into `rows` of subtotals set in bold under a rule (a statement's results).
    """
    if not columns:
        raise ValueError("a table needs at least one column")
    if totals is not None and len(totals) != len(columns):
        raise ValueError(f"the totals have {len(totals)} values for {len(columns)} columns")
    layout = _Layout(columns, rows, set(group_rows or ()), totals, currency, width)
    fonts = layout.fonts
    looks = _looks(fonts)
    laid: list[Row] = []
    strong = set(bold_rows or ())
    for index, (place, cells) in enumerate(zip(layout.parity, layout.cells, strict=True)):
        if isinstance(cells, _GroupRow):
            laid.append(
                Row(layout.spanned(cells.title, fonts.bold, GROUP_SIZE), looks["group"], keep_with_next=True)
            )
        elif index in strong:
            laid.append(Row(layout.fitted(cells, fonts.bold), looks["strong"]))
        else:
            laid.append(
                Row(layout.fitted(cells, fonts.regular), looks["body"], ZEBRA_FILL if place % 2 else None)
            )
    if not rows:
        laid.append(
            Row(layout.spanned(_("Nothing to show."), looks["empty"].font, CELL_SIZE), looks["empty"])
        )
    if layout.totals is not None:
        laid.append(Row(layout.fitted(layout.totals, fonts.bold), looks["totals"], keep_with_previous=True))
    grid = Grid(
        layout.widths, [column.numeric for column in layout.columns], PADDING, (0.8, INK), (0.6, RULE)
    )
    return [RowsTable.of(grid, Row(layout.head(), looks["head"]), laid)]


def key_value_block(pairs: Sequence[tuple[str, str]], columns: int = 2, width: float = BODY_WIDTH) -> Table:
    """Labelled values side by side, for a document's head (a purchase order's supplier, dates, terms).

    The pairs fill `columns` label/value columns, top to bottom, then left to right; a label takes at
    most 2 lines and a value VALUE_LINES (cut with an ellipsis beyond).
    """
    styles = report_styles()
    columns = max(1, min(columns, len(pairs) or 1))
    per_column = -(-len(pairs) // columns)
    widths = [width / columns * share for _block in range(columns) for share in (0.32, 0.68)]
    label_room, value_room = widths[0] - _KV_PADDING, widths[1] - _KV_PADDING
    data: list[list[Any]] = []
    for line in range(max(per_column, 1)):
        cells: list[Any] = []
        for block in range(columns):
            index = block * per_column + line
            label, value = pairs[index] if index < len(pairs) else ("", "")
            cells += [
                bounded(label, styles.label, label_room),
                bounded(value, styles.body, value_room, VALUE_LINES),
            ]
        data.append(cells)
    style = TableStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), _KV_PADDING),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ]
    )
    return Table(data, colWidths=widths, style=style, hAlign="LEFT")


def signature_lines(labels: Sequence[str], width: float = BODY_WIDTH) -> Table:
    """A line to sign above each label, side by side ("Counted by", "Checked by", "Date")."""
    if not labels:
        raise ValueError("signature lines need at least one label")
    styles = report_styles()
    count = len(labels)
    gap = width * 0.06
    line_width = (width - gap * (count - 1)) / count
    widths: list[float] = []
    blank: list[Any] = []
    names: list[Any] = []
    commands: list[tuple[Any, ...]] = [("NOSPLIT", (0, 0), (-1, -1)), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    for index, label in enumerate(labels):
        if index:
            widths.append(gap)
            blank.append("")
            names.append("")
        column = len(widths)
        widths.append(line_width)
        blank.append("")
        names.append(bounded(label, styles.small, line_width))
        commands.append(("LINEABOVE", (column, 1), (column, 1), 0.6, INK))
    return Table([blank, names], colWidths=widths, rowHeights=[14 * mm, None], style=TableStyle(commands))
