"""Tables of figures the domain has already computed and rounded, laid out the one bodesk way.

`data_table` formats each value by its column's kind with bodesk.i18n (numbers right-aligned in the
locale's format, money in the company's currency), wraps text in paragraphs so it never overflows its
cell, repeats the heading row on every page, stripes the rows, sets group headings and a bold totals
row apart, and says "Nothing to show." when there are no rows. It never adds or rounds anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, LongTable, Paragraph, Table, TableStyle

from bodesk.domain.common.figures import quantity_text
from bodesk.domain.common.money import DEFAULT_CURRENCY
from bodesk.i18n import _, format_date, format_datetime, format_decimal, format_money
from bodesk.reports.base import (
    GROUP_FILL,
    HEAD_FILL,
    INK,
    RULE,
    ZEBRA_FILL,
    markup,
    printable,
    report_styles,
)

ColumnKind = Literal["text", "number", "money", "quantity", "date"]
NUMERIC_KINDS: frozenset[str] = frozenset({"number", "money", "quantity"})
_PADDING = 3


@dataclass(frozen=True)
class ReportColumn:
    """A column: its heading, what its values are, and its share of the width (shares are relative:
    0.4, 0.2, 0.2, 0.2 and 2, 1, 1, 1 give the same table). `places` fixes the decimals of a number
    or quantity; left None, a value shows the digits it has (trailing zeros dropped)."""

    title: str
    kind: ColumnKind = "text"
    width: float = 1.0
    places: int | None = None

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS


def format_value(column: ReportColumn, value: Any, currency: str = DEFAULT_CURRENCY) -> str:
    """The text a value shows in `column`; None shows nothing, a str is shown as it is."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if column.numeric and isinstance(value, float):
        raise TypeError("reports show Decimal figures the domain rounded, never floats")
    if column.kind == "money":
        return format_money(value, currency)
    if column.kind in ("number", "quantity"):
        return quantity_text(value) if column.places is None else format_decimal(value, column.places)
    if column.kind == "date":
        return format_datetime(value) if isinstance(value, datetime) else format_date(value)
    if isinstance(value, date):
        return format_date(value)
    return str(value)


def _cell(column: ReportColumn, value: Any, currency: str, bold: bool = False) -> Flowable | str:
    """Text as a paragraph that wraps inside its cell; a figure or a date as a plain string, which is
    faster to lay out and never wraps (a number broken over two lines is misread)."""
    if isinstance(value, Flowable):
        return value
    shown = format_value(column, value, currency)
    if column.kind != "text":
        return printable(shown)
    styles = report_styles()
    return Paragraph(markup(shown), styles.cell_total if bold else styles.cell)


def _stripes(first: int, last: int) -> list[tuple[Any, ...]]:
    if last < first:
        return []
    return [("ROWBACKGROUNDS", (0, first), (-1, last), [None, ZEBRA_FILL])]


def data_table(
    columns: Sequence[ReportColumn],
    rows: Sequence[Sequence[Any]],
    totals: Sequence[Any] | None = None,
    group_rows: Sequence[int] | None = None,
    currency: str = DEFAULT_CURRENCY,
) -> Table:
    """A full-width table of `rows` (one value per column, or a Flowable to place as it is).

    `group_rows` are indexes into `rows` of group headings: their first value spans every column.
    `totals` is one more row, in bold. `currency` is the company's (ReportHeader.currency).
    """
    if not columns:
        raise ValueError("a table needs at least one column")
    groups = set(group_rows or ())
    styles = report_styles()
    span = (0, len(columns) - 1)
    head = [
        Paragraph(markup(col.title), styles.cell_head_number if col.numeric else styles.cell_head)
        for col in columns
    ]
    data: list[list[Any]] = [head]
    cell = styles.cell
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), cell.fontName, cell.fontSize, cell.leading),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        *(("ALIGN", (i, 0), (i, -1), "RIGHT") for i, col in enumerate(columns) if col.numeric),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), _PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
    ]
    stripes_from = 1  # zebra stripes start again under each group heading
    for index, row in enumerate(rows):
        at = len(data)
        if index in groups:
            commands += _stripes(stripes_from, at - 1)
            title = row[0] if row else ""
            data.append([Paragraph(markup(str(title)), styles.group)] + [""] * span[1])
            commands += [
                ("SPAN", (0, at), (-1, at)),
                ("BACKGROUND", (0, at), (-1, at), GROUP_FILL),
                ("LINEABOVE", (0, at), (-1, at), 0.5, RULE),
                ("NOSPLIT", (0, at), (-1, min(at + 1, len(rows)))),
            ]
            stripes_from = at + 1
            continue
        if len(row) != len(columns):
            raise ValueError(f"row {index} has {len(row)} values for {len(columns)} columns")
        data.append([_cell(col, value, currency) for col, value in zip(columns, row, strict=True)])
    commands += _stripes(stripes_from, len(data) - 1)
    if len(data) == 1:
        data.append([Paragraph(markup(_("Nothing to show.")), styles.empty)] + [""] * span[1])
        commands.append(("SPAN", (0, 1), (-1, 1)))
    if totals is not None:
        if len(totals) != len(columns):
            raise ValueError(f"the totals have {len(totals)} values for {len(columns)} columns")
        at = len(data)
        data.append(
            [_cell(col, value, currency, bold=True) for col, value in zip(columns, totals, strict=True)]
        )
        commands += [
            ("FONTNAME", (0, at), (-1, at), styles.cell_total.fontName),
            ("BACKGROUND", (0, at), (-1, at), HEAD_FILL),
            ("LINEABOVE", (0, at), (-1, at), 0.8, INK),
            ("NOSPLIT", (0, at - 1), (-1, at)),
        ]
    commands.append(("LINEBELOW", (0, -1), (-1, -1), 0.6, RULE))
    share = sum(col.width for col in columns)
    widths = [f"{100 * col.width / share:.4f}%" for col in columns]
    return LongTable(data, colWidths=widths, repeatRows=1, style=TableStyle(commands), hAlign="LEFT")


def key_value_block(pairs: Sequence[tuple[str, str]], columns: int = 2) -> Table:
    """Labelled values side by side, for a document's head (a purchase order's supplier, dates, terms).

    The pairs fill `columns` label/value columns, top to bottom, then left to right.
    """
    styles = report_styles()
    columns = max(1, min(columns, len(pairs) or 1))
    per_column = -(-len(pairs) // columns)
    data: list[list[Any]] = []
    for line in range(max(per_column, 1)):
        cells: list[Any] = []
        for block in range(columns):
            index = block * per_column + line
            label, value = pairs[index] if index < len(pairs) else ("", "")
            cells += [Paragraph(markup(label), styles.label), Paragraph(markup(value), styles.body)]
        data.append(cells)
    widths = [f"{100 / columns * share:.4f}%" for _block in range(columns) for share in (0.32, 0.68)]
    style = TableStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ]
    )
    return Table(data, colWidths=widths, style=style, hAlign="LEFT")


def signature_lines(labels: Sequence[str]) -> Table:
    """A line to sign above each label, side by side ("Counted by", "Checked by", "Date")."""
    if not labels:
        raise ValueError("signature lines need at least one label")
    styles = report_styles()
    count = len(labels)
    gap_share = 6.0
    line_share = (100 - gap_share * (count - 1)) / count
    widths: list[str] = []
    blank: list[Any] = []
    names: list[Any] = []
    commands: list[tuple[Any, ...]] = [("NOSPLIT", (0, 0), (-1, -1)), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    for index, label in enumerate(labels):
        if index:
            widths.append(f"{gap_share:.4f}%")
            blank.append("")
            names.append("")
        column = len(widths)
        widths.append(f"{line_share:.4f}%")
        blank.append("")
        names.append(Paragraph(markup(label), styles.small))
        commands.append(("LINEABOVE", (column, 1), (column, 1), 0.6, INK))
    return Table([blank, names], colWidths=widths, rowHeights=[14 * mm, None], style=TableStyle(commands))
