"""The purchase orders list: new, open (edit a draft), send with its PDF, print, receive, cancel or
close short. Buttons follow the selected order's status (the services refuse anyway); under the list,
the selected order's lines."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import is_allowed
from bodesk.domain.common.listing import ListRequest
from bodesk.domain.purchasing.documents import order_view, supplier_choices
from bodesk.domain.purchasing.orders import can_close, send_order
from bodesk.domain.purchasing.permissions import PURCHASE_ORDER, PURCHASE_RECEIVE
from bodesk.domain.purchasing.queries import OrderLinesQuery, OrdersQuery
from bodesk.domain.purchasing.states import ORDER_LIFECYCLE, OrderStatus
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.purchasing.common import show_purchase_order
from bodesk.ui.purchasing.order_dialogs import OrderEditor
from bodesk.ui.purchasing.reason_dialog import ReasonDialog
from bodesk.ui.purchasing.receive_dialog import ReceiveDialog
from bodesk.ui.widgets import messages
from bodesk.ui.widgets.calls import run_service
from bodesk.ui.widgets.dialogs import open_dialog
from bodesk.ui.widgets.forms import choice_combo
from bodesk.ui.widgets.list_parts import LinesPanel, empty_texts
from bodesk.ui.widgets.list_view import ListView


class OrdersView(ListView):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, OrdersQuery(), "purchase-orders", parent)
        self.dialog: QDialog | None = None
        self.may_order = is_allowed(actor.role, PURCHASE_ORDER)
        self.may_receive = is_allowed(actor.role, PURCHASE_RECEIVE)
        self.new_button = self.add_button(_("New order…"), "add", self.new_order, "Ctrl+N")
        self.open_button = self.add_button(_("Open…"), "edit", self.open_selected)
        self.send_button = self.add_button(_("Send…"), "forward", self.send_selected, "Ctrl+E")
        self.print_button = self.add_button(_("Print"), "report", self.print_selected, "Ctrl+P")
        self.receive_button = self.add_button(_("Receive…"), "ok", self.receive_selected, "Ctrl+R")
        self.cancel_button = self.add_button(_("Cancel order…"), "cancel", lambda: self.end_selected(False))
        self.close_button = self.add_button(_("Close short…"), "close", lambda: self.end_selected(True))
        self.finish_toolbar()
        for button in (self.new_button, self.send_button, self.cancel_button, self.close_button):
            button.setVisible(self.may_order)
        self.receive_button.setVisible(self.may_receive)
        self.status_filter = QComboBox(self)
        self.status_filter.addItem(_("Open"), "open")
        self.status_filter.addItem(_("All"), "")
        for status, label in ORDER_LIFECYCLE.labels.items():
            self.status_filter.addItem(_(label), status.value)
        self.status_filter.currentIndexChanged.connect(
            lambda _index: self.model.set_filter("status", self.status_filter.currentData())
        )
        self.add_filter(_("Status"), self.status_filter)
        self.supplier_filter = choice_combo(
            self, supplier_choices(db, actor, True), (_("All suppliers"), 0), codes=False
        )
        self.supplier_filter.currentIndexChanged.connect(
            lambda _index: self.model.set_filter("supplier", self.supplier_filter.currentData() or None)
        )
        self.add_filter(_("Supplier"), self.supplier_filter)
        self.model.set_filter("status", "open")
        empty_texts(
            self,
            {"status": "open"},
            _(
                "There are no open purchase orders. Make one with New order… (Ctrl+N) or from Reorder "
                "suggestions; choose the status All to see past orders."
            ),
            _("No order matches the search or the filters. Choose All to see every order."),
        )
        self.lines = LinesPanel(
            db,
            actor,
            OrderLinesQuery(),
            "purchase-order-lines",
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
        self.open_button.setEnabled(status is not None)
        self.print_button.setEnabled(status is not None)
        self.send_button.setEnabled(status is not None and ORDER_LIFECYCLE.can(status, OrderStatus.SENT))
        self.receive_button.setEnabled(
            status is not None and ORDER_LIFECYCLE.can(status, OrderStatus.RECEIVED)
        )
        self.cancel_button.setEnabled(
            status is not None and ORDER_LIFECYCLE.can(status, OrderStatus.CANCELLED)
        )
        self.close_button.setEnabled(status is not None and can_close(status))

    def refresh(self) -> None:
        super().refresh()
        self._selected()

    def new_order(self) -> None:
        editor = OrderEditor(self.db, self.actor, self)
        open_dialog(self, editor, lambda: self._after_editor(editor))

    def open_selected(self) -> None:
        order_id = self.selected_id()
        if order_id is None:
            return
        order = run_service(self, lambda _confirmed: order_view(self.db, self.actor, order_id))
        if order.ok:
            editor = OrderEditor(self.db, self.actor, self, order.value)
            open_dialog(self, editor, lambda: self._after_editor(editor))

    def _after_editor(self, editor: OrderEditor) -> None:
        if editor.order_id is not None and not self.select_id(editor.order_id):
            self.status_filter.setCurrentIndex(self.status_filter.findData(""))
            self.select_id(editor.order_id)
        if editor.order_id is not None and editor.sent_number is not None:
            show_purchase_order(self, self.db, self.actor, editor.order_id, editor.sent_number)

    def send_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        number = int(self.value(row, "number"))
        question = _("Send purchase order {n} to {supplier}? It can no longer be changed once sent.").format(
            n=number, supplier=self.value(row, "supplier")
        )
        if not messages.ask_confirmation(self, _("Send order"), question):
            return
        if not run_service(self, lambda _confirmed: send_order(self.db, self.actor, row.id)).ok:
            return
        self.refresh()
        show_purchase_order(self, self.db, self.actor, row.id, number)

    def print_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            show_purchase_order(self, self.db, self.actor, row.id, int(self.value(row, "number")))

    def receive_selected(self) -> None:
        order_id = self.selected_id()
        if order_id is None:
            return
        dialog = run_service(self, lambda _confirmed: ReceiveDialog(self.db, self.actor, order_id, self))
        if dialog.ok:
            open_dialog(self, dialog.value)

    def end_selected(self, close: bool) -> None:
        row = self.selected_row()
        if row is not None:
            number = int(self.value(row, "number"))
            open_dialog(self, ReasonDialog(self.db, self.actor, row.id, number, close, self))

    def open_order(self, order_id: int) -> None:
        """Select `order_id` (clearing a search or filter that hides it) and open it."""
        if not self.select_id(order_id):
            self.search.clear()
            self.status_filter.setCurrentIndex(self.status_filter.findData(""))
            self.supplier_filter.setCurrentIndex(0)
            self.model.set_request(ListRequest())
            if not self.select_id(order_id):
                messages.show_warning(self, _("Purchase orders"), _("That purchase order no longer exists."))
                return
        self.open_selected()
