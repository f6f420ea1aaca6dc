"""Dialogs of the price tables: a new table, a product's price in a packaging (with its minimum), a
quantity break and a promotion. Each calls one service of `domain.sales.price_tables`; the rules are
the service's, shown under their fields."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QLineEdit, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.figures import parse_number, parse_optional_number
from bodesk.domain.sales.documents import SaleProduct, find_sellable
from bodesk.domain.sales.lookups import sales_choices
from bodesk.domain.sales.price_tables import add_break, add_price_table, add_promotion, set_price
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.sales.order_lines import sale_packaging_label
from bodesk.ui.widgets.date_filter import qdate
from bodesk.ui.widgets.forms import FormDialog
from bodesk.ui.widgets.type_ahead import TypeAhead

MAX_HITS = 12


def product_picker(db: Database, actor: Actor, parent: QWidget) -> TypeAhead[SaleProduct]:
    picker = TypeAhead[SaleProduct](
        lambda text: find_sellable(db, actor, text, MAX_HITS) if text else [],
        lambda hit: f"{hit.sku} – {hit.name}",
        lambda hit: f"{hit.sku} – {hit.name}",
        _("No active product matches “{text}”."),
        parent,
        choose_on_leave=True,
    )
    picker.setPlaceholderText(_("Name, SKU or barcode"))
    return picker


def day(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


class TableDialog(FormDialog):
    def __init__(self, db: Database, actor: Actor, parent: QWidget) -> None:
        super().__init__(parent, _("Add price table"), _("Add"))
        self.db, self.actor, self.table_id = db, actor, 0
        self.name = QLineEdit(self)
        self.form.add_field("name", _("Name"), self.name)
        self.segment = QComboBox(self)
        self.segment.addItem(_("None"), None)
        for choice in sales_choices(db, actor).segments:
            self.segment.addItem(choice.name, choice.id)
        self.form.add_field(
            "segment", _("Segment"), self.segment, _("The customers of the segment buy by it.")
        )
        self.default = QCheckBox(_("The table of customers without one"), self)
        self.form.add_field("is_default", _("Default"), self.default)
        self.form.focus_field("name")

    def can_confirm(self) -> bool:
        return bool(self.name.text().strip())

    def confirm(self) -> None:
        self.table_id = add_price_table(
            self.db, self.actor, self.name.text(), self.segment.currentData(), self.default.isChecked()
        )


class ProductScoped(FormDialog):
    """A dialog about one product of a table, chosen by type-ahead (with its packagings)."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget, title: str, ok_text: str) -> None:
        super().__init__(parent, title, ok_text)
        self.db, self.actor = db, actor
        self.product = product_picker(db, actor, self)
        self.product.chosen.connect(self._chosen)
        self.packaging = QComboBox(self)

    def _chosen(self, hit: SaleProduct) -> None:
        self.packaging.clear()
        for pack in hit.packagings:
            self.packaging.addItem(
                sale_packaging_label(pack.id, pack.name, pack.units, hit.base_unit), pack.id
            )
        self.packaging.setCurrentIndex(max(self.packaging.findData(hit.default_packaging_id), 0))
        self.refresh_buttons()


class PriceDialog(ProductScoped):
    def __init__(self, db: Database, actor: Actor, table_id: int, table: str, parent: QWidget) -> None:
        super().__init__(db, actor, parent, _("Set price"), _("Save"))
        self.table_id = table_id
        self.set_intro(_("The price of one package in the table {table}.").format(table=table))
        self.form.add_field("product", _("Product"), self.product)
        self.form.add_field("packaging", _("Packaging"), self.packaging)
        self.price = QLineEdit(self)
        self.form.add_field("price", _("Price"), self.price)
        self.minimum = QLineEdit(self)
        self.minimum.setPlaceholderText(_("None"))
        self.form.add_field(
            "min_price", _("Minimum"), self.minimum, _("Selling below it needs a manager's permission.")
        )
        self.form.focus_field("product")

    def can_confirm(self) -> bool:
        return self.product.choice is not None and bool(self.price.text().strip())

    def confirm(self) -> None:
        if self.product.choice is None:
            return
        set_price(
            self.db,
            self.actor,
            self.table_id,
            self.product.choice.product_id,
            self.packaging.currentData(),
            parse_number(self.price.text(), "price"),
            parse_optional_number(self.minimum.text(), "min_price"),
        )


class BreakDialog(ProductScoped):
    def __init__(self, db: Database, actor: Actor, table_id: int, table: str, parent: QWidget) -> None:
        super().__init__(db, actor, parent, _("Add quantity break"), _("Add"))
        self.table_id = table_id
        self.set_intro(_("A discount from a quantity on, in the table {table}.").format(table=table))
        self.product.setPlaceholderText(_("Any product (or type a name, SKU or barcode)"))
        self.form.add_field("product", _("Product"), self.product)
        self.every_table = QCheckBox(_("In every table"), self)
        self.form.add_field("table", _("Tables"), self.every_table)
        self.min_units = QLineEdit(self)
        self.form.add_field("min_units", _("From (units)"), self.min_units, _("In the product's base units."))
        self.discount = QLineEdit(self)
        self.form.add_field("discount", _("Discount %"), self.discount)
        self.label = QLineEdit(self)
        self.label.setPlaceholderText(_("From 10 cases"))
        self.form.add_field("label", _("How it is said"), self.label)
        self.form.focus_field("product")

    def can_confirm(self) -> bool:
        return bool(self.min_units.text().strip() and self.discount.text().strip())

    def confirm(self) -> None:
        add_break(
            self.db,
            self.actor,
            None if self.every_table.isChecked() else self.table_id,
            parse_number(self.min_units.text(), "min_units"),
            parse_number(self.discount.text(), "discount"),
            self.product.choice.product_id if self.product.choice else None,
            None,
            self.label.text(),
        )


class PromotionDialog(ProductScoped):
    def __init__(self, db: Database, actor: Actor, table_id: int, table: str, parent: QWidget) -> None:
        super().__init__(db, actor, parent, _("Add promotion"), _("Add"))
        self.table_id = table_id
        self.set_intro(_("A discount between two days, in the table {table}.").format(table=table))
        self.name = QLineEdit(self)
        self.form.add_field("name", _("Name"), self.name)
        self.product.setPlaceholderText(_("Any product (or type a name, SKU or barcode)"))
        self.form.add_field("product", _("Product"), self.product)
        self.every_table = QCheckBox(_("In every table"), self)
        self.form.add_field("table", _("Tables"), self.every_table)
        today = qdate(date.today())
        self.starts = QDateEdit(today, self)
        self.ends = QDateEdit(today.addMonths(1), self)
        for edit in (self.starts, self.ends):
            edit.setCalendarPopup(True)
            edit.setMinimumDate(QDate(2000, 1, 1))
        self.form.add_field("starts_on", _("From"), self.starts)
        self.form.add_field("ends_on", _("Until"), self.ends)
        self.discount = QLineEdit(self)
        self.form.add_field("discount", _("Discount %"), self.discount)
        self.form.focus_field("name")

    def can_confirm(self) -> bool:
        return bool(self.name.text().strip() and self.discount.text().strip())

    def confirm(self) -> None:
        add_promotion(
            self.db,
            self.actor,
            self.name.text(),
            day(self.starts),
            day(self.ends),
            parse_number(self.discount.text(), "discount"),
            None if self.every_table.isChecked() else self.table_id,
            self.product.choice.product_id if self.product.choice else None,
        )
