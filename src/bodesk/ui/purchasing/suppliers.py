"""The suppliers list, and under it the products the selected supplier sells with their prices."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QDialog, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import DATA_IMPORT, is_allowed
from bodesk.domain.common.listing import ListRequest
from bodesk.domain.purchasing.permissions import SUPPLIERS_EDIT
from bodesk.domain.purchasing.queries import SupplierPricesQuery, SuppliersQuery
from bodesk.domain.purchasing.suppliers import (
    remove_supplier_price,
    set_supplier_active,
    supplier_data,
    supplier_price,
)
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.purchasing.supplier_dialogs import SupplierDialog, SupplierPriceDialog
from bodesk.ui.widgets import messages
from bodesk.ui.widgets.calls import run_service
from bodesk.ui.widgets.dialogs import open_dialog
from bodesk.ui.widgets.list_parts import empty_texts, quiet_find_shortcut
from bodesk.ui.widgets.list_view import ListView

SHOWN: dict[str, bool | None] = {"active": True, "archived": False, "all": None}


class SupplierPricesPanel(ListView):
    """What one supplier sells us: product, its code, packaging and price, preferred or not."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, SupplierPricesQuery(), "supplier-prices", parent)
        self.dialog: QDialog | None = None
        self.supplier_id: int | None = None
        self.supplier_name = ""
        may_edit = is_allowed(actor.role, SUPPLIERS_EDIT)
        self.add_price_button = self.add_button(_("Add price…"), "add", self.add_price, "Ctrl+Shift+N")
        self.edit_price_button = self.add_button(_("Edit price…"), "edit", self.edit_price)
        self.remove_price_button = self.add_button(_("Remove price"), "delete", self.remove_price)
        self.finish_toolbar()
        for button in (self.add_price_button, self.edit_price_button, self.remove_price_button):
            button.setVisible(may_edit)
        quiet_find_shortcut(self)
        self.set_empty_texts(
            _("Choose a supplier above to see the products it sells."),
            _("This supplier has no prices yet. Add what it sells with Add price… (Ctrl+Shift+N)."),
        )
        self.activated.connect(lambda _id: self.edit_price())
        self.selection_changed.connect(self.update_buttons)
        self.update_buttons()

    def show_supplier(self, supplier_id: int | None, name: str = "") -> None:
        self.supplier_id, self.supplier_name = supplier_id, name
        self.model.set_filter("supplier", supplier_id)
        self.update_buttons()

    def update_buttons(self) -> None:
        self.add_price_button.setEnabled(self.supplier_id is not None)
        for button in (self.edit_price_button, self.remove_price_button):
            button.setEnabled(self.selected_id() is not None)

    def refresh(self) -> None:
        super().refresh()
        self.update_buttons()

    def add_price(self) -> None:
        if self.supplier_id is not None:
            dialog = SupplierPriceDialog(self.db, self.actor, self.supplier_id, self.supplier_name, self)
            open_dialog(self, dialog)

    def edit_price(self) -> None:
        row_id = self.selected_id()
        if self.supplier_id is None or row_id is None:
            return
        current = run_service(self, lambda _confirmed: supplier_price(self.db, self.actor, row_id))
        if current.ok:
            dialog = SupplierPriceDialog(
                self.db, self.actor, self.supplier_id, self.supplier_name, self, current.value
            )
            open_dialog(self, dialog)

    def remove_price(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        question = _("{supplier} no longer sells {product}? Orders already made keep their prices.").format(
            supplier=self.supplier_name, product=self.value(row, "product")
        )
        if not messages.ask_confirmation(self, _("Remove price"), question):
            return
        run_service(self, lambda _confirmed: remove_supplier_price(self.db, self.actor, row.id))
        self.refresh()


class SuppliersView(ListView):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, SuppliersQuery(), "suppliers", parent)
        self.dialog: QDialog | None = None
        may_edit = is_allowed(actor.role, SUPPLIERS_EDIT)
        self.new_button = self.add_button(_("Add…"), "add", self.add_supplier, "Ctrl+N")
        self.edit_button = self.add_button(_("Edit…"), "edit", self.edit_supplier)
        self.archive_button = self.add_button(_("Archive"), "delete", self.toggle_active)
        self.import_button = self.add_button(_("Import suppliers…"), "open", self.import_suppliers)
        self.import_prices_button = self.add_button(_("Import prices…"), "open", self.import_prices)
        self.finish_toolbar()
        for button in (self.new_button, self.edit_button, self.archive_button):
            button.setVisible(may_edit)
        for button in (self.import_button, self.import_prices_button):
            button.setVisible(may_edit and is_allowed(actor.role, DATA_IMPORT))
        self.shown_filter = QComboBox(self)
        for label, key in ((_("Active"), "active"), (_("Archived"), "archived"), (_("All"), "all")):
            self.shown_filter.addItem(label, key)
        self.shown_filter.currentIndexChanged.connect(
            lambda _index: self.model.set_filter("active", SHOWN[self.shown_filter.currentData()])
        )
        self.add_filter(_("Show"), self.shown_filter)
        self.model.set_filter("active", True)
        empty_texts(
            self,
            {"active": True},
            _("There are no active suppliers. Add one with Add… (Ctrl+N), then the products it sells."),
            _("No supplier matches the search or the filter. Clear them to see every supplier."),
        )
        self.prices = SupplierPricesPanel(db, actor, self)
        self.set_detail(self.prices)
        self.activated.connect(lambda _id: self.edit_supplier())
        self.selection_changed.connect(self._selected)
        self._selected()

    def _selected(self) -> None:
        row = self.selected_row()
        self.prices.show_supplier(row.id if row else None, str(self.value(row, "name")) if row else "")
        self.update_buttons()

    def update_buttons(self) -> None:
        row = self.selected_row()
        self.edit_button.setEnabled(row is not None)
        self.archive_button.setEnabled(row is not None)
        active = bool(row is not None and self.value(row, "active"))
        self.archive_button.setText(_("Archive") if active or row is None else _("Restore"))

    def refresh(self) -> None:
        super().refresh()
        self._selected()

    def import_suppliers(self, path: Path | None = None) -> None:
        from bodesk.domain.purchasing.imports import SUPPLIER_FIELDS, import_suppliers
        from bodesk.ui.widgets.import_dialog import open_import

        db, actor = self.db, self.actor
        dialog = open_import(
            self,
            _("Import suppliers"),
            _(
                "Each row is a supplier: company name, CNPJ or CPF (required), contact, e-mail, phone, city, "
                "state, payment terms and lead time. A row whose CNPJ/CPF exists updates that supplier."
            ),
            SUPPLIER_FIELDS,
            lambda table, mapping, dry_run, good: import_suppliers(db, actor, table, mapping, dry_run, good),
            path,
        )
        if dialog is not None:
            dialog.imported.connect(self.refresh)
        self.dialog = dialog

    def import_prices(self, path: Path | None = None) -> None:
        from bodesk.domain.purchasing.imports import PRICE_FIELDS, import_supplier_prices
        from bodesk.ui.widgets.import_dialog import open_import

        db, actor = self.db, self.actor
        dialog = open_import(
            self,
            _("Import supplier prices"),
            _(
                "Each row gives a supplier's CNPJ/CPF, a product's SKU or barcode, the price of one package and, "
                "optionally, the packaging's name, the supplier's own code and whether it is the preferred one."
            ),
            PRICE_FIELDS,
            lambda table, mapping, dry_run, good: import_supplier_prices(
                db, actor, table, mapping, dry_run, good
            ),
            path,
        )
        if dialog is not None:
            dialog.imported.connect(self.refresh)
        self.dialog = dialog

    def add_supplier(self) -> None:
        dialog = SupplierDialog(self.db, self.actor, self)

        def select_new() -> None:
            if dialog.supplier_id is not None and not self.select_id(dialog.supplier_id):
                self.shown_filter.setCurrentIndex(self.shown_filter.findData("all"))
                self.select_id(dialog.supplier_id)

        open_dialog(self, dialog, select_new)

    def edit_supplier(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        data = run_service(self, lambda _confirmed: supplier_data(self.db, self.actor, row.id))
        if data.ok:
            open_dialog(self, SupplierDialog(self.db, self.actor, self, row.id, data.value))

    def toggle_active(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        active = not self.value(row, "active")
        done = run_service(
            self,
            lambda confirmed: set_supplier_active(self.db, self.actor, row.id, active, confirmed),
            title=_("Archive"),
        )
        if done.ok:
            self.refresh()

    def open_supplier(self, supplier_id: int) -> None:
        """Select `supplier_id` (clearing a search or filter that hides it)."""
        if not self.select_id(supplier_id):
            self.search.clear()
            self.shown_filter.setCurrentIndex(self.shown_filter.findData("all"))
            self.model.set_request(ListRequest())
            if not self.select_id(supplier_id):
                messages.show_warning(self, _("Suppliers"), _("That supplier no longer exists."))
