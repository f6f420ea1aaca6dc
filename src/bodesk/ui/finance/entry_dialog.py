"""A manual journal entry typed from the keyboard: its date and description, then its lines, one at a
time in the row at the top — the account (by code or part of its name), a debit or a credit — added
with Enter. The grid below shows the lines; Delete takes the chosen one out. The running difference
between debits and credits shows under it, and Post stays disabled until the entry balances.

Enter moves account → debit → credit; Enter on a debit that was typed (or on the credit) adds the line
and goes back to the account. The accounts offered are those a manual entry may use (control accounts,
kept by their documents, are not among them; the domain refuses them anyway).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import ValidationError
from bodesk.domain.common.figures import money_text, parse_optional_number
from bodesk.domain.finance.book_queries import manual_entry_accounts
from bodesk.domain.finance.books import ManualLine, post_manual_entry
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.widgets.calls import run_service
from bodesk.ui.widgets.date_filter import qdate
from bodesk.ui.widgets.forms import ENTER_KEYS, ActionButton, error_color

ZERO = Decimal(0)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class EntryDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.entry_id: int | None = None
        self.lines: list[ManualLine] = []
        self.setWindowTitle(_("New journal entry"))
        self.accounts = {row.id: row for row in manual_entry_accounts(db, actor)}

        self.day = QDateEdit(qdate(date.today()), self)
        self.day.setCalendarPopup(True)
        self.memo = QLineEdit(self)
        self.memo.setPlaceholderText(_("What the entry is for"))
        header = QFormLayout()
        header.addRow(_("Date:"), self.day)
        header.addRow(_("Description:"), self.memo)

        self.account = QComboBox(self)
        self.account_text = QLineEdit(self.account)
        self.account.setLineEdit(self.account_text)  # editable: the account is typed
        self.account.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.account.addItem("", None)
        for row in self.accounts.values():
            self.account.addItem(f"{row.code} – {row.name}", row.id)
        completer = QCompleter(self.account.model(), self.account)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.account.setCompleter(completer)
        self.account_text.setPlaceholderText(_("Account: code or name"))
        self.account.setMinimumWidth(self.fontMetrics().horizontalAdvance("m" * 26))
        self.debit = QLineEdit(self)
        self.debit.setPlaceholderText(_("Debit"))
        self.credit = QLineEdit(self)
        self.credit.setPlaceholderText(_("Credit"))
        for field in (self.debit, self.credit):
            field.setAlignment(_RIGHT)
            field.setMaximumWidth(self.fontMetrics().horizontalAdvance("0" * 16))
        self.add_button = ActionButton(_("Add line"), self)
        self.add_button.clicked.connect(self.add_line)
        entry_row = QHBoxLayout()
        entry_row.addWidget(self.account, 1)
        entry_row.addWidget(self.debit)
        entry_row.addWidget(self.credit)
        entry_row.addWidget(self.add_button)
        self.line_error = QLabel(self)
        palette = self.line_error.palette()
        palette.setColor(self.line_error.foregroundRole(), error_color(self))
        self.line_error.setPalette(palette)
        self.line_error.setWordWrap(True)
        self.line_error.hide()

        self.grid = QTableWidget(0, 3, self)
        self.grid.setHorizontalHeaderLabels([_("Account"), _("Debit"), _("Credit")])
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.grid.verticalHeader().hide()
        self.grid.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        money_width = self.fontMetrics().horizontalAdvance("0" * 14)
        for column in (1, 2):
            self.grid.setColumnWidth(column, money_width)
            heading = self.grid.horizontalHeaderItem(column)
            if heading is not None:
                heading.setTextAlignment(_RIGHT)
        self.grid.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.grid.installEventFilter(self)
        self.difference = QLabel(self)
        self.difference.setAlignment(_RIGHT)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        self.post_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.post_button.setText(_("Post"))
        self.post_button.setAutoDefault(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addSpacing(8)
        layout.addLayout(entry_row)
        layout.addWidget(self.line_error)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.difference)
        layout.addWidget(self.buttons)
        for widget in (self.memo, self.account, self.account_text, self.debit, self.credit):
            widget.installEventFilter(self)
        self.memo.textChanged.connect(self._update)
        self.resize(640, 420)
        self.memo.setFocus()
        self._update()

    # --- typing a line ----------------------------------------------------------------------------

    def chosen_account(self) -> int | None:
        """The account the typed text names: the item chosen, a code typed whole, or the one name it fits."""
        text = self.account.currentText().strip()
        if not text:
            return None
        index = self.account.findText(text, Qt.MatchFlag.MatchFixedString)
        if index > 0:
            return int(self.account.itemData(index))
        by_code = [row.id for row in self.accounts.values() if row.code == text]
        if by_code:
            return by_code[0]
        folded = text.casefold()
        fits = [row.id for row in self.accounts.values() if folded in f"{row.code} – {row.name}".casefold()]
        return fits[0] if len(fits) == 1 else None

    def _show_line_error(self, message: str) -> None:
        self.line_error.setText(message)
        self.line_error.setVisible(bool(message))

    def add_line(self) -> bool:
        account = self.chosen_account()
        if account is None:
            self._show_line_error(_("Choose an account: type its code or part of its name."))
            self.account.setFocus()
            return False
        try:
            debit = parse_optional_number(self.debit.text(), "debit") or ZERO
            credit = parse_optional_number(self.credit.text(), "credit") or ZERO
        except ValidationError as error:
            self._show_line_error(error.message)
            return False
        if (debit > ZERO) == (credit > ZERO) or debit < ZERO or credit < ZERO:
            self._show_line_error(_("Enter either a debit or a credit, above zero."))
            (self.debit if not self.debit.text().strip() or debit else self.credit).setFocus()
            return False
        self.lines.append(ManualLine(account, debit=debit, credit=credit))
        row = self.accounts[account]
        position = self.grid.rowCount()
        self.grid.insertRow(position)
        cells = (
            f"{row.code} – {row.name}",
            money_text(debit) if debit else "",
            money_text(credit) if credit else "",
        )
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column:
                item.setTextAlignment(_RIGHT)
            self.grid.setItem(position, column, item)
        self.account.setCurrentIndex(0)
        self.account.setEditText("")
        self.debit.clear()
        self.credit.clear()
        self._show_line_error("")
        self.account.setFocus()
        self._update()
        return True

    def remove_line(self) -> None:
        rows = self.grid.selectionModel().selectedRows()
        if rows:
            position = rows[0].row()
            del self.lines[position]
            self.grid.removeRow(position)
            self._update()

    # --- the totals ---------------------------------------------------------------------------------

    def totals(self) -> tuple[Decimal, Decimal]:
        return sum((line.debit for line in self.lines), ZERO), sum((line.credit for line in self.lines), ZERO)

    def balanced(self) -> bool:
        debits, credits = self.totals()
        return len(self.lines) >= 2 and debits == credits and debits > ZERO

    def _update(self) -> None:
        debits, credits = self.totals()
        gap = debits - credits
        text = _("Debits {debits} · Credits {credits}").format(
            debits=money_text(debits), credits=money_text(credits)
        )
        if gap:
            text += " · " + _("Difference {gap}").format(gap=money_text(abs(gap)))
        elif self.lines:
            text += " · " + _("Balanced")
        self.difference.setText(text)
        self.post_button.setEnabled(self.balanced() and bool(self.memo.text().strip()))

    # --- keys ---------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.grid and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.remove_line()
                return True
            if event.key() in ENTER_KEYS and watched is not self.grid:
                self._enter(watched)
                return True
        return super().eventFilter(watched, event)

    def _enter(self, watched: QObject) -> None:
        if watched is self.memo:
            self.account.setFocus()
        elif watched in (self.account, self.account_text):
            if not self.account.currentText().strip() and self.balanced():
                self.post_button.setFocus()  # an empty account once balanced: the lines are done
            elif self.chosen_account() is None:
                self._show_line_error(_("Choose an account: type its code or part of its name."))
            else:
                self._show_line_error("")
                self.debit.setFocus()
        elif watched is self.debit:
            if self.debit.text().strip():
                self.add_line()
            else:
                self.credit.setFocus()
        elif watched is self.credit:
            self.add_line()

    def accept(self) -> None:
        if not self.balanced():
            self._update()
            return
        chosen = self.day.date()
        day = date(chosen.year(), chosen.month(), chosen.day())
        done = run_service(
            self, lambda _confirmed: post_manual_entry(self.db, self.actor, day, self.memo.text(), self.lines)
        )
        if done.ok:
            self.entry_id = done.value
            super().accept()
