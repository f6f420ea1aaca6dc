"""The journal: every entry, newest first, filtered by dates, account or manual entries, with the lines
of the chosen entry under it; New entry… for a manual entry, Reverse… for a manual entry not reversed."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QDialog, QLineEdit, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import is_allowed
from bodesk.domain.finance.book_queries import EntryLinesQuery, JournalQuery, chart_of_accounts
from bodesk.domain.finance.books import reverse_manual_entry
from bodesk.domain.finance.permissions import JOURNAL_MANUAL
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.finance.entry_dialog import EntryDialog
from bodesk.ui.widgets.date_filter import add_date_range, qdate
from bodesk.ui.widgets.dialogs import open_dialog
from bodesk.ui.widgets.forms import FormDialog
from bodesk.ui.widgets.list_parts import LinesPanel
from bodesk.ui.widgets.list_view import ListView


class ReverseDialog(FormDialog):
    """Reverse a manual entry on a day, saying why."""

    def __init__(
        self, db: Database, actor: Actor, entry_id: int, number: int, parent: QWidget | None
    ) -> None:
        super().__init__(parent, _("Reverse entry {n}").format(n=number), _("Reverse"))
        self.db, self.actor, self.entry_id = db, actor, entry_id
        self.set_intro(
            _(
                "A new entry with the debits and credits swapped cancels entry {n}; the entry itself stays as it was."
            ).format(n=number)
        )
        self.day = QDateEdit(qdate(date.today()), self)
        self.day.setCalendarPopup(True)
        self.form.add_field("day", _("Date"), self.day)
        self.reason = QLineEdit(self)
        self.form.add_field(
            "reason", _("Reason"), self.reason, _("Kept with the reversal and in the audit log.")
        )
        self.form.focus_field("reason")

    def can_confirm(self) -> bool:
        return bool(self.reason.text().strip())

    def confirm(self) -> None:
        chosen: QDate = self.day.date()
        day = date(chosen.year(), chosen.month(), chosen.day())
        reverse_manual_entry(self.db, self.actor, self.entry_id, day, self.reason.text())


class JournalView(ListView):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, JournalQuery(), "journal", parent)
        self.dialog: QDialog | None = None
        may_post = is_allowed(actor.role, JOURNAL_MANUAL)
        self.new_button = self.add_button(_("New entry…"), "add", self.new_entry, "Ctrl+N")
        self.reverse_button = self.add_button(_("Reverse…"), "restore", self.reverse)
        self.new_button.setVisible(may_post)
        self.reverse_button.setVisible(may_post)
        self.finish_toolbar()
        add_date_range(self)
        self.account_filter = QComboBox(self)
        self.account_filter.addItem(_("Any account"), None)
        for row in chart_of_accounts(db, actor):
            if row.postable:
                self.account_filter.addItem(f"{row.code} – {row.name}", row.id)
        self.account_filter.currentIndexChanged.connect(
            lambda _index: self.model.set_filter("account", self.account_filter.currentData())
        )
        self.add_filter(_("Account"), self.account_filter)
        self.manual_only = QCheckBox(_("Manual entries only"), self)
        self.manual_only.toggled.connect(lambda on: self.model.set_filter("manual", True if on else None))
        self.add_filter_widget(self.manual_only)
        self.set_empty_texts(
            _(
                "No entry yet. Invoices, bills, payments and stock documents post here by themselves; "
                "post anything else with New entry… (Ctrl+N)."
            )
            if may_post
            else _("No entry yet. Invoices, bills, payments and stock documents post here by themselves."),
            _("No entry matches the search or the filters. Clear them to see every entry."),
        )
        self.lines = LinesPanel(
            db, actor, EntryLinesQuery(), "journal-lines", "entry",
            _("Choose an entry above to see its lines."), _("No line matches the search."),
        )  # fmt: skip
        self.set_detail(self.lines)
        self.selection_changed.connect(self._selected)
        self._selected()

    def _selected(self) -> None:
        row = self.selected_row()
        self.lines.show_document(row.id if row is not None else None)
        self.reverse_button.setEnabled(
            row is not None and bool(self.value(row, "manual")) and not self.value(row, "reversed")
        )

    def refresh(self) -> None:
        super().refresh()
        self.lines.refresh()
        self._selected()

    def new_entry(self) -> None:
        dialog = EntryDialog(self.db, self.actor, self)

        def select_new() -> None:
            if dialog.entry_id is not None:
                self.select_id(dialog.entry_id)

        open_dialog(self, dialog, select_new)

    def reverse(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        open_dialog(self, ReverseDialog(self.db, self.actor, row.id, int(self.value(row, "number")), self))
