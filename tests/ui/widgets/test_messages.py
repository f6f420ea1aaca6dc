"""show_error: a refusal and a file the system refused are warnings in words; a bug is the crash dialog,
which names the log file holding its details."""

from __future__ import annotations

import errno

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from bodesk.settings import log_file
from bodesk.ui.widgets import messages

SHOW_ERROR = messages.show_error  # the real one: the tests' `shown` fixture records messages instead


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """What was shown: warnings by text, crash dialogs by their informative text."""
    seen: dict[str, list[str]] = {"warnings": [], "crashes": []}
    monkeypatch.setattr(messages, "show_warning", lambda _parent, _title, text: seen["warnings"].append(text))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: seen["crashes"].append(box.informativeText()) or 0)
    return seen


def test_a_file_the_system_refused_is_a_warning(qtbot: QtBot, boxes: dict[str, list[str]]) -> None:
    SHOW_ERROR(None, OSError(errno.ENOSPC, "No space left on device", "/media/pen/relatorio.pdf"))
    SHOW_ERROR(None, PermissionError(errno.EACCES, "Permission denied", "/srv/x.csv"))
    assert boxes["crashes"] == []
    assert boxes["warnings"][0].startswith(
        "The disk holding /media/pen/relatorio.pdf is full: nothing was saved."
    )
    assert boxes["warnings"][1].startswith("bodesk may not use /srv/x.csv")


def test_a_bug_is_the_crash_dialog_naming_the_log_file(qtbot: QtBot, boxes: dict[str, list[str]]) -> None:
    SHOW_ERROR(None, OSError("no file named"))
    SHOW_ERROR(None, RuntimeError("a bug"))
    assert boxes["warnings"] == []
    assert len(boxes["crashes"]) == 2 and all(str(log_file()) in text for text in boxes["crashes"])
