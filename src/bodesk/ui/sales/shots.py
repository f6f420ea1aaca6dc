"""The sales screens for `bodesk screenshots`: lists, the customer's form, an order in its editor, the
ship dialog and the settings. Until the demo data has sales, a customer and an order are made here,
in the screenshots' own temporary database, from the demo's products with stock."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.listing import ListRequest
from bodesk.domain.sales.customers import Address, CustomerData, create_customer
from bodesk.domain.sales.documents import find_sellable
from bodesk.domain.sales.order_lines import SalesLineInput
from bodesk.domain.sales.orders import OrderHeader, create_order
from bodesk.domain.sales.queries import OrdersQuery, StockForSalesQuery
from bodesk.errors import BodeskError
from bodesk.store.engine import Database

if TYPE_CHECKING:
    from bodesk.ui.mainwindow import MainWindow
    from bodesk.ui.screenshots import Camera

SAMPLE_TAX_ID = "11222333000181"


def sample_order(db: Database, actor: Actor) -> None:
    """A confirmed order of four products with stock for a new customer, unless there are orders."""
    if OrdersQuery().count(db, actor, ListRequest()):
        return
    try:
        customer = create_customer(
            db,
            actor,
            CustomerData(
                name="Bar e Mercearia do Porto Ltda.",
                tax_id=SAMPLE_TAX_ID,
                trade_name="Bar do Porto",
                billing=Address(street="Rua do Porto", number="120", city="Santos", state="SP"),
                delivery_weekdays="135",
                phone="(13) 3222-1010",
            ),
        )
        stock = StockForSalesQuery()
        rows = stock.page(db, actor, ListRequest(sort="available", descending=True), 0, 4)
        lines = []
        for row in rows:
            found = find_sellable(db, actor, str(stock.value(row, "sku")), 1)
            if found and stock.value(row, "available") > 24:
                lines.append(SalesLineInput(found[0].product_id, None, Decimal(12)))
        if lines:
            create_order(db, actor, customer, lines, OrderHeader(notes="Entregar até as 10h"), confirm=True)
    except BodeskError:
        return


def _shoot(camera: Camera, name: str, dialog: QWidget | None) -> None:
    if isinstance(dialog, QDialog):
        camera.shoot(name, dialog)
        dialog.reject()


def sales_shots(camera: Camera, window: MainWindow) -> None:
    from bodesk.ui.sales.customers import CustomersView
    from bodesk.ui.sales.orders import OrdersView

    sample_order(window.db, window.actor)
    customers = window.show_view("sales", "customers")
    if isinstance(customers, CustomersView):
        customers.refresh()
        camera.shoot("sales-customers", window)
        customers.add_customer()
        _shoot(camera, "sales-customer-dialog", customers.dialog)
    orders = window.show_view("sales", "orders")
    if not isinstance(orders, OrdersView):
        return
    orders.refresh()
    if orders.model.total():
        orders.table.selectRow(0)
    camera.shoot("sales-orders", window)
    if orders.selected_id() is not None:
        orders.open_selected()
    else:
        orders.new_order()
    _shoot(camera, "sales-order-editor", orders.dialog)
    if orders.ship_button.isEnabled():
        orders.ship_selected()
        _shoot(camera, "sales-ship-dialog", orders.dialog)
    orders.open_settings()
    _shoot(camera, "sales-settings-dialog", orders.dialog)
