"""The date filter every list uses: a date or "no date", cleared by its button, and a From and To
pair that sets the list's "from" and "to" filters (audit log, stock moves)."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.queries import UsersQuery
from bodesk.store.engine import Database
from bodesk.ui.widgets.date_filter import DateFilter, add_date_range
from bodesk.ui.widgets.list_view import ListView
from tests.helpers.qt import click


def test_a_date_filter_holds_a_date_or_none(qtbot: QtBot) -> None:
    chosen = DateFilter()
    qtbot.addWidget(chosen)
    assert chosen.value() is None and chosen.edit.text() == "No date"
    with qtbot.waitSignal(chosen.changed):
        chosen.set_value(date(2025, 3, 5))
    assert chosen.value() == date(2025, 3, 5)
    with qtbot.waitSignal(chosen.changed):
        click(qtbot, chosen.clear_button)
    assert chosen.value() is None and chosen.edit.text() == "No date"


def test_a_date_range_sets_the_lists_from_and_to(qtbot: QtBot, db: Database, owner: Actor) -> None:
    view = ListView(db, owner, UsersQuery(), "test_users")
    qtbot.addWidget(view)
    start, end = add_date_range(view)
    start.set_value(date(2025, 3, 1))
    end.set_value(date(2025, 3, 31))
    assert (view.model.request.filter("from"), view.model.request.filter("to")) == (
        date(2025, 3, 1),
        date(2025, 3, 31),
    )
    end.set_value(None)
    assert view.model.request.filter("to") is None
    assert view.model.request.filter("from") == date(2025, 3, 1)
