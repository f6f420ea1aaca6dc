"""The books' periods: each month from the first entry to today with its entries and totals, and
whether it is closed. Close up to… moves the lock date forward (nothing is posted on or before it);
Reopen… moves it back, for the owner alone, with a reason."""

from __future__ import annotations

from datetime import date, timedelta

from babel.dates import format_skeleton
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import is_allowed
from bodesk.domain.common.figures import money_text
from bodesk.domain.finance.book_queries import book_months, partial_lock
from bodesk.domain.finance.books import reopen_books
from bodesk.domain.finance.close_checks import close_checklist, close_period
from bodesk.domain.finance.permissions import ACCOUNTS_EDIT, PERIOD_LOCK, PERIOD_REOPEN
from bodesk.i18n import _, current_locale, format_date, format_decimal
from bodesk.store.engine import Database
from bodesk.ui.finance.settings_dialog import FinanceSettingsDialog
from bodesk.ui.widgets.date_filter import qdate
from bodesk.ui.widgets.dialogs import open_dialog
from bodesk.ui.widgets.forms import FormDialog
from bodesk.ui.widgets.icons import icon

COLUMNS = ("Month", "Entries", "Debits", "Credits", "State")
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _day(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


class CloseDialog(FormDialog):
    def __init__(self, db: Database, actor: Actor, locked: date | None, parent: QWidget | None) -> None:
        super().__init__(parent, _("Close the books"), _("Close"))
        self.db, self.actor = db, actor
        self.set_intro(
            _("Nothing can be posted on or before the day you choose, by anyone, until the owner reopens it.")
        )
        last_month_end = date.today().replace(day=1) - timedelta(days=1)
        self.until = QDateEdit(qdate(max(last_month_end, locked or last_month_end)), self)
        self.until.setCalendarPopup(True)
        self.until.setMaximumDate(qdate(date.today()))
        self.form.add_field("lock_date", _("Closed up to"), self.until, _("Usually the last day of a month."))
        self.checklist = QLabel(self)
        self.checklist.setWordWrap(True)
        self.checklist.setTextFormat(Qt.TextFormat.PlainText)
        self.form.add_field("checklist", _("Before closing"), self.checklist)
        self.until.dateChanged.connect(lambda _day_: self.show_checklist())
        self.show_checklist()

    def show_checklist(self) -> None:
        """What is still open up to the chosen day, each check with its count (✓ when nothing is)."""
        lines = []
        for item in close_checklist(self.db, self.actor, _day(self.until)):
            mark = "✓" if item.ok else "•"
            lines.append(f"{mark} {item.label}: {format_decimal(item.count)}")
            lines += [f"    {detail}" for detail in item.details[:3]]
        self.checklist.setText("\n".join(lines))

    def confirm(self) -> None:
        close_period(self.db, self.actor, _day(self.until), self.confirmed)


class ReopenDialog(FormDialog):
    def __init__(self, db: Database, actor: Actor, locked: date, parent: QWidget | None) -> None:
        super().__init__(parent, _("Reopen the books"), _("Reopen"))
        self.db, self.actor = db, actor
        self.set_intro(
            _("The books are closed up to {day}. Reopening is recorded in the audit log.").format(
                day=format_date(locked)
            )
        )
        self.until = QDateEdit(qdate(locked.replace(day=1) - timedelta(days=1)), self)
        self.until.setCalendarPopup(True)
        self.until.setMaximumDate(qdate(locked - timedelta(days=1)))
        self.form.add_field(
            "lock_date", _("Closed up to"), self.until, _("The new lock date, before the current one.")
        )
        self.everything = QCheckBox(_("Reopen every period (no lock date)"), self)
        self.everything.toggled.connect(lambda on: self.until.setEnabled(not on))
        self.form.add_field("everything", "", self.everything)
        self.reason = QLineEdit(self)
        self.form.add_field("reason", _("Reason"), self.reason)
        self.form.focus_field("reason")

    def can_confirm(self) -> bool:
        return bool(self.reason.text().strip())

    def confirm(self) -> None:
        until = None if self.everything.isChecked() else _day(self.until)
        reopen_books(self.db, self.actor, until, self.reason.text())


class PeriodsView(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.dialog: QDialog | None = None
        self.locked: date | None = None
        toolbar = QHBoxLayout()
        self.close_button = self._button(toolbar, _("Close up to…"), "lock", self.close_books)
        self.reopen_button = self._button(toolbar, _("Reopen…"), "unlock", self.reopen)
        toolbar.addStretch(1)
        self.settings_button = self._button(toolbar, _("Finance settings…"), "settings", self.open_settings)
        self.close_button.setVisible(is_allowed(actor.role, PERIOD_LOCK))
        self.reopen_button.setVisible(is_allowed(actor.role, PERIOD_REOPEN))
        self.settings_button.setVisible(is_allowed(actor.role, ACCOUNTS_EDIT))
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels([_(title) for title in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        for column in range(1, 4):
            heading = self.table.horizontalHeaderItem(column)
            if heading is not None:
                heading.setTextAlignment(_RIGHT)
        layout = QVBoxLayout(self)
        layout.addLayout(toolbar)
        layout.addWidget(self.state)
        layout.addWidget(self.table, 1)
        self.refresh()

    def _button(self, row: QHBoxLayout, text: str, icon_name: str, slot: object) -> QPushButton:
        button = QPushButton(icon(icon_name), text, self)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())  # type: ignore[operator]
        row.addWidget(button)
        return button

    def refresh(self) -> None:
        months, self.locked = book_months(self.db, self.actor)
        if self.locked is None:
            self.state.setText(
                _(
                    "No period is closed: entries may be posted on any day. Close a month once the accountant has its figures."
                )
            )
        else:
            self.state.setText(
                _("The books are closed up to {day}: nothing is posted on or before it.").format(
                    day=format_date(self.locked)
                )
            )
        self.reopen_button.setEnabled(self.locked is not None)
        self.table.setRowCount(len(months))
        for position, month in enumerate(months):
            if month.locked:
                state = _("Closed")
            elif partial_lock(month, self.locked):
                state = _("Closed up to {day}").format(day=format_date(self.locked or month.first))
            else:
                state = _("Open")
            cells = (
                format_skeleton("yMMMM", month.first, locale=current_locale()).capitalize(),
                format_decimal(month.entries),
                money_text(month.debits),
                money_text(month.credits),
                state,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (1, 2, 3):
                    item.setTextAlignment(_RIGHT)
                self.table.setItem(position, column, item)

    def close_books(self) -> None:
        open_dialog(self, CloseDialog(self.db, self.actor, self.locked, self))

    def reopen(self) -> None:
        if self.locked is not None:
            open_dialog(self, ReopenDialog(self.db, self.actor, self.locked, self))

    def open_settings(self) -> None:
        open_dialog(self, FinanceSettingsDialog(self.db, self.actor, self))
