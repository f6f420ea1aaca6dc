"""Receiving a purchase order: every line still expected, the quantity arrived, its lot and expiry.

Quantities are prefilled with what is still expected. A person types packages (the units follow) or
units (a broken case); lot and expiry are open only for products tracked by lot, the expiry filled
in from the shelf life. Enter moves to the next field and, after the last, to Receive. One click
makes one `receive_goods` call: the refusals come back beside their lines, a warning (more than
ordered, an expired lot) is asked and, if confirmed, the receipt is made.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QBrush, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import FieldError, ValidationError, line_field, line_of
from bodesk.domain.common.figures import quantity_text
from bodesk.domain.common.money import round_quantity
from bodesk.domain.purchasing.documents import OrderLineView, PackagingChoice, order_view
from bodesk.domain.purchasing.receiving import ReceiveLineInput, receive_goods
from bodesk.domain.stock.lookups import locations
from bodesk.domain.stock.models import ZERO
from bodesk.i18n import _, parse_decimal
from bodesk.store.engine import Database
from bodesk.ui.purchasing.supplier_dialogs import packaging_label
from bodesk.ui.widgets.calls import run_service
from bodesk.ui.widgets.date_filter import qdate
from bodesk.ui.widgets.forms import ENTER_KEYS, FormPage, choice_combo, error_color

NO_DATE = QDate(2000, 1, 1)
PRODUCT, PACKAGING, ORDERED, RECEIVED, REMAINING, PACKAGES, UNITS, LOT, EXPIRY, PROBLEM = range(10)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _parse(text: str) -> Decimal | None:
    try:
        return parse_decimal(text) if text.strip() else ZERO
    except ValueError:
        return None


@dataclass
class ReceiveRow:
    line: OrderLineView
    packages: QLineEdit
    units: QLineEdit
    lot: QLineEdit
    expiry: QDateEdit
    problem: QTableWidgetItem

    def editors(self) -> list[QWidget]:
        return [self.packages, self.units, self.lot, self.expiry]


class ReceiveDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, order_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.order_id = db, actor, order_id
        self.receipt_id: int | None = None
        self.confirmed: set[str] = set()
        order = order_view(db, actor, order_id)
        self.setWindowTitle(_("Receive purchase order {n}").format(n=order.number))
        intro = QLabel(
            _(
                "{supplier} · deliver to {warehouse}. Type what arrived; lines left at zero stay expected."
            ).format(supplier=order.supplier, warehouse=order.warehouse_code),
            self,
        )
        intro.setWordWrap(True)
        self.form = FormPage(self)
        self.supplier_invoice = QLineEdit(self)
        self.supplier_invoice.setMaxLength(40)
        self.form.add_field("supplier_invoice", _("Supplier invoice"), self.supplier_invoice)
        self.location = choice_combo(self, locations(db, actor, order.warehouse_id))
        self.form.add_field("location", _("Put in"), self.location)
        self.table = QTableWidget(0, 10, self)
        self.table.setHorizontalHeaderLabels(
            [
                _("Product"),
                _("Packaging"),
                _("Ordered"),
                _("Received"),
                _("Remaining"),
                _("Packages"),
                _("Units"),
                _("Lot"),
                _("Expiry"),
                _("Problem"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(PRODUCT, QHeaderView.ResizeMode.Stretch)
        self.rows = [self._add_row(line) for line in order.lines if line.remaining > ZERO]
        self.table.setColumnHidden(PROBLEM, True)
        self.general_error = QLabel(self)
        palette = self.general_error.palette()
        palette.setColor(self.general_error.foregroundRole(), error_color(self))
        self.general_error.setPalette(palette)
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Receive"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.form.submitted.connect(self._first_editor)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        digit = self.fontMetrics().horizontalAdvance("0")
        for column, chars in ((PACKAGING, 16), (ORDERED, 10), (RECEIVED, 10), (REMAINING, 10)):
            self.table.setColumnWidth(column, chars * digit)
        for column, chars in ((PACKAGES, 9), (UNITS, 9), (LOT, 12), (EXPIRY, 13), (PROBLEM, 36)):
            self.table.setColumnWidth(column, chars * digit)
        self.resize(1100, 520)
        self.supplier_invoice.setFocus()

    def _add_row(self, line: OrderLineView) -> ReceiveRow:
        row = self.table.rowCount()
        self.table.insertRow(row)
        unit = line.base_unit
        pack = packaging_label_for(line)
        texts = (
            line.product,
            pack,
            *(f"{quantity_text(q)} {unit}" for q in (line.quantity, line.received, line.remaining)),
        )
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            if column >= ORDERED:
                item.setTextAlignment(_RIGHT)
            self.table.setItem(row, column, item)
        problem = QTableWidgetItem("")
        self.table.setItem(row, PROBLEM, problem)
        packages = QLineEdit(quantity_text(line.remaining / line.units_per_package), self.table)
        units = QLineEdit(quantity_text(line.remaining), self.table)
        for edit in (packages, units):
            edit.setAlignment(_RIGHT)
        lot = QLineEdit(self.table)
        lot.setMaxLength(40)
        expiry = QDateEdit(self.table)
        expiry.setMinimumDate(NO_DATE)
        expiry.setSpecialValueText("—")
        expiry.setCalendarPopup(True)
        expiry.setDate(
            qdate(line.suggested_expiry) if line.lot_tracked and line.suggested_expiry else NO_DATE
        )
        lot.setEnabled(line.lot_tracked)
        expiry.setEnabled(line.lot_tracked)
        if not line.lot_tracked:
            lot.setPlaceholderText(_("no lot"))
        received = ReceiveRow(line, packages, units, lot, expiry, problem)
        packages.textEdited.connect(lambda text, r=received: self._packages_typed(r, text))
        units.textEdited.connect(lambda text, r=received: self._units_typed(r, text))
        for column, widget in zip((PACKAGES, UNITS, LOT, EXPIRY), received.editors(), strict=True):
            self.table.setCellWidget(row, column, widget)
            widget.installEventFilter(self)
        return received

    # --- typing ------------------------------------------------------------------------------

    def _packages_typed(self, row: ReceiveRow, text: str) -> None:
        packages = _parse(text)
        if packages is not None:
            row.units.setText(quantity_text(packages * row.line.units_per_package))

    def _units_typed(self, row: ReceiveRow, text: str) -> None:
        units = _parse(text)
        if units is not None:
            row.packages.setText(quantity_text(round_quantity(units / row.line.units_per_package)))

    def _editors(self) -> list[QWidget]:
        return [widget for row in self.rows for widget in row.editors() if widget.isEnabled()]

    def _first_editor(self) -> None:
        editors = self._editors()
        (editors[0] if editors else self.ok_button).setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in ENTER_KEYS
        ):
            editors = self._editors()
            if watched in editors:
                index = editors.index(watched)
                following = editors[index + 1] if index + 1 < len(editors) else self.ok_button
                following.setFocus()
                if isinstance(following, QLineEdit):
                    following.selectAll()
                return True
        return super().eventFilter(watched, event)

    # --- receiving ---------------------------------------------------------------------------

    def inputs(self) -> list[ReceiveLineInput]:
        """What was typed, line by line; a quantity that is not a number is refused here, by its line."""
        problems: list[FieldError] = []
        inputs: list[ReceiveLineInput] = []
        for row in self.rows:
            units = _parse(row.units.text())
            if units is None:
                problems.append(
                    FieldError(
                        line_field(row.line.id, "quantity"),
                        _("“{text}” is not a number.").format(text=row.units.text()),
                    )
                )
                continue
            expiry: date | None = None
            if row.line.lot_tracked and row.expiry.date() != NO_DATE:
                chosen = row.expiry.date()
                expiry = date(chosen.year(), chosen.month(), chosen.day())
            lot = row.lot.text() if row.line.lot_tracked else ""
            inputs.append(ReceiveLineInput(row.line.id, units, lot, expiry))
        if problems:
            raise ValidationError(problems)
        return inputs

    def show_problems(self, error: ValidationError) -> None:
        """Each line's problems beside it (its order line's id names it), the focus on the field of the
        first; the invoice's and location's under their fields; the rest below."""
        color = QBrush(error_color(self))
        shown_any = False
        rest: list[str] = []
        by_line: dict[int, list[str]] = {}
        first: QWidget | None = None
        for item in error.errors:
            line = line_of(item.field)
            row = next((row for row in self.rows if line is not None and row.line.id == line.key), None)
            if line is not None and row is not None:
                by_line.setdefault(line.key, []).append(item.message)
                first = first or (row.lot if line.part == "lot" else row.units)
        for row in self.rows:
            texts = by_line.get(row.line.id, [])
            cell = row.problem
            cell.setText("\n".join(texts))
            cell.setToolTip("\n".join(texts))
            cell.setForeground(color)
            shown_any = shown_any or bool(texts)
        self.form.show_errors(ValidationError([e for e in error.errors if self.form.shows_field(e.field)]))
        for item in error.errors:
            if line_of(item.field) is None and not self.form.shows_field(item.field):
                rest.append(item.message)
        self.table.setColumnHidden(PROBLEM, not shown_any)
        header = self.table.horizontalHeader()
        stretch, fixed = (PROBLEM, PRODUCT) if shown_any else (PRODUCT, PROBLEM)
        header.setSectionResizeMode(fixed, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        if shown_any:
            self.table.setColumnWidth(PRODUCT, 28 * self.fontMetrics().horizontalAdvance("0"))
        self.table.resizeRowsToContents()
        self.general_error.setText("\n".join(rest))
        self.general_error.setVisible(bool(rest))
        if first is not None and not any(self.form.shows_field(item.field) for item in error.errors):
            first.setFocus()

    def problem(self, row_index: int) -> str:
        return self.rows[row_index].problem.text()

    def clear_problems(self) -> None:
        self.show_problems(ValidationError([]))

    def accept(self) -> None:
        """One receive_goods call; warnings are asked, refusals shown, and the dialog stays open."""
        self.clear_problems()
        received = run_service(
            self,
            lambda confirmed: receive_goods(
                self.db,
                self.actor,
                self.order_id,
                self.inputs(),
                self.location.currentData(),
                self.supplier_invoice.text(),
                confirmed,
            ),
            title=self.windowTitle(),
            confirmed=self.confirmed,
            on_invalid=self.show_problems,
        )
        if received.ok:
            self.receipt_id = received.value
            super().accept()


def packaging_label_for(line: OrderLineView) -> str:
    return packaging_label(
        PackagingChoice(line.packaging_id, line.packaging, line.units_per_package), line.base_unit
    )
