"""Column widths of a table, sized by what the columns show (the first rows, which a lazy list reads
anyway): numbers, dates and codes (a column of kind code) as wide as their widest value, the main text column (a name) given
every pixel left, and, when the table is narrower than its columns, the text columns narrowed first so
that a name is the last thing cut. A column is text when its header is aligned left (numbers are
aligned right) or, in a list over a domain query, when its kind is text.

Once the person resizes a column, or a layout they made is restored, the widths are theirs: the
fitter steps aside.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QTableView

from bodesk.ui.widgets.lazy_table import KIND_ROLE

SAMPLE_ROWS = 200  # the rows measured: the first page, which a lazy table reads anyway
EMPTY_CHARS = 12  # the width of a column before any row is there to measure
MAX_TEXT_CHARS = 48  # a long name is cut here unless the table has room to spare
MIN_STRETCH_CHARS = 24  # the main text column keeps at least this much when the table is narrow
MIN_TEXT_CHARS = 10  # other text columns give way down to this


class ColumnFitter(QObject):
    """Sizes `table`'s columns."""

    person_resized = Signal()  # the person dragged a column's edge (the fitter's own sizing is not this)

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)  # goes with its table
        self.table = table
        self._viewport = table.viewport()
        self.model: QAbstractItemModel = table.model()
        self.stretch: int | None = None  # the column that takes the room left; None: the widest text
        self.user_sized = False
        self.fitted = False  # whether the columns were sized at least once (on rows or on titles)
        self._fitting = False
        self._measured: dict[int, int] | None = None
        self._measured_rows = False  # whether the widths were measured on rows (or on titles only)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        self._viewport.installEventFilter(self)
        table.horizontalHeader().sectionResized.connect(self._section_resized)
        self.model.modelReset.connect(self._reset)

    def fit_later(self) -> None:
        self._timer.start()

    def fit(self) -> None:
        """Size every shown column now (unless the person has sized them)."""
        if self.user_sized:
            return
        if self._measured is None:
            self._measured_rows = self._sample() > 0
            self._measured = self._measure()
        shown = [index for index in self._measured if not self.table.isColumnHidden(index)]
        widths = {index: self._measured[index] for index in shown}
        stretch = self._stretch_column(widths)
        room = self.table.viewport().width() - sum(widths.values())
        if room > 0 and stretch is not None:
            widths[stretch] += room
        elif room < 0:
            self._narrow(widths, stretch, -room)
        header = self.table.horizontalHeader()
        self._fitting = True
        try:
            for index, width in widths.items():
                if header.sectionSize(index) != width:
                    header.resizeSection(index, width)
        finally:
            self._fitting = False
        self.fitted = True

    # --- measuring ----------------------------------------------------------------------------

    def _measure(self) -> dict[int, int]:
        metrics = self.table.fontMetrics()
        digit = metrics.horizontalAdvance("0")
        padding = digit + digit // 2  # the cell's margins
        model, rows = self.model, self._sample()
        widths = {}
        for index in range(model.columnCount()):
            title = metrics.horizontalAdvance(_text(model.headerData(index, Qt.Orientation.Horizontal)))
            title += padding + digit  # and the sort arrow
            if rows:
                texts = (_text(model.data(model.index(row, index))) for row in range(rows))
                content = max(metrics.horizontalAdvance(text) for text in texts) + padding
                content += self._check_box_width(index)
            else:
                content = EMPTY_CHARS * digit
            if self._is_text(index):
                content = min(content, MAX_TEXT_CHARS * digit)
            widths[index] = max(title, content)
        return widths

    def _sample(self) -> int:
        return min(self.model.rowCount(), SAMPLE_ROWS)

    def _check_box_width(self, index: int) -> int:
        checkable = self.model.data(self.model.index(0, index), Qt.ItemDataRole.CheckStateRole) is not None
        return 3 * self.table.fontMetrics().horizontalAdvance("0") if checkable else 0

    def _is_text(self, index: int) -> bool:
        """Of kind text, or else left-aligned (a number is aligned right) and with a title (a tick box
        column has none)."""
        kind = self.model.headerData(index, Qt.Orientation.Horizontal, KIND_ROLE)
        if kind is not None:
            return kind in ("text", "role")
        alignment = self.model.headerData(index, Qt.Orientation.Horizontal, Qt.ItemDataRole.TextAlignmentRole)
        right = alignment is not None and bool(Qt.AlignmentFlag(alignment) & Qt.AlignmentFlag.AlignRight)
        return not right and bool(_text(self.model.headerData(index, Qt.Orientation.Horizontal)))

    def _stretch_column(self, widths: dict[int, int]) -> int | None:
        if self.stretch is not None and self.stretch in widths:
            return self.stretch
        texts = [index for index in widths if self._is_text(index)]
        return max(texts, key=lambda index: widths[index]) if texts else None

    def _narrow(self, widths: dict[int, int], stretch: int | None, excess: int) -> None:
        """Take `excess` pixels from the text columns: the others first, the main one last."""
        digit = self.table.fontMetrics().horizontalAdvance("0")
        others = [index for index in widths if self._is_text(index) and index != stretch]
        order = [
            *sorted(others, key=lambda index: -widths[index]),
            *([stretch] if stretch is not None else []),
        ]
        for index in order:
            floor = (MIN_STRETCH_CHARS if index == stretch else MIN_TEXT_CHARS) * digit
            taken = min(excess, max(0, widths[index] - floor))
            widths[index] -= taken
            excess -= taken
            if not excess:
                return

    # --- events -------------------------------------------------------------------------------

    def _reset(self) -> None:
        if not self._measured_rows:
            self._measured = None  # measured before there were rows: measure the rows now
        self.fit_later()

    def _section_resized(self, *_args: object) -> None:
        if not self._fitting and self.table.isVisible():
            self.user_sized = True
            self.person_resized.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._viewport and event.type() == QEvent.Type.Resize:
            self.fit_later()
        return super().eventFilter(watched, event)


def _text(value: Any) -> str:
    return "" if value is None else str(value)
