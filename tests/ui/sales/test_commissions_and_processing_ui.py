"""The commissions screen (a rate set, a rep's statement of a shipped order) and the processing time
screen (figures per stage and the slowest orders), read as a person does."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from bodesk.domain.access.actor import Actor
from bodesk.domain.sales.customers import update_customer
from bodesk.domain.sales.documents import order_view
from bodesk.domain.sales.lookups import customer_record
from bodesk.domain.sales.references import add_rep
from bodesk.domain.sales.shipping import ship_order
from bodesk.store.engine import Database
from bodesk.ui.sales.commissions import CommissionsView, RateDialog
from bodesk.ui.sales.processing import ProcessingView, duration_text
from tests.builders.sales import line, make_sale
from tests.helpers.qt import ShownMessages, click, column_texts
from tests.ui.sales.conftest import SalesScene

D = Decimal


def shipped_order(db: Database, owner: Actor, scene: SalesScene) -> int:
    water = scene.products["AGUA"]
    order = make_sale(db, owner, scene.customer, line(water.id, 10, water.case_id), confirm=True)
    ship_order(db, owner, order)
    return order


def test_a_rate_is_set_and_a_rep_s_statement_read(
    db: Database, owner: Actor, sales_scene: SalesScene, show: Callable[..., Any], shown: ShownMessages
) -> None:
    rep = add_rep(db, owner, "Ana Souza")
    record = customer_record(db, owner, sales_scene.customer)
    update_customer(db, owner, sales_scene.customer, replace(record.data, rep_id=rep))
    shipped_order(db, owner, sales_scene)
    view: CommissionsView = show(CommissionsView(db, owner))
    view.rates.set_commission()
    dialog = view.rates.dialog
    assert isinstance(dialog, RateDialog)
    dialog.rate.setText("3")
    dialog.accept()
    assert column_texts(view.rates.table, 2) == ["3"]
    view.statement.show_button.click()
    assert view.statement.table.rowCount() == 1
    assert view.statement.table.item(0, 4).text() == "110.00"
    assert view.statement.totals.text() == "Sales 110.00 · commission 3.30"
    assert shown.errors == []


def test_processing_time_per_stage_and_the_slowest_orders(
    qtbot: QtBot, db: Database, owner: Actor, sales_scene: SalesScene, show: Callable[..., Any]
) -> None:
    view: ProcessingView = show(ProcessingView(db, owner))
    view.refresh()
    assert view.figures.rowCount() == 0 and view.empty.text() == "No order was taken in this period."
    order = shipped_order(db, owner, sales_scene)
    view.refresh()
    assert view.figures.rowCount() == 2  # all orders, and the one day
    assert view.figures.item(0, 1).text() == "1"
    assert view.figures.item(0, 2).text() == "0 min"  # confirmed as it was taken
    assert view.slowest.rowCount() == 1
    assert view.slowest.item(0, 0).text() == str(order_view(db, owner, order).number)
    assert view.slowest.item(0, 4).text() in ("waiting to be confirmed", "waiting to ship")
    view.grouping.setCurrentIndex(view.grouping.findData("rep"))
    assert view.figures.item(1, 0).text() == "no rep"
    assert [duration_text(s) for s in (59, 3600 + 120, 2 * 86400 + 5 * 3600)] == [
        "0 min",
        "1 h 2 min",
        "2 d 5 h",
    ]


def test_the_processing_time_pdf_is_written_and_previewed(
    qtbot: QtBot,
    db: Database,
    owner: Actor,
    sales_scene: SalesScene,
    show: Callable[..., Any],
    previews: list[Path],
) -> None:
    shipped_order(db, owner, sales_scene)
    view: ProcessingView = show(ProcessingView(db, owner))
    click(qtbot, view.pdf_button)
    assert len(previews) == 1 and previews[0].name.startswith("processing-time-")
    assert previews[0].read_bytes().startswith(b"%PDF")
