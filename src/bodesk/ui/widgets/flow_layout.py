"""A row of buttons or filters that wraps onto a second line when the window is narrow (after Qt's
flow layout example), so that no toolbar forces a window wider than the screen.

Items are laid left to right. Those added after `split()` are the row's right-hand group: pushed to
the right edge while everything fits on one line, laid after the others when it does not.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget, QWidgetItem


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._split: int | None = None
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    # --- what it holds ------------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def insertWidget(self, index: int, widget: QWidget) -> None:
        """Put `widget` at `index` (a negative index counts from the end)."""
        self.addChildWidget(widget)
        position = index if index >= 0 else max(0, len(self._items) + 1 + index)
        self._items.insert(min(position, len(self._items)), QWidgetItem(widget))
        if self._split is not None and position <= self._split:
            self._split += 1
        self.invalidate()

    def split(self) -> None:
        """What is added from now on is the right-hand group."""
        self._split = len(self._items)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if not 0 <= index < len(self._items):
            return None
        if self._split is not None and index < self._split:
            self._split -= 1
        return self._items.pop(index)

    # --- sizes --------------------------------------------------------------------------------

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def sizeHint(self) -> QSize:
        shown = self._shown()
        width = sum(item.sizeHint().width() for item in shown) + self._spacing * max(0, len(shown) - 1)
        height = max((item.sizeHint().height() for item in shown), default=0)
        return QSize(width, height) + _margins_size(self.contentsMargins())

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        return size + _margins_size(self.contentsMargins())

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    # --- laying out ---------------------------------------------------------------------------

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not _hidden(item)]

    def _lines(self, area: QRect, shown: list[QLayoutItem]) -> list[list[QLayoutItem]]:
        lines: list[list[QLayoutItem]] = [[]]
        x = area.x()
        for item in shown:
            width = item.sizeHint().width()
            if lines[-1] and x + width > area.right() + 1:
                lines.append([])
                x = area.x()
            lines[-1].append(item)
            x += width + self._spacing
        return lines

    def _arrange(self, rect: QRect, move: bool) -> int:
        """Lay the items out in `rect` (when `move`); returns the height they take."""
        margins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        shown = self._shown()
        lines = self._lines(area, shown)
        right = self._items[self._split :] if self._split is not None and len(lines) == 1 else []
        y = area.y()
        for line in lines:
            height = max((item.sizeHint().height() for item in line), default=0)
            if move:
                x = area.x()
                for item in (item for item in line if item not in right):
                    x = self._put(item, x, y, height)
                right_width = sum(item.sizeHint().width() + self._spacing for item in line if item in right)
                x = max(x, area.right() + 1 - right_width + self._spacing)
                for item in (item for item in line if item in right):
                    x = self._put(item, x, y, height)
            y += height + self._spacing
        return y - self._spacing - rect.y() + margins.bottom()

    def _put(self, item: QLayoutItem, x: int, y: int, height: int) -> int:
        size = item.sizeHint()
        top = y + (height - size.height()) // 2
        item.setGeometry(QRect(QPoint(x, top), size))
        return x + size.width() + self._spacing


def _margins_size(margins: QMargins) -> QSize:
    return QSize(margins.left() + margins.right(), margins.top() + margins.bottom())


def _hidden(item: QLayoutItem) -> bool:
    widget = item.widget()
    return widget is not None and widget.isHidden()
