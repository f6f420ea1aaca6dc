"""Driving widgets as a person does (clicks on buttons, rows and headers), reading tables back, and the
messages the screens asked to show, recorded instead of shown (see the `shown` fixture)."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QTableView
from pytestqt.qtbot import QtBot

from bodesk.errors import BodeskError


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

    def codes(self) -> list[str]:
        """The code of each error shown (a bug, which has none, by its class name)."""
        return [exc.code if isinstance(exc, BodeskError) else type(exc).__name__ for exc in self.errors]


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
