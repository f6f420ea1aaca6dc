"""The Finance tab's Reports: a report is picked, shown as a table (numbers right-aligned, results in
bold), exported as shown; the Close dialog lists what is still open."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.export import ExportFormat
from bodesk.store.engine import Database
from bodesk.ui.finance.periods import CloseDialog
from bodesk.ui.finance.reports_view import ReportsView
from bodesk.ui.widgets.date_filter import qdate
from tests.builders.books import pay_rent
from tests.builders.invoicing import build_books, shipped_order
from tests.builders.sales import line


@pytest.fixture
def view(qtbot: QtBot, db: Database, owner: Actor, show: Callable[..., Any]) -> ReportsView:
    pay_rent(db, owner, "1500.00", date.today())
    return show(ReportsView(db, owner))  # type: ignore[no-any-return]


def test_the_income_statement_is_shown_with_its_results_in_bold(qtbot: QtBot, view: ReportsView) -> None:
    view.picker.setCurrentIndex(view.picker.findData("income-statement"))
    assert view.fields["from"][1].isVisible() and not view.fields["as_of"][1].isVisible()
    assert not view.print_button.isEnabled()
    qtbot.mouseClick(view.show_button, Qt.MouseButton.LeftButton)
    table = view.table
    last = table.rowCount() - 1
    assert table.item(last, 0).text() == "Net result" and table.item(last, 0).font().bold()
    period = table.columnCount() - 2
    assert table.item(last, period).text() == "-1,500.00"
    assert table.item(last, period).textAlignment() & Qt.AlignmentFlag.AlignRight
    assert view.print_button.isEnabled()


def test_a_report_is_exported_as_shown(
    qtbot: QtBot, view: ReportsView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view.picker.setCurrentIndex(view.picker.findData("trial-balance"))
    view.run()
    target = tmp_path / "balancete.csv"
    monkeypatch.setattr("bodesk.ui.finance.reports_view.ask_export_path", lambda *args: target)
    assert view.export(ExportFormat.CSV) == target
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0][:2] == ["Code", "Account"] and rows[-1][1] == "Total"


def test_the_day_reports_ask_for_a_day_and_the_ledger_for_an_account(view: ReportsView) -> None:
    view.picker.setCurrentIndex(view.picker.findData("balance-sheet"))
    assert view.fields["as_of"][1].isVisible() and not view.fields["from"][1].isVisible()
    view.picker.setCurrentIndex(view.picker.findData("general-ledger"))
    assert view.fields["account"][1].isVisible() and view.account.count() > 10
    view.account.setCurrentIndex(view.account.findText("1.1.02", Qt.MatchFlag.MatchStartsWith))
    view.run()
    assert view.table.item(view.table.rowCount() - 1, 7).text() == "-1,500.00"


def test_the_close_dialog_lists_what_is_open(
    qtbot: QtBot, db: Database, owner: Actor, show: Callable[..., Any]
) -> None:
    books = build_books(db, owner)
    shipped_order(db, owner, books.customer, line(books.products[0], 2))
    dialog = show(CloseDialog(db, owner, None, None))
    dialog.until.setDate(qdate(date.today()))
    assert "Shipped orders not invoiced: 1" in dialog.checklist.text()
    assert "✓ Receipts not yet billed: 0" in dialog.checklist.text()
