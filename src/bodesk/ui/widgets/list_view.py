"""The one list screen every entity's list subclasses (after Electrum's MyTreeView).

A row of buttons and a row of filters (a search box, debounced, Ctrl+F) that wrap when the window is
narrow, the lazy table with its columns sized by what they show (`column_fit`), a count of rows and
the totals, an empty state that says what to do next, and an export of exactly what is shown. Column
widths and order the person sets are remembered per list `name` in an INI file in the config folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QItemSelection,
    QModelIndex,
    QObject,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import is_allowed
from bodesk.domain.common.export import ExportFormat
from bodesk.domain.common.listing import ListColumn, ListQuery, ListRow
from bodesk.errors import BodeskError
from bodesk.i18n import _, format_decimal, ngettext
from bodesk.settings import config_dir
from bodesk.store.engine import Database
from bodesk.ui.widgets import messages
from bodesk.ui.widgets.column_fit import ColumnFitter
from bodesk.ui.widgets.flow_layout import FlowLayout
from bodesk.ui.widgets.icons import icon
from bodesk.ui.widgets.lazy_table import LazyTableModel, totals_text
from bodesk.ui.widgets.list_export import ask_export_path, export_list
from bodesk.ui.widgets.tasks import TaskHandle

SEARCH_DELAY_MS = 150


def give_shortcut(button: QPushButton, shortcut: QKeySequence | str) -> None:
    """Press `button` on `shortcut` (while it is shown and enabled), and say so in its tooltip."""
    sequence = QKeySequence(shortcut)
    button.setShortcut(sequence)
    native = sequence.toString(QKeySequence.SequenceFormat.NativeText)
    button.setToolTip(f"{button.text().replace('&', '').rstrip('…')} ({native})")


def layout_file() -> Path:
    """Where lists and windows remember their layout: config_dir()/layout.ini. A widget takes the path
    when it is made, so a layout saved late (a header resized while the widget is destroyed) goes to the
    folder the widget was made in, never to another person's (or a test's) configuration."""
    return config_dir() / "layout.ini"


def layout_settings(path: Path | None = None) -> QSettings:
    return QSettings(str(path or layout_file()), QSettings.Format.IniFormat)


class ListView(QWidget):
    """A list over `query`. Subclasses add buttons (`add_button`), filters (`add_filter`) and a detail."""

    activated = Signal(int)  # a row was double-clicked or Enter was pressed on it: its id
    selection_changed = Signal()
    exported = Signal(object, int)  # path, number of rows

    def __init__(
        self,
        db: Database,
        actor: Actor,
        query: ListQuery,
        name: str,
        parent: QWidget | None = None,
        page_size: int = 200,
    ) -> None:
        super().__init__(parent)
        self.db, self.actor, self.name = db, actor, name
        self.empty_text = _("There is nothing here yet.")
        self.filtered_empty_text = _(
            "Nothing matches the search or the filters. Clear them to see every row."
        )
        self.export_task: TaskHandle[int] | None = None
        self.model = LazyTableModel(db, actor, query, page_size, self)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("Search (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setMinimumWidth(self.fontMetrics().horizontalAdvance("m" * 22))
        self.search.installEventFilter(self)
        self.toolbar = FlowLayout()
        self._filters = FlowLayout()
        self._filters.addWidget(self.search)

        self.table = QTableView(self)
        self.empty_label = QLabel(self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.empty_label.setContentsMargins(24, 24, 24, 24)
        self.empty_label.setFrameShape(QLabel.Shape.StyledPanel)
        self.empty_label.setAutoFillBackground(True)
        self.empty_label.setBackgroundRole(QPalette.ColorRole.Base)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.stack)
        self.splitter.setChildrenCollapsible(False)

        self.count_label = QLabel(self)
        self.totals_label = QLabel(self)
        self.totals_label.setObjectName("totals")
        self.totals_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_button = QToolButton(self)
        self.export_button.setText(_("Export"))
        self.export_button.setIcon(icon("export"))
        self.export_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_menu = QMenu(self.export_button)
        self.export_csv_action = self.export_menu.addAction(_("CSV file (.csv)…"))
        self.export_xlsx_action = self.export_menu.addAction(_("Excel workbook (.xlsx)…"))
        self.export_csv_action.triggered.connect(lambda: self.export_to(ExportFormat.CSV))
        self.export_xlsx_action.triggered.connect(lambda: self.export_to(ExportFormat.XLSX))
        self.export_button.setMenu(self.export_menu)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addSpacing(18)
        bottom.addWidget(self.totals_label)
        bottom.addStretch(1)
        bottom.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.addLayout(self.toolbar)
        layout.addLayout(self._filters)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)

        self._setup_table()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self._search_entered)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.activated.connect(self.focus_search)
        self.model.modelReset.connect(self._update_state)
        self.model.failed.connect(self._query_failed)
        self._update_state()

    # --- building -----------------------------------------------------------------------------

    def _setup_table(self) -> None:
        table = self.table
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setTabKeyNavigation(False)
        table.setCornerButtonEnabled(False)
        rows = table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.columns = ColumnFitter(table)
        header.setSortIndicator(*self.model.sort_state())
        self._layout_file = layout_file()
        state = layout_settings(self._layout_file).value(self._settings_key())
        self._restored = isinstance(state, QByteArray | bytes) and header.restoreState(QByteArray(state))
        self.columns.user_sized = self._restored
        for index, column in enumerate(self.model.columns):  # also over a layout saved by someone else
            if column.permission is not None and not is_allowed(self.actor.role, column.permission):
                table.setColumnHidden(index, True)  # the domain gives them no values anyway
        self.columns.fit_later()
        table.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(lambda *_args: QTimer.singleShot(0, self._sync_sort_indicator))
        self.columns.person_resized.connect(self._save_layout_later)  # not the fitter's own sizing
        header.sectionMoved.connect(self._save_layout_later)
        self._layout_timer = QTimer(self)
        self._layout_timer.setSingleShot(True)
        self._layout_timer.setInterval(400)
        self._layout_timer.timeout.connect(self.save_layout)
        table.activated.connect(self._row_activated)
        table.selectionModel().selectionChanged.connect(self._selection_changed)

    def add_button(
        self, text: str, icon_name: str, slot: Any, shortcut: QKeySequence | str | None = None
    ) -> QPushButton:
        """A toolbar button; `shortcut` also shows in its tooltip."""
        button = QPushButton(icon(icon_name), text, self)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        if shortcut is not None:
            give_shortcut(button, shortcut)
        self.toolbar.addWidget(button)
        return button

    def finish_toolbar(self) -> None:
        """Call after the buttons on the left: those added after it go to the right-hand end."""
        self.toolbar.split()

    def add_filter(self, label: str, widget: QWidget) -> QWidget:
        """A labelled filter after the others; the subclass connects it to `model.set_filter`. The label
        and its widget stay together when the row wraps."""
        holder = QWidget(self)
        row = QHBoxLayout(holder)
        row.setContentsMargins(12, 0, 0, 0)
        caption = QLabel(label.rstrip(": ") + ":", holder)
        caption.setBuddy(widget)
        row.addWidget(caption)
        row.addWidget(widget)
        self._filters.addWidget(holder)
        return widget

    def add_filter_widget(self, widget: QWidget, first: bool = False) -> QWidget:
        """A filter that needs no label (a check box, a button), after the others or, with `first`, just
        after the search box."""
        if first:
            self._filters.insertWidget(1, widget)
        else:
            self._filters.addWidget(widget)
        return widget

    def set_detail(self, widget: QWidget) -> None:
        """A pane under the table (for the selected row), resizable with a splitter."""
        self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([600, 400])

    def set_empty_texts(self, empty: str, filtered: str | None = None) -> None:
        """What to show with no rows at all, and with a search or filter that hides every row."""
        self.empty_text = empty
        if filtered is not None:
            self.filtered_empty_text = filtered
        self._update_state()

    # --- state --------------------------------------------------------------------------------

    def selected_id(self) -> int | None:
        row = self.selected_row()
        return row.id if row is not None else None

    def selected_row(self) -> ListRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def value(self, row: ListRow, key: str) -> Any:
        """The value of column `key` in a row of this list."""
        return row.values[[column.key for column in self.model.columns].index(key)]

    def select_id(self, row_id: int, limit: int = 10_000) -> bool:
        position = self.model.find_row(row_id, limit)
        if position is None:
            return False
        index = self.model.index(position, 0)
        self.table.setCurrentIndex(index)
        self.table.selectRow(position)
        self.table.scrollTo(index)
        return True

    def refresh(self) -> None:
        """Read the rows again (after a change, here or at another desk), keeping the selected row
        selected if it is still there, and the rows scrolled where they were."""
        selected = self.selected_id()
        scrolled = self.table.verticalScrollBar().value()
        self.model.refresh()
        if selected is not None:
            self.select_id(selected, limit=1000)
        self.table.verticalScrollBar().setValue(scrolled)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _settings_key(self) -> str:
        # not the earlier ".../header": that held the old fixed starting widths, as if the person chose them
        return f"lists/{self.name}/columns"

    def save_layout(self) -> None:
        layout_settings(self._layout_file).setValue(
            self._settings_key(), self.table.horizontalHeader().saveState()
        )

    def _save_layout_later(self, *_args: Any) -> None:
        self._layout_timer.start()

    def _update_state(self) -> None:
        total = self.model.total()
        error = self.model.error
        if error is None:
            self.count_label.setText(ngettext("{n} row", "{n} rows", total).format(n=format_decimal(total)))
        else:
            self.count_label.setText("")
        shown = [column for index, column in self.shown_columns()]
        self.totals_label.setText(totals_text(tuple(shown), self.model.totals()) if total else "")
        if total:
            self.stack.setCurrentWidget(self.table)
        else:
            if isinstance(error, BodeskError):
                self.empty_label.setText(error.message)
            elif error is not None:
                self.empty_label.setText(_("This list could not be read."))
            else:
                self.empty_label.setText(
                    self.filtered_empty_text if self.model.is_narrowed() else self.empty_text
                )
            self.stack.setCurrentWidget(self.empty_label)
        self.export_button.setEnabled(total > 0)
        self.selection_changed.emit()

    def _query_failed(self, error: BaseException) -> None:
        # Reported from inside the model (maybe while painting): act a moment later.
        QTimer.singleShot(0, self._update_state)
        if not isinstance(error, BodeskError):
            QTimer.singleShot(0, lambda: messages.show_error(self, error))

    def _sync_sort_indicator(self) -> None:
        header = self.table.horizontalHeader()
        section, order = self.model.sort_state()
        if (header.sortIndicatorSection(), header.sortIndicatorOrder()) != (section, order):
            header.setSortIndicator(section, order)

    def _apply_search(self) -> None:
        self._search_timer.stop()
        self.model.set_search(self.search.text())

    def _search_entered(self) -> None:
        self._apply_search()
        if self.model.total():
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            if self.selected_id() is None:
                self.table.selectRow(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
        ):
            self._search_entered()
            return True
        return super().eventFilter(watched, event)

    def _row_activated(self, index: QModelIndex) -> None:
        row = self.model.row(index.row())
        if row is not None:
            self.activated.emit(row.id)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.selection_changed.emit()

    # --- export -------------------------------------------------------------------------------

    def shown_columns(self) -> list[tuple[int, ListColumn]]:
        """The columns as shown: in the header's order, without hidden ones."""
        header = self.table.horizontalHeader()
        logical = [header.logicalIndex(visual) for visual in range(header.count())]
        return [(index, self.model.columns[index]) for index in logical if not header.isSectionHidden(index)]

    def choose_export_path(self, fmt: ExportFormat) -> Path | None:
        """Ask where to write the file (tests replace this)."""
        return ask_export_path(self, self.name, fmt)

    def export_to(self, fmt: ExportFormat) -> None:
        path = self.choose_export_path(fmt)
        if path is not None:
            self.export(fmt, path)

    def export(self, fmt: ExportFormat, path: Path) -> TaskHandle[int]:
        """Write every row of the current request, columns as shown, in the background."""
        self.export_task = export_list(self, fmt, path)
        return self.export_task
