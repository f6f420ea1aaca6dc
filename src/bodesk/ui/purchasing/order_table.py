"""The lines of the order editor: a plain table of what was typed, with the domain's prices and totals."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from bodesk.domain.common.figures import money_text, packaging_text, price_text, quantity_text
from bodesk.domain.purchasing.documents import OrderLineView
from bodesk.domain.purchasing.order_lines import OrderLineInput, PricedLine
from bodesk.i18n import _

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
SKU, PRODUCT, PACKAGING, PACKAGES, PRICE, TOTAL = range(6)


@dataclass
class TableLine:
    product_id: int
    sku: str
    product: str
    packaging_id: int | None
    packaging: str
    packages: Decimal
    price: Decimal | None  # None: the supplier's price

    def input(self) -> OrderLineInput:
        return OrderLineInput(self.product_id, self.packaging_id, self.packages, self.price)

    @classmethod
    def of_order_line(cls, line: OrderLineView) -> TableLine:
        packaging = packaging_text(line.packaging, line.units_per_package, line.base_unit)
        return cls(
            line.product_id,
            line.sku,
            line.product,
            line.packaging_id,
            packaging,
            line.packages,
            line.package_price,
        )


class OrderLinesTable(QTableWidget):
    delete_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 6, parent)
        self.lines: list[TableLine] = []
        self.setHorizontalHeaderLabels(
            [_("SKU"), _("Product"), _("Packaging"), _("Packages"), _("Price per package"), _("Total")]
        )
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.setTabKeyNavigation(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(PRODUCT, QHeaderView.ResizeMode.Stretch)
        for column in (PACKAGES, PRICE, TOTAL):
            heading = self.horizontalHeaderItem(column)
            if heading is not None:
                heading.setTextAlignment(_RIGHT)
        digit = self.fontMetrics().horizontalAdvance("0")
        for column, chars in ((SKU, 12), (PACKAGING, 18), (PACKAGES, 10), (PRICE, 16), (TOTAL, 12)):
            self.setColumnWidth(column, chars * digit)

    def set_lines(self, lines: Sequence[TableLine]) -> None:
        self.lines = list(lines)
        self.setRowCount(0)
        for line in self.lines:
            self._add_row(line)

    def append(self, line: TableLine) -> None:
        self.lines.append(line)
        self._add_row(line)
        self.selectRow(len(self.lines) - 1)

    def _add_row(self, line: TableLine) -> None:
        row = self.rowCount()
        self.insertRow(row)
        price = "" if line.price is None else price_text(line.price)
        values = (line.sku, line.product, line.packaging, quantity_text(line.packages), price, "")
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            if column in (PACKAGES, PRICE, TOTAL):
                item.setTextAlignment(_RIGHT)
            self.setItem(row, column, item)

    def set_priced(self, priced: Sequence[PricedLine]) -> None:
        """Show the prices and totals the domain computed for the lines, in order."""
        for row, line in enumerate(priced):
            for column, text in (
                (PRICE, price_text(line.package_price)),
                (TOTAL, money_text(line.total)),
            ):
                item = self.item(row, column)
                if item is not None:
                    item.setText(text)

    def remove_selected(self) -> bool:
        rows = self.selectionModel().selectedRows()
        if not rows:
            return False
        row = rows[0].row()
        del self.lines[row]
        self.removeRow(row)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_pressed.emit()
            return
        super().keyPressEvent(event)
