"""Dialogs for one supplier: its details, and the price of one product it sells us.

Each calls one service of bodesk.domain.purchasing.suppliers in `confirm()`; the rules (a valid and
unused CNPJ/CPF, an e-mail address, a price above zero, one preferred supplier) are the service's,
shown inline under the fields.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QSpinBox, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.figures import packaging_text, parse_number, price_text
from bodesk.domain.common.taxid import format_tax_id
from bodesk.domain.company.services import BRAZILIAN_STATES
from bodesk.domain.purchasing.documents import PackagingChoice, ProductChoice, product_choice
from bodesk.domain.purchasing.suppliers import (
    MAX_DAYS,
    SupplierData,
    SupplierPrice,
    create_supplier,
    set_supplier_price,
    update_supplier,
)
from bodesk.i18n import NP_, _
from bodesk.store.engine import Database
from bodesk.ui.purchasing.product_picker import ProductPicker
from bodesk.ui.widgets.forms import FormDialog, count_words


def days_box(parent: QWidget, value: int) -> QSpinBox:
    box = QSpinBox(parent)
    box.setRange(0, MAX_DAYS)
    box.setValue(value)
    return count_words(box, NP_("{n} day", "{n} days"))


class SupplierDialog(FormDialog):
    """Add a supplier or, with `supplier_id`, change its details."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        parent: QWidget | None = None,
        supplier_id: int | None = None,
        data: SupplierData | None = None,
    ) -> None:
        adding = supplier_id is None
        super().__init__(
            parent, _("Add supplier") if adding else _("Edit supplier"), _("Add") if adding else _("Save")
        )
        self.db, self.actor, self.supplier_id = db, actor, supplier_id
        data = data or SupplierData(name="", tax_id="")
        form = self.form
        self.name = QLineEdit(data.name, self)
        form.add_field("name", _("Company name"), self.name)
        self.trade_name = QLineEdit(data.trade_name, self)
        form.add_field("trade_name", _("Trade name"), self.trade_name)
        self.tax_id = QLineEdit(format_tax_id(data.tax_id), self)
        form.add_field("tax_id", _("CNPJ or CPF"), self.tax_id, _("With or without dots and dashes."))
        self.contact_name = QLineEdit(data.contact_name, self)
        form.add_field("contact_name", _("Contact"), self.contact_name)
        self.email = QLineEdit(data.email, self)
        form.add_field("email", _("E-mail"), self.email)
        self.phone = QLineEdit(data.phone, self)
        form.add_field("phone", _("Phone"), self.phone)
        self.city = QLineEdit(data.city, self)
        form.add_field("city", _("City"), self.city)
        self.state = QComboBox(self)
        self.state.addItem("", "")
        for state in BRAZILIAN_STATES:
            self.state.addItem(state, state)
        self.state.setCurrentIndex(max(self.state.findData(data.state), 0))
        form.add_field("state", _("State"), self.state)
        self.payment_terms_days = days_box(self, data.payment_terms_days)
        form.add_field(
            "payment_terms_days", _("Payment terms"), self.payment_terms_days, _("Days to pay a bill.")
        )
        self.lead_time_days = days_box(self, data.lead_time_days)
        form.add_field(
            "lead_time_days",
            _("Lead time"),
            self.lead_time_days,
            _("Days from the order to the delivery; sets an order's expected date."),
        )
        self.notes = QLineEdit(data.notes, self)
        form.add_field("notes", _("Notes"), self.notes)
        form.focus_field("name")

    def can_confirm(self) -> bool:
        return bool(self.name.text().strip() and self.tax_id.text().strip())

    def data(self) -> SupplierData:
        return SupplierData(
            name=self.name.text(),
            tax_id=self.tax_id.text(),
            trade_name=self.trade_name.text(),
            contact_name=self.contact_name.text(),
            email=self.email.text(),
            phone=self.phone.text(),
            city=self.city.text(),
            state=str(self.state.currentData() or ""),
            payment_terms_days=self.payment_terms_days.value(),
            lead_time_days=self.lead_time_days.value(),
            notes=self.notes.text(),
        )

    def confirm(self) -> None:
        if self.supplier_id is None:
            self.supplier_id = create_supplier(self.db, self.actor, self.data())
        else:
            update_supplier(self.db, self.actor, self.supplier_id, self.data())


def packaging_label(choice: PackagingChoice, base_unit: str) -> str:
    if choice.id is None:
        return _("Unit ({unit})").format(unit=base_unit)
    return packaging_text(choice.name, choice.units, base_unit)


class SupplierPriceDialog(FormDialog):
    """What the supplier charges for a product: add one (choose the product) or change one."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        supplier_id: int,
        supplier_name: str,
        parent: QWidget | None = None,
        current: SupplierPrice | None = None,
    ) -> None:
        super().__init__(parent, _("Supplier price"), _("Save"))
        self.db, self.actor, self.supplier_id = db, actor, supplier_id
        self.set_intro(_("What {supplier} charges for one package.").format(supplier=supplier_name))
        self.product = ProductPicker(db, actor, supplier_id, self)
        self.packaging = QComboBox(self)
        self.price = QLineEdit(self)
        self.supplier_sku = QLineEdit(self)
        self.supplier_sku.setMaxLength(40)
        self.preferred = QCheckBox(_("Buy this product from this supplier first"), self)
        if current is None:
            self.form.add_field("product", _("Product"), self.product)
            self.product.chosen.connect(self._product_chosen)
        else:
            self.product.hide()
            self.form.add_row(_("Product"), QLabel(f"{current.sku} – {current.product}", self))
        self.form.add_field("packaging", _("Packaging"), self.packaging)
        self.form.add_field("package_price", _("Price per package"), self.price)
        self.form.add_field("supplier_sku", _("Supplier's code"), self.supplier_sku)
        self.form.add_field("preferred", _("Preferred"), self.preferred)
        self.choice: ProductChoice | None = None
        if current is not None:
            self.choice = product_choice(db, actor, supplier_id, current.product_id)
            self._fill_packagings(current.packaging_id)
            self.price.setText(price_text(current.package_price))
            self.supplier_sku.setText(current.supplier_sku)
            self.preferred.setChecked(current.preferred)
            self.form.focus_field("package_price")
        else:
            self.form.focus_field("product")

    def _product_chosen(self, choice: ProductChoice) -> None:
        self.choice = choice
        self._fill_packagings(choice.default_packaging_id)
        self.refresh_buttons()

    def _fill_packagings(self, selected: int | None) -> None:
        self.packaging.clear()
        if self.choice is None:
            return
        for pack in self.choice.packagings:
            self.packaging.addItem(packaging_label(pack, self.choice.base_unit), pack.id)
        self.packaging.setCurrentIndex(max(self.packaging.findData(selected), 0))

    def can_confirm(self) -> bool:
        return self.choice is not None and bool(self.price.text().strip())

    def confirm(self) -> None:
        if self.choice is None:
            return
        price = parse_number(self.price.text(), "package_price")
        set_supplier_price(
            self.db,
            self.actor,
            self.supplier_id,
            self.choice.product_id,
            self.packaging.currentData(),
            price,
            self.supplier_sku.text(),
            self.preferred.isChecked(),
        )
