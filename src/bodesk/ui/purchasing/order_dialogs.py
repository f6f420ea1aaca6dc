"""The purchase order editor.

The editor works from the keyboard: type a product (or scan it), Enter picks it and moves to the
packaging, Enter to the packages, Enter to the price (the supplier's, filled in), Enter adds the line
and goes back to the product. Prices and totals shown are the domain's (`preview_order`), so the
editor shows what saving will store. Delete removes the selected line; Ctrl+S saves the draft.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import ValidationError
from bodesk.domain.common.figures import money_text, parse_number, parse_optional_number, price_text
from bodesk.domain.purchasing.documents import OrderView, ProductChoice, supplier_choices
from bodesk.domain.purchasing.order_lines import OrderLineInput, preview_order
from bodesk.domain.purchasing.orders import create_order, send_order, update_order
from bodesk.domain.stock.lookups import warehouses
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.purchasing.order_table import OrderLinesTable, TableLine
from bodesk.ui.purchasing.product_picker import ProductPicker
from bodesk.ui.purchasing.supplier_dialogs import packaging_label
from bodesk.ui.widgets import messages
from bodesk.ui.widgets.forms import ENTER_KEYS, FormPage, choice_combo, error_color

NO_DATE = QDate(2000, 1, 1)


class OrderEditor(QDialog):
    """A new draft (choose the supplier) or an existing order (`order`); only a draft can be changed."""

    def __init__(
        self, db: Database, actor: Actor, parent: QWidget | None = None, order: OrderView | None = None
    ) -> None:
        super().__init__(parent)
        self.db, self.actor, self.order = db, actor, order
        self.order_id: int | None = order.id if order else None
        self.sent_number: int | None = None
        editable = order is None or order.status == "draft"
        self.setWindowTitle(
            _("New purchase order") if order is None else _("Purchase order {n}").format(n=order.number)
        )
        self.form = FormPage(self)
        self.supplier = choice_combo(self, supplier_choices(db, actor) if order is None else [], codes=False)
        if order is None:
            self.supplier.setCurrentIndex(-1)
            self.supplier.setPlaceholderText(_("Choose the supplier"))
            self.form.add_field("supplier", _("Supplier"), self.supplier)
            self.supplier.currentIndexChanged.connect(self._supplier_changed)
        else:
            self.supplier.hide()
            self.form.add_row(_("Supplier"), QLabel(order.supplier, self))
        self.warehouse = choice_combo(self, warehouses(db, actor))
        if order is not None:
            self.warehouse.setCurrentIndex(max(self.warehouse.findData(order.warehouse_id), 0))
        self.form.add_field("warehouse", _("Deliver to"), self.warehouse)
        self.expected = QDateEdit(self)
        self.expected.setCalendarPopup(True)
        self.expected.setMinimumDate(NO_DATE)
        self.expected.setSpecialValueText(_("From the supplier's lead time"))
        self.expected.setDate(QDate(order.expected_on) if order and order.expected_on else NO_DATE)
        self.form.add_field("expected_on", _("Expected"), self.expected)
        self.notes = QLineEdit(order.notes if order else "", self)
        self.form.add_field("notes", _("Notes"), self.notes, _("Printed on the order: delivery hours, gate…"))

        self.picker = ProductPicker(db, actor, order.supplier_id if order else None, self)
        self.packaging = QComboBox(self)
        self.packages = QLineEdit(self)
        self.packages.setPlaceholderText(_("Packages"))
        self.price = QLineEdit(self)
        self.price.setPlaceholderText(_("Price per package"))
        self.add_line_button = QPushButton(_("Add line"), self)
        self.entry_error = QLabel(self)
        palette = self.entry_error.palette()
        palette.setColor(self.entry_error.foregroundRole(), error_color(self))
        self.entry_error.setPalette(palette)
        self.entry_error.setWordWrap(True)
        self.entry_error.hide()
        entry = QHBoxLayout()
        entry.addWidget(self.picker, 4)
        entry.addWidget(self.packaging, 2)
        entry.addWidget(self.packages, 1)
        entry.addWidget(self.price, 1)
        entry.addWidget(self.add_line_button)
        self.table = OrderLinesTable(self)
        self.total_label = QLabel(self)
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.remove_line_button = QPushButton(_("Remove line"), self)
        self.save_button = QPushButton(_("Save draft"), self)
        self.send_button = QPushButton(_("Save and send…"), self)
        self.close_button = QPushButton(_("Close") if not editable else _("Cancel"), self)
        bottom = QHBoxLayout()
        bottom.addWidget(self.remove_line_button)
        bottom.addStretch(1)
        bottom.addWidget(self.total_label)
        bottom.addSpacing(16)
        for button in (self.save_button, self.send_button, self.close_button):
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addLayout(entry)
        layout.addWidget(self.entry_error)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        for button in (self.add_line_button, self.remove_line_button, self.save_button, self.send_button):
            button.setAutoDefault(False)
        self.close_button.setAutoDefault(False)

        self.picker.chosen.connect(self._product_chosen)
        self.packaging.currentIndexChanged.connect(self._packaging_changed)
        self.add_line_button.clicked.connect(self.add_line)
        self.remove_line_button.clicked.connect(self.remove_line)
        self.save_button.clicked.connect(lambda: self.save(send=False))
        self.send_button.clicked.connect(lambda: self.save(send=True))
        self.close_button.clicked.connect(self.reject)
        save = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        save.activated.connect(lambda: self.save(send=False))
        for entry_widget in self.entry_widgets()[:-1]:
            entry_widget.installEventFilter(self)
        self.table.delete_pressed.connect(self.remove_line)
        if order is not None:
            self.table.set_lines([TableLine.of_order_line(line) for line in order.lines])
        for entry_widget in self.entry_widgets():
            entry_widget.setEnabled(editable and self.supplier_id() is not None)
        others: list[QWidget] = [self.remove_line_button, self.save_button, self.send_button, self.warehouse]
        for other in others:
            other.setEnabled(editable)
        self.expected.setEnabled(editable)
        self.notes.setReadOnly(not editable)
        self._update_total()
        self.resize(900, 560)
        (self.supplier if order is None else self.picker).setFocus()

    # --- state -------------------------------------------------------------------------------

    def entry_widgets(self) -> list[QWidget]:
        return [self.picker, self.packaging, self.packages, self.price, self.add_line_button]

    def supplier_id(self) -> int | None:
        if self.order is not None:
            return self.order.supplier_id
        data = self.supplier.currentData()
        return int(data) if data is not None else None

    def inputs(self) -> list[OrderLineInput]:
        return [line.input() for line in self.table.lines]

    def _supplier_changed(self) -> None:
        supplier = self.supplier_id()
        self.picker.set_supplier(supplier)
        for widget in self.entry_widgets():
            widget.setEnabled(supplier is not None)
        self._update_total()
        if supplier is not None:
            self.picker.setFocus()

    def _product_chosen(self, choice: ProductChoice) -> None:
        self.packaging.blockSignals(True)
        self.packaging.clear()
        for pack in choice.packagings:
            self.packaging.addItem(packaging_label(pack, choice.base_unit), pack.id)
        self.packaging.setCurrentIndex(max(self.packaging.findData(choice.default_packaging_id), 0))
        self.packaging.blockSignals(False)
        self._packaging_changed()
        self.packaging.setFocus()

    def _packaging_changed(self) -> None:
        """Fill in the supplier's price for the chosen packaging, as the domain converts it."""
        choice, supplier = self.picker.choice, self.supplier_id()
        self.price.clear()
        if choice is None or supplier is None:
            return
        probe = OrderLineInput(choice.product_id, self.packaging.currentData(), Decimal(1))
        try:
            preview = preview_order(self.db, self.actor, supplier, [probe])
        except ValidationError:
            self.price.setPlaceholderText(_("Enter the price"))
            return
        self.price.setText(price_text(preview.lines[0].package_price))

    def _update_total(self) -> None:
        supplier, inputs = self.supplier_id(), self.inputs()
        self.total_label.setText("")
        if supplier is None or not inputs:
            return
        try:
            preview = preview_order(self.db, self.actor, supplier, inputs)
        except ValidationError as exc:
            self.show_line_errors(exc)
            return
        self.table.set_priced(preview.lines)
        self.total_label.setText(_("Total: {total}").format(total=money_text(preview.total)))

    def show_line_errors(self, error: ValidationError) -> None:
        self.entry_error.setText(error.message)
        self.entry_error.setVisible(bool(error.message))

    # --- entry -------------------------------------------------------------------------------

    def add_line(self) -> None:
        choice, supplier = self.picker.choose_current(), self.supplier_id()
        self.entry_error.hide()
        if choice is None or supplier is None:
            self.show_line_errors(ValidationError.single("product", _("Choose a product.")))
            self.picker.setFocus()
            return
        try:
            packages = parse_number(self.packages.text(), "packages")
            price = parse_optional_number(self.price.text(), "package_price")
            line = TableLine(
                choice.product_id,
                choice.sku,
                choice.name,
                self.packaging.currentData(),
                self.packaging.currentText(),
                packages,
                price,
            )
            preview_order(self.db, self.actor, supplier, [*self.inputs(), line.input()])
        except ValidationError as exc:
            self.show_line_errors(exc)
            self.packages.setFocus()
            return
        self.table.append(line)
        self._update_total()
        self.picker.reset()
        self.packaging.clear()
        self.packages.clear()
        self.price.clear()
        self.picker.setFocus()

    def remove_line(self) -> None:
        if self.table.remove_selected():
            self._update_total()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in ENTER_KEYS
        ):
            if watched is self.picker:
                if self.picker.choose_current() is None and not self.picker.text().strip():
                    self.save_button.setFocus()
                return True
            if watched is self.packaging:
                self.packages.setFocus()
                return True
            if watched is self.packages:
                self.price.setFocus()
                self.price.selectAll()
                return True
            if watched is self.price:
                self.add_line()
                return True
        return super().eventFilter(watched, event)

    # --- saving ------------------------------------------------------------------------------

    def expected_on(self) -> date | None:
        chosen = self.expected.date()
        return None if chosen == NO_DATE else date(chosen.year(), chosen.month(), chosen.day())

    def save(self, send: bool) -> None:
        """Save the draft (and send it): the order is then accepted; errors keep the editor open."""
        supplier = self.supplier_id()
        warehouse = self.warehouse.currentData()
        self.form.clear_errors()
        self.entry_error.hide()
        try:
            if supplier is None:
                raise ValidationError.single("supplier", _("Choose the supplier."))
            if self.order_id is None:
                self.order_id = create_order(
                    self.db,
                    self.actor,
                    supplier,
                    warehouse,
                    self.inputs(),
                    self.expected_on(),
                    self.notes.text(),
                )
            else:
                update_order(
                    self.db,
                    self.actor,
                    self.order_id,
                    warehouse,
                    self.inputs(),
                    self.expected_on(),
                    self.notes.text(),
                )
        except ValidationError as exc:
            self.form.show_errors(exc)
            unshown = self.form.unshown(exc)
            if unshown:
                self.show_line_errors(ValidationError(unshown))
            return
        except Exception as exc:
            messages.show_error(self, exc)
            return
        if send:
            self.send()  # if not sent, it stays a saved draft
        self.accept()

    def send(self) -> bool:
        question = _("Send this order to the supplier? It can no longer be changed once sent.")
        if self.order_id is None or not messages.ask_confirmation(self, _("Send order"), question):
            return False
        try:
            self.sent_number = send_order(self.db, self.actor, self.order_id)
        except Exception as exc:
            messages.show_error(self, exc)
            return False
        return True
