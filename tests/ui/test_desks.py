"""Another desk's change shows in the open list by itself, the person's selection kept."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.services import add_user
from bodesk.settings import load_preferences
from bodesk.store.engine import Database
from bodesk.ui.admin.users import UsersView
from bodesk.ui.mainwindow import MainWindow
from tests.builders.access import PASSWORD


def test_a_user_added_at_another_desk_appears_and_the_selection_stays(
    qtbot: QtBot, db: Database, owner: Actor
) -> None:
    window = MainWindow(db, owner, load_preferences())
    qtbot.addWidget(window)
    window.show()
    view = window.show_view("admin", "users")
    assert isinstance(view, UsersView)
    assert view.model.total() == 1
    view.select_id(owner.user_id)
    window.desk_watch.poll()  # nothing changed yet
    assert view.model.total() == 1

    other_desk = Database(db.url)
    try:
        add_user(other_desk, owner, "juliana", "Juliana Souza", "sales", PASSWORD)
    finally:
        other_desk.dispose()
    window.desk_watch.poll()

    assert view.model.total() == 2
    assert view.selected_id() == owner.user_id
    assert window.desk_watch.label.isHidden()  # one PC: no desks to count on SQLite
