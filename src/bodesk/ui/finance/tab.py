"""The Finance tab. Loaded for the finance module of the registry's list."""

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


# receivables, payables and payments
def _receivables(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.finance.receivables import ReceivablesView

    return ReceivablesView(db, actor, parent)


def _payables(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.finance.receivables import PayablesView

    return PayablesView(db, actor, parent)


def _payments(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.finance.payments import PaymentsView

    return PaymentsView(db, actor, parent)


PAYMENT_SUBVIEWS = (
    SubView("receivables", N_("Receivables"), _receivables),
    SubView("payables", N_("Payables"), _payables),
    SubView("payments", N_("Payments"), _payments),
)
register_icons(
    {
        "finance": "ph.bank",
    }
)

register_tab(
    ModuleTab(
        "finance",
        N_("Finance"),
        FINANCE_VIEW,
        "finance",
        subviews=(*PAYMENT_SUBVIEWS,),
        order=50,
        keywords=(N_("Receivables"), N_("Payables"), N_("Payment")),
    )
)


@register_shots
def _payment_shots(camera: Camera, window: MainWindow) -> None:
    """Receivables, payables, payments and the payment dialog, for `bodesk screenshots`."""
    from bodesk.ui.finance.shots import payment_shots

    payment_shots(camera, window)
