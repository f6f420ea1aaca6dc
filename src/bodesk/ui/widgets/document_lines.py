"""The lines of a document being typed (an order, an invoice, a bill): plain values of what was typed,
shown in a grid with the amounts the domain computed, and each line's refusals in its cells.

A line is a product in a packaging, how many packages and at what price (None: the document's
default price, the supplier's or the price list's). The grid's row n is the domain's line n+1: the
lines are sent in this order, and the domain names them by position (`line_field(n, part)`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from bodesk.domain.common.figures import price_text, quantity_text
from bodesk.i18n import _, format_decimal
from bodesk.ui.widgets.forms import ENTER_KEYS, error_color

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass
class EditorLine:
    product_id: int
    sku: str
    product: str
    packaging_id: int | None  # None: the product's base unit
    packaging: str  # as shown: "Caixa 12 (12 un)"
    quantity: Decimal  # packages
    price: Decimal | None  # per package; None: the document's default price
    discount: Decimal | None = None  # percent, for documents that take one (a sales order)


@dataclass(frozen=True)
class LineAmounts:
    price: Decimal  # per package, as the domain will store it
    total: Decimal


@dataclass(frozen=True)
class LinesPreview:
    """What saving the lines would store: each line's amounts, in order, and the document's total."""

    lines: Sequence[LineAmounts]
    total: Decimal


@dataclass(frozen=True)
class CellProblem:
    row: int
    part: str  # "" for the line as a whole
    message: str


@dataclass(frozen=True)
class LineColumn:
    title: str
    text: Callable[[EditorLine, LineAmounts | None], str]
    chars: int = 0  # width in digits; 0 stretches
    numeric: bool = False
    part: str = ""  # the part of `line_field` whose refusals this cell shows


def line_columns(quantity: str, quantity_part: str, price: str, price_part: str) -> list[LineColumn]:
    """SKU, product, packaging, quantity, price and total; the quantity and price named as the
    document names them ("Packages", "Price per package") with their parts in the domain's fields."""

    def price_of(line: EditorLine, amounts: LineAmounts | None) -> str:
        if amounts is not None:
            return price_text(amounts.price)
        return "" if line.price is None else price_text(line.price)

    return [
        LineColumn(_("SKU"), lambda line, _amounts: line.sku, 12, part="product"),
        LineColumn(_("Product"), lambda line, _amounts: line.product, 0, part="product"),
        LineColumn(_("Packaging"), lambda line, _amounts: line.packaging, 18, part="packaging"),
        LineColumn(quantity, lambda line, _amounts: quantity_text(line.quantity), 10, True, quantity_part),
        LineColumn(price, price_of, 16, True, price_part),
        LineColumn(
            _("Total"), lambda _line, amounts: format_decimal(amounts.total, 2) if amounts else "", 12, True
        ),
    ]


class LinesGrid(QTableWidget):
    """The lines, read-only: Enter asks to change the selected line, Delete to remove it."""

    edit_pressed = Signal()
    delete_pressed = Signal()

    def __init__(self, columns: Sequence[LineColumn], parent: QWidget | None = None) -> None:
        super().__init__(0, len(columns), parent)
        self.columns = list(columns)
        self.lines: list[EditorLine] = []
        self.amounts: list[LineAmounts] = []
        self.problems: dict[int, list[str]] = {}  # row: messages
        self.setHorizontalHeaderLabels([column.title for column in self.columns])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.setTabKeyNavigation(False)
        digit = self.fontMetrics().horizontalAdvance("0")
        for index, column in enumerate(self.columns):
            heading = self.horizontalHeaderItem(index)
            if heading is not None and column.numeric:
                heading.setTextAlignment(_RIGHT)
            if column.chars:
                self.setColumnWidth(index, column.chars * digit)
            else:
                self.horizontalHeader().setSectionResizeMode(index, QHeaderView.ResizeMode.Stretch)

    def set_lines(self, lines: Sequence[EditorLine]) -> None:
        self.lines = list(lines)
        self.amounts = []
        self.problems = {}
        self._redraw()

    def insert(self, row: int, line: EditorLine) -> None:
        self.lines.insert(row, line)
        self.amounts = []
        self._redraw()
        self.selectRow(row)

    def take(self, row: int) -> EditorLine:
        line = self.lines.pop(row)
        self.amounts = []
        self._redraw()
        return line

    def selected(self) -> int | None:
        rows = self.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def set_amounts(self, amounts: Sequence[LineAmounts]) -> None:
        """Show the prices and totals the domain computed for the lines, in order (they are valid)."""
        self.amounts = list(amounts)
        self.problems = {}
        self._redraw()

    def show_problems(self, problems: Sequence[CellProblem]) -> None:
        """Each problem in red in the cells of its part (the whole row for the line as a whole), its
        message in their tooltips."""
        self.problems = {}
        self._redraw()
        brush = QBrush(error_color(self))
        for problem in problems:
            row = problem.row
            if not 0 <= row < self.rowCount():
                continue
            self.problems.setdefault(row, []).append(problem.message)
            parts = [index for index, column in enumerate(self.columns) if column.part == problem.part]
            for index in parts or range(len(self.columns)):
                item = self.item(row, index)
                if item is not None:
                    item.setForeground(brush)
                    item.setToolTip("\n".join(self.problems[row]))

    def problem(self, row: int) -> str:
        return "\n".join(self.problems.get(row, []))

    def _redraw(self) -> None:
        selected = self.selected()
        self.setRowCount(0)
        for row, line in enumerate(self.lines):
            self.insertRow(row)
            amounts = self.amounts[row] if row < len(self.amounts) else None
            for index, column in enumerate(self.columns):
                item = QTableWidgetItem(column.text(line, amounts))
                if column.numeric:
                    item.setTextAlignment(_RIGHT)
                self.setItem(row, index, item)
        if selected is not None and selected < len(self.lines):
            self.selectRow(selected)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_pressed.emit()
            return
        if event.key() in ENTER_KEYS:
            self.edit_pressed.emit()
            return
        super().keyPressEvent(event)
