"""Shipping a confirmed or picked order: each line's quantity (default all that is reserved for it),
and what becomes of the rest: kept as a backorder quote, or dropped."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLineEdit, QRadioButton, QTableWidget, QTableWidgetItem, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import FieldError, ValidationError
from bodesk.domain.common.figures import parse_number, quantity_text
from bodesk.domain.sales.lookups import lines_to_ship
from bodesk.domain.sales.shipping import Shipped, ship_order
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.widgets.forms import FormDialog

QUANTITY_COLUMN = 4


class ShipDialog(FormDialog):
    def __init__(self, db: Database, actor: Actor, order_id: int, number: int, parent: QWidget) -> None:
        super().__init__(parent, _("Ship order {n}").format(n=number), _("Ship"))
        self.db, self.actor, self.order_id = db, actor, order_id
        self.shipped: Shipped | None = None
        self.lines = lines_to_ship(db, actor, order_id)
        self.set_intro(
            _("What leaves now, in units; it starts as all that is reserved. What does not ship is released.")
        )
        self.table = QTableWidget(len(self.lines), 5, self)
        self.table.setHorizontalHeaderLabels(
            [_("SKU"), _("Product"), _("Ordered"), _("Reserved"), _("Ship now")]
        )
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.quantities: list[QLineEdit] = []
        for row, line in enumerate(self.lines):
            for column, text in enumerate(
                (line.sku, line.product, quantity_text(line.ordered), quantity_text(line.reserved))
            ):
                item = QTableWidgetItem(text)
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
            edit = QLineEdit(quantity_text(line.reserved), self.table)
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            self.table.setCellWidget(row, QUANTITY_COLUMN, edit)
            self.quantities.append(edit)
        self.form.add_field("lines", _("Lines"), self.table)
        self.keep = QRadioButton(_("Keep the rest as a backorder (a new quote)"), self)
        self.drop = QRadioButton(_("Drop the rest"), self)
        self.keep.setChecked(True)
        self.form.add_row(_("The rest"), self.keep)
        self.form.add_row("", self.drop)
        self.resize(760, 460)
        if self.quantities:
            self.quantities[0].setFocus()
            self.quantities[0].selectAll()

    def given(self) -> dict[int, Decimal]:
        found: dict[int, Decimal] = {}
        problems: list[FieldError] = []
        for line, edit in zip(self.lines, self.quantities, strict=True):
            try:
                found[line.line_id] = parse_number(edit.text() or "0", "lines")
            except ValidationError as exc:
                problems.extend(exc.errors)
        if problems:
            raise ValidationError(problems)
        return found

    def confirm(self) -> None:
        self.shipped = ship_order(self.db, self.actor, self.order_id, self.given(), self.keep.isChecked())
