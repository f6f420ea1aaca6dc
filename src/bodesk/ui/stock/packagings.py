"""A product's packagings inside the product dialog: a small table with Add… and Remove.

For a product not saved yet the packagings wait in `pending` and are created with it; for an existing
product each one is added or removed at once, by the catalogue's own services.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import ValidationError, Validator
from bodesk.domain.common.figures import parse_number, quantity_text
from bodesk.domain.stock.catalogue import add_packaging, remove_packaging, validate_gtin
from bodesk.domain.stock.lookups import packagings
from bodesk.domain.stock.new_product import PackagingData
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.widgets import messages
from bodesk.ui.widgets.calls import run_service
from bodesk.ui.widgets.forms import FormDialog
from bodesk.ui.widgets.icons import icon

ZERO = Decimal(0)


class PackagingDialog(FormDialog):
    """One packaging: added at once to an existing product, or kept as `data` for a new one."""

    def __init__(
        self, db: Database, actor: Actor, product_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, _("Add packaging"), _("Add"))
        self.db, self.actor, self.product_id = db, actor, product_id
        self.data: PackagingData | None = None
        self.name = QLineEdit(self)
        self.name.setMaxLength(40)
        self.name.setPlaceholderText(_("Caixa 12"))
        self.form.add_field("name", _("Name"), self.name)
        self.units = QLineEdit(self)
        self.form.add_field("units", _("Units in it"), self.units, _("How many base units one holds."))
        self.gtin = QLineEdit(self)
        self.gtin.setMaxLength(14)
        self.form.add_field("gtin", _("Barcode (GTIN/DUN)"), self.gtin, _("Optional."))
        self.for_purchase = QCheckBox(_("Bought in it"), self)
        self.for_purchase.setChecked(True)
        self.form.add_field("for_purchase", _("Purchases"), self.for_purchase)
        self.for_sale = QCheckBox(_("Sold in it"), self)
        self.for_sale.setChecked(True)
        self.form.add_field("for_sale", _("Sales"), self.for_sale)
        self.form.focus_field("name")

    def can_confirm(self) -> bool:
        return bool(self.name.text().strip() and self.units.text().strip())

    def confirm(self) -> None:
        check = Validator()
        units = ZERO
        try:
            units = parse_number(self.units.text(), "units")
        except ValidationError as exc:
            check.errors.extend(exc.errors)
        if self.product_id is None:
            check.check(units > ZERO, "units", _("A packaging holds more than zero units."))
            try:
                validate_gtin(self.gtin.text())
            except ValidationError as exc:
                check.errors.extend(exc.errors)
        check.raise_if_any()
        data = PackagingData(
            self.name.text(),
            units,
            self.gtin.text(),
            self.for_purchase.isChecked(),
            self.for_sale.isChecked(),
        )
        if self.product_id is not None:
            add_packaging(
                self.db,
                self.actor,
                self.product_id,
                data.name,
                data.units,
                data.gtin,
                data.for_purchase,
                data.for_sale,
            )
        self.data = data


class PackagingsBox(QWidget):
    """The packagings table and its buttons, for the product dialog's "packagings" field."""

    def __init__(
        self, db: Database, actor: Actor, product_id: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db, self.actor, self.product_id = db, actor, product_id
        self.pending: list[PackagingData] = []
        self.ids: list[int] = []
        self.dialog: QDialog | None = None
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([_("Name"), _("Units"), _("Barcode"), _("Use")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setMinimumHeight(self.fontMetrics().height() * 7)
        self.add_button = QPushButton(icon("add"), _("Add…"), self)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton(icon("delete"), _("Remove"), self)
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.reload()

    def rows(self) -> list[PackagingData]:
        """What the table shows."""
        if self.product_id is None:
            return list(self.pending)
        found = packagings(self.db, self.actor, self.product_id)
        self.ids = [row.id for row in found]
        return [PackagingData(row.name, row.units, row.gtin, row.for_purchase, row.for_sale) for row in found]

    def reload(self) -> None:
        shown = self.rows()
        self.table.setRowCount(len(shown))
        for number, row in enumerate(shown):
            uses = [_("buy")] * row.for_purchase + [_("sell")] * row.for_sale
            for column, text in enumerate((row.name, quantity_text(row.units), row.gtin, ", ".join(uses))):
                self.table.setItem(number, column, QTableWidgetItem(text))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def add(self) -> None:
        dialog = PackagingDialog(self.db, self.actor, self.product_id, self)
        self.dialog = dialog

        def accepted() -> None:
            if self.product_id is None and dialog.data is not None:
                self.pending.append(dialog.data)
            self.reload()

        dialog.accepted.connect(accepted)
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        dialog.open()

    def remove(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        index = rows[0].row()
        if self.product_id is None:
            del self.pending[index]
        else:
            item = self.table.item(index, 0)
            name = item.text() if item is not None else ""
            question = _("Remove the packaging “{name}” now?").format(name=name)
            if not messages.ask_confirmation(self, _("Remove packaging"), question):
                return
            run_service(self, lambda _confirmed: remove_packaging(self.db, self.actor, self.ids[index]))
        self.reload()
