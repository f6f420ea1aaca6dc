"""The audit log screen: filters by user, record type and dates; the detail pane; paging."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.queries import AuditQuery
from bodesk.i18n import set_language
from bodesk.store.engine import Database
from bodesk.ui.admin.audit import AuditDetail, AuditView
from tests.builders.access import add_audit_rows
from tests.helpers.qt import ShownMessages, click, click_row, column_texts

WHEN, USER, ACTION, ENTITY, RECORD = 0, 1, 2, 3, 4


def field_values(detail: AuditDetail) -> dict[str, tuple[str, str]]:
    """What the detail pane shows: field label -> (before, after)."""
    table = detail.table
    shown: dict[str, tuple[str, str]] = {}
    for row in range(table.rowCount()):
        header, old, new = table.verticalHeaderItem(row), table.item(row, 0), table.item(row, 1)
        if header is not None and old is not None and new is not None:
            shown[header.text()] = (old.text(), new.text())
    return shown


def at(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, 12, 0, tzinfo=UTC)


@pytest.fixture
def view(db: Database, owner: Actor, show: Callable[[QWidget], Any]) -> AuditView:
    add_audit_rows(
        db,
        [
            {"at": at(2024, 1, 10), "user_login": "ana", "entity_key": "jan"},
            {"at": at(2024, 2, 1), "user_login": "ana", "entity_key": "feb-first"},
            {"at": at(2024, 2, 29), "user_login": "bruno", "entity_key": "feb-last"},
            {
                "at": at(2024, 3, 20),
                "user_login": "bruno",
                "entity_key": "mar",
                "action": "user.update",
                "old_values": json.dumps({"full_name": "Ana S.", "role": "sales"}),
                "new_values": json.dumps({"full_name": "Ana Souza", "role": "manager"}),
                "reason": "promoted",
            },
        ],
    )
    return show(AuditView(db, owner))


def records(view: AuditView) -> list[str]:
    return column_texts(view.table, RECORD)


def test_newest_first_with_readable_actions(view: AuditView) -> None:
    assert records(view)[-4:] == ["mar", "feb-last", "feb-first", "jan"]
    assert column_texts(view.table, ACTION)[-4:] == ["User changed", "Logged in", "Logged in", "Logged in"]
    assert column_texts(view.table, ENTITY)[-1] == "User"


def test_filter_by_user(qtbot: QtBot, view: AuditView) -> None:
    assert [view.user_filter.itemText(i) for i in range(view.user_filter.count())] == [
        "Everyone",
        "ana",
        "bruno",
        "dono",
    ]
    view.user_filter.setFocus()
    qtbot.keyClicks(view.user_filter, "bruno")
    assert view.model.request.filter("user_login") == "bruno"
    assert records(view) == ["mar", "feb-last"]
    assert view.count_label.text() == "2 rows"
    qtbot.keyClick(view.user_filter, Qt.Key.Key_Home)
    assert view.user_filter.currentText() == "Everyone"
    assert len(records(view)) > 4


def test_filter_by_dates_and_clear_them(qtbot: QtBot, view: AuditView) -> None:
    view.from_filter.edit.setDate(date(2024, 2, 1))
    view.to_filter.edit.setDate(date(2024, 2, 29))
    assert records(view) == ["feb-last", "feb-first"]
    click(qtbot, view.to_filter.clear_button)
    assert view.to_filter.value() is None
    assert view.to_filter.edit.text() == "No date"
    assert records(view)[-3:] == ["mar", "feb-last", "feb-first"]
    assert "jan" not in records(view)


def test_dates_that_match_nothing_show_the_filtered_empty_state(qtbot: QtBot, view: AuditView) -> None:
    view.from_filter.edit.setDate(date(2023, 1, 1))
    view.to_filter.edit.setDate(date(2023, 12, 31))
    assert view.empty_label.isVisible()
    assert "Clear them" in view.empty_label.text()


def test_filter_by_record_type(qtbot: QtBot, view: AuditView) -> None:
    view.type_filter.setFocus()
    qtbot.keyClicks(view.type_filter, "Company")
    assert view.model.request.filter("entity") == "company"
    assert column_texts(view.table, ACTION) == ["Company set up"]


def test_the_detail_shows_before_and_after(qtbot: QtBot, view: AuditView) -> None:
    assert "Select an entry" in view.detail.summary.text()
    click_row(qtbot, view.table, records(view).index("mar"))
    assert field_values(view.detail) == {"Name": ("Ana S.", "Ana Souza"), "Role": ("Sales", "Manager")}
    assert "bruno" in view.detail.summary.text() and "promoted" in view.detail.summary.text()
    click_row(qtbot, view.table, records(view).index("jan"))
    assert field_values(view.detail) == {}
    assert "no values" in view.detail.summary.text()


def test_in_portuguese_the_log_reads_and_is_searched_in_portuguese(
    qtbot: QtBot, db: Database, owner: Actor, show: Callable[[QWidget], Any]
) -> None:
    set_language("pt_BR")
    add_audit_rows(
        db,
        [
            {
                "at": at(2024, 3, 20),
                "user_login": "bruno",
                "action": "user.update",
                "entity_key": "mar",
                "old_values": json.dumps({"role": "sales", "is_locked": False}),
                "new_values": json.dumps({"role": "manager", "is_locked": True}),
            }
        ],
    )
    view = show(AuditView(db, owner))
    qtbot.keyClicks(view.search, "usuario alterado")
    qtbot.waitUntil(lambda: records(view) == ["mar"])
    new_values = list(view.model.columns).index(view.model.query.column("new_values"))
    assert column_texts(view.table, new_values) == ["Papel: Gerente; Bloqueado: Sim"]
    click_row(qtbot, view.table, 0)
    assert field_values(view.detail) == {"Papel": ("Vendas", "Gerente"), "Bloqueado": ("Não", "Sim")}


def test_a_person_who_may_not_read_the_log_gets_a_message(
    qtbot: QtBot,
    db: Database,
    make_user: Callable[..., Actor],
    show: Callable[[QWidget], Any],
    shown: ShownMessages,
) -> None:
    view = show(AuditView(db, make_user("manager")))
    qtbot.waitUntil(lambda: "may not read the audit log" in view.empty_label.text())
    assert view.user_filter.count() == 1
    assert shown.errors == []


def test_a_long_log_is_read_a_page_at_a_time(
    qtbot: QtBot,
    db: Database,
    owner: Actor,
    many_audit_rows: int,
    show: Callable[[QWidget], Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    limits: list[int] = []
    original = AuditQuery.page

    def page(self: AuditQuery, *args: Any) -> Any:
        limits.append(args[-1])
        return original(self, *args)

    monkeypatch.setattr(AuditQuery, "page", page)
    view = show(AuditView(db, owner))
    assert view.model.rowCount() > many_audit_rows
    view.table.setFocus()
    click_row(qtbot, view.table, 0)
    qtbot.keyClick(view.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(50)
    last = view.model.rowCount() - 1
    assert view.table.currentIndex().row() == last
    assert view.model.data(view.model.index(last, RECORD)) == "k00000"
    assert limits and set(limits) == {view.model.page_size}
    assert len(limits) <= 4  # the first page, and the last one or two
