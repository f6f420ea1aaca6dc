"""The sales orders list: new (Ctrl+N), open, and each step of the order's life, each enabled by the
lifecycle (never by comparing statuses) and with its shortcut: confirm, back to a quote, start picking
with its picking list, ship, delivered, cancel with a reason; repeat a customer's last order. Under
the list, the selected order's lines."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QDialog, QPushButton, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import is_allowed
from bodesk.domain.common.errors import ValidationError
from bodesk.domain.common.listing import ListRequest
from bodesk.domain.sales.documents import order_view
from bodesk.domain.sales.lookups import sales_choices
from bodesk.domain.sales.orders import back_to_quote, cancel_order, confirm_order, repeat_last_order
from bodesk.domain.sales.permissions import (
    CREDIT_OVERRIDE,
    SALES_ORDER,
    SALES_RETURN,
    SALES_SETTINGS,
    SALES_SHIP,
)
from bodesk.domain.sales.queries import OrderLinesQuery, OrdersQuery
from bodesk.domain.sales.shipping import mark_delivered, start_picking
from bodesk.domain.sales.states import ORDER_LIFECYCLE, OrderStatus
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.sales.common import ReasonDialog, filter_combo, picking_available, show_picking_list
from bodesk.ui.sales.order_editor import SalesOrderEditor
from bodesk.ui.sales.return_dialog import ReturnDialog
from bodesk.ui.sales.settings_dialog import SalesSettingsDialog
from bodesk.ui.sales.ship_dialog import ShipDialog
from bodesk.ui.widgets import messages
from bodesk.ui.widgets.calls import run_service
from bodesk.ui.widgets.date_filter import add_date_range
from bodesk.ui.widgets.dialogs import open_dialog
from bodesk.ui.widgets.list_parts import LinesPanel, empty_texts
from bodesk.ui.widgets.list_view import ListView


class OrdersView(ListView):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, OrdersQuery(), "sales-orders", parent)
        self.dialog: QDialog | None = None
        may_order = is_allowed(actor.role, SALES_ORDER)
        may_ship = is_allowed(actor.role, SALES_SHIP)
        self.new_button = self.add_button(_("New order…"), "add", self.new_order, "Ctrl+N")
        self.open_button = self.add_button(_("Open…"), "edit", self.open_selected)
        self.confirm_button = self.add_button(_("Confirm"), "ok", self.confirm_selected, "Ctrl+E")
        self.quote_button = self.add_button(
            _("Back to quote"), "back", self.back_to_quote_selected, "Ctrl+Shift+E"
        )
        self.pick_button = self.add_button(_("Start picking"), "forward", self.pick_selected, "Ctrl+Shift+P")
        self.picking_list_button = self.add_button(
            _("Picking list"), "print", self.picking_list_selected, "Ctrl+P"
        )
        self.ship_button = self.add_button(_("Ship…"), "send", self.ship_selected, "Ctrl+Shift+S")
        self.deliver_button = self.add_button(_("Delivered"), "ok", self.deliver_selected, "Ctrl+Shift+D")
        self.cancel_button = self.add_button(
            _("Cancel order…"), "cancel", self.cancel_selected, "Ctrl+Shift+X"
        )
        self.return_button = self.add_button(_("Goods back…"), "back", self.return_selected)
        self.return_button.setVisible(is_allowed(actor.role, SALES_RETURN))
        self.repeat_button = self.add_button(
            _("Repeat last order"), "restore", self.repeat_selected, "Ctrl+R"
        )
        self.finish_toolbar()
        self.settings_button = self.add_button(_("Sales settings…"), "settings", self.open_settings)
        self.settings_button.setVisible(is_allowed(actor.role, SALES_SETTINGS))
        for button in (
            self.new_button,
            self.confirm_button,
            self.quote_button,
            self.cancel_button,
            self.repeat_button,
        ):
            button.setVisible(may_order)
        for button in (self.pick_button, self.ship_button, self.deliver_button):
            button.setVisible(may_ship)
        self.picking_list_button.setVisible(may_ship and picking_available())
        self.status_filter = QComboBox(self)
        self.status_filter.addItem(_("Open"), "open")
        self.status_filter.addItem(_("All"), "")
        for status, label in ORDER_LIFECYCLE.labels.items():
            self.status_filter.addItem(_(label), status.value)
        self.status_filter.currentIndexChanged.connect(
            lambda _index: self.model.set_filter("status", self.status_filter.currentData())
        )
        self.add_filter(_("Status"), self.status_filter)
        choices = sales_choices(db, actor)
        self.rep_filter = filter_combo(self, _("Sales rep"), "rep", choices.reps, _("All reps"))
        self.dates = add_date_range(self)
        self.customer_chip = QPushButton(self)
        self.customer_chip.setToolTip(_("Show every customer's orders"))
        self.customer_chip.clicked.connect(lambda: self.show_customer(None))
        self.customer_chip.hide()
        self.add_filter_widget(self.customer_chip)
        self.model.set_filter("status", "open")
        empty_texts(
            self,
            {"status": "open"},
            _(
                "There are no open sales orders. Take one with New order… (Ctrl+N); choose the status All "
                "to see past orders."
            ),
            _("No order matches the search or the filters. Choose All to see every order."),
        )
        self.lines = LinesPanel(
            db,
            actor,
            OrderLinesQuery(),
            "sales-order-lines",
            "order",
            _("Choose an order above to see its lines."),
            _("No line matches the search."),
            self,
        )
        self.set_detail(self.lines)
        self.activated.connect(lambda _id: self.open_selected())
        self.selection_changed.connect(self._selected)
        self._selected()

    def status(self) -> str | None:
        row = self.selected_row()
        return str(self.value(row, "status")) if row is not None else None

    def _selected(self) -> None:
        self.lines.show_document(self.selected_id())
        self.update_buttons()

    def update_buttons(self) -> None:
        status = self.status()

        def can(target: OrderStatus) -> bool:
            return status is not None and ORDER_LIFECYCLE.can(status, target)

        self.open_button.setEnabled(status is not None)
        self.repeat_button.setEnabled(status is not None)
        self.return_button.setEnabled(status is not None)  # the dialog says when it has not shipped
        self.confirm_button.setEnabled(can(OrderStatus.CONFIRMED))
        self.quote_button.setEnabled(can(OrderStatus.DRAFT))
        self.pick_button.setEnabled(can(OrderStatus.PICKING))
        self.picking_list_button.setEnabled(can(OrderStatus.SHIPPED))
        self.ship_button.setEnabled(can(OrderStatus.SHIPPED))
        self.deliver_button.setEnabled(can(OrderStatus.DELIVERED))
        self.cancel_button.setEnabled(can(OrderStatus.CANCELLED))

    def refresh(self) -> None:
        super().refresh()
        self._selected()

    def number(self) -> int:
        row = self.selected_row()
        return int(self.value(row, "number")) if row is not None else 0

    # --- the editor ----------------------------------------------------------------------------

    def new_order(self) -> None:
        editor = SalesOrderEditor(self.db, self.actor, self)
        open_dialog(self, editor, lambda: self._after_editor(editor))

    def open_selected(self) -> None:
        order_id = self.selected_id()
        if order_id is not None:
            self.open_editor(order_id)

    def open_editor(self, order_id: int) -> None:
        order = run_service(self, lambda _confirmed: order_view(self.db, self.actor, order_id))
        if order.ok:
            editor = SalesOrderEditor(self.db, self.actor, self, order.value)
            open_dialog(self, editor, lambda: self._after_editor(editor))

    def _after_editor(self, editor: SalesOrderEditor) -> None:
        if editor.order_id is not None and not self.select_id(editor.order_id):
            self.status_filter.setCurrentIndex(self.status_filter.findData(""))
            self.select_id(editor.order_id)

    # --- the order's life ------------------------------------------------------------------------

    def _run(self, call: Callable[[], object]) -> bool:
        done = run_service(self, lambda _confirmed: call())
        if done.ok:
            self.refresh()
        return done.ok

    def confirm_selected(self) -> None:
        """Confirm: a credit warning is asked; a blocked credit asks the reason of who may override it."""
        order_id = self.selected_id()
        if order_id is None:
            return
        agreed: set[str] = set()
        refusals: list[ValidationError] = []
        done = run_service(
            self,
            lambda confirmed: confirm_order(self.db, self.actor, order_id, confirmed),
            confirmed=agreed,
            on_invalid=refusals.append,
        )
        if done.ok:
            self.refresh()
            return
        if not refusals:
            return
        if is_allowed(self.actor.role, CREDIT_OVERRIDE) and any(
            item.field == "credit_note" for item in refusals[0].errors
        ):
            dialog = ReasonDialog(
                self,
                _("Confirm over the credit"),
                _("Confirm"),
                refusals[0].message,
                lambda reason: confirm_order(self.db, self.actor, order_id, frozenset(agreed), reason),
                field="credit_note",
            )
            open_dialog(self, dialog)
            return
        messages.show_error(self, refusals[0])

    def back_to_quote_selected(self) -> None:
        order_id = self.selected_id()
        if order_id is not None:
            self._run(lambda: back_to_quote(self.db, self.actor, order_id))

    def pick_selected(self) -> None:
        order_id = self.selected_id()
        if order_id is not None and self._run(lambda: start_picking(self.db, self.actor, order_id)):
            self.picking_list_selected()

    def picking_list_selected(self) -> None:
        order_id = self.selected_id()
        if order_id is not None and picking_available():
            show_picking_list(self, self.db, self.actor, [order_id], self.number())

    def ship_selected(self) -> None:
        order_id = self.selected_id()
        if order_id is None:
            return
        dialog = run_service(
            self, lambda _confirmed: ShipDialog(self.db, self.actor, order_id, self.number(), self)
        )
        if dialog.ok:
            open_dialog(self, dialog.value)

    def deliver_selected(self) -> None:
        order_id = self.selected_id()
        if order_id is not None:
            self._run(lambda: mark_delivered(self.db, self.actor, order_id))

    def cancel_selected(self) -> None:
        order_id = self.selected_id()
        if order_id is None:
            return
        dialog = ReasonDialog(
            self,
            _("Cancel order"),
            _("Cancel order"),
            _(
                "Sales order {n} will be cancelled and what it reserved released; its number stays used."
            ).format(n=self.number()),
            lambda reason: cancel_order(self.db, self.actor, order_id, reason),
            keep_text=_("Keep the order"),
        )
        open_dialog(self, dialog)

    def return_selected(self) -> None:
        """Goods of the selected (shipped) order back: the return dialog with its lines."""
        if self.selected_id() is not None:
            open_dialog(self, ReturnDialog(self.db, self.actor, self, self.number()))

    def repeat_selected(self) -> None:
        """A new quote with the lines of the selected order's customer's last order, opened to change."""
        row = self.selected_row()
        if row is None:
            return
        order = run_service(self, lambda _confirmed: order_view(self.db, self.actor, row.id))
        if not order.ok:
            return
        customer = order.value.customer_id
        made = run_service(self, lambda _confirmed: repeat_last_order(self.db, self.actor, customer))
        if made.ok:
            self.refresh()
            self.open_order(made.value)

    def show_customer(self, customer_id: int | None, name: str = "") -> None:
        """Only the orders of one customer, of any status (None: every customer's again)."""
        self.customer_chip.setText(_("Customer: {name} ✕").format(name=name))
        self.customer_chip.setVisible(customer_id is not None)
        if customer_id is not None:
            self.status_filter.setCurrentIndex(self.status_filter.findData(""))
        self.model.set_filter("customer", customer_id)

    def open_settings(self) -> None:
        open_dialog(self, SalesSettingsDialog(self.db, self.actor, self))

    def open_order(self, order_id: int) -> None:
        """Select `order_id` (clearing a search or filter that hides it) and open it."""
        if not self.select_id(order_id):
            self.search.clear()
            self.status_filter.setCurrentIndex(self.status_filter.findData(""))
            self.rep_filter.setCurrentIndex(0)
            for date_filter in self.dates:
                date_filter.set_value(None)
            self.model.set_request(ListRequest())
            if not self.select_id(order_id):
                messages.show_warning(self, _("Sales orders"), _("That sales order no longer exists."))
                return
        self.open_selected()
