"""The Sales tab (Customers, Orders, Returns, Stock for sales, Price tables, Commissions, Processing
time) and what Ctrl+K opens for a customer or a sales order. Loaded for the sales module of the
registry's list."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.sales.permissions import COMMISSIONS_VIEW, SALES_VIEW
from bodesk.domain.sales.states import OrderStatus
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


def _customers(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.sales.customers import CustomersView

    return CustomersView(db, actor, parent)


def _orders(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.sales.orders import OrdersView

    return OrdersView(db, actor, parent)


def _returns(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.sales.returns import ReturnsView

    return ReturnsView(db, actor, parent)


def _stock(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.sales.stock import StockForSalesView

    return StockForSalesView(db, actor, parent)


def _price_tables(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.sales.price_tables import PriceTablesView

    return PriceTablesView(db, actor, parent)


def _commissions(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.sales.commissions import CommissionsView

    return CommissionsView(db, actor, parent)


def _processing(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.sales.processing import ProcessingView

    view = ProcessingView(db, actor, parent)
    view.refresh()
    return view


register_icons(
    {
        "sales": "ph.storefront",
        "customers": "ph.address-book",
        "sales_orders": "ph.notepad",
        "returns": "ph.arrow-u-up-left",
        "price_tables": "ph.currency-circle-dollar",
        "commissions": "ph.percent",
        "processing": "ph.timer",
    }
)
register_tab(
    ModuleTab(
        "sales",
        N_("Sales"),
        SALES_VIEW,
        "sales",
        subviews=(
            SubView("customers", N_("Customers"), _customers),
            SubView("orders", N_("Orders"), _orders),
            SubView("returns", N_("Returns"), _returns),
            SubView("stock", N_("Stock for sales"), _stock),
            SubView("price_tables", N_("Price tables"), _price_tables),
            SubView("commissions", N_("Commissions"), _commissions, COMMISSIONS_VIEW),
            SubView("processing", N_("Processing time"), _processing),
        ),
        order=25,
        keywords=(N_("Customer"), N_("Sales order"), N_("Selling")),
    )
)


def _narrow_to(status: OrderStatus) -> Callable[[QWidget], None]:
    """A card's narrowing: the Orders list filtered to `status`."""

    def narrow(view: QWidget) -> None:
        choose(getattr(view, "status_filter", None), status.value)

    return narrow


register_card(WorkCard("sales.quotes", "sales", "orders", _narrow_to(OrderStatus.DRAFT)))
register_card(WorkCard("sales.to_pick", "sales", "orders", _narrow_to(OrderStatus.CONFIRMED)))
register_card(WorkCard("sales.to_ship", "sales", "orders", _narrow_to(OrderStatus.PICKING)))


@register_opener("customer", N_("Customer"))
def _open_customer(navigator: Navigator, hit: SearchHit) -> None:
    view = navigator.show_view("sales", "customers")
    open_customer = getattr(view, "open_customer", None)
    if open_customer is not None:
        open_customer(int(hit.key))


@register_opener("sales_order", N_("Sales order"))
def _open_order(navigator: Navigator, hit: SearchHit) -> None:
    view = navigator.show_view("sales", "orders")
    open_order = getattr(view, "open_order", None)
    if open_order is not None:
        open_order(int(hit.key))


@register_shots
def _sales_shots(camera: Camera, window: MainWindow) -> None:
    """The sales screens with a sample order, for `bodesk screenshots` (see `ui.sales.shots`)."""
    from bodesk.ui.sales.shots import sales_shots

    sales_shots(camera, window)
