"""The Finance tab and what Ctrl+K opens for an invoice. Loaded for the finance module of the
registry's list. (Other sub-views — journal, accounts, periods, bills, payments — register here too.)"""

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


def _invoices(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.finance.invoices import InvoicesView

    return InvoicesView(db, actor, parent)


register_icons(
    {
        "finance": "ph.bank",
        "invoices": "ph.receipt",  # invoices
    }
)
register_tab(
    ModuleTab(
        "finance",
        N_("Finance"),
        FINANCE_VIEW,
        "finance",
        subviews=(
            SubView("invoices", N_("Invoices"), _invoices),  # invoices
        ),
        order=40,
        keywords=(N_("Invoice"), N_("Credit note"), N_("NF-e")),
    )
)


@register_shots
def _invoice_shots(camera: Camera, window: MainWindow) -> None:
    """The invoices list and its dialogs, for `bodesk screenshots` (see `ui.finance.invoice_shots`)."""
    from bodesk.ui.finance.invoice_shots import invoice_shots

    invoice_shots(camera, window)
