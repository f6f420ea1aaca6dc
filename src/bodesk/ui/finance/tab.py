"""The Finance tab and its sub-views. Loaded for the finance module of the registry's list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.finance.permissions import FINANCE_VIEW
from bodesk.i18n import N_
from bodesk.store.engine import Database
from bodesk.ui.modules import ModuleTab, SubView, register_tab
from bodesk.ui.screenshots import register_shots
from bodesk.ui.widgets.icons import register_icons

if TYPE_CHECKING:
    from bodesk.ui.mainwindow import MainWindow
    from bodesk.ui.screenshots import Camera


def _bills(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.finance.bills import BillsView

    return BillsView(db, actor, parent)


register_icons({"finance": "ph.bank", "bills": "ph.receipt"})
register_tab(
    ModuleTab(
        "finance",
        N_("Finance"),
        FINANCE_VIEW,
        "finance",
        subviews=(
            SubView("bills", N_("Supplier bills"), _bills),  # bills
        ),
        order=40,
        keywords=(N_("Supplier bill"), N_("Boleto")),
    )
)


@register_shots
def _bills_shots(camera: Camera, window: MainWindow) -> None:
    """The supplier bills list and the Bill receipts… dialog (see `ui.finance.bill_shots`)."""
    from bodesk.ui.finance.bill_shots import bill_shots

    bill_shots(camera, window)
