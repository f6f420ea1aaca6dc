"""The supplier bills list: number, supplier, the supplier's invoice, day, total, difference, state and
next due date, bills waiting for approval standing out; under it the selected bill's lines (a line that
differs stands out). Bill receipts… (Ctrl+N) enters a bill; Approve…, Post… and Discard act on the one
selected."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import is_allowed
from bodesk.domain.finance.bill_queries import BillLinesQuery, BillsQuery
from bodesk.domain.finance.bills import discard_bill
from bodesk.domain.finance.permissions import BILL, BILL_APPROVE
from bodesk.domain.finance.states import BILL_LIFECYCLE, BillStatus
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.finance.bill_dialogs import ApproveBillDialog, BillDialog, PostBillDialog
from bodesk.ui.widgets import messages
from bodesk.ui.widgets.calls import run_service
from bodesk.ui.widgets.date_filter import add_date_range
from bodesk.ui.widgets.dialogs import open_dialog
from bodesk.ui.widgets.list_parts import LinesPanel
from bodesk.ui.widgets.list_view import ListView


class BillsView(ListView):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, BillsQuery(), "finance-bills", parent)
        self.dialog: QDialog | None = None
        may_bill = is_allowed(actor.role, BILL)
        self.new_button = self.add_button(_("Bill receipts…"), "add", self.new_bill, "Ctrl+N")
        self.approve_button = self.add_button(_("Approve…"), "ok", self.approve_selected)
        self.post_button = self.add_button(_("Post…"), "forward", self.post_selected)
        self.discard_button = self.add_button(_("Discard"), "delete", self.discard_selected)
        for button in (self.new_button, self.post_button, self.discard_button):
            button.setVisible(may_bill)
        self.approve_button.setVisible(is_allowed(actor.role, BILL_APPROVE))
        self.finish_toolbar()
        self.status_filter = QComboBox(self)
        self.status_filter.addItem(_("All"), "")
        self.status_filter.addItem(_("Not posted yet"), "open")
        for status in BillStatus:
            self.status_filter.addItem(BILL_LIFECYCLE.label(status.value), status.value)
        self.status_filter.currentIndexChanged.connect(
            lambda _index: self.model.set_filter("status", self.status_filter.currentData() or None)
        )
        self.add_filter(_("Status"), self.status_filter)
        self.dates = add_date_range(self)
        self.set_empty_texts(
            _(
                "No supplier bill was entered yet. Bill the receipts of a supplier with Bill receipts… (Ctrl+N)."
            ),
            _("No bill matches the search or the filters. Clear them to see every bill."),
        )
        self.lines = LinesPanel(
            db,
            actor,
            BillLinesQuery(),
            "finance-bill-lines",
            "bill",
            _("Choose a bill above to see its lines."),
            _("This bill has no lines."),
            self,
        )
        self.set_detail(self.lines)
        self.selection_changed.connect(self._selected)
        self._selected()

    def refresh(self) -> None:
        super().refresh()
        self._selected()

    def selected_status(self) -> str | None:
        row = self.selected_row()
        return str(self.value(row, "status")) if row is not None else None

    def _selected(self) -> None:
        self.lines.show_document(self.selected_id())
        status = self.selected_status() or ""
        self.approve_button.setEnabled(status == BillStatus.TO_APPROVE.value)
        self.post_button.setEnabled(status == BillStatus.DRAFT.value)
        self.discard_button.setEnabled(BILL_LIFECYCLE.can(status, BillStatus.CANCELLED))

    def _after(self, dialog: QDialog, bill_id: int | None) -> None:
        def done() -> None:
            self.refresh()
            if bill_id is not None:
                self.select_id(bill_id)

        open_dialog(self, dialog, done)

    def new_bill(self) -> None:
        dialog = BillDialog(self.db, self.actor, self)
        self.dialog = dialog

        def done() -> None:
            self.refresh()
            if dialog.bill_id is not None:
                self.select_id(dialog.bill_id)
            if dialog.waits_for_approval:
                messages.show_info(
                    self,
                    _("Supplier bills"),
                    _(
                        "The bill differs from what was ordered and received; it waits for approval (Approve…)."
                    ),
                )

        open_dialog(self, dialog, done)

    def approve_selected(self) -> None:
        bill_id = self.selected_id()
        if bill_id is not None:
            self.dialog = ApproveBillDialog(self.db, self.actor, bill_id, self)
            self._after(self.dialog, bill_id)

    def post_selected(self) -> None:
        bill_id = self.selected_id()
        if bill_id is not None:
            self.dialog = PostBillDialog(self.db, self.actor, bill_id, self)
            self._after(self.dialog, bill_id)

    def discard_selected(self) -> None:
        bill_id = self.selected_id()
        if bill_id is None or not messages.ask_confirmation(
            self, _("Supplier bills"), _("Discard this bill? Its receipts may then be billed again.")
        ):
            return
        if run_service(self, lambda _confirmed: discard_bill(self.db, self.actor, bill_id)).ok:
            self.refresh()
