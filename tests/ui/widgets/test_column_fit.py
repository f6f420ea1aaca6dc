"""Columns sized by what they show: a name is not cut while a number or an empty column takes the room,
the name column takes what is left, a narrow window narrows the text columns (the name last), the
person's own widths win, and no screen makes the window wider than 1024 pixels."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from bodesk.domain.access.actor import Actor
from bodesk.domain.stock.queries import StockOnHandQuery
from bodesk.store.engine import Database
from bodesk.ui.mainwindow import MainWindow
from bodesk.ui.modules import visible_tabs
from bodesk.ui.widgets.column_fit import MIN_STRETCH_CHARS
from bodesk.ui.widgets.list_view import ListView
from tests.builders.catalogue import make_product
from tests.builders.stock import make_warehouse, stock_in

LONG_NAME = "Cerveja Puro Malte Long Neck Garrafa Âmbar 355 ml"


@pytest.fixture
def stock(db: Database, owner: Actor) -> None:
    place = make_warehouse(db, owner)
    for number, name in enumerate((LONG_NAME, "Água 500 ml", "Suco de Uva 1 L")):
        stock_in(db, owner, make_product(db, owner, f"P{number}", name), place.location_id, 7, cost="1.00")


def widths(view: ListView) -> dict[str, int]:
    header = view.table.horizontalHeader()
    return {
        column.key: header.sectionSize(index)
        for index, column in enumerate(view.model.columns)
        if not view.table.isColumnHidden(index)
    }


def make_view(db: Database, owner: Actor, qtbot: QtBot, width: int) -> ListView:
    view = ListView(db, owner, StockOnHandQuery(), "fit-test")
    for index, column in enumerate(view.model.columns):
        view.table.setColumnHidden(index, column.key in StockOnHandQuery.hidden)
    qtbot.addWidget(view)
    view.resize(width, 500)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: view.columns.fitted)
    return view


def test_the_name_is_whole_and_takes_the_room_left(
    db: Database, owner: Actor, stock: None, qtbot: QtBot
) -> None:
    view = make_view(db, owner, qtbot, 1200)
    sizes = widths(view)
    metrics = view.table.fontMetrics()
    assert sizes["name"] > metrics.horizontalAdvance(LONG_NAME)
    assert sizes["name"] == max(sizes.values())  # the name, not the last column, takes the room
    value_text = view.model.data(
        view.model.index(0, list(view.model.columns).index(view.model.query.column("value")))
    )
    assert sizes["value"] < metrics.horizontalAdvance(str(value_text)) + 8 * metrics.horizontalAdvance("0")
    assert sum(sizes.values()) == view.table.viewport().width()


def test_a_narrow_table_narrows_the_other_text_columns_before_the_name(
    db: Database, owner: Actor, stock: None, qtbot: QtBot
) -> None:
    view = make_view(db, owner, qtbot, 700)
    digit = view.table.fontMetrics().horizontalAdvance("0")
    sizes = widths(view)
    assert sizes["name"] >= MIN_STRETCH_CHARS * digit
    assert sizes["quantity"] >= view.table.fontMetrics().horizontalAdvance("Quantity")  # numbers are whole


def test_codes_are_never_cut(db: Database, owner: Actor, qtbot: QtBot) -> None:
    place = make_warehouse(db, owner)
    product = make_product(db, owner, "CERVEJA-PURO-MALTE-355", LONG_NAME, lot_tracked=True)
    stock_in(db, owner, product, place.location_id, 7, cost="1.00", lot="L2610291035-CD1-A")
    view = make_view(db, owner, qtbot, 700)
    metrics = view.table.fontMetrics()
    sizes = widths(view)
    assert sizes["sku"] > metrics.horizontalAdvance("CERVEJA-PURO-MALTE-355")
    assert sizes["lot"] > metrics.horizontalAdvance("L2610291035-CD1-A")


def test_a_column_the_person_sizes_stays_as_they_left_it(
    db: Database, owner: Actor, stock: None, qtbot: QtBot
) -> None:
    view = make_view(db, owner, qtbot, 1200)
    header = view.table.horizontalHeader()
    name = list(view.model.columns).index(view.model.query.column("name"))
    before = header.sectionSize(name)
    edge = header.sectionViewportPosition(name) + before - 1
    qtbot.mousePress(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(edge, header.height() // 2))
    qtbot.mouseMove(header.viewport(), QPoint(edge - 80, header.height() // 2))
    qtbot.mouseRelease(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(edge - 80, header.height() // 2)
    )
    chosen = header.sectionSize(name)
    assert chosen < before
    view.resize(1000, 500)
    qtbot.wait(50)
    assert header.sectionSize(name) == chosen


def test_every_screen_fits_a_window_1024_pixels_wide(
    db: Database, owner: Actor, stock: None, qtbot: QtBot, show: Callable[[QWidget], Any]
) -> None:
    from bodesk.i18n import set_language
    from bodesk.settings import Preferences

    set_language("pt_BR")  # the longer words
    window = MainWindow(db, owner, Preferences())
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    for tab in visible_tabs(owner.role):
        for sub in tab.visible_subviews(owner.role) or [None]:
            window.show_view(tab.key, sub.key if sub else None)
            qtbot.wait(10)
            assert window.minimumSizeHint().width() <= 1024, (tab.key, sub)


def test_widths_the_fitter_chose_are_not_remembered_as_the_persons(
    db: Database, owner: Actor, stock: None, qtbot: QtBot
) -> None:
    make_view(db, owner, qtbot, 1200)
    qtbot.wait(500)  # longer than the layout's save delay
    again = make_view(db, owner, qtbot, 1000)
    assert not again.columns.user_sized
    assert sum(widths(again).values()) == again.table.viewport().width()
