"""The Stock tab (Products, Stock on hand, Moves, Lots and expiry, Counts, Warehouses) and what
Ctrl+K opens for a product. Loaded for the stock module of the registry's list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.search import SearchHit
from bodesk.domain.stock.permissions import STOCK_COUNT, STOCK_VIEW
from bodesk.i18n import N_
from bodesk.store.engine import Database
from bodesk.ui.modules import ModuleTab, SubView, WorkCard, choose, register_card, register_tab, tick
from bodesk.ui.screenshots import register_shots
from bodesk.ui.search_box import Navigator, register_opener
from bodesk.ui.widgets.icons import register_icons

if TYPE_CHECKING:
    from bodesk.ui.mainwindow import MainWindow
    from bodesk.ui.screenshots import Camera


def _products(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.stock.products import ProductsView

    return ProductsView(db, actor, parent)


def _on_hand(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.stock.on_hand import OnHandView

    return OnHandView(db, actor, parent)


def _moves(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.stock.moves import MovesView

    return MovesView(db, actor, parent)


def _lots(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.stock.lots import LotsView

    return LotsView(db, actor, parent)


def _counts(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.stock.counts import CountsView

    return CountsView(db, actor, parent)


def _warehouses(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.stock.warehouses import WarehousesView

    return WarehousesView(db, actor, parent)


register_icons(
    {
        "stock": "ph.package",
        "products": "ph.tag",
        "on_hand": "ph.stack",
        "moves": "ph.arrows-left-right",
        "lots": "ph.calendar",
        "counts": "ph.check-square",
        "warehouses": "ph.factory",
    }
)
STOCK_TAB = register_tab(
    ModuleTab(
        "stock",
        N_("Stock"),
        STOCK_VIEW,
        "stock",
        subviews=(
            SubView("products", N_("Products"), _products),
            SubView("on_hand", N_("Stock on hand"), _on_hand),
            SubView("moves", N_("Moves"), _moves),
            SubView("lots", N_("Lots and expiry"), _lots),
            SubView("counts", N_("Counts"), _counts, STOCK_COUNT),
            SubView("warehouses", N_("Warehouses"), _warehouses),
        ),
        order=20,
        keywords=(N_("Inventory"), N_("Catalogue"), N_("Expiry"), N_("Transfer")),
    )
)


register_card(
    WorkCard(
        "stock.below_minimum",
        "stock",
        "products",
        lambda view: tick(getattr(view, "below_minimum", None)),
    )
)
register_card(
    WorkCard(
        "stock.lots_expired",
        "stock",
        "lots",
        lambda view: choose(getattr(view, "show_filter", None), "expired"),
    )
)
register_card(
    WorkCard(
        "stock.lots_expiring",
        "stock",
        "lots",
        lambda view: choose(getattr(view, "show_filter", None), "within"),
    )
)
register_card(
    WorkCard(
        "stock.counts_open",
        "stock",
        "counts",
        lambda view: choose(getattr(view, "status_filter", None), "open"),
    )
)


@register_opener("product", N_("Product"))
def open_product(navigator: Navigator, hit: SearchHit) -> None:
    view = navigator.show_view("stock", "products")
    opener = getattr(view, "open_product", None)
    if opener is not None:
        opener(int(hit.key))


@register_shots
def stock_shots(camera: Camera, window: MainWindow) -> None:
    """The product dialog, a transfer and a breakage, for `bodesk screenshots`."""
    from bodesk.ui.widgets.list_view import ListView

    for sub, name, action in (
        ("products", "stock-product-dialog", "edit_product"),
        ("on_hand", "stock-transfer-dialog", "transfer"),
        ("on_hand", "stock-breakage-dialog", "breakage"),
    ):
        view = window.show_view("stock", sub)
        if not isinstance(view, ListView) or not view.model.total():
            continue
        view.table.selectRow(0)
        getattr(view, action)()
        dialog = getattr(view, "dialog", None)
        if isinstance(dialog, QDialog):
            camera.shoot(name, dialog)
            dialog.reject()


@register_shots
def count_entry_shot(camera: Camera, window: MainWindow) -> None:
    """The open demo count, as the person scanning it sees it."""
    from bodesk.ui.stock.counts import CountsView

    view = window.show_view("stock", "counts")
    if not isinstance(view, CountsView) or not view.list.model.total():
        return
    view.list.table.selectRow(0)
    count_id = view.list.selected_id()
    if count_id is None:
        return
    view.open_count(count_id)
    camera.shoot("stock-count-entry", window)
    view.close_entry()
