"""The customers list: search by name, trade name, CNPJ/CPF, code or phone; filters active, blocked,
segment and rep; add, edit, archive or restore, block with a reason or unblock."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import is_allowed
from bodesk.domain.common.listing import ListRequest
from bodesk.domain.sales.customers import block_customer, set_customer_active, unblock_customer
from bodesk.domain.sales.lookups import SalesChoices, customer_record, sales_choices
from bodesk.domain.sales.permissions import CUSTOMERS_EDIT
from bodesk.domain.sales.queries import CustomersQuery
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.sales.common import ReasonDialog, filter_combo
from bodesk.ui.sales.customer_dialog import CustomerDialog
from bodesk.ui.widgets import messages
from bodesk.ui.widgets.calls import run_service
from bodesk.ui.widgets.dialogs import open_dialog
from bodesk.ui.widgets.list_parts import empty_texts
from bodesk.ui.widgets.list_view import ListView

SHOWN: dict[str, bool | None] = {"active": True, "archived": False, "all": None}
BLOCKED: dict[str, bool | None] = {"any": None, "blocked": True, "free": False}


class CustomersView(ListView):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, CustomersQuery(), "customers", parent)
        self.dialog: QDialog | None = None
        may_edit = is_allowed(actor.role, CUSTOMERS_EDIT)
        self.new_button = self.add_button(_("Add…"), "add", self.add_customer, "Ctrl+N")
        self.edit_button = self.add_button(_("Edit…"), "edit", self.edit_customer)
        self.archive_button = self.add_button(_("Archive"), "delete", self.toggle_active)
        self.block_button = self.add_button(_("Block…"), "cancel", self.toggle_blocked)
        self.orders_button = self.add_button(_("Orders"), "report", self.show_orders)
        self.finish_toolbar()
        for button in (self.new_button, self.edit_button, self.archive_button, self.block_button):
            button.setVisible(may_edit)
        self.shown_filter = QComboBox(self)
        for label, key in ((_("Active"), "active"), (_("Archived"), "archived"), (_("All"), "all")):
            self.shown_filter.addItem(label, key)
        self.shown_filter.currentIndexChanged.connect(
            lambda _index: self.model.set_filter("active", SHOWN[self.shown_filter.currentData()])
        )
        self.add_filter(_("Show"), self.shown_filter)
        self.blocked_filter = QComboBox(self)
        for label, key in ((_("Any"), "any"), (_("Blocked"), "blocked"), (_("Not blocked"), "free")):
            self.blocked_filter.addItem(label, key)
        self.blocked_filter.currentIndexChanged.connect(
            lambda _index: self.model.set_filter("blocked", BLOCKED[self.blocked_filter.currentData()])
        )
        self.add_filter(_("Credit"), self.blocked_filter)
        choices = self.choices()
        self.segment_filter = filter_combo(self, _("Segment"), "segment", choices.segments, _("All segments"))
        self.rep_filter = filter_combo(self, _("Sales rep"), "rep", choices.reps, _("All reps"))
        self.model.set_filter("active", True)
        empty_texts(
            self,
            {"active": True},
            _("There are no active customers. Add one with Add… (Ctrl+N) or import them."),
            _("No customer matches the search or the filters. Clear them to see every customer."),
        )
        self.activated.connect(lambda _id: self.edit_customer())
        self.selection_changed.connect(self.update_buttons)
        self.update_buttons()

    def choices(self) -> SalesChoices:
        return sales_choices(self.db, self.actor)

    def update_buttons(self) -> None:
        row = self.selected_row()
        for button in (self.edit_button, self.archive_button, self.block_button, self.orders_button):
            button.setEnabled(row is not None)
        active = bool(row is not None and self.value(row, "active"))
        blocked = bool(row is not None and self.value(row, "blocked"))
        self.archive_button.setText(_("Archive") if active or row is None else _("Restore"))
        self.block_button.setText(_("Unblock") if blocked else _("Block…"))

    def refresh(self) -> None:
        super().refresh()
        self.update_buttons()

    def add_customer(self) -> None:
        dialog = CustomerDialog(self.db, self.actor, self.choices(), self)

        def select_new() -> None:
            if dialog.customer_id is not None and not self.select_id(dialog.customer_id):
                self.shown_filter.setCurrentIndex(self.shown_filter.findData("all"))
                self.select_id(dialog.customer_id)

        open_dialog(self, dialog, select_new)

    def edit_customer(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        record = run_service(self, lambda _confirmed: customer_record(self.db, self.actor, row.id))
        if record.ok:
            dialog = CustomerDialog(self.db, self.actor, self.choices(), self, row.id, record.value.data)
            open_dialog(self, dialog)

    def toggle_active(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        active = not self.value(row, "active")
        if run_service(self, lambda _confirmed: set_customer_active(self.db, self.actor, row.id, active)).ok:
            self.refresh()

    def toggle_blocked(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        if self.value(row, "blocked"):
            if run_service(self, lambda _confirmed: unblock_customer(self.db, self.actor, row.id)).ok:
                self.refresh()
            return
        name = str(self.value(row, "name"))
        dialog = ReasonDialog(
            self,
            _("Block customer"),
            _("Block"),
            _("No order of {customer} is taken or confirmed until it is unblocked.").format(customer=name),
            lambda reason: block_customer(self.db, self.actor, row.id, reason),
            field="block_reason",
        )
        open_dialog(self, dialog)

    def show_orders(self) -> None:
        """The selected customer's orders, in the Orders list (of the main window this list is in)."""
        row = self.selected_row()
        show_view = getattr(self.window(), "show_view", None)
        if row is None or show_view is None:
            return
        orders = show_view("sales", "orders")
        show_customer = getattr(orders, "show_customer", None)
        if show_customer is not None:
            show_customer(row.id, str(self.value(row, "name")))

    def open_customer(self, customer_id: int) -> None:
        """Select `customer_id` (clearing a search or filter that hides it) and open it."""
        if not self.select_id(customer_id):
            self.search.clear()
            self.shown_filter.setCurrentIndex(self.shown_filter.findData("all"))
            self.blocked_filter.setCurrentIndex(0)
            self.segment_filter.setCurrentIndex(0)
            self.rep_filter.setCurrentIndex(0)
            self.model.set_request(ListRequest())
            if not self.select_id(customer_id):
                messages.show_warning(self, _("Customers"), _("That customer no longer exists."))
                return
        self.edit_customer()
