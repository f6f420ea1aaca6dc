"""The lazy table model and the list screen built on it, driven through the real widgets."""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Select, false

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.queries import AuditQuery, UsersQuery
from bodesk.domain.access.services import set_locked
from bodesk.domain.common.errors import PermissionDenied
from bodesk.domain.common.export import ExportFormat
from bodesk.domain.common.listing import ListRequest
from bodesk.domain.common.tones import Tone
from bodesk.store.engine import Database
from bodesk.ui.widgets.lazy_table import LazyTableModel
from bodesk.ui.widgets.list_view import ListView
from tests.helpers.qt import ShownMessages, click_header, column_texts

LOGIN, NAME = 0, 1


class NoUsersQuery(UsersQuery):
    """A list that is empty before any search."""

    def where(self, stmt: Select[tuple[object, ...]], request: ListRequest) -> Select[tuple[object, ...]]:
        return stmt.where(false())


@pytest.fixture
def users(make_user: Callable[..., Actor]) -> list[Actor]:
    return [
        make_user(role, login)
        for role, login in [
            ("sales", "vendas"),
            ("warehouse", "estoque"),
            ("finance", "caixa"),
            ("hr", "pessoal"),
        ]
    ]


@pytest.fixture
def users_view(db: Database, owner: Actor, users: list[Actor], show: Callable[[QWidget], Any]) -> ListView:
    return show(ListView(db, owner, UsersQuery(), "test-users"))


def test_users_model_passes_the_model_tester(
    db: Database, owner: Actor, users: list[Actor], qtmodeltester: Any
) -> None:
    model = LazyTableModel(db, owner, UsersQuery(), page_size=2)
    qtmodeltester.check(model)
    assert model.rowCount() == 5
    assert [model.data(model.index(row, LOGIN)) for row in range(5)] == [
        "caixa",
        "dono",
        "estoque",
        "pessoal",
        "vendas",
    ]


def test_audit_model_passes_the_model_tester_and_fetches_pages(
    db: Database, owner: Actor, many_audit_rows: int, qtmodeltester: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    fetched: list[int] = []
    original = AuditQuery.page

    def page(self: AuditQuery, *args: Any) -> Any:
        fetched.append(args[-1])
        return original(self, *args)

    monkeypatch.setattr(AuditQuery, "page", page)
    model = LazyTableModel(db, owner, AuditQuery(), page_size=100)
    qtmodeltester.check(model)
    assert model.rowCount() >= many_audit_rows
    model.data(model.index(model.rowCount() - 1, 0))
    assert fetched and set(fetched) == {100}
    assert len(fetched) < 10


def test_money_and_numbers_are_right_aligned_and_formatted(db: Database, owner: Actor) -> None:
    from decimal import Decimal

    from bodesk.domain.common.listing import ListColumn
    from bodesk.ui.widgets.lazy_table import display_value

    money = ListColumn("total", "Total", None, kind="money")
    assert display_value(money, Decimal("1234.5")) == "1,234.50"
    assert display_value(ListColumn("on", "On", None, kind="bool"), True) == "Yes"
    assert display_value(ListColumn("role", "Role", None, kind="role"), "hr") == "Human resources"
    model = LazyTableModel(db, owner, UsersQuery())
    alignment = model.data(model.index(0, LOGIN), Qt.ItemDataRole.TextAlignmentRole)
    assert alignment & Qt.AlignmentFlag.AlignLeft


def test_a_refused_query_shows_no_rows_and_reports_once(
    db: Database, make_user: Callable[..., Actor]
) -> None:
    clerk = make_user("sales")
    model = LazyTableModel(db, clerk, UsersQuery())
    reported: list[BaseException] = []
    model.failed.connect(reported.append)
    assert model.rowCount() == 0
    assert model.rowCount() == 0
    assert model.data(model.index(0, 0)) is None
    assert len(reported) == 1 and isinstance(reported[0], PermissionDenied)


def test_clicking_a_header_sorts_in_sql(qtbot: QtBot, users_view: ListView) -> None:
    table = users_view.table
    assert column_texts(table, LOGIN)[0] == "caixa"
    click_header(qtbot, table, NAME)
    assert users_view.model.request.sort == "full_name"
    names = column_texts(table, NAME)
    assert names == sorted(names)
    click_header(qtbot, table, NAME)
    assert users_view.model.request.descending is True
    assert column_texts(table, NAME) == sorted(names, reverse=True)


def test_typing_a_search_narrows_the_rows(qtbot: QtBot, users_view: ListView) -> None:
    qtbot.keyClicks(users_view.search, "ESTO")
    qtbot.waitUntil(lambda: users_view.model.request.search == "ESTO")
    assert column_texts(users_view.table, LOGIN) == ["estoque"]
    assert users_view.count_label.text() == "1 row"


def test_empty_states_say_what_to_do(
    qtbot: QtBot, db: Database, owner: Actor, users_view: ListView, show: Callable[[QWidget], Any]
) -> None:
    qtbot.keyClicks(users_view.search, "nobody-has-this")
    qtbot.waitUntil(users_view.empty_label.isVisible)
    assert users_view.empty_label.text() == users_view.filtered_empty_text
    assert not users_view.table.isVisible()
    assert not users_view.export_button.isEnabled()

    empty = ListView(db, owner, NoUsersQuery(), "test-empty")
    empty.set_empty_texts("No users yet: press Add.", "Nothing matches.")
    show(empty)
    assert empty.empty_label.isVisible()
    assert empty.empty_label.text() == "No users yet: press Add."


def test_a_refused_list_shows_the_message_not_a_crash(
    db: Database,
    make_user: Callable[..., Actor],
    show: Callable[[QWidget], Any],
    shown: ShownMessages,
    qtbot: QtBot,
) -> None:
    view = show(ListView(db, make_user("sales"), UsersQuery(), "test-refused"))
    qtbot.waitUntil(lambda: "may not" in view.empty_label.text())
    assert shown.errors == []


def test_export_writes_what_is_shown_with_formulas_escaped(
    qtbot: QtBot,
    db: Database,
    owner: Actor,
    make_user: Callable[..., Actor],
    users_view: ListView,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    shown: ShownMessages,
) -> None:
    from bodesk.domain.access.services import update_user

    trickster = make_user("sales", "truque")
    update_user(db, owner, trickster.user_id, '=HYPERLINK("http://x")', "sales")
    users_view.refresh()
    click_header(qtbot, users_view.table, LOGIN)  # descending by login
    target = tmp_path / "users.csv"
    monkeypatch.setattr(users_view, "choose_export_path", lambda _fmt: target)
    with qtbot.waitSignal(users_view.exported, timeout=10_000):
        users_view.export_csv_action.trigger()
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0] == ["Login", "Name", "Role", "Locked", "Last login"]
    assert [row[0] for row in rows[1:]] == ["vendas", "truque", "pessoal", "estoque", "dono", "caixa"]
    assert rows[2][1] == '\'=HYPERLINK("http://x")'
    assert rows[2][2] == "Sales"
    assert shown.infos and "6 rows" in shown.infos[0]


def test_export_to_xlsx_after_a_search(qtbot: QtBot, users_view: ListView, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    qtbot.keyClicks(users_view.search, "o")
    qtbot.waitUntil(lambda: users_view.model.request.search == "o")
    target = tmp_path / "users.xlsx"
    with qtbot.waitSignal(users_view.exported, timeout=10_000):
        users_view.export(ExportFormat.XLSX, target)
    sheet = load_workbook(target).active
    logins = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert logins == column_texts(users_view.table, LOGIN)


def test_column_widths_are_remembered(
    db: Database, owner: Actor, users_view: ListView, show: Callable[[QWidget], Any]
) -> None:
    users_view.table.horizontalHeader().resizeSection(NAME, 321)
    users_view.save_layout()
    again = show(ListView(db, owner, UsersQuery(), "test-users"))
    assert again.table.horizontalHeader().sectionSize(NAME) == 321
    other = show(ListView(db, owner, UsersQuery(), "another-list"))
    assert other.table.horizontalHeader().sectionSize(NAME) != 321


def test_enter_on_a_row_activates_it(qtbot: QtBot, users_view: ListView) -> None:
    users_view.table.setFocus()
    users_view.table.selectRow(2)
    users_view.table.setCurrentIndex(users_view.model.index(2, 0))
    with qtbot.waitSignal(users_view.activated) as signal:
        qtbot.keyClick(users_view.table, Qt.Key.Key_Return)
    assert signal.args == [users_view.model.row_id(2)]
    assert users_view.selected_id() == users_view.model.row_id(2)


class TonedUsersQuery(UsersQuery):
    """Locked users stand out, and the role reads through the column's own label."""

    columns = tuple(
        replace(column, tone=lambda locked: Tone.DANGER if locked else None)
        if column.key == "is_locked"
        else replace(column, label=lambda role: f"<{role}>")
        if column.key == "role"
        else column
        for column in UsersQuery.columns
    )


def test_a_value_reads_through_its_columns_label_and_stands_out_by_its_tone(
    db: Database, owner: Actor, users: list[Actor]
) -> None:
    set_locked(db, owner, users[0].user_id, True)
    model = LazyTableModel(db, owner, TonedUsersQuery())
    logins = [model.data(model.index(row, LOGIN)) for row in range(model.rowCount())]
    locked, free = logins.index(users[0].login), logins.index("dono")
    role, flag = 2, 3
    assert model.data(model.index(free, role)) == "<owner>"
    assert isinstance(model.data(model.index(locked, flag), Qt.ItemDataRole.ForegroundRole), QBrush)
    assert model.data(model.index(free, flag), Qt.ItemDataRole.ForegroundRole) is None
