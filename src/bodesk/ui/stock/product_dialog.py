"""Add or edit a product: what it is on the left, how it is stocked and sold on the right, and its
packagings (a case of 12, a pack of 6) underneath.

A new product and the packagings typed for it are saved together when the dialog is accepted. For an
existing product, each packaging is added or removed at once by its own small dialog (see
`packagings.py`), while the product's fields are saved with OK. The barcode's check digit is checked
as soon as the field is left; every other rule is the catalogue's, shown under its field.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import FieldError, ValidationError
from bodesk.domain.common.figures import input_text, parse_optional_number, price_text
from bodesk.domain.common.money import MONEY_PLACES
from bodesk.domain.stock.catalogue import ProductData, product_data, update_product, validate_gtin
from bodesk.domain.stock.lookups import brands, categories, units
from bodesk.domain.stock.new_product import PACKAGINGS_FIELD, create_product
from bodesk.i18n import NP_, _
from bodesk.store.engine import Database
from bodesk.ui.stock.packagings import PackagingsBox
from bodesk.ui.widgets import messages
from bodesk.ui.widgets.forms import ENTER_KEYS, FormDialog, FormPage, count_words

ZERO = Decimal(0)
MAX_SHELF_LIFE = 3650


class ProductDialog(FormDialog):
    """With `product_id` None, a new product; otherwise that product, to edit."""

    def __init__(
        self, db: Database, actor: Actor, parent: QWidget | None = None, product_id: int | None = None
    ) -> None:
        adding = product_id is None
        super().__init__(
            parent, _("New product") if adding else _("Edit product"), _("Add") if adding else _("Save")
        )
        self.db, self.actor, self.product_id = db, actor, product_id
        data = product_data(db, actor, product_id) if product_id is not None else ProductData(sku="", name="")
        self.version = data.version  # what another desk's save since then refuses (ChangedElsewhere)
        self.more = FormPage(self)
        self._build_identity(data)
        self._build_stocking(data, adding)
        self.packagings = PackagingsBox(db, actor, product_id, self)
        self.more.add_field(PACKAGINGS_FIELD, _("Packagings"), self.packagings)
        self._lay_out_columns()
        self.setMinimumWidth(880)
        self.form.focus_field("sku" if adding else "name")

    # --- building ------------------------------------------------------------------------------

    def _build_identity(self, data: ProductData) -> None:
        form = self.form
        self.sku = QLineEdit(data.sku, self)
        self.sku.setMaxLength(40)
        form.add_field("sku", _("SKU"), self.sku, _("Your code: letters, digits, . _ / -"))
        self.name = QLineEdit(data.name, self)
        self.name.setMaxLength(200)
        form.add_field("name", _("Name"), self.name)
        self.gtin = QLineEdit(data.gtin, self)
        self.gtin.setMaxLength(14)
        form.add_field("gtin", _("Barcode (GTIN/EAN)"), self.gtin, _("8, 12, 13 or 14 digits; optional."))
        self.gtin.installEventFilter(self)  # after the form's: Enter checks, then the form moves on
        self.brand = QLineEdit(data.brand, self)
        self.brand.setCompleter(QCompleter(brands(self.db, self.actor), self.brand))
        form.add_field("brand", _("Brand"), self.brand)
        self.category = QComboBox(self)
        self.category.setEditable(True)
        self.category.addItems([choice.name for choice in categories(self.db, self.actor)])
        self.category.setCurrentText(data.category)
        editor = self.category.lineEdit()
        if editor is not None:
            editor.setPlaceholderText(_("Choose or type a new one"))
        form.add_field("category", _("Category"), self.category)
        self.unit = QComboBox(self)
        self.unit.addItems(list(units()))
        self.unit.setCurrentText(data.base_unit)
        form.add_field("base_unit", _("Base unit"), self.unit, _("Stock is kept in this unit."))
        self.ncm = QLineEdit(data.ncm, self)
        self.ncm.setMaxLength(10)
        self.ncm.setPlaceholderText("2202.10.00")
        form.add_field("ncm", _("NCM code"), self.ncm)
        self.returnable = QCheckBox(_("Returnable container (a crate, a bottle)"), self)
        self.returnable.setChecked(data.returnable)
        form.add_field("returnable", _("Container"), self.returnable)

    def _build_stocking(self, data: ProductData, adding: bool) -> None:
        more = self.more
        self.cost = QLineEdit(input_text(data.cost) if adding else "", self)
        if adding:
            more.add_field(
                "cost", _("Starting cost"), self.cost, _("Per base unit; receipts then average it.")
            )
        else:
            self.cost.hide()
            if data.cost is not None:  # None for those who may not see costs
                shown = QLabel(price_text(data.cost), self)
                shown.setToolTip(_("The moving average of what was paid; receipts change it."))
                more.add_row(_("Average cost"), shown)
        self.sale_price = QLineEdit(
            input_text(data.sale_price, MONEY_PLACES) if data.sale_price else "", self
        )
        more.add_field("sale_price", _("Sale price"), self.sale_price, _("Per base unit."))
        self.min_stock = QLineEdit(input_text(data.min_stock) if data.min_stock else "", self)
        more.add_field("min_stock", _("Minimum stock"), self.min_stock)
        self.max_stock = QLineEdit(input_text(data.max_stock) if data.max_stock else "", self)
        more.add_field("max_stock", _("Maximum stock"), self.max_stock, _("Empty: no maximum."))
        self.lot_tracked = QCheckBox(_("Tracked by lot"), self)
        self.lot_tracked.setChecked(data.lot_tracked)
        more.add_field("lot_tracked", _("Lots"), self.lot_tracked)
        self.shelf_life = QSpinBox(self)
        self.shelf_life.setRange(0, MAX_SHELF_LIFE)
        self.shelf_life.setSpecialValueText(_("None"))
        self.shelf_life.setValue(data.shelf_life_days or 0)
        count_words(self.shelf_life, NP_("{n} day", "{n} days"))
        more.add_field("shelf_life_days", _("Shelf life"), self.shelf_life, _("Suggests each lot's expiry."))

    def _lay_out_columns(self) -> None:
        """The two field pages side by side; Enter past the left one goes on to the right one."""
        layout = self.layout()
        if not isinstance(layout, QVBoxLayout):
            return
        index = layout.indexOf(self.form)
        layout.removeWidget(self.form)
        row = QHBoxLayout()
        row.setSpacing(24)
        row.addWidget(self.form, 1, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.more, 1, Qt.AlignmentFlag.AlignTop)
        layout.insertLayout(index, row)
        self.form.submitted.disconnect(self.ok_button.setFocus)
        self.form.submitted.connect(self.more.focus_first)
        self.more.submitted.connect(self.ok_button.setFocus)
        self.more.changed.connect(self.refresh_buttons)

    # --- behaviour -----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.gtin and (
            event.type() == QEvent.Type.FocusOut
            or (
                isinstance(event, QKeyEvent)
                and event.type() == QEvent.Type.KeyPress
                and event.key() in ENTER_KEYS
            )
        ):
            self.check_gtin()
        return super().eventFilter(watched, event)

    def check_gtin(self) -> None:
        """Say at once, under the field, when a barcode's check digit is wrong."""
        try:
            validate_gtin(self.gtin.text())
        except ValidationError as exc:
            self.form.set_error("gtin", exc.for_field("gtin") or exc.message)

    def can_confirm(self) -> bool:
        return bool(self.sku.text().strip() and self.name.text().strip())

    def data(self) -> ProductData:
        """The typed fields; a number that cannot be read is a ValidationError for its field."""
        problems: list[FieldError] = []
        numbers: dict[str, Decimal | None] = {}
        for field, edit in (
            ("cost", self.cost),
            ("sale_price", self.sale_price),
            ("min_stock", self.min_stock),
            ("max_stock", self.max_stock),
        ):
            try:
                numbers[field] = parse_optional_number(edit.text(), field)
            except ValidationError as exc:
                problems.extend(exc.errors)
        if problems:
            raise ValidationError(problems)
        return ProductData(
            sku=self.sku.text(),
            name=self.name.text(),
            gtin=self.gtin.text(),
            brand=self.brand.text(),
            category=self.category.currentText(),
            base_unit=self.unit.currentText(),
            ncm=self.ncm.text(),
            sale_price=numbers["sale_price"] or ZERO,
            min_stock=numbers["min_stock"] or ZERO,
            max_stock=numbers["max_stock"] or ZERO,
            lot_tracked=self.lot_tracked.isChecked(),
            shelf_life_days=self.shelf_life.value() or None,
            returnable=self.returnable.isChecked(),
            cost=numbers["cost"] if self.product_id is None else None,
            version=self.version,
        )

    def confirm(self) -> None:
        data = self.data()
        if self.product_id is None:
            self.product_id = create_product(self.db, self.actor, data, self.packagings.pending)
        else:
            update_product(self.db, self.actor, self.product_id, data)

    def accept(self) -> None:
        self.more.clear_errors()
        super().accept()

    def show_invalid(self, error: ValidationError) -> None:
        """The errors shared between the two field pages; those neither page shows in a box."""
        left = [item for item in error.errors if self.form.shows_field(item.field)]
        right = [item for item in error.errors if self.more.shows_field(item.field)]
        if right:
            self.more.show_errors(ValidationError(right))
        if left:
            self.form.show_errors(ValidationError(left))
        rest = [item for item in error.errors if item not in left and item not in right]
        if rest:
            messages.show_error(self, ValidationError(rest))
