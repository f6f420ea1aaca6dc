"""Typing into whatever widget has the focus, as a person does, counting every key event sent."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot


class Keyboard:
    """`count` is every key sent; `code_keys` those that typed a product's code (a scanner's part)."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.count = 0
        self.code_keys = 0

    def focus(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the focus"
        return widget

    def type(self, text: str) -> None:
        for char in text:
            self.qtbot.keyClick(self.focus(), char)
            self.count += 1

    def code(self, text: str) -> None:
        """A product's code, typed or scanned: counted apart."""
        self.type(text)
        self.code_keys += len(text)

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        self.qtbot.keyClick(self.focus(), key, modifier)
        self.count += 1

    def enter(self, text: str = "") -> None:
        self.type(text)
        self.press(Qt.Key.Key_Return)

    def without_codes(self) -> int:
        return self.count - self.code_keys


def activate(qtbot: QtBot, widget: QWidget) -> None:
    """Make the widget's window the active one (offscreen, focus follows only the active window)."""
    window = widget.window()
    window.activateWindow()
    handle = window.windowHandle()
    if handle is not None:
        handle.requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
