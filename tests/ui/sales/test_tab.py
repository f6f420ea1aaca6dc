"""The Sales tab in the main window: the home page's cards of sales work open the Orders list narrowed
to it, Ctrl+K opens a customer and an order, and the sales settings are saved from their dialog."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from bodesk.domain.access.actor import Actor
from bodesk.domain.sales.settings import sales_rules
from bodesk.domain.search import SearchHit
from bodesk.settings import load_preferences
from bodesk.store.engine import Database
from bodesk.ui.home import HomePage, WorkCardButton
from bodesk.ui.mainwindow import MainWindow
from bodesk.ui.sales.customer_dialog import CustomerDialog
from bodesk.ui.sales.customers import CustomersView
from bodesk.ui.sales.order_editor import SalesOrderEditor
from bodesk.ui.sales.orders import OrdersView
from bodesk.ui.sales.settings_dialog import SalesSettingsDialog
from bodesk.ui.search_box import open_hit
from tests.builders.sales import line, make_customer, make_sale
from tests.ui.sales.conftest import SalesScene

D = Decimal


def open_window(qtbot: QtBot, db: Database, actor: Actor) -> MainWindow:
    window = MainWindow(db, actor, load_preferences())
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    return window


def test_a_card_opens_the_orders_narrowed_to_its_work(
    qtbot: QtBot, db: Database, owner: Actor, sales_scene: SalesScene
) -> None:
    water = sales_scene.products["AGUA"]
    make_sale(db, owner, sales_scene.customer, line(water.id, 1, water.case_id))
    make_sale(db, owner, sales_scene.customer, line(water.id, 2, water.case_id), confirm=True)
    window = open_window(qtbot, db, owner)
    home = window.show_view("home")
    assert isinstance(home, HomePage)
    card = home.findChild(WorkCardButton, "work-sales.to_pick")
    assert card is not None and card.toolTip() == "1 sales order to pick"
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    orders = window.show_view("sales", "orders")
    assert isinstance(orders, OrdersView)
    assert orders.status_filter.currentData() == "confirmed" and orders.model.total() == 1


def test_ctrl_k_opens_a_customer_and_an_order(
    qtbot: QtBot, db: Database, owner: Actor, sales_scene: SalesScene
) -> None:
    water = sales_scene.products["AGUA"]
    order = make_sale(db, owner, sales_scene.customer, line(water.id, 1, water.case_id))
    window = open_window(qtbot, db, owner)
    open_hit(window, SearchHit("customer", str(sales_scene.customer), "Bar do Zé Ltda."))
    customers = window.show_view("sales", "customers")
    assert isinstance(customers, CustomersView) and isinstance(customers.dialog, CustomerDialog)
    customers.dialog.reject()
    open_hit(window, SearchHit("sales_order", str(order), "1"))
    orders = window.show_view("sales", "orders")
    assert isinstance(orders, OrdersView) and isinstance(orders.dialog, SalesOrderEditor)
    assert orders.dialog.order_id == order


def test_the_sales_settings_are_saved_from_their_dialog(
    qtbot: QtBot, db: Database, owner: Actor, sales_scene: SalesScene
) -> None:
    window = open_window(qtbot, db, owner)
    orders = window.show_view("sales", "orders")
    assert isinstance(orders, OrdersView) and not orders.settings_button.isHidden()
    orders.open_settings()
    dialog = orders.dialog
    assert isinstance(dialog, SalesSettingsDialog)
    dialog.max_discount.setText("7.5")
    dialog.tolerance.setValue(10)
    dialog.reps_see_own.setChecked(True)
    dialog.accept()
    rules = sales_rules(db, owner)
    assert rules == replace(rules, max_discount=D("7.5"), overdue_tolerance_days=10, reps_see_own=True)
    assert rules.warehouse_order == (sales_scene.place.warehouse_id,)


def test_a_customer_s_orders_are_shown_from_the_customers_list(
    qtbot: QtBot, db: Database, owner: Actor, sales_scene: SalesScene
) -> None:
    water = sales_scene.products["AGUA"]
    other = make_customer(db, owner, 2, "Mercado Central Ltda.")
    make_sale(db, owner, sales_scene.customer, line(water.id, 1, water.case_id))
    make_sale(db, owner, other, line(water.id, 1, water.case_id))
    window = open_window(qtbot, db, owner)
    customers = window.show_view("sales", "customers")
    assert isinstance(customers, CustomersView)
    assert customers.select_id(sales_scene.customer)
    customers.show_orders()
    orders = window.show_view("sales", "orders")
    assert isinstance(orders, OrdersView) and orders.model.total() == 1
    assert orders.customer_chip.text() == "Customer: Bar do Zé Ltda. ✕"
    orders.customer_chip.click()
    assert orders.model.total() == 2 and orders.customer_chip.isHidden()
