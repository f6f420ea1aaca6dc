"""Stock counts: the list of counts and, opened from it, the entry screen of one count.

From the list a person starts a count (of a warehouse, a category, or every warehouse), prints its
sheet, imports counted quantities from a spreadsheet, posts it after seeing every discrepancy, or
cancels it. Open (Enter or double click) shows the scanner entry screen in place of the list.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QFileDialog, QStackedWidget, QVBoxLayout, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import is_allowed
from bodesk.domain.stock.counts import CountInfo, count_choices, count_info
from bodesk.domain.stock.counts_queries import CountsQuery
from bodesk.domain.stock.permissions import STOCK_COUNT, STOCK_COUNT_POST
from bodesk.domain.stock.states import COUNT_LIFECYCLE, CountStatus
from bodesk.i18n import _, format_decimal, format_money
from bodesk.reports.count_sheet import build_count_sheet
from bodesk.store.engine import Database
from bodesk.ui.stock.count_dialogs import (
    CancelCountDialog,
    PostCountDialog,
    SheetOptionsDialog,
    StartCountDialog,
)
from bodesk.ui.stock.count_entry import CountEntryView
from bodesk.ui.stock.count_import_dialog import ImportCountDialog
from bodesk.ui.widgets import messages
from bodesk.ui.widgets.calls import run_service
from bodesk.ui.widgets.import_dialog import read_spreadsheet
from bodesk.ui.widgets.list_view import ListView
from bodesk.ui.widgets.tasks import TaskHandle, run_task


class CountsView(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.dialog: QDialog | None = None
        self.entry: CountEntryView | None = None
        self.sheet_task: TaskHandle[Path] | None = None
        self.list = ListView(db, actor, CountsQuery(), "stock_counts", self)
        may_count = is_allowed(actor.role, STOCK_COUNT)
        self.start_button = self.list.add_button(_("Start count…"), "add", self.start_count, "Ctrl+N")
        self.open_button = self.list.add_button(_("Open…"), "open", self.open_selected)
        self.open_button.setToolTip(
            _("Count the selected count by scanning or typing (Enter or double click)")
        )
        self.print_button = self.list.add_button(_("Print sheet…"), "report", self.print_sheet, "Ctrl+P")
        self.import_button = self.list.add_button(
            _("Import counted quantities…"), "open", self.import_counts, "Ctrl+I"
        )
        self.post_button = self.list.add_button(_("Post…"), "ok", self.post_count, "Ctrl+Shift+P")
        self.cancel_button = self.list.add_button(_("Cancel count…"), "cancel", self.cancel_count)
        self.list.finish_toolbar()
        self.start_button.setVisible(may_count)
        self.import_button.setVisible(may_count)
        self.cancel_button.setVisible(may_count)
        self.post_button.setVisible(is_allowed(actor.role, STOCK_COUNT_POST))

        self.status_filter = QComboBox(self)
        self.status_filter.addItem(_("All"), "")
        for status in CountStatus:
            self.status_filter.addItem(COUNT_LIFECYCLE.label(status), status.value)
        self.status_filter.currentIndexChanged.connect(
            lambda _index: self.list.model.set_filter("status", self.status_filter.currentData())
        )
        self.list.add_filter(_("Status"), self.status_filter)
        self.warehouse_filter = QComboBox(self)
        self.warehouse_filter.addItem(_("All warehouses"), None)
        for warehouse_id, code, name in count_choices(db, actor).warehouses:
            self.warehouse_filter.addItem(f"{code} · {name}", warehouse_id)
        self.warehouse_filter.currentIndexChanged.connect(
            lambda _index: self.list.model.set_filter("warehouse_id", self.warehouse_filter.currentData())
        )
        self.list.add_filter(_("Warehouse"), self.warehouse_filter)
        self.list.model.set_formatter("category", lambda value: value or _("All categories"))
        self.list.set_empty_texts(
            _(
                "No stock count yet. Start one with Start count… (Ctrl+N): it lists what each place should hold."
            ),
            _("No count matches the search or the filters."),
        )
        self.list.activated.connect(lambda _count_id: self.open_selected())
        self.list.selection_changed.connect(self.update_buttons)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.update_buttons()

    # --- state -----------------------------------------------------------------------------------

    def current_count(self) -> int | None:
        """The count open in the entry screen, else the one selected in the list."""
        if self.entry is not None and self.stack.currentWidget() is self.entry:
            return self.entry.count_id
        return self.list.selected_id()

    def _current_info(self) -> CountInfo | None:
        count_id = self.current_count()
        if count_id is None:
            return None
        info = run_service(self, lambda _confirmed: count_info(self.db, self.actor, count_id))
        return info.value if info.ok else None

    def update_buttons(self) -> None:
        row = self.list.selected_row()
        is_open = row is not None and COUNT_LIFECYCLE.can_edit(str(self.list.value(row, "status")))
        for button in (self.open_button, self.print_button):
            button.setEnabled(row is not None)
        for button in (self.import_button, self.post_button, self.cancel_button):
            button.setEnabled(is_open)

    def refresh(self) -> None:
        if self.entry is not None and self.stack.currentWidget() is self.entry:
            self.entry.refresh()
        self.list.refresh()
        self.update_buttons()

    def _changed(self) -> None:
        """After a change: the list, and the entry screen if it is open."""
        self.list.refresh()
        if self.entry is not None:
            self.entry.refresh()
        self.update_buttons()

    def open_dialog(self, dialog: QDialog, on_accepted: Callable[[], None] | None = None) -> None:
        """Show `dialog` window-modal; refresh (and run `on_accepted`) when it is accepted."""
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def accepted() -> None:
            self._changed()
            if on_accepted is not None:
                on_accepted()

        def finished(_result: int) -> None:
            if self.dialog is dialog:
                self.dialog = None

        dialog.accepted.connect(accepted)
        dialog.finished.connect(finished)
        dialog.open()

    # --- the entry screen ------------------------------------------------------------------------

    def open_selected(self) -> None:
        count_id = self.list.selected_id()
        if count_id is not None:
            self.open_count(count_id)

    def open_count(self, count_id: int) -> CountEntryView:
        self.close_entry()
        entry = CountEntryView(self.db, self.actor, count_id, self)
        entry.back_requested.connect(self.close_entry)
        entry.recorded.connect(self.list.refresh)
        entry.print_button.clicked.connect(lambda _checked=False: self.print_sheet())
        entry.import_button.clicked.connect(lambda _checked=False: self.import_counts())
        entry.post_button.clicked.connect(lambda _checked=False: self.post_count())
        self.entry = entry
        self.stack.addWidget(entry)
        self.stack.setCurrentWidget(entry)
        entry.code.setFocus(Qt.FocusReason.OtherFocusReason)
        return entry

    def close_entry(self) -> None:
        entry, self.entry = self.entry, None
        if entry is not None:
            self.stack.removeWidget(entry)
            entry.deleteLater()
            self.list.select_id(entry.count_id)
            self.list.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- actions ---------------------------------------------------------------------------------

    def start_count(self) -> None:
        dialog = StartCountDialog(self.db, self.actor, self)

        def select_new() -> None:
            if dialog.count_ids:
                self.list.select_id(dialog.count_ids[0])

        self.open_dialog(dialog, select_new)

    def print_sheet(self) -> None:
        info = self._current_info()
        if info is None:
            return
        dialog = SheetOptionsDialog(info.number, self)

        def chosen() -> None:
            self.make_sheet(info, dialog.show_expected.isChecked())

        self.open_dialog(dialog, chosen)

    def sheet_path(self, info: CountInfo) -> Path:
        return Path(tempfile.mkdtemp(prefix="bodesk-count-")) / _("count-{number}.pdf").format(
            number=info.number
        )

    def make_sheet(self, info: CountInfo, show_expected: bool) -> TaskHandle[Path]:
        """Build the sheet in the background, then preview it."""
        db, actor, path = self.db, self.actor, self.sheet_path(info)
        self.sheet_task = run_task(
            self,
            _("Count sheet"),
            lambda progress: build_count_sheet(db, actor, info.id, path, show_expected, progress.report),
            self.show_sheet,
        )
        return self.sheet_task

    def show_sheet(self, path: Path) -> None:
        from bodesk.ui.widgets.pdf_preview import show_pdf

        show_pdf(self, path)

    def choose_import_path(self) -> Path | None:
        """Ask for the spreadsheet to import (tests replace this)."""
        chosen, _selected = QFileDialog.getOpenFileName(
            self, _("Import counted quantities"), str(Path.home()), _("Spreadsheets (*.csv *.txt *.xlsx)")
        )
        return Path(chosen) if chosen else None

    def import_counts(self) -> None:
        info = self._current_info()
        if info is None or not info.is_open:
            return
        path = self.choose_import_path()
        if path is None:
            return
        table = read_spreadsheet(self, path)
        if table is None:
            return
        dialog = ImportCountDialog(self.db, self.actor, info.id, info.number, table, self)
        dialog.imported.connect(self._changed)
        self.open_dialog(dialog)

    def post_count(self) -> None:
        info = self._current_info()
        if info is None or not info.is_open:
            return
        opened = run_service(self, lambda _confirmed: PostCountDialog(self.db, self.actor, info.id, self))
        if not opened.ok:
            return
        dialog = opened.value

        def posted() -> None:
            result = dialog.posted
            if result is not None:
                currency = dialog.currency
                messages.show_info(
                    self,
                    _("Count posted"),
                    _("Count {number} is posted: {moves} adjustments, net {value}.").format(
                        number=info.number,
                        moves=format_decimal(result.moves),
                        value=format_money(result.net, currency),
                    ),
                )

        self.open_dialog(dialog, posted)

    def cancel_count(self) -> None:
        info = self._current_info()
        if info is not None and info.is_open:
            self.open_dialog(CancelCountDialog(self.db, self.actor, info.id, info.number, self))
