"""The invoices list: customer invoices and credit notes with their state, what is still open and the
NF-e; under it, the selected one's lines. Invoice orders… (Ctrl+N) drafts (and posts) the invoices of
shipped orders; Post (Ctrl+E), Discard (Ctrl+Shift+X), Print (Ctrl+P), Record NF-e… (Ctrl+Shift+N),
Cancel… (Ctrl+Shift+C) and Credit a return… each enabled by the selected row's kind and state."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QDialog, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import is_allowed
from bodesk.domain.finance.invoice_queries import CREDITED, STATES, InvoiceLinesQuery, InvoicesQuery
from bodesk.domain.finance.invoicing import discard_invoice, post_invoice
from bodesk.domain.finance.permissions import INVOICE
from bodesk.domain.finance.states import InvoiceKind, InvoiceStatus
from bodesk.i18n import _
from bodesk.settings import data_dir
from bodesk.store.engine import Database
from bodesk.ui.finance.invoice_dialogs import (
    CancelInvoiceDialog,
    InvoiceOrdersDialog,
    NfeDialog,
    ReturnCreditDialog,
)
from bodesk.ui.widgets import messages
from bodesk.ui.widgets.calls import run_service
from bodesk.ui.widgets.date_filter import add_date_range
from bodesk.ui.widgets.dialogs import open_dialog
from bodesk.ui.widgets.list_parts import LinesPanel, empty_texts
from bodesk.ui.widgets.list_view import ListView


def invoice_path(kind: str, number: int | None, invoice_id: int) -> Path:
    folder = data_dir() / "documents" / "invoices"
    folder.mkdir(parents=True, exist_ok=True)
    name = _("credit-note-{n}.pdf") if kind == InvoiceKind.CREDIT_NOTE else _("invoice-{n}.pdf")
    return folder / name.format(n=number if number is not None else f"draft-{invoice_id}")


class InvoicesView(ListView):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, InvoicesQuery(), "finance-invoices", parent)
        self.dialog: QDialog | None = None
        may = is_allowed(actor.role, INVOICE)
        self.new_button = self.add_button(_("Invoice orders…"), "add", self.invoice_orders, "Ctrl+N")
        self.post_button = self.add_button(_("Post"), "ok", self.post_selected, "Ctrl+E")
        self.discard_button = self.add_button(_("Discard"), "delete", self.discard_selected, "Ctrl+Shift+X")
        self.print_button = self.add_button(_("Print"), "print", self.print_selected, "Ctrl+P")
        self.nfe_button = self.add_button(_("Record NF-e…"), "edit", self.record_nfe_selected, "Ctrl+Shift+N")
        self.cancel_button = self.add_button(_("Cancel…"), "cancel", self.cancel_selected, "Ctrl+Shift+C")
        self.return_button = self.add_button(
            _("Credit a return…"), "back", self.credit_return, "Ctrl+Shift+R"
        )
        self.finish_toolbar()
        for button in (
            self.new_button,
            self.post_button,
            self.discard_button,
            self.nfe_button,
            self.cancel_button,
            self.return_button,
        ):
            button.setVisible(may)
        self.state_filter = QComboBox(self)
        self.state_filter.addItem(_("All"), "")
        self.state_filter.addItem(_("Open to receive"), "open")
        for state, label in STATES.items():
            self.state_filter.addItem(_(label), state)
        self.state_filter.currentIndexChanged.connect(
            lambda _index: self.model.set_filter("state", self.state_filter.currentData() or None)
        )
        self.add_filter(_("Status"), self.state_filter)
        self.kind_filter = QComboBox(self)
        self.kind_filter.addItem(_("Invoices and credit notes"), "")
        self.kind_filter.addItem(_("Invoices"), InvoiceKind.INVOICE.value)
        self.kind_filter.addItem(_("Credit notes"), InvoiceKind.CREDIT_NOTE.value)
        self.kind_filter.currentIndexChanged.connect(
            lambda _index: self.model.set_filter("kind", self.kind_filter.currentData() or None)
        )
        self.add_filter(_("Kind"), self.kind_filter)
        self.dates = add_date_range(self)
        empty_texts(
            self,
            {},
            _("No invoice yet. Invoice shipped orders with Invoice orders… (Ctrl+N)."),
            _(
                "No invoice matches the search or the filters. Choose All and clear the dates to see every one."
            ),
        )
        self.lines = LinesPanel(
            db,
            actor,
            InvoiceLinesQuery(),
            "finance-invoice-lines",
            "invoice",
            _("Choose an invoice above to see its lines."),
            _("No line matches the search."),
            self,
        )
        self.set_detail(self.lines)
        self.activated.connect(lambda _id: self.print_selected())
        self.selection_changed.connect(self._selected)
        self._selected()

    # --- the selected row --------------------------------------------------------------------------

    def _field(self, key: str) -> object:
        row = self.selected_row()
        return self.value(row, key) if row is not None else None

    def state(self) -> str | None:
        value = self._field("status")
        return str(value) if value is not None else None

    def kind(self) -> str:
        return str(self._field("kind") or "")

    def number(self) -> int | None:
        value = self._field("number")
        return int(value) if isinstance(value, int) else None

    def title(self) -> str:
        noun = _("Credit note") if self.kind() == InvoiceKind.CREDIT_NOTE else _("Invoice")
        return f"{noun} {self.number()}" if self.number() is not None else noun

    def _selected(self) -> None:
        self.lines.show_document(self.selected_id())
        self.update_buttons()

    def update_buttons(self) -> None:
        state, invoice = self.state(), self.kind() == InvoiceKind.INVOICE
        self.post_button.setEnabled(state == InvoiceStatus.DRAFT)
        self.discard_button.setEnabled(state == InvoiceStatus.DRAFT)
        self.print_button.setEnabled(state is not None)
        self.nfe_button.setEnabled(state in (InvoiceStatus.POSTED, CREDITED))
        self.cancel_button.setEnabled(invoice and state == InvoiceStatus.POSTED)

    def refresh(self) -> None:
        super().refresh()
        self._selected()

    # --- actions ----------------------------------------------------------------------------------

    def _run(self, call: Callable[[], object]) -> bool:
        done = run_service(self, lambda _confirmed: call())
        if done.ok:
            self.refresh()
        return done.ok

    def _show_new(self, invoice_id: int | None) -> None:
        self.refresh()
        if invoice_id is not None and not self.select_id(invoice_id):
            self.state_filter.setCurrentIndex(0)
            self.kind_filter.setCurrentIndex(0)
            for date_filter in self.dates:
                date_filter.set_value(None)
            self.search.clear()
            self.select_id(invoice_id)

    def invoice_orders(self) -> None:
        dialog = InvoiceOrdersDialog(self.db, self.actor, self)
        open_dialog(
            self, dialog, lambda: self._show_new(dialog.invoice_ids[0] if dialog.invoice_ids else None)
        )

    def post_selected(self) -> None:
        invoice_id = self.selected_id()
        if invoice_id is not None:
            self._run(lambda: post_invoice(self.db, self.actor, invoice_id))

    def discard_selected(self) -> None:
        invoice_id = self.selected_id()
        if invoice_id is None:
            return
        if messages.ask_confirmation(
            self,
            _("Discard the draft"),
            _("The draft is set aside and its orders can be invoiced again. It has no number to lose."),
        ):
            self._run(lambda: discard_invoice(self.db, self.actor, invoice_id))

    def print_selected(self) -> None:
        from bodesk.reports.invoice import write_invoice
        from bodesk.ui.widgets.pdf_preview import show_pdf

        invoice_id = self.selected_id()
        if invoice_id is None:
            return
        path = invoice_path(self.kind(), self.number(), invoice_id)
        written = run_service(self, lambda _confirmed: write_invoice(self.db, self.actor, invoice_id, path))
        if written.ok:
            show_pdf(self, written.value)

    def record_nfe_selected(self) -> None:
        invoice_id = self.selected_id()
        if invoice_id is not None:
            open_dialog(self, NfeDialog(self.db, self.actor, invoice_id, self.title(), self), self.refresh)

    def cancel_selected(self) -> None:
        invoice_id, number = self.selected_id(), self.number()
        if invoice_id is None or number is None:
            return
        dialog = CancelInvoiceDialog(self.db, self.actor, invoice_id, number, self)
        open_dialog(self, dialog, lambda: self._show_new(dialog.note_id))

    def credit_return(self) -> None:
        dialog = ReturnCreditDialog(self.db, self.actor, self)
        open_dialog(self, dialog, lambda: self._show_new(dialog.note_id))

    def open_invoice(self, invoice_id: int) -> None:
        """Select `invoice_id`, clearing a search or filter that hides it."""
        self._show_new(invoice_id)
