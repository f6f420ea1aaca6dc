"""The Bank accounts view: the bank accounts and cash boxes with their balances in the books; Add… and
Edit… (a bank's code, branch and number; a cash box's note, e.g. its truck) and Transfer… between two
of them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import is_allowed
from bodesk.domain.banking.accounts import BankAccountData, add_bank_account, transfer, update_bank_account
from bodesk.domain.banking.queries import BankAccountRow, bank_accounts
from bodesk.domain.common.figures import money_text, parse_number
from bodesk.domain.finance.permissions import ACCOUNTS_EDIT, PAYMENT
from bodesk.i18n import N_, _
from bodesk.store.engine import Database
from bodesk.ui.finance.bank_parts import account_picker, current_id, fill, on_enter, table
from bodesk.ui.widgets.dialogs import open_dialog
from bodesk.ui.widgets.forms import FormDialog
from bodesk.ui.widgets.icons import icon

COLUMNS = (N_("Name"), N_("Kind"), N_("Bank"), N_("Branch"), N_("Account number"), N_("Ledger account"), N_("Balance"), N_("Active"))  # fmt: skip
KINDS = {"bank": N_("Bank account"), "cash": N_("Cash box")}


class BankAccountDialog(FormDialog):
    def __init__(
        self, db: Database, actor: Actor, row: BankAccountRow | None, parent: QWidget | None
    ) -> None:
        super().__init__(
            parent, _("Edit bank account") if row else _("Add a bank account or cash box"), _("Save")
        )
        self.db, self.actor, self.row = db, actor, row
        self.set_intro(
            _("A new one gets a ledger account of its own under the chart's bank or cash account.")
            if row is None
            else ""
        )
        self.kind = QComboBox(self)
        for key, label in KINDS.items():
            self.kind.addItem(_(label), key)
        self.form.add_field("kind", _("Kind"), self.kind)
        self.name = QLineEdit(row.name if row else "", self)
        self.form.add_field("name", _("Name"), self.name, _("e.g. Banco do Brasil, or Caixa do escritório"))
        self.bank_code = QLineEdit(row.bank_code if row else "", self)
        self.bank_code.setMaxLength(3)
        self.form.add_field("bank_code", _("Bank"), self.bank_code, _("3 digits: 001, 237, 341…"))
        self.branch = QLineEdit(row.branch if row else "", self)
        self.form.add_field("branch", _("Branch"), self.branch)
        self.number = QLineEdit(row.number if row else "", self)
        self.form.add_field(
            "number", _("Account number"), self.number, _("As on the statement, e.g. 12345-6")
        )
        self.note = QLineEdit(row.note if row else "", self)
        self.form.add_field("note", _("Note"), self.note, _("e.g. the truck of a cash box"))
        self.active = QCheckBox(_("Active"), self)
        self.active.setChecked(row.active if row else True)
        self.form.add_field("active", "", self.active)
        if row is not None:
            self.kind.setCurrentIndex(self.kind.findData(row.kind))
        self.kind.currentIndexChanged.connect(lambda _index: self._kind_changed())
        self._kind_changed()
        self.form.focus_field("name")

    def _kind_changed(self) -> None:
        bank = self.kind.currentData() == "bank"
        for name in ("bank_code", "branch", "number"):
            self.form.widget(name).setEnabled(bank)

    def can_confirm(self) -> bool:
        return bool(self.name.text().strip())

    def data(self) -> BankAccountData:
        bank = self.kind.currentData() == "bank"
        return BankAccountData(
            str(self.kind.currentData()),
            self.name.text(),
            self.bank_code.text() if bank else "",
            self.branch.text() if bank else "",
            self.number.text() if bank else "",
            self.row.account_id if self.row else None,
            self.note.text(),
            self.active.isChecked(),
        )

    def confirm(self) -> None:
        if self.row is None:
            add_bank_account(self.db, self.actor, self.data())
        else:
            update_bank_account(self.db, self.actor, self.row.id, self.data())


class TransferDialog(FormDialog):
    def __init__(self, db: Database, actor: Actor, source: int | None, parent: QWidget | None) -> None:
        super().__init__(parent, _("Move money between accounts"), _("Transfer"))
        self.db, self.actor = db, actor
        self.set_intro(_("Posts the money to the account it goes to and takes it from the one it leaves."))
        self.source = account_picker(db, actor, self)
        self.target = account_picker(db, actor, self)
        if source is not None and self.source.findData(source) >= 0:
            self.source.setCurrentIndex(self.source.findData(source))
        self.target.setCurrentIndex(1 if self.source.currentIndex() == 0 and self.target.count() > 1 else 0)
        self.form.add_field("source", _("From"), self.source)
        self.form.add_field("target", _("To"), self.target)
        self.day = QDateEdit(QDate.currentDate(), self)
        self.day.setCalendarPopup(True)
        self.form.add_field("day", _("Day"), self.day)
        self.amount = QLineEdit(self)
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.form.add_field("amount", _("Amount"), self.amount)
        self.memo = QLineEdit(self)
        self.form.add_field("memo", _("Description"), self.memo, _("e.g. the day's cash deposited"))
        self.form.focus_field("amount")

    def can_confirm(self) -> bool:
        return bool(self.amount.text().strip())

    def confirm(self) -> None:
        chosen = self.day.date()
        transfer(
            self.db,
            self.actor,
            int(self.source.currentData()),
            int(self.target.currentData()),
            date(chosen.year(), chosen.month(), chosen.day()),
            parse_number(self.amount.text(), "amount"),
            self.memo.text(),
        )


class BankAccountsView(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.dialog: QDialog | None = None
        self.rows: list[BankAccountRow] = []
        toolbar = QHBoxLayout()
        self.add_button = self._button(toolbar, _("Add…"), "add", self.add)
        self.edit_button = self._button(toolbar, _("Edit…"), "edit", self.edit)
        self.transfer_button = self._button(toolbar, _("Transfer…"), "transfer", self.transfer)
        toolbar.addStretch(1)
        for button in (self.add_button, self.edit_button):
            button.setVisible(is_allowed(actor.role, ACCOUNTS_EDIT))
        self.transfer_button.setVisible(is_allowed(actor.role, PAYMENT))
        self.total = QLabel(self)
        self.table = table(self, COLUMNS, money=(6,), stretch=0)
        self.table.doubleClicked.connect(lambda _index: self.edit())
        on_enter(self.table, self.edit)
        layout = QVBoxLayout(self)
        layout.addLayout(toolbar)
        layout.addWidget(self.total)
        layout.addWidget(self.table, 1)
        self.refresh()

    def _button(self, row: QHBoxLayout, text: str, icon_name: str, slot: object) -> QPushButton:
        button = QPushButton(icon(icon_name), text, self)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())  # type: ignore[operator]
        row.addWidget(button)
        return button

    def refresh(self) -> None:
        self.rows = bank_accounts(self.db, self.actor)
        fill(
            self.table,
            [
                (
                    row.id,
                    [
                        row.name + (f" ({row.note})" if row.note else ""),
                        _(KINDS.get(row.kind, row.kind)),
                        row.bank_code,
                        row.branch,
                        row.number,
                        row.account,
                        row.balance,
                        _("Yes") if row.active else _("No"),
                    ],
                )
                for row in self.rows
            ],
        )
        banks = sum((row.balance for row in self.rows if row.kind == "bank"), Decimal(0))
        cash = sum((row.balance for row in self.rows if row.kind == "cash"), Decimal(0))
        self.total.setText(
            _(
                "In the banks: {banks}. In cash: {cash}. As the books say; the Reconcile view compares them with the bank."
            ).format(banks=money_text(banks), cash=money_text(cash))
        )
        if self.table.currentRow() < 0 and self.rows:
            self.table.selectRow(0)

    def chosen(self) -> BankAccountRow | None:
        found = current_id(self.table)
        return next((row for row in self.rows if row.id == found), None)

    def add(self) -> None:
        self.dialog = BankAccountDialog(self.db, self.actor, None, self)
        open_dialog(self, self.dialog)

    def edit(self) -> None:
        row = self.chosen()
        if row is None or not is_allowed(self.actor.role, ACCOUNTS_EDIT):
            return
        self.dialog = BankAccountDialog(self.db, self.actor, row, self)
        open_dialog(self, self.dialog)

    def transfer(self) -> None:
        row = self.chosen()
        self.dialog = TransferDialog(self.db, self.actor, row.id if row else None, self)
        open_dialog(self, self.dialog)
