"""The Reconcile view: for the bank account chosen, its financial accuracy per month at the top (the
reconciled share of its bank lines, by count and value), the unmatched lines on the left with their
age, and on the right what the chosen lines may be matched to, the likeliest first.

Keyboard: the lines list has the focus; Enter goes to the suggestions (the best one chosen), Enter
there matches (Ctrl+Enter from anywhere); Alt+P makes the payment the line shows, Alt+E an entry (a fee,
interest), Alt+I ignores it, Alt+S matches every sure pair. Several lines chosen (Shift/Ctrl) match one
movement; several movements chosen match one line."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import is_allowed
from bodesk.domain.banking.candidates import Candidate
from bodesk.domain.banking.queries import LineRow, accuracy, bank_accounts, lines
from bodesk.domain.banking.reconcile import auto_match, match, nearby, settle_from_line
from bodesk.domain.common.figures import money_text
from bodesk.domain.finance.payment_queries import partner_of_item
from bodesk.domain.finance.permissions import PAYMENT
from bodesk.i18n import N_, _, format_decimal
from bodesk.store.engine import Database
from bodesk.ui.finance.bank_parts import account_picker, act, fill, on_enter, percent, selected_ids, table
from bodesk.ui.finance.reconcile_dialogs import BookLineDialog, IgnoreDialog, LinePaymentDialog
from bodesk.ui.widgets import messages
from bodesk.ui.widgets.dialogs import open_dialog
from bodesk.ui.widgets.icons import icon

LINE_COLUMNS = (N_("Day"), N_("Amount"), N_("Bank's text"), N_("Age (days)"))
SUGGESTION_COLUMNS = (N_("Movement of the books"), N_("Day"), N_("Amount"), N_("Days apart"), N_("Text"))
MONTH_COLUMNS = (N_("Month"), N_("Lines"), N_("Matched"), N_("Share"), N_("Share of the value"))


class ReconcileView(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.dialog: QDialog | None = None
        self.rows: list[LineRow] = []
        self.candidates: list[Candidate] = []
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Bank account"), self))
        self.account = account_picker(db, actor, self, banks_only=True)
        with_lines = accuracy(db, actor)  # the account whose statement came last, first
        if with_lines and self.account.findData(with_lines[0].bank_account_id) >= 0:
            self.account.setCurrentIndex(self.account.findData(with_lines[0].bank_account_id))
        self.account.currentIndexChanged.connect(lambda _index: self.refresh())
        top.addWidget(self.account)
        self.auto_button = self._button(top, _("Match all &sure ones"), "auto_match", self.match_sure)
        top.addStretch(1)
        self.figure = QLabel(self)
        self.figure.setWordWrap(True)
        self.months = table(self, MONTH_COLUMNS, money=(1, 2, 3, 4), stretch=-2)
        self.months.setMaximumHeight(self.months.verticalHeader().defaultSectionSize() * 4 + 30)
        self.months.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.months.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        actions = QHBoxLayout()
        self.match_button = self._button(actions, _("&Match"), "match", self.match)
        self.pay_button = self._button(actions, _("Create &payment…"), "add", self.create_payment)
        self.entry_button = self._button(actions, _("Create &entry…"), "add", self.create_entry)
        self.ignore_button = self._button(actions, _("&Ignore…"), "ignore", self.ignore)
        actions.addStretch(1)
        allowed = is_allowed(actor.role, PAYMENT)
        for button in (
            self.auto_button,
            self.match_button,
            self.pay_button,
            self.entry_button,
            self.ignore_button,
        ):
            button.setVisible(allowed)
        self.lines = table(self, LINE_COLUMNS, money=(1, 3), stretch=2)
        self.lines.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.lines.itemSelectionChanged.connect(self.suggest)
        self.suggestions = table(self, SUGGESTION_COLUMNS, money=(2, 3), stretch=0)
        self.suggestions.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.suggestions.doubleClicked.connect(lambda _index: self.match())
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.suggestions, 1)
        right_layout.addWidget(self.hint)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.lines)
        split.addWidget(right)
        split.setSizes([500, 600])
        on_enter(self.lines, self.to_suggestions)  # Enter on a line: to its suggestions
        on_enter(self.suggestions, self.match)  # Enter on a suggestion: match
        QShortcut(
            QKeySequence("Ctrl+Return"),
            self,
            self.match,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        QShortcut(
            QKeySequence(Qt.Key.Key_Escape),
            self.suggestions,
            self.lines.setFocus,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.figure)
        months_row = QHBoxLayout()
        months_row.addWidget(self.months)
        months_row.addStretch(1)
        layout.addLayout(months_row)
        layout.addLayout(actions)
        layout.addWidget(split, 1)
        self.refresh()

    def _button(self, row: QHBoxLayout, text: str, icon_name: str, slot: object) -> QPushButton:
        button = QPushButton(icon(icon_name), text, self)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())  # type: ignore[operator]
        row.addWidget(button)
        return button

    def bank_account(self) -> int | None:
        found = self.account.currentData()
        return None if found is None else int(found)

    def refresh(self) -> None:
        bank = self.bank_account()
        self.rows = (
            lines(self.db, self.actor, bank, state="unmatched", limit=5000) if bank is not None else []
        )
        today = date.today()
        fill(
            self.lines,
            [
                (row.id, [row.day, row.amount, f"{row.name} {row.memo}".strip(), (today - row.day).days])
                for row in self.rows
            ],
        )
        self._show_accuracy(bank, today)
        if self.lines.currentRow() < 0 and self.rows:
            self.lines.selectRow(0)
        self.suggest()

    def _show_accuracy(self, bank: int | None, today: date) -> None:
        months = accuracy(self.db, self.actor, bank) if bank is not None else []
        fill(
            self.months,
            [
                (
                    n,
                    [
                        f"{row.month:02d}/{row.year}",
                        row.lines,
                        row.matched,
                        percent(row.share),
                        percent(row.value_share),
                    ],
                )
                for n, row in enumerate(months)
            ],
        )
        self.months.resizeColumnsToContents()
        width = self.months.horizontalHeader().length() + self.months.verticalScrollBar().sizeHint().width()
        self.months.setFixedWidth(width + 2 * self.months.frameWidth())
        if not months:
            self.figure.setText(_("No bank lines yet: import a statement under Statements."))
            return
        latest = months[0]
        oldest = max(((today - row.day).days for row in self.rows), default=0)
        self.figure.setText(
            _(
                "Financial accuracy, {month:02d}/{year}: {share} of the bank lines matched to the books "
                "({matched} of {lines}; {value_share} of the value). Unmatched now: {unmatched}, the oldest {days} days old."
            ).format(
                month=latest.month,
                year=latest.year,
                share=percent(latest.share),
                matched=format_decimal(latest.matched),
                lines=format_decimal(latest.lines),
                value_share=percent(latest.value_share),
                unmatched=format_decimal(len(self.rows)),
                days=oldest,
            )
        )

    def chosen_lines(self) -> list[LineRow]:
        ids = set(selected_ids(self.lines))
        return [row for row in self.rows if row.id in ids]

    def suggest(self) -> None:
        chosen = self.chosen_lines()
        bank = self.bank_account()
        self.candidates = (
            nearby(self.db, self.actor, bank, [row.id for row in chosen]) if chosen and bank else []
        )
        fill(
            self.suggestions,
            [
                (
                    n,
                    [
                        self._label(found),
                        found.day,
                        found.amount,
                        found.distance,
                        _("Yes") if found.text_match else "",
                    ],
                )
                for n, found in enumerate(self.candidates)
            ],
        )
        total = sum((row.amount for row in chosen), 0)
        if not chosen:
            self.hint.setText(_("Choose a bank line on the left."))
        elif not any(found.amount == total for found in self.candidates) and len(chosen) == 1:
            self.hint.setText(
                _(
                    "Nothing in the books matches {amount}: create the payment or the entry it shows, or ignore it."
                ).format(amount=money_text(total))
            )
        else:
            self.hint.setText(
                _(
                    "Choose what matches {amount} (several movements for one line, or one for several lines) and press Enter."
                ).format(amount=money_text(total))
            )

    @staticmethod
    def _label(found: Candidate) -> str:
        if found.kind == "item":
            return _("Settle: {what}").format(what=found.label)
        return found.label or _("Journal entry")

    def to_suggestions(self) -> None:
        if self.suggestions.rowCount():
            self.suggestions.setFocus()
            if not selected_ids(self.suggestions):
                self.suggestions.selectRow(0)

    def match(self) -> None:
        chosen = self.chosen_lines()
        picked = [self.candidates[n] for n in selected_ids(self.suggestions) if n < len(self.candidates)]
        if not chosen or not picked:
            return
        items = [found for found in picked if found.kind == "item"]
        if items:
            if len(chosen) != 1 or len(picked) != 1:
                messages.show_warning(
                    self, _("Reconcile"), _("Settle one installment with one bank line at a time.")
                )
                return
            partner = partner_of_item(self.db, self.actor, items[0].id)
            if partner is None:
                return
            done = act(
                self,
                lambda: settle_from_line(
                    self.db, self.actor, chosen[0].id, partner, [(items[0].id, abs(chosen[0].amount))]
                ),
            )
        else:
            done = act(
                self,
                lambda: match(
                    self.db, self.actor, [row.id for row in chosen], [found.id for found in picked]
                ),
            )
        if done:
            self.refresh()
            self.lines.setFocus()

    def match_sure(self) -> None:
        bank = self.bank_account()
        if bank is None:
            return
        counted: list[int] = []
        if act(self, lambda: counted.append(auto_match(self.db, self.actor, bank))):
            self.refresh()
            messages.show_info(
                self,
                _("Reconcile"),
                _("{n} bank lines matched; the others wait for you.").format(n=format_decimal(counted[0])),
            )

    def _one_line(self) -> LineRow | None:
        chosen = self.chosen_lines()
        return chosen[0] if len(chosen) == 1 else None

    def create_payment(self) -> None:
        line = self._one_line()
        bank = self.bank_account()
        if line is None or bank is None:
            return
        ledger = next((row.account_id for row in bank_accounts(self.db, self.actor) if row.id == bank), None)
        self.dialog = LinePaymentDialog(self.db, self.actor, line, ledger or 0, self)
        open_dialog(self, self.dialog)

    def create_entry(self) -> None:
        line = self._one_line()
        if line is not None:
            self.dialog = BookLineDialog(self.db, self.actor, line, self)
            open_dialog(self, self.dialog)

    def ignore(self) -> None:
        line = self._one_line()
        if line is not None:
            self.dialog = IgnoreDialog(self.db, self.actor, line, self)
            open_dialog(self, self.dialog)
