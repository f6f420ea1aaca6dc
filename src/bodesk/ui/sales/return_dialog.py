"""Goods back from a customer: the shipped order by its number (Enter shows its lines), then per line
the quantity coming back (in units), the reason and where it goes: back to stock (where it left from,
or to a location chosen; in the lot it left in) or to the loss location. Lines left empty do not come
back."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QHeaderView, QLineEdit, QTableWidget, QTableWidgetItem, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import FieldError, ValidationError
from bodesk.domain.common.figures import parse_number, quantity_text
from bodesk.domain.common.numbering import typed_number
from bodesk.domain.sales.lookups import ReturnableOrder, returnable_order
from bodesk.domain.sales.returns import ReturnLineInput, record_return
from bodesk.domain.sales.states import RETURN_REASONS, ReturnReason
from bodesk.domain.stock.lookups import locations
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.widgets.calls import run_service
from bodesk.ui.widgets.forms import ENTER_KEYS, FormDialog

QUANTITY, REASON, TARGET = 4, 5, 6


def follow(reason: QComboBox, target: QComboBox) -> None:
    """Damaged or expired goods go to the loss location; refused or exchanged ones back to stock (the
    person may choose otherwise)."""
    spoiled = reason.currentData() in (ReturnReason.DAMAGED.value, ReturnReason.EXPIRED.value)
    target.setCurrentIndex(target.count() - 1 if spoiled else 0)


class ReturnDialog(FormDialog):
    def __init__(
        self, db: Database, actor: Actor, parent: QWidget | None = None, order_number: int | None = None
    ) -> None:
        super().__init__(parent, _("Goods returned"), _("Take back"))
        self.db, self.actor = db, actor
        self.order: ReturnableOrder | None = None
        self.return_id: int | None = None
        self.set_intro(
            _("The shipped order's number, Enter; then what comes back of each line, why, and where it goes.")
        )
        self.number = QLineEdit(self)
        self.number.setPlaceholderText(_("Order number"))
        self.form.add_field("order", _("Order"), self.number)
        self.number.installEventFilter(self)  # after the form's: Enter loads the order
        self.table = QTableWidget(0, 7, self)
        self.table.setHorizontalHeaderLabels(
            [
                _("SKU"),
                _("Product"),
                _("Shipped"),
                _("May come back"),
                _("Back now"),
                _("Reason"),
                _("Goes to"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.form.add_field("lines", _("Lines"), self.table)
        self.note = QLineEdit(self)
        self.form.add_field("note", _("Note"), self.note)
        self.quantities: list[QLineEdit] = []
        self.reasons: list[QComboBox] = []
        self.targets: list[QComboBox] = []
        self.places = locations(db, actor)
        self.resize(900, 480)
        if order_number is not None:
            self.number.setText(str(order_number))
            self.load_order()
        else:
            self.form.focus_field("order")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        pressed = event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
        if watched is self.number and pressed and isinstance(event, QKeyEvent) and event.key() in ENTER_KEYS:
            self.load_order()
            return True
        return super().eventFilter(watched, event)

    def load_order(self) -> None:
        number = typed_number(self.number.text())
        if number is None:
            self.form.set_error("order", _("Type the number of a shipped order."))
            return
        self.form.set_error("order", "")
        found = run_service(self, lambda _confirmed: returnable_order(self.db, self.actor, number))
        if not found.ok:
            return
        self.order = found.value
        self.set_intro(
            _("Order {n} of {customer}.").format(n=self.order.number, customer=self.order.customer)
        )
        self.table.setRowCount(len(self.order.lines))
        self.quantities, self.reasons, self.targets = [], [], []
        for row, line in enumerate(self.order.lines):
            texts = (line.sku, line.product, quantity_text(line.shipped), quantity_text(line.left))
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
            quantity = QLineEdit(self.table)
            quantity.setAlignment(Qt.AlignmentFlag.AlignRight)
            reason = QComboBox(self.table)
            for key, label in RETURN_REASONS.items():
                reason.addItem(_(label), key.value)
            target = QComboBox(self.table)
            target.addItem(_("Back where it left from"), (True, None))
            for place in self.places:
                target.addItem(_("Back to {location}").format(location=place.code), (True, place.id))
            target.addItem(_("To the loss location"), (False, None))
            reason.currentIndexChanged.connect(lambda _index, box=reason, goes=target: follow(box, goes))
            follow(reason, target)
            self.table.setCellWidget(row, QUANTITY, quantity)
            self.table.setCellWidget(row, REASON, reason)
            self.table.setCellWidget(row, TARGET, target)
            self.quantities.append(quantity)
            self.reasons.append(reason)
            self.targets.append(target)
        self.number.setEnabled(False)
        if self.quantities:
            self.quantities[0].setFocus()
        self.refresh_buttons()

    def can_confirm(self) -> bool:
        return self.order is not None

    def inputs(self) -> list[ReturnLineInput]:
        assert self.order is not None
        found: list[ReturnLineInput] = []
        problems: list[FieldError] = []
        for index, line in enumerate(self.order.lines):
            text = self.quantities[index].text().strip()
            if not text:
                continue
            try:
                quantity: Decimal = parse_number(text, "lines")
            except ValidationError as exc:
                problems.extend(exc.errors)
                continue
            reason = ReturnReason(str(self.reasons[index].currentData()))
            to_stock, location_id = self.targets[index].currentData()
            found.append(ReturnLineInput(line.line_id, quantity, reason, to_stock, location_id))
        if problems:
            raise ValidationError(problems)
        return found

    def confirm(self) -> None:
        if self.order is not None:
            self.return_id = record_return(
                self.db, self.actor, self.order.id, self.inputs(), self.note.text()
            )
