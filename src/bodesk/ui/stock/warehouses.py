"""Warehouses and their bins: add a warehouse, rename it, add bins, close an empty bin, open it again."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QLineEdit, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import is_allowed
from bodesk.domain.stock.permissions import WAREHOUSES_EDIT
from bodesk.domain.stock.queries import BinsQuery, WarehousesQuery
from bodesk.domain.stock.warehouses import add_bin, create_warehouse, rename_warehouse, set_bin_active
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.widgets.calls import run_service
from bodesk.ui.widgets.dialogs import open_dialog
from bodesk.ui.widgets.forms import FormDialog
from bodesk.ui.widgets.list_view import ListView


class WarehouseDialog(FormDialog):
    """A new warehouse (code, name, address) or, with `warehouse_id`, its name and address."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        parent: QWidget | None = None,
        warehouse_id: int | None = None,
        name: str = "",
        address: str = "",
    ) -> None:
        adding = warehouse_id is None
        super().__init__(
            parent, _("New warehouse") if adding else _("Edit warehouse"), _("Add") if adding else _("Save")
        )
        self.db, self.actor, self.warehouse_id = db, actor, warehouse_id
        self.code = QLineEdit(self)
        self.code.setMaxLength(10)
        if adding:
            self.form.add_field("code", _("Code"), self.code, _("Up to 10 letters, digits or dashes: CD1."))
        else:
            self.code.hide()
        self.name = QLineEdit(name, self)
        self.name.setMaxLength(100)
        self.form.add_field("name", _("Name"), self.name)
        self.address = QLineEdit(address, self)
        self.address.setMaxLength(200)
        self.form.add_field("address", _("Address"), self.address)
        self.form.focus_field("code" if adding else "name")

    def can_confirm(self) -> bool:
        return bool(self.name.text().strip() and (self.warehouse_id is not None or self.code.text().strip()))

    def confirm(self) -> None:
        if self.warehouse_id is None:
            self.warehouse_id = create_warehouse(
                self.db, self.actor, self.code.text(), self.name.text(), self.address.text()
            )
        else:
            rename_warehouse(self.db, self.actor, self.warehouse_id, self.name.text(), self.address.text())


class BinDialog(FormDialog):
    def __init__(
        self, db: Database, actor: Actor, warehouse_id: int, warehouse: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, _("New bin"), _("Add"))
        self.db, self.actor, self.warehouse_id = db, actor, warehouse_id
        self.bin_id: int | None = None
        self.set_intro(_("A bin in {warehouse}.").format(warehouse=warehouse))
        self.code = QLineEdit(self)
        self.code.setMaxLength(30)
        self.form.add_field("code", _("Code"), self.code, _("Aisle, shelf and level: A-01.2"))
        self.name = QLineEdit(self)
        self.name.setMaxLength(100)
        self.form.add_field("name", _("Name"), self.name, _("Optional."))
        self.form.focus_field("code")

    def can_confirm(self) -> bool:
        return bool(self.code.text().strip())

    def confirm(self) -> None:
        self.bin_id = add_bin(self.db, self.actor, self.warehouse_id, self.code.text(), self.name.text())


class BinsPanel(ListView):
    """The bins of the warehouse selected above."""

    def __init__(self, db: Database, actor: Actor, may_edit: bool, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, BinsQuery(), "stock_bins", parent)
        self.dialog: QDialog | None = None
        self.warehouse_id: int | None = None
        self.warehouse = ""
        self.add_bin_button = self.add_button(_("Add bin…"), "add", self.add_bin, "Ctrl+Shift+N")
        self.close_button = self.add_button(_("Close bin"), "lock", lambda: self.set_open(False))
        self.open_button = self.add_button(_("Open bin"), "unlock", lambda: self.set_open(True))
        self.finish_toolbar()
        for button in (self.add_bin_button, self.close_button, self.open_button):
            button.setVisible(may_edit)
        self.search.setPlaceholderText(_("Search bins"))
        for shortcut in self.findChildren(QShortcut):  # Ctrl+F belongs to the warehouses list above
            if shortcut.key() == QKeySequence(QKeySequence.StandardKey.Find):
                shortcut.setEnabled(False)
        self.selection_changed.connect(self.update_buttons)
        self.model.request_changed.connect(self._update_empty)
        self._update_empty()

    def show_warehouse(self, warehouse_id: int | None, label: str) -> None:
        self.warehouse_id, self.warehouse = warehouse_id, label
        self.model.set_filter("warehouse_id", warehouse_id)
        self._update_empty()
        self.update_buttons()

    def _update_empty(self) -> None:
        if not self.warehouse_id:
            text = _("Choose a warehouse above to see its bins.")
        else:
            text = _(
                "{warehouse} has no bins: its stock is kept in one place. Add bins with Add bin…."
            ).format(warehouse=self.warehouse)
        searched = _("No bin matches the search. Clear it to see every bin of {warehouse}.").format(
            warehouse=self.warehouse
        )
        self.set_empty_texts(text, searched if self.model.request.search else text)

    def update_buttons(self) -> None:
        row = self.selected_row()
        is_open = row is not None and bool(self.value(row, "active"))
        self.add_bin_button.setEnabled(self.warehouse_id is not None)
        self.close_button.setEnabled(is_open)
        self.open_button.setEnabled(row is not None and not is_open)

    def refresh(self) -> None:
        super().refresh()
        self.update_buttons()

    def add_bin(self) -> None:
        if self.warehouse_id is None or not self.add_bin_button.isVisible():
            return
        dialog = BinDialog(self.db, self.actor, self.warehouse_id, self.warehouse, self)

        def select_new() -> None:
            if dialog.bin_id is not None:
                self.select_id(dialog.bin_id)

        open_dialog(self, dialog, select_new)

    def set_open(self, active: bool) -> None:
        row = self.selected_row()
        if row is None:
            return
        if run_service(self, lambda _confirmed: set_bin_active(self.db, self.actor, row.id, active)).ok:
            self.refresh()


class WarehousesView(ListView):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, WarehousesQuery(), "stock_warehouses", parent)
        self.dialog: QDialog | None = None
        may_edit = is_allowed(actor.role, WAREHOUSES_EDIT)
        self.new_button = self.add_button(_("New warehouse…"), "add", self.new_warehouse, "Ctrl+N")
        self.edit_button = self.add_button(_("Edit…"), "edit", self.edit_warehouse)
        self.finish_toolbar()
        self.new_button.setVisible(may_edit)
        self.edit_button.setVisible(may_edit)
        self.bins = BinsPanel(db, actor, may_edit, self)
        self.set_detail(self.bins)
        self.set_empty_texts(
            _("No warehouses yet. Press Ctrl+N to add the first one; bins come after.")
            if may_edit
            else _("No warehouses yet.")
        )
        self.selection_changed.connect(self._selected)
        self.activated.connect(lambda _warehouse_id: self.edit_warehouse())
        self._selected()

    def _selected(self) -> None:
        row = self.selected_row()
        self.edit_button.setEnabled(row is not None)
        label = f"{self.value(row, 'code')} – {self.value(row, 'name')}" if row is not None else ""
        if (row.id if row is not None else None) != self.bins.warehouse_id:
            self.bins.show_warehouse(row.id if row is not None else None, label)

    def refresh(self) -> None:
        super().refresh()
        self.bins.refresh()
        self._selected()

    def new_warehouse(self) -> None:
        if not self.new_button.isVisible():
            return
        dialog = WarehouseDialog(self.db, self.actor, self)

        def select_new() -> None:
            if dialog.warehouse_id is not None:
                self.select_id(dialog.warehouse_id)

        open_dialog(self, dialog, select_new)

    def edit_warehouse(self) -> None:
        row = self.selected_row()
        if row is None or not self.edit_button.isVisible():
            return
        dialog = WarehouseDialog(
            self.db,
            self.actor,
            self,
            warehouse_id=row.id,
            name=str(self.value(row, "name")),
            address=str(self.value(row, "address") or ""),
        )
        open_dialog(self, dialog)
