"""Shared UI fixtures: message boxes recorded instead of shown, shown views, demo-like audit rows.

The test command sets QT_QPA_PLATFORM=offscreen; the default below only helps a bare `pytest`.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QTableView, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import insert

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.models import AuditEntry
from bodesk.errors import BodeskError
from bodesk.store.engine import Database
from bodesk.ui.widgets import messages


@dataclass
class ShownMessages:
    """What the message functions were asked to show; `answer` is what ask_confirmation returns."""

    errors: list[BaseException] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    infos: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    answer: bool = True

    def texts(self) -> list[str]:
        shown = [exc.message if isinstance(exc, BodeskError) else str(exc) for exc in self.errors]
        return shown + self.warnings + self.infos + self.questions


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


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def click_row(qtbot: QtBot, table: QTableView, row: int, double: bool = False) -> None:
    """Click (or double-click) a row of a table as a person would."""
    index = table.model().index(row, 0)
    table.scrollTo(index)
    point: QPoint = table.visualRect(index).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=point)
    if double:
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=point)


def click_header(qtbot: QtBot, table: QTableView, section: int) -> None:
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def column_texts(table: QTableView, column: int) -> list[str]:
    model = table.model()
    return [str(model.data(model.index(row, column))) for row in range(model.rowCount())]


def add_audit_rows(db: Database, rows: list[dict[str, object]]) -> None:
    """Audit entries written straight into the log, as the demo data does."""
    full = [
        {
            "user_id": None,
            "entity": "user",
            "entity_key": "x",
            "old_values": None,
            "new_values": None,
            "reason": None,
            "action": "login",
            **row,
        }
        for row in rows
    ]
    with db.write() as session:
        session.execute(insert(AuditEntry), full)


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
