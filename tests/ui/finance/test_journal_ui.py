"""A manual journal entry typed from the keyboard alone in the Journal view: Ctrl+N, the description,
then each line's account (its code), Enter, its amount, Enter; the difference shows as it goes, and
Post is enabled only once the entry balances. The posted entry is selected, with its lines under it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from bodesk.domain.access.actor import Actor
from bodesk.store.engine import Database
from bodesk.ui.finance.entry_dialog import EntryDialog
from bodesk.ui.finance.journal import JournalView
from tests.builders.books import books
from tests.helpers.keyboard import Keyboard, activate


@pytest.fixture
def view(qtbot: QtBot, db: Database, owner: Actor, show: Callable[..., Any]) -> JournalView:
    view: JournalView = show(JournalView(db, owner))
    activate(qtbot, view)
    return view


def open_entry(qtbot: QtBot, keys: Keyboard, view: JournalView) -> EntryDialog:
    view.table.setFocus()
    keys.press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(view.dialog, EntryDialog))
    dialog = view.dialog
    assert isinstance(dialog, EntryDialog)
    qtbot.waitExposed(dialog)
    activate(qtbot, dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.memo)
    return dialog


def test_a_person_types_a_balanced_entry_and_posts_it(qtbot: QtBot, view: JournalView, db: Database) -> None:
    keys = Keyboard(qtbot)
    dialog = open_entry(qtbot, keys, view)
    keys.enter("Tarifas do mês")
    keys.enter("6.10")  # bank fees
    keys.enter("35.90")  # a debit: Enter adds the line
    assert dialog.grid.rowCount() == 1 and "35.90" in dialog.difference.text()
    assert not dialog.post_button.isEnabled()
    keys.enter("1.1.02")  # the bank
    keys.enter("")  # no debit: on to the credit
    keys.enter("35.90")
    assert dialog.grid.rowCount() == 2 and "Balanced" in dialog.difference.text()
    assert dialog.post_button.isEnabled()
    keys.enter("")  # an empty account once balanced: on to Post
    assert QApplication.focusWidget() is dialog.post_button
    keys.press(Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: view.dialog is None)
    assert view.model.total() == 1 and view.selected_id() == dialog.entry_id
    qtbot.waitUntil(lambda: view.lines.model.total() == 2)


def test_an_unbalanced_entry_cannot_be_posted(qtbot: QtBot, view: JournalView, db: Database) -> None:
    before = books(db)
    keys = Keyboard(qtbot)
    dialog = open_entry(qtbot, keys, view)
    keys.enter("Errado")
    keys.enter("6.10")
    keys.enter("100")
    keys.enter("1.1.02")
    keys.enter("")
    keys.enter("99.99")
    assert "0.01" in dialog.difference.text() and not dialog.post_button.isEnabled()
    keys.enter("")  # Enter on the empty account does not post an unbalanced entry
    dialog.accept()  # nor does accepting by any other way
    assert dialog.isVisible() and books(db) == before


def test_a_control_account_is_not_offered(qtbot: QtBot, view: JournalView) -> None:
    keys = Keyboard(qtbot)
    dialog = open_entry(qtbot, keys, view)
    keys.enter("Acerto")
    keys.enter("1.1.04")  # customers: kept by invoices and payments
    assert dialog.chosen_account() is None and dialog.line_error.isVisible()
