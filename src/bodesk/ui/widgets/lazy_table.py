"""A table model over a domain ListQuery that never loads a whole table (after Anki's browser model).

The row count and the totals come from `query.count` and `query.totals` and are kept until
`refresh()`. Rows are fetched a page at a time when `data()` first needs them and kept in a small page
cache. Sorting, searching and filtering make a new ListRequest, so SQL does the work. A value reads as
its column says (its kind, or the label the domain gives a code) in the current language, and a row or
a cell the domain gives a tone is coloured. The model never writes anything.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import role_label
from bodesk.domain.common.figures import date_text, datetime_text, money_text, price_text, quantity_text
from bodesk.domain.common.listing import ListColumn, ListQuery, ListRequest, ListRow, ListTotals
from bodesk.errors import BodeskError
from bodesk.i18n import _, format_decimal
from bodesk.store.engine import Database
from bodesk.ui.widgets.tones import tone_brush

logger = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
Formatter = Callable[[Any], str]
RowFormatter = Callable[[ListRow], str]  # a cell that reads through other values of its row
ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1
RAW_VALUE_ROLE = Qt.ItemDataRole.UserRole + 2
KIND_ROLE = Qt.ItemDataRole.UserRole + 3  # of a header: its column's kind (text, number, date...)
MAX_CACHED_PAGES = 8
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def display_value(column: ListColumn, value: Any) -> str:
    """How a value of a column's kind reads in a table, in the current language: the one formatter of
    every list (dates and numbers by domain/common/figures.py)."""
    if value is None:
        return ""
    if column.label is not None:
        return column.label(value)
    kind = column.kind
    if kind == "bool":
        return _("Yes") if value else ""
    if kind == "role":
        return role_label(str(value))
    if kind == "money" and isinstance(value, Decimal | int):
        return money_text(value)
    if kind == "price" and isinstance(value, Decimal):
        return price_text(value)
    if kind == "ref":
        return str(value)
    if kind == "quantity" and isinstance(value, Decimal | int):
        return quantity_text(value)
    if kind == "number" and isinstance(value, Decimal | int):
        return format_decimal(value)
    if kind == "datetime" or isinstance(value, datetime):
        return datetime_text(value)
    if kind == "date" or isinstance(value, date):
        return date_text(value)
    return str(value).replace("\n", " ")


def export_value(column: ListColumn, value: Any, formatter: Formatter | None = None) -> Any:
    """A cell for CSV/XLSX: numbers and dates stay values, labels read as on screen. Thread-safe."""
    if value is None:
        return None
    if formatter is not None:
        return formatter(value)
    if column.label is not None:
        return column.label(value)
    if column.kind == "bool":
        return _("Yes") if value else _("No")
    if column.kind == "role":
        return role_label(str(value))
    return value


def totals_text(columns: tuple[ListColumn, ...], totals: ListTotals) -> str:
    """ "Quantity: 1,250 un · Value: 3,412.50": each summed column as its column reads."""
    parts = []
    for column in columns:
        if column.key not in totals.values:
            continue
        shown = display_value(column, totals.values[column.key])
        if column.kind == "quantity" and totals.unit:
            shown = f"{shown} {totals.unit}"
        parts.append(_("{column}: {total}").format(column=column.translated_title, total=shown))
    return " · ".join(parts)


class LazyTableModel(QAbstractTableModel):
    """Rows of `query` for `actor`; errors from the query are reported once through `failed`."""

    failed = Signal(object)  # the exception; the model then shows no rows until refresh()
    request_changed = Signal()

    def __init__(
        self,
        db: Database,
        actor: Actor,
        query: ListQuery,
        page_size: int = 200,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.query = query
        self.page_size = page_size
        self._request = ListRequest()
        self._count: int | None = None
        self._totals: ListTotals | None = None
        self._pages: OrderedDict[int, list[ListRow]] = OrderedDict()
        self._error: BaseException | None = None
        self._formatters: dict[str, Formatter] = {}
        self._row_formatters: dict[str, RowFormatter] = {}

    @property
    def columns(self) -> tuple[ListColumn, ...]:
        return self.query.columns

    @property
    def request(self) -> ListRequest:
        return self._request

    @property
    def error(self) -> BaseException | None:
        return self._error

    def set_formatter(self, key: str, formatter: Formatter) -> None:
        """Show column `key` with `formatter(value)` instead of the default for its kind."""
        self._formatters[key] = formatter

    def display(self, column: ListColumn, value: Any) -> str:
        formatter = self._formatters.get(column.key)
        if formatter is not None and value is not None:
            return formatter(value)
        return display_value(column, value)

    def set_row_formatter(self, key: str, formatter: RowFormatter) -> None:
        """Show column `key` with `formatter(row)`, for a value that reads through its row's others."""
        self._row_formatters[key] = formatter

    def cell_text(self, column: ListColumn, row: ListRow) -> str:
        """How the cell of `column` in `row` reads on screen."""
        by_row = self._row_formatters.get(column.key)
        if by_row is not None:
            return by_row(row)
        return self.display(column, row.values[self.columns.index(column)])

    def exporter(self, shown: list[tuple[int, ListColumn]]) -> Callable[[ListRow], list[Any]]:
        """The cells of a row as written to a file, for the columns `shown` (runs off the GUI thread)."""
        formatters = dict(self._formatters)
        by_row = dict(self._row_formatters)

        def cells(row: ListRow) -> list[Any]:
            return [
                by_row[column.key](row)
                if column.key in by_row
                else export_value(column, row.values[index], formatters.get(column.key))
                for index, column in shown
            ]

        return cells

    # --- the request -------------------------------------------------------------------------

    def set_request(self, request: ListRequest) -> None:
        if request != self._request:
            self._request = request
            self.refresh()
            self.request_changed.emit()

    def set_search(self, text: str) -> None:
        self.set_request(replace(self._request, search=text.strip()))

    def set_filter(self, key: str, value: Any) -> None:
        """Filter on `key`; None or "" removes the filter."""
        filters = dict(self._request.filters)
        if value is None or value == "":
            filters.pop(key, None)
        else:
            filters[key] = value
        self.set_request(replace(self._request, filters=filters))

    def is_narrowed(self) -> bool:
        """Whether a search or a filter may hide rows."""
        return bool(self._request.search or self._request.filters)

    def sort_state(self) -> tuple[int, Qt.SortOrder]:
        """The column and order the rows are sorted by now (the query's default until sorted)."""
        key = self._request.sort or self.query.default_sort
        descending = self._request.descending if self._request.sort else self.query.default_descending
        keys = [column.key for column in self.columns]
        column = keys.index(key) if key in keys else 0
        return column, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns) or not self.columns[column].sortable:
            return
        if (column, order) == self.sort_state():
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.set_request(replace(self._request, sort=self.columns[column].key, descending=descending))

    def refresh(self) -> None:
        """Forget the count and the cached pages (call after a change); errors are reported anew."""
        self.beginResetModel()
        self._count = None
        self._totals = None
        self._pages.clear()
        self._error = None
        self.endResetModel()

    # --- rows --------------------------------------------------------------------------------

    def total(self) -> int:
        if self._error is not None:
            return 0
        if self._count is None:
            try:
                self._count = self.query.count(self.db, self.actor, self._request)
            except Exception as exc:
                self._count = 0
                self._fail(exc, reset=False)
        return self._count

    def totals(self) -> ListTotals:
        """The request's totals (none after a failure; a failure of the totals alone is reported)."""
        if self._error is not None:
            return ListTotals()
        if self._totals is None:
            try:
                self._totals = self.query.totals(self.db, self.actor, self._request)
            except Exception as exc:
                self._totals = ListTotals()
                self._fail(exc, reset=False)
        return self._totals

    def row(self, row: int) -> ListRow | None:
        """The plain row at `row`, fetching its page if needed; None if it is not there (any more)."""
        if self._error is not None or not 0 <= row < self.total():
            return None
        number, offset = divmod(row, self.page_size)
        page = self._pages.get(number)
        if page is None:
            try:
                page = self.query.page(
                    self.db, self.actor, self._request, number * self.page_size, self.page_size
                )
            except Exception as exc:
                self._fail(exc, reset=True)
                return None
            self._pages[number] = page
            while len(self._pages) > MAX_CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page[offset] if offset < len(page) else None

    def row_id(self, row: int) -> int:
        found = self.row(row)
        if found is None:
            raise IndexError(row)
        return found.id

    def find_row(self, row_id: int, limit: int = 10_000) -> int | None:
        """The position of `row_id` among the first `limit` rows, or None."""
        for position in range(min(self.total(), limit)):
            found = self.row(position)
            if found is not None and found.id == row_id:
                return position
        return None

    def _fail(self, exc: BaseException, reset: bool) -> None:
        if self._error is not None:
            return
        self._error = exc
        if not isinstance(exc, BodeskError):
            logger.error("List query failed", exc_info=(type(exc), exc, exc.__traceback__))
        if reset:
            # data() may not change the model while a view paints: show no rows a moment later.
            QTimer.singleShot(0, self._reset_after_failure)
        self.failed.emit(exc)

    def _reset_after_failure(self) -> None:
        self.beginResetModel()
        self._count = 0
        self._pages.clear()
        self.endResetModel()

    # --- QAbstractTableModel -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.total()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() >= len(self.columns):
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column.numeric else _LEFT
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.BackgroundRole,
            ROW_ID_ROLE,
            RAW_VALUE_ROLE,
        ):
            return None
        found = self.row(index.row())
        if found is None:
            return None
        if role == ROW_ID_ROLE:
            return found.id
        value = found.values[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole:
            tone = column.tone(value) if column.tone is not None and value is not None else None
            return tone_brush(tone) if tone is not None else None
        if role == Qt.ItemDataRole.BackgroundRole:
            tone = self.query.row_tone(found)
            return tone_brush(tone, background=True) if tone is not None else None
        if role == RAW_VALUE_ROLE:
            return value
        text = self.cell_text(column, found)
        if role == Qt.ItemDataRole.ToolTipRole:
            return text if len(text) > 40 else None
        return text

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.translated_title
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column.numeric else _LEFT
        if role == KIND_ROLE:
            return column.kind
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
