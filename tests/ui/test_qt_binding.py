"""The Qt binding keeps Python's reference counts right: PySide6 6.12.0 dropped a reference to None on
every call of a method that returns nothing, so on Python 3.11 (where None is not immortal) an app
that had made some tens of thousands of such calls aborted with "none_dealloc"."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None, True and False are immortal from 3.12")
def test_calls_that_return_nothing_keep_none_alive(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None), sys.getrefcount(False)
    for _ in range(1000):
        widget.setEnabled(True)
        widget.update()
        widget.setToolTip("x")
        widget.isVisible()
    after = sys.getrefcount(None), sys.getrefcount(False)
    assert after[0] - before[0] > -50 and after[1] - before[1] > -50
