"""The flowable that lays out a data table: rows of fitted strings drawn in one text object per page.

`tables.data_table` decides what each row shows and how it looks; this module only places rows on
pages. Every text is already cut to its cell (`fonts.fit_lines`), so a row's height is its number
of lines times the leading and nothing is measured again while the pages are laid out. Splitting
at a page end is a binary search over the rows' running heights, and each page's part shares the rows
with the whole table, so a 20,000-row table is laid out in time that grows with its rows, not with
their square (ReportLab's Table copies and measures every row left at each page end). The heading
row is repeated on every page; a group heading never ends a page, and the totals row never starts one.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable

from bodesk.reports.fonts import text_width

TOP_PADDING, BOTTOM_PADDING = 2.0, 2.5


@dataclass(frozen=True)
class RowLook:
    """How a kind of row is set: its font, its fill and the rule drawn above it."""

    font: str
    size: float
    leading: float
    color: Color
    fill: Color | None = None
    rule_above: tuple[float, Color] | None = None
    spans: bool = False  # its one text runs across every column


@dataclass
class Row:
    cells: Sequence[Any]  # a str (lines joined by "\n") or a Flowable per column
    look: RowLook
    fill: Color | None = None  # a stripe, when the look has no fill of its own
    keep_with_next: bool = False  # a group heading
    keep_with_previous: bool = False  # the totals
    height: float = field(default=0.0, init=False)


@dataclass(frozen=True)
class Grid:
    """The columns: their widths, which are right-aligned, the padding, and the rules."""

    widths: Sequence[float]
    right: Sequence[bool]
    padding: float
    rule_below_head: tuple[float, Color]
    rule_below_last: tuple[float, Color]

    @property
    def width(self) -> float:
        return sum(self.widths)


class _Body:
    """Every row of one table with their running heights, shared by the parts on each page."""

    def __init__(self, grid: Grid, head: Row, rows: Sequence[Row]) -> None:
        self.grid = grid
        self.head = head
        self.rows = rows
        for row in (head, *rows):
            row.height = self._height(row)
        self.tops = [0.0, *accumulate(row.height for row in rows)]

    def _height(self, row: Row) -> float:
        tallest = 0.0
        for cell, width in zip(row.cells, self.grid.widths, strict=False):
            if isinstance(cell, Flowable):
                tallest = max(tallest, cell.wrap(width - 2 * self.grid.padding, 1e6)[1])
            elif cell:
                tallest = max(tallest, (cell.count("\n") + 1) * row.look.leading)
        return max(tallest, row.look.leading) + TOP_PADDING + BOTTOM_PADDING

    def span(self, start: int, stop: int) -> float:
        return self.tops[stop] - self.tops[start]


class RowsTable(Flowable):
    """Rows `start` to `stop` of a table, under its heading row."""

    def __init__(self, body: _Body, start: int, stop: int) -> None:
        super().__init__()
        self.body = body
        self.start, self.stop = start, stop
        self.width = body.grid.width
        self.height = body.head.height + body.span(start, stop)

    @classmethod
    def of(cls, grid: Grid, head: Row, rows: Sequence[Row]) -> RowsTable:
        return cls(_Body(grid, head, rows), 0, len(rows))

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        body = self.body
        room = avail_height - body.head.height
        stop = bisect_right(body.tops, body.tops[self.start] + room, self.start, self.stop + 1) - 1
        while stop > self.start and body.rows[stop - 1].keep_with_next:
            stop -= 1
        while self.start < stop < self.stop and body.rows[stop].keep_with_previous:
            stop -= 1
        if stop <= self.start:
            return []
        if stop >= self.stop:
            return [self]
        return [RowsTable(body, self.start, stop), RowsTable(body, stop, self.stop)]

    def draw(self) -> None:
        body, canvas = self.body, self.canv
        placed: list[tuple[Row, float]] = []  # each row with the y of its top edge
        top = self.height
        for row in (body.head, *body.rows[self.start : self.stop]):
            placed.append((row, top))
            top -= row.height
        canvas.saveState()
        self._fills(placed)
        self._rules(placed)
        self._texts(placed)
        canvas.restoreState()

    def _fills(self, placed: list[tuple[Row, float]]) -> None:
        canvas = self.canv
        for row, top in placed:
            fill = row.look.fill or row.fill
            if fill is not None:
                canvas.setFillColor(fill)
                canvas.rect(0, top - row.height, self.width, row.height, stroke=0, fill=1)

    def _rules(self, placed: list[tuple[Row, float]]) -> None:
        grid, canvas = self.body.grid, self.canv
        rules = [(top, row.look.rule_above) for row, top in placed[1:] if row.look.rule_above]
        head = placed[0][0]
        rules += [(self.height - head.height, grid.rule_below_head), (0.0, grid.rule_below_last)]
        for y, rule in rules:
            if rule is not None:
                canvas.setLineWidth(rule[0])
                canvas.setStrokeColor(rule[1])
                canvas.line(0, y, self.width, y)

    def _texts(self, placed: list[tuple[Row, float]]) -> None:
        grid, canvas = self.body.grid, self.canv
        text = canvas.beginText()
        font: tuple[str, float, float] | None = None
        color: Color | None = None
        for row, top in placed:
            look = row.look
            if (look.font, look.size, look.leading) != font:
                font = (look.font, look.size, look.leading)
                text.setFont(*font)
            if look.color != color:
                color = look.color
                text.setFillColor(color)
            x = 0.0
            for index, (cell, width) in enumerate(zip(row.cells, grid.widths, strict=False)):
                if look.spans and index:
                    break
                if isinstance(cell, Flowable):
                    tall = cell.wrap(width - 2 * grid.padding, 1e6)[1]
                    cell.drawOn(canvas, x + grid.padding, top - TOP_PADDING - tall)
                elif cell:
                    baseline = top - TOP_PADDING - look.size
                    if grid.right[index] and not look.spans:
                        for line in cell.split("\n"):
                            text.setTextOrigin(
                                x + width - grid.padding - text_width(line, *font[:2]), baseline
                            )
                            text.textLine(line)
                            baseline -= look.leading
                    else:
                        text.setTextOrigin(x + grid.padding, baseline)
                        for line in cell.split("\n"):
                            text.textLine(line)  # and down by the leading
                x += width
        canvas.drawText(text)
