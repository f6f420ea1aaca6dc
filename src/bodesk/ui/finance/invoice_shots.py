"""The invoices screens for `bodesk screenshots`: the list with an invoice selected, the Invoice
orders… dialog and the NF-e dialog."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog

from bodesk.ui.finance.invoices import InvoicesView

if TYPE_CHECKING:
    from bodesk.ui.mainwindow import MainWindow
    from bodesk.ui.screenshots import Camera


def invoice_shots(camera: Camera, window: MainWindow) -> None:
    view = window.show_view("finance", "invoices")
    if not isinstance(view, InvoicesView):
        return
    view.refresh()
    if view.model.total():
        view.table.selectRow(0)
    camera.shoot("finance-invoices", window)
    view.invoice_orders()
    if isinstance(view.dialog, QDialog):
        camera.shoot("finance-invoice-orders", view.dialog)
        view.dialog.reject()
    if view.nfe_button.isEnabled():
        view.record_nfe_selected()
        if isinstance(view.dialog, QDialog):
            camera.shoot("finance-invoice-nfe", view.dialog)
            view.dialog.reject()
