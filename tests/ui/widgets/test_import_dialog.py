"""The import dialog reads the file and imports it in the background: what the domain reports shows in
the progress dialog, Cancel stops the work and says nothing was written, and a file the import refuses
is explained instead of the dialog opening."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from bodesk.domain.common.importing import ColumnMapping, ImportResult
from bodesk.domain.common.progress import report
from bodesk.domain.common.tabular import Table
from bodesk.domain.stock.imports import product_import_fields
from bodesk.ui.widgets.import_dialog import ImportDialog, open_import
from tests.helpers.qt import ShownMessages, click


def sheet(tmp_path: Path, text: str, name: str = "produtos.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_cancelled_import_says_nothing_was_written(
    qtbot: QtBot, tmp_path: Path, show: Callable[[QWidget], Any], shown: ShownMessages
) -> None:
    started, heard = threading.Event(), []

    def importer(_table: Table, _mapping: ColumnMapping, _dry_run: bool, _good: bool) -> ImportResult:
        started.set()
        while True:  # the domain's reports reach the task, whose Cancel raises from the next one
            report("Writing…", 0.5)
            threading.Event().wait(0.01)

    parent = show(QWidget())
    dialog = open_import(
        parent, "Import", "", product_import_fields(), importer, sheet(tmp_path, "SKU\nA-1\n")
    )
    assert isinstance(dialog, ImportDialog)
    click(qtbot, dialog.import_button)
    assert started.wait(10)
    task = dialog.task
    assert task is not None
    task.progressed.connect(lambda text, _fraction: heard.append(text))
    qtbot.waitUntil(lambda: "Writing…" in heard)
    with qtbot.waitSignal(task.finished, timeout=10_000):
        task.dialog.reject()  # the progress dialog's Cancel
    assert task.was_cancelled
    assert dialog.summary.text() == "Cancelled: nothing was written."
    assert dialog.import_button.isEnabled() and dialog.check_button.isEnabled()
    assert shown.errors == []


def test_a_file_beyond_the_limits_is_explained_and_no_dialog_opens(
    qtbot: QtBot, tmp_path: Path, show: Callable[[QWidget], Any], shown: ShownMessages
) -> None:
    parent = show(QWidget())
    wide = sheet(tmp_path, "SKU\n" + ";" * 1_200 + "x\n")
    dialog = open_import(parent, "Import", "", product_import_fields(), lambda *_args: None, wide)
    assert dialog is None
    assert shown.codes() == ["file.too_many_columns"]
