"""The home page says what is waiting for the person today, each card opening the list narrowed to
it, and flags a desk without a backup."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from bodesk.domain.access.actor import Actor
from bodesk.settings import load_preferences
from bodesk.store.engine import Database
from bodesk.ui.home import HomePage, WorkCardButton
from bodesk.ui.mainwindow import MainWindow
from bodesk.ui.stock.lots import LotsView
from bodesk.ui.stock.products import ProductsView
from tests.builders.catalogue import make_product
from tests.builders.shop import Shop, build_shop


@pytest.fixture
def shop(db: Database, owner: Actor) -> Shop:
    shop = build_shop(db, owner)
    make_product(db, owner, "AG-1L", "Água 1 L", min_stock=12)  # nothing on hand: below its minimum
    return shop


@pytest.fixture
def open_home(qtbot: QtBot, db: Database) -> Callable[[Actor], tuple[MainWindow, HomePage]]:
    def make(actor: Actor) -> tuple[MainWindow, HomePage]:
        window = MainWindow(db, actor, load_preferences())
        qtbot.addWidget(window)
        with qtbot.waitActive(window):
            window.show()
        home = window.show_view("home")
        assert isinstance(home, HomePage)
        return window, home

    return make


def cards(home: HomePage) -> dict[str, str]:
    return {card.objectName(): card.toolTip() for card in home.findChildren(WorkCardButton)}


def test_the_work_waiting_opens_its_list_narrowed_to_it(
    qtbot: QtBot, open_home: Callable[[Actor], tuple[MainWindow, HomePage]], owner: Actor, shop: Shop
) -> None:
    window, home = open_home(owner)
    assert cards(home) == {
        "work-stock.below_minimum": "1 product below its minimum",
        "work-stock.lots_expired": "1 expired lot still in stock",
        "work-stock.lots_expiring": "1 lot near its expiry",
    }
    below = home.findChild(WorkCardButton, "work-stock.below_minimum")
    qtbot.mouseClick(below, Qt.MouseButton.LeftButton)
    products = window.hosts["stock"].current_view()  # type: ignore[union-attr]
    assert isinstance(products, ProductsView) and products.below_minimum.isChecked()
    assert [
        products.value(row, "sku")
        for row in products.model.query.page(products.db, products.actor, products.model.request, 0, 10)
    ] == ["AG-1L"]
    window.show_view("home")
    qtbot.mouseClick(home.findChild(WorkCardButton, "work-stock.lots_expired"), Qt.MouseButton.LeftButton)
    lots = window.hosts["stock"].current_view()  # type: ignore[union-attr]
    assert isinstance(lots, LotsView) and lots.show_filter.currentData() == "expired"


def test_nothing_waiting_is_said_plainly(
    open_home: Callable[[Actor], tuple[MainWindow, HomePage]], owner: Actor
) -> None:
    _window, home = open_home(owner)
    assert cards(home) == {}
    assert home.nothing_waiting.isVisibleTo(home)


def test_a_desk_without_a_backup_is_flagged_with_a_way_to_make_one(
    open_home: Callable[[Actor], tuple[MainWindow, HomePage]],
    owner: Actor,
    make_user: Callable[..., Actor],
) -> None:
    _window, home = open_home(owner)
    assert "color" in home.last_backup.styleSheet()
    assert home.backup_now.isVisibleTo(home)
    _window, sales_home = open_home(make_user("sales"))
    assert "color" in sales_home.last_backup.styleSheet()
    assert not sales_home.backup_now.isVisibleTo(sales_home)  # a role that may not back up
    assert sales_home.findChild(QPushButton, "backup-now") is sales_home.backup_now
