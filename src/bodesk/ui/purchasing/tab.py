"""The Purchasing tab (Suppliers, Purchase orders, Receipts, Reorder suggestions) and what Ctrl+K
opens for a supplier or a purchase order. Loaded for the purchasing module of the registry's list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.purchasing.permissions import PURCHASING_VIEW
from bodesk.domain.purchasing.states import OrderStatus
from bodesk.domain.search import SearchHit
from bodesk.i18n import N_
from bodesk.store.engine import Database
from bodesk.ui.modules import ModuleTab, SubView, WorkCard, choose, register_card, register_tab
from bodesk.ui.screenshots import register_shots
from bodesk.ui.search_box import Navigator, register_opener
from bodesk.ui.widgets.icons import register_icons

if TYPE_CHECKING:
    from bodesk.ui.mainwindow import MainWindow
    from bodesk.ui.screenshots import Camera


def _suppliers(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.purchasing.suppliers import SuppliersView

    return SuppliersView(db, actor, parent)


def _orders(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.purchasing.orders import OrdersView

    return OrdersView(db, actor, parent)


def _receipts(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.purchasing.receipts import ReceiptsView

    return ReceiptsView(db, actor, parent)


def _reorder(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.purchasing.reorder import ReorderView

    return ReorderView(db, actor, parent)


register_icons(
    {
        "purchasing": "ph.shopping-cart",
        "suppliers": "ph.handshake",
        "orders": "ph.file-text",
        "receipts": "ph.receipt",
        "reorder": "ph.arrows-clockwise",
    }
)
register_tab(
    ModuleTab(
        "purchasing",
        N_("Purchasing"),
        PURCHASING_VIEW,
        "purchasing",
        subviews=(
            SubView("suppliers", N_("Suppliers"), _suppliers),
            SubView("orders", N_("Purchase orders"), _orders),
            SubView("receipts", N_("Receipts"), _receipts),
            SubView("reorder", N_("Reorder suggestions"), _reorder),
        ),
        order=30,
        keywords=(N_("Buying"), N_("Supplier"), N_("Receive goods")),
    )
)


register_card(
    WorkCard(
        "purchasing.to_receive",
        "purchasing",
        "orders",
        lambda view: choose(getattr(view, "status_filter", None), "open"),
    )
)
register_card(
    WorkCard(
        "purchasing.drafts",
        "purchasing",
        "orders",
        lambda view: choose(getattr(view, "status_filter", None), OrderStatus.DRAFT.value),
    )
)


@register_opener("supplier", N_("Supplier"))
def _open_supplier(navigator: Navigator, hit: SearchHit) -> None:
    view = navigator.show_view("purchasing", "suppliers")
    open_supplier = getattr(view, "open_supplier", None)
    if open_supplier is not None:
        open_supplier(int(hit.key))


@register_opener("purchase_order", N_("Purchase order"))
def _open_order(navigator: Navigator, hit: SearchHit) -> None:
    view = navigator.show_view("purchasing", "orders")
    open_order = getattr(view, "open_order", None)
    if open_order is not None:
        open_order(int(hit.key))


@register_shots
def purchasing_shots(camera: Camera, window: MainWindow) -> None:
    """An open purchase order in its editor and goods of a sent one being received, for `bodesk
    screenshots`."""
    from bodesk.ui.purchasing.orders import OrdersView

    view = window.show_view("purchasing", "orders")
    if not isinstance(view, OrdersView):
        return
    for status, action, name in (
        ("open", view.open_selected, "purchasing-order-editor"),
        (OrderStatus.SENT.value, view.receive_selected, "purchasing-receive"),
    ):
        view.status_filter.setCurrentIndex(view.status_filter.findData(status))
        if not view.model.total():
            continue
        view.table.selectRow(0)
        action()
        dialog = view.dialog
        if isinstance(dialog, QDialog):
            camera.shoot(name, dialog)
            dialog.reject()
    view.status_filter.setCurrentIndex(view.status_filter.findData("open"))
