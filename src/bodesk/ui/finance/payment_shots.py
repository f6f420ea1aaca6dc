"""The receivables, payables and payments screens for `bodesk screenshots`: the three lists (what the
demo's invoices and bills left open, or their empty states) and the payment dialog."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QWidget

if TYPE_CHECKING:
    from bodesk.ui.mainwindow import MainWindow
    from bodesk.ui.screenshots import Camera


def _shoot(camera: Camera, name: str, dialog: QWidget | None) -> None:
    if isinstance(dialog, QDialog):
        camera.shoot(name, dialog)
        dialog.reject()


def payment_shots(camera: Camera, window: MainWindow) -> None:
    from bodesk.ui.finance.payments import PaymentsView
    from bodesk.ui.finance.receivables import PayablesView, ReceivablesView

    receivables = window.show_view("finance", "receivables")
    if isinstance(receivables, ReceivablesView):
        receivables.refresh()
        camera.shoot("finance-receivables", window)
        receivables.pay()
        _shoot(camera, "finance-receive-dialog", receivables.dialog)
    payables = window.show_view("finance", "payables")
    if isinstance(payables, PayablesView):
        payables.refresh()
        camera.shoot("finance-payables", window)
    payments = window.show_view("finance", "payments")
    if isinstance(payments, PaymentsView):
        payments.refresh()
        camera.shoot("finance-payments", window)
