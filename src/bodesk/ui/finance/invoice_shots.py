"""The invoices screens for `bodesk screenshots`, after the Invoices list itself: the Invoice orders…
dialog, the list with an invoice chosen and its lines, and the NF-e dialog. Until the demo history
has invoices, the demo's shipped orders waiting for one are invoiced here (in the screenshots' own
temporary database), a customer's orders on one invoice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.listing import ListRequest
from bodesk.domain.finance.invoice_queries import InvoicesQuery, OrdersToInvoiceQuery
from bodesk.domain.finance.invoicing import invoice_orders
from bodesk.errors import BodeskError
from bodesk.store.engine import Database
from bodesk.ui.finance.invoices import InvoicesView

if TYPE_CHECKING:
    from bodesk.ui.mainwindow import MainWindow
    from bodesk.ui.screenshots import Camera

SAMPLE_ORDERS = 12


def sample_invoices(db: Database, actor: Actor) -> None:
    """Invoices of up to 12 orders waiting for one, unless there are invoices already."""
    if InvoicesQuery().count(db, actor, ListRequest()):
        return
    waiting = OrdersToInvoiceQuery().page(db, actor, ListRequest(), 0, SAMPLE_ORDERS)
    if waiting:
        try:
            invoice_orders(db, actor, [row.id for row in waiting], group_by_customer=True)
        except BodeskError:
            return


def invoice_shots(camera: Camera, window: MainWindow) -> None:
    view = window.show_view("finance", "invoices")
    if not isinstance(view, InvoicesView):
        return
    view.invoice_orders()
    if isinstance(view.dialog, QDialog):
        camera.shoot("finance-invoice-orders", view.dialog)
        view.dialog.reject()
    sample_invoices(window.db, window.actor)
    view.refresh()
    if view.model.total():
        view.table.selectRow(0)
    camera.shoot("finance-invoice-lines", window)
    if view.nfe_button.isEnabled():
        view.record_nfe_selected()
        if isinstance(view.dialog, QDialog):
            camera.shoot("finance-invoice-nfe", view.dialog)
            view.dialog.reject()
