"""The moves and the lots screens, and the Stock tab that holds every stock screen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from bodesk.domain.access.actor import Actor
from bodesk.domain.stock.operations import adjust_stock
from bodesk.i18n import format_date
from bodesk.store.engine import Database
from bodesk.ui.modules import SubViewTabs
from bodesk.ui.stock.common import days_left_text
from bodesk.ui.stock.lots import LotsView
from bodesk.ui.stock.moves import MovesView
from bodesk.ui.stock.on_hand import OnHandView
from bodesk.ui.stock.products import ProductsView
from bodesk.ui.stock.tab import STOCK_TAB
from bodesk.ui.widgets import pdf_preview
from tests.builders.shop import Shop, build_shop
from tests.helpers.qt import click, click_row, column_texts

Show = Callable[[QWidget], Any]


@pytest.fixture
def shop(db: Database, owner: Actor) -> Shop:
    return build_shop(db, owner)


def column(view: Any, key: str) -> list[str]:
    return column_texts(view.table, [c.key for c in view.model.columns].index(key))


def test_moves_read_like_the_ledger(
    qtbot: QtBot, db: Database, owner: Actor, shop: Shop, show: Show, qtmodeltester: Any
) -> None:
    adjust_stock(db, owner, shop.cola, shop.cd2.location_id, Decimal(-2), "garrafas quebradas", breakage=True)
    view = show(MovesView(db, owner))
    qtmodeltester.check(view.model)
    assert column(view, "sku")[0] == "RF-COLA2L"
    assert (column(view, "from")[0], column(view, "to")[0], column(view, "document")[0]) == (
        "CD2",
        "Loss",
        "Breakage",
    )
    assert column(view, "from")[-1] == "Adjustment"
    view.document_filter.setCurrentIndex(view.document_filter.findData("adjustment"))
    assert len(column(view, "sku")) == 5
    view.warehouse_filter.setCurrentIndex(view.warehouse_filter.findData(shop.cd2.warehouse_id))
    assert sorted(column(view, "sku")) == ["CV-LT350", "RF-COLA2L"]
    view.from_filter.set_value(date(2000, 1, 2))
    view.to_filter.set_value(date(2000, 1, 3))
    assert column(view, "sku") == []
    assert "No move matches" in view.empty_label.text()


def test_lots_expiring_and_the_expiry_report(
    qtbot: QtBot,
    db: Database,
    owner: Actor,
    shop: Shop,
    show: Show,
    qtmodeltester: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    view = show(LotsView(db, owner))
    qtmodeltester.check(view.model)
    assert column(view, "code") == ["L2", "L1"]
    assert column(view, "days_left") == ["3 days ago", "in 10 days"]
    assert not view.days.isEnabled()
    view.show_filter.setCurrentIndex(view.show_filter.findData("within"))
    view.days.setValue(5)
    assert column(view, "code") == ["L2"]
    view.show_filter.setCurrentIndex(view.show_filter.findData("expired"))
    assert not view.days.isEnabled() and column(view, "code") == ["L2"]
    view.show_filter.setCurrentIndex(view.show_filter.findData("held"))
    view.warehouse_filter.setCurrentIndex(view.warehouse_filter.findData(shop.cd1.warehouse_id))
    assert column(view, "code") == ["L1"] and column(view, "quantity") == ["120"]
    previewed: list[Path] = []
    monkeypatch.setattr(pdf_preview, "show_pdf", lambda _parent, path: previewed.append(path))
    click(qtbot, view.report_button)
    task = view.report_task
    assert task is not None
    qtbot.waitUntil(lambda: task.done, timeout=20_000)
    assert [path.name for path in previewed] == ["expiring-lots.pdf"]


def test_days_left_read_like_words() -> None:
    today = date(2025, 3, 10)
    assert [days_left_text(date(2025, 3, day), today) for day in (9, 10, 11, 20)] == [
        "1 day ago",
        "today",
        "in 1 day",
        "in 10 days",
    ]
    assert days_left_text(None) == ""
    assert format_date(today)


def test_the_stock_tab_and_moving_between_its_screens(
    qtbot: QtBot, db: Database, owner: Actor, shop: Shop, show: Show
) -> None:
    tabs = show(SubViewTabs(STOCK_TAB, db, owner, lambda _view: None))
    tabs.activate()
    assert tabs.keys == ["products", "on_hand", "moves", "lots", "counts", "warehouses"]
    products = tabs.show_sub("products")
    assert isinstance(products, ProductsView)
    click_row(qtbot, products.table, column_texts(products.table, 0).index("CV-LT350"))
    click(qtbot, products.stock_button)
    on_hand = tabs.current_view()
    assert isinstance(on_hand, OnHandView)
    assert set(column(on_hand, "sku")) == {"CV-LT350"} and len(column(on_hand, "sku")) == 2
    assert on_hand.product_filter.isVisibleTo(on_hand)
    click(qtbot, on_hand.product_filter)
    assert len(column(on_hand, "sku")) == 5
    tabs.show_sub("products")
    click(qtbot, products.moves_button)
    moves = tabs.current_view()
    assert isinstance(moves, MovesView)
    assert column(moves, "lot") == ["L2", "L1"]


def test_who_sees_which_stock_screens(db: Database, make_user: Callable[..., Actor]) -> None:
    assert [sub.key for sub in STOCK_TAB.visible_subviews("sales")] == [
        "products",
        "on_hand",
        "moves",
        "lots",
        "warehouses",
    ]
    assert "counts" in [sub.key for sub in STOCK_TAB.visible_subviews("warehouse")]
    assert not STOCK_TAB.allowed("support")
