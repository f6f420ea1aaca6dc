"""Shared UI fixtures: message boxes recorded instead of shown (`tests.helpers.qt.ShownMessages`), shown
views, demo-like audit rows.

The test command sets QT_QPA_PLATFORM=offscreen; the default below only helps a bare `pytest`.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from bodesk.domain.access.actor import Actor
from bodesk.store.engine import Database
from bodesk.ui.widgets import messages
from tests.builders.access import add_audit_rows
from tests.helpers.qt import ShownMessages


@pytest.fixture(autouse=True)
def shown(monkeypatch: pytest.MonkeyPatch) -> ShownMessages:
    """No message box ever blocks a test: every one is recorded here instead."""
    record = ShownMessages()

    def ask(_parent: QWidget | None, _title: str, text: str) -> bool:
        record.questions.append(text)
        return record.answer

    monkeypatch.setattr(messages, "show_error", lambda _parent, exc: record.errors.append(exc))
    monkeypatch.setattr(messages, "show_warning", lambda _parent, _title, text: record.warnings.append(text))
    monkeypatch.setattr(messages, "show_info", lambda _parent, _title, text: record.infos.append(text))
    monkeypatch.setattr(messages, "ask_confirmation", ask)
    return record


@pytest.fixture
def show(qtbot: QtBot) -> Callable[[QWidget], QWidget]:
    """show(widget): register, size and show a widget, waiting until it is on screen."""

    def shown_widget(widget: QWidget) -> QWidget:
        qtbot.addWidget(widget)
        widget.resize(1000, 600)
        widget.show()
        qtbot.waitExposed(widget)
        return widget

    return shown_widget


@pytest.fixture
def many_audit_rows(db: Database, owner: Actor) -> Iterator[int]:
    """5,000 audit entries by two people over 2024, for paging and model tests."""
    rows: list[dict[str, object]] = []
    for number in range(5000):
        login = "ana" if number % 2 else "bruno"
        at = datetime(2024, 1 + number % 12, 1 + number % 28, 12, number % 60, tzinfo=UTC)
        rows.append({"at": at, "user_login": login, "entity_key": f"k{number:05d}"})
    add_audit_rows(db, rows)
    yield 5000
