"""The stock reports from the screens: built in the background, previewed, and cancellable."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from bodesk.domain.access.actor import Actor
from bodesk.reports import stock_valuation
from bodesk.store.engine import Database
from bodesk.ui.stock.reports import valuation_report
from bodesk.ui.widgets import pdf_preview
from tests.builders.shop import build_shop


def test_cancel_stops_the_report_and_leaves_no_file(
    qtbot: QtBot, db: Database, owner: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_shop(db, owner)
    previewed: list[Path] = []
    written: list[Path] = []
    go = threading.Event()
    real = stock_valuation.write_stock_valuation

    def held_back(*args: Any, **kwargs: Any) -> Path:
        written.append(Path(args[2]))
        go.wait(10)  # the person presses Cancel while the report is on its way
        return real(*args, **kwargs)

    monkeypatch.setattr(stock_valuation, "write_stock_valuation", held_back)
    monkeypatch.setattr(pdf_preview, "show_pdf", lambda _parent, path: previewed.append(path))
    parent = QWidget()
    qtbot.addWidget(parent)

    task = valuation_report(parent, db, owner)
    qtbot.waitUntil(lambda: bool(written))
    task.cancel()  # as the Cancel button does
    go.set()
    qtbot.waitUntil(lambda handle=task: handle.done, timeout=20_000)  # type: ignore[misc]

    assert task.was_cancelled
    assert previewed == []
    assert not written[0].parent.exists()  # nor the file, nor its folder
    del task  # before its parent: the task's callbacks hold the last reference to the parent
