"""The product catalogue: search by name, SKU or barcode, filter, add and edit, archive and restore."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import DATA_IMPORT, is_allowed
from bodesk.domain.common.figures import optional_quantity_text
from bodesk.domain.common.listing import ListRequest
from bodesk.domain.stock.catalogue import set_product_active
from bodesk.domain.stock.lookups import brands, categories
from bodesk.domain.stock.permissions import CATALOGUE_EDIT
from bodesk.domain.stock.queries import ProductsQuery
from bodesk.i18n import N_, _
from bodesk.store.engine import Database
from bodesk.ui.stock.common import select_data, stock_view
from bodesk.ui.stock.product_dialog import ProductDialog
from bodesk.ui.widgets import messages
from bodesk.ui.widgets.calls import run_service
from bodesk.ui.widgets.dialogs import open_dialog
from bodesk.ui.widgets.list_view import ListView

STATUSES = (("active", N_("Active")), ("archived", N_("Archived")), ("all", N_("All")))


class ProductsView(ListView):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, ProductsQuery(), "stock_products", parent)
        self.dialog: QDialog | None = None
        self.may_edit = is_allowed(actor.role, CATALOGUE_EDIT)
        self.new_button = self.add_button(_("New…"), "add", self.new_product, "Ctrl+N")
        self.edit_button = self.add_button(_("Edit…"), "edit", self.edit_product)
        self.edit_button.setToolTip(_("Edit the selected product (Enter or double click)"))
        self.archive_button = self.add_button(_("Archive"), "delete", self.toggle_archived, "Ctrl+Shift+A")
        self.stock_button = self.add_button(_("Stock"), "database", self.show_stock)
        self.stock_button.setToolTip(_("Where the selected product is, in Stock on hand"))
        self.moves_button = self.add_button(_("Moves"), "audit", self.show_moves)
        self.moves_button.setToolTip(_("The selected product's moves"))
        self.import_button = self.add_button(_("Import…"), "open", self.import_products)
        self.import_button.setToolTip(_("Add or update products from a CSV or XLSX spreadsheet"))
        self.finish_toolbar()
        for button in (self.new_button, self.edit_button, self.archive_button):
            button.setVisible(self.may_edit)
        self.import_button.setVisible(self.may_edit and is_allowed(actor.role, DATA_IMPORT))
        self._build_filters()
        for key in ("min_stock", "max_stock"):
            self.model.set_formatter(key, optional_quantity_text)
        self.set_empty_texts(
            _("No products yet. Press Ctrl+N to add one, or import a spreadsheet.")
            if self.may_edit
            else _("No products yet. Someone who edits the catalogue adds them."),
            _("No product matches the search or the filters. Clear them to see every product."),
        )
        self.activated.connect(
            lambda _product_id: self.edit_product() if self.may_edit else self.show_stock()
        )
        self.selection_changed.connect(self.update_buttons)
        self.update_buttons()

    def _build_filters(self) -> None:
        self.status_filter = QComboBox(self)
        for value, label in STATUSES:
            self.status_filter.addItem(_(label), value)
        self.status_filter.currentIndexChanged.connect(
            lambda _index: self.model.set_filter("status", self.status_filter.currentData())
        )
        self.add_filter(_("Show"), self.status_filter)
        self.category_filter = QComboBox(self)
        self.category_filter.currentIndexChanged.connect(
            lambda _index: self.model.set_filter("category_id", self.category_filter.currentData() or None)
        )
        self.add_filter(_("Category"), self.category_filter)
        self.brand_filter = QComboBox(self)
        self.brand_filter.setMinimumContentsLength(12)
        self.brand_filter.currentIndexChanged.connect(
            lambda _index: self.model.set_filter("brand", self.brand_filter.currentData() or None)
        )
        self.add_filter(_("Brand"), self.brand_filter)
        self.below_minimum = QCheckBox(_("Below minimum"), self)
        self.below_minimum.toggled.connect(
            lambda on: self.model.set_filter("below_minimum", True if on else None)
        )
        self.add_filter_widget(self.below_minimum)
        self.reload_choices()

    def reload_choices(self) -> None:
        """Categories and brands as they are now (a new product may have added one)."""
        for combo, items in (
            (self.category_filter, [(choice.name, choice.id) for choice in categories(self.db, self.actor)]),
            (self.brand_filter, [(brand, brand) for brand in brands(self.db, self.actor)]),
        ):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_("All"), "")
            for label, data in items:
                combo.addItem(label, data)
            select_data(combo, chosen)
            combo.blockSignals(False)

    def update_buttons(self) -> None:
        row = self.selected_row()
        self.edit_button.setEnabled(row is not None)
        self.stock_button.setEnabled(row is not None)
        self.moves_button.setEnabled(row is not None)
        active = row is None or bool(self.value(row, "active"))
        self.archive_button.setText(_("Archive") if active else _("Restore"))
        self.archive_button.setEnabled(row is not None)

    def refresh(self) -> None:
        self.reload_choices()
        super().refresh()
        self.update_buttons()

    def new_product(self) -> None:
        if not self.may_edit:
            return
        dialog = ProductDialog(self.db, self.actor, self)

        def select_new() -> None:
            if dialog.product_id is not None and not self.select_id(dialog.product_id):
                self.show_all()
                self.select_id(dialog.product_id)

        open_dialog(self, dialog, select_new)

    def edit_product(self) -> None:
        row = self.selected_row()
        if row is not None and self.may_edit:
            open_dialog(self, ProductDialog(self.db, self.actor, self, product_id=row.id))

    def toggle_archived(self) -> None:
        """Archive the selected product (asking first when it still has stock), or restore it."""
        row = self.selected_row()
        if row is None:
            return
        active = not bool(self.value(row, "active"))
        done = run_service(
            self,
            lambda confirmed: set_product_active(self.db, self.actor, row.id, active, confirmed),
            title=_("Archive"),
        )
        if done.ok:
            self.refresh()

    def show_all(self) -> None:
        """Clear the search and filters (to find a product they hide)."""
        for combo in (self.status_filter, self.category_filter, self.brand_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.below_minimum.blockSignals(True)
        self.below_minimum.setChecked(False)
        self.below_minimum.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.model.set_request(ListRequest(filters={"status": "all"}))

    def open_product(self, product_id: int) -> None:
        """Select `product_id` (clearing the search and filters if they hide it) and open it."""
        if not self.select_id(product_id):
            self.show_all()
            self.status_filter.blockSignals(True)
            select_data(self.status_filter, "all")
            self.status_filter.blockSignals(False)
            if not self.select_id(product_id):
                messages.show_warning(self, _("Products"), _("That product no longer exists."))
                return
        if self.may_edit:
            self.edit_product()

    def import_products(self, path: Path | None = None) -> None:
        """Products from a spreadsheet: a row whose SKU exists updates it, any other row adds one."""
        from bodesk.domain.stock.imports import import_products, product_import_fields
        from bodesk.ui.widgets.import_dialog import open_import

        db, actor = self.db, self.actor
        dialog = open_import(
            self,
            _("Import products"),
            _(
                "Each row is a product: its SKU (required), name, barcode, brand, category, unit, prices, "
                "minimum and maximum, and optionally one packaging. A row whose SKU exists updates that "
                "product's mapped columns only; any other row adds a product."
            ),
            product_import_fields(),
            lambda table, mapping, dry_run, good: import_products(db, actor, table, mapping, dry_run, good),
            path,
        )
        if dialog is not None:
            dialog.imported.connect(self.refresh)
        self.dialog = dialog

    def show_stock(self) -> None:
        row = self.selected_row()
        view = stock_view(self, "on_hand") if row is not None else None
        if row is not None and view is not None:
            view.show_product(row.id, f"{self.value(row, 'sku')} {self.value(row, 'name')}")  # type: ignore[attr-defined]

    def show_moves(self) -> None:
        row = self.selected_row()
        view = stock_view(self, "moves") if row is not None else None
        if row is not None and view is not None:
            view.show_product(row.id, f"{self.value(row, 'sku')} {self.value(row, 'name')}")  # type: ignore[attr-defined]
