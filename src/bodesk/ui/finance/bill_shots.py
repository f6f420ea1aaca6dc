"""The supplier bills screens for `bodesk screenshots`: the list with a sample bill waiting for
approval (drafted here, in the screenshots' own temporary database, from the demo's first receipt still
to bill) and the Bill receipts… dialog with that supplier's receipts."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.listing import ListRequest
from bodesk.domain.finance.bill_queries import (
    BillsQuery,
    ReceiptsToBillQuery,
    lines_to_bill,
    suppliers_to_bill,
)
from bodesk.domain.finance.bills import BillLineInput, draft_bill
from bodesk.errors import BodeskError
from bodesk.store.engine import Database

if TYPE_CHECKING:
    from bodesk.ui.mainwindow import MainWindow
    from bodesk.ui.screenshots import Camera


def sample_bill(db: Database, actor: Actor) -> None:
    """A bill of the first receipt to bill, its first line charged 5% more, unless there are bills."""
    if BillsQuery().count(db, actor, ListRequest()):
        return
    try:
        suppliers = suppliers_to_bill(db, actor)
        if not suppliers:
            return
        query = ReceiptsToBillQuery()
        rows = query.page(db, actor, ListRequest(filters={"supplier": suppliers[0].id}), 0, 1)
        if not rows:
            return
        lines = lines_to_bill(db, actor, [rows[0].id])
        changed = [
            BillLineInput(line.receipt_line_id, line.quantity, round(line.received_cost * 105 / 100, 4))
            for line in lines[:1]
        ]
        draft_bill(db, actor, suppliers[0].id, [rows[0].id], "000123", date.today(), lines=changed)
    except BodeskError:
        return


def bill_shots(camera: Camera, window: MainWindow) -> None:
    from bodesk.ui.finance.bills import BillsView

    sample_bill(window.db, window.actor)
    view = window.show_view("finance", "bills")
    if not isinstance(view, BillsView):
        return
    view.refresh()
    if view.model.total():
        view.table.selectRow(0)
    camera.shoot("finance-bills", window)
    view.new_bill()
    dialog = view.dialog
    if isinstance(dialog, QDialog):
        supplier = getattr(dialog, "supplier", None)
        if supplier is not None and supplier.count() > 1:
            supplier.setCurrentIndex(1)
            receipts = getattr(dialog, "receipts", None)
            item = receipts.item(0, 0) if receipts is not None else None
            if item is not None:
                item.setCheckState(Qt.CheckState.Checked)
        camera.shoot("finance-bill-dialog", dialog)
        dialog.reject()
