"""Receive… / Pay…: the customer or supplier (type a part of the name, Enter), their open installments
with a tick and the amount each takes (ticked oldest first as the money is typed), the day, the method,
the account, discount, interest and bank fees, the cheque's details for a cheque, and the difference;
money beyond what it settles asks what to do with it (a credit the partner keeps, or interest)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import ValidationError
from bodesk.domain.common.figures import date_text, input_text, money_text, parse_number
from bodesk.domain.finance.payment_queries import OpenLine, money_account_choices, open_lines, partner_choices
from bodesk.domain.finance.payments import PaymentInput, register_payment
from bodesk.domain.finance.states import PAYMENT_METHODS, Direction, PaymentMethod
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.widgets.calls import run_service
from bodesk.ui.widgets.forms import ENTER_KEYS, FormDialog
from bodesk.ui.widgets.icons import register_icons

ZERO = Decimal(0)
register_icons(
    {
        "receive": "ph.arrow-down-left",
        "pay": "ph.arrow-up-right",
        "reverse": "ph.arrow-counter-clockwise",
        "write_off": "ph.prohibit",
    }
)
TICK, DOCUMENT, INSTALLMENT, DUE, OPEN, TAKES = range(6)


def day_of(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


def _amount(edit: QLineEdit, field: str) -> Decimal:
    text = edit.text().strip()
    return parse_number(text, field) if text else ZERO


class PaymentDialog(FormDialog):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        direction: Direction,
        parent: QWidget | None = None,
        partner_id: int | None = None,
    ) -> None:
        receipt = direction == Direction.RECEIVABLE
        super().__init__(
            parent, _("Receive from a customer") if receipt else _("Pay a supplier"), _("Register")
        )
        self.db, self.actor, self.direction = db, actor, direction
        self.payment_id: int | None = None
        self.lines: list[OpenLine] = []
        self.set_intro(
            _("Type part of the customer's name and press Enter; tick what the money pays.")
            if receipt
            else _("Type part of the supplier's name and press Enter; tick what the money pays.")
        )
        self.partner = QComboBox(self)
        self.partner.setEditable(True)
        self.partner.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.partner_text = self.partner.lineEdit()
        assert self.partner_text is not None
        self.partner_text.setPlaceholderText(_("Name, code or CNPJ"))
        self.form.add_field("partner", _("Customer") if receipt else _("Supplier"), self.partner)
        self.partner_text.installEventFilter(self)
        self.partner.activated.connect(lambda _index: self.load_items())
        self.day = QDateEdit(QDate.currentDate(), self)
        self.day.setCalendarPopup(True)
        self.form.add_field("day", _("Day"), self.day)
        self.amount = QLineEdit(self)
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.form.add_field("amount", _("Money received") if receipt else _("Money paid"), self.amount)
        self.table = QTableWidget(0, 6, self)
        self.table.setHorizontalHeaderLabels(
            ["", _("Document"), _("Installment"), _("Due"), _("Open"), _("Takes")]
        )
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DOCUMENT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(TICK, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(TICK, 32)
        self.table.itemChanged.connect(self._item_changed)
        self.form.add_field("allocations", _("Installments"), self.table)
        self.table.installEventFilter(self)  # Enter moves on (Space ticks the installment)
        self.method = QComboBox(self)
        for method, label in PAYMENT_METHODS.items():
            if method != PaymentMethod.WRITE_OFF:
                self.method.addItem(_(label), method.value)
        self.method.setCurrentIndex(self.method.findData(PaymentMethod.PIX.value))
        self.form.add_field("method", _("Method"), self.method)
        self.account = QComboBox(self)
        self.account.addItem(_("By the method (cash or bank)"), None)
        for choice in money_account_choices(db, actor):
            self.account.addItem(f"{choice.code} {choice.name}", choice.id)
        self.form.add_field("account", _("Account"), self.account)
        self.discount, self.interest, self.fees = QLineEdit(self), QLineEdit(self), QLineEdit(self)
        for name, label, edit in (
            ("discount", _("Discount"), self.discount),
            ("interest", _("Interest and late fees"), self.interest),
            ("fees", _("Bank fees"), self.fees),
        ):
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            self.form.add_field(name, label, edit)
            edit.textChanged.connect(lambda _text: self.refresh_difference())
        self.cheque_bank, self.cheque_number = QLineEdit(self), QLineEdit(self)
        self.cheque_date = QDateEdit(QDate.currentDate(), self)
        self.cheque_date.setCalendarPopup(True)
        self.form.add_field("cheque_bank", _("Cheque's bank"), self.cheque_bank)
        self.form.add_field("cheque_number", _("Cheque's number"), self.cheque_number)
        self.form.add_field("cheque_date", _("Cheque's date"), self.cheque_date)
        self.memo = QLineEdit(self)
        self.form.add_field("memo", _("Memo"), self.memo)
        self.difference = QLabel(self)
        self.form.add_row(_("Difference"), self.difference)
        self.excess = QComboBox(self)
        self.excess.addItem(_("Choose what to do with it…"), None)
        self.excess.addItem(
            _("Keep it as a credit of the customer")
            if receipt
            else _("Keep it as an advance to the supplier"),
            "credit",
        )
        self.excess.addItem(_("Take it as interest"), "interest")
        self.form.add_field("excess", _("Money left over"), self.excess)
        self.amount.textChanged.connect(lambda _text: self.spread())
        self.method.currentIndexChanged.connect(lambda _index: self._show_cheque())
        self._show_cheque()
        self.resize(760, 640)
        self._fill_partners("")
        if partner_id is not None:
            index = self.partner.findData(partner_id)
            if index >= 0:
                self.partner.setCurrentIndex(index)
                self.load_items()
        self.form.focus_field("partner")
        self.refresh_difference()

    # the partner -------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        entered = (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in ENTER_KEYS
        )
        if entered and watched is self.partner_text:
            self.find_partner()
            return True
        if entered and watched is self.table and self.table.state() != QTableWidget.State.EditingState:
            self.form.focus_next("allocations")
            return True
        return super().eventFilter(watched, event)

    def _fill_partners(self, text: str) -> None:
        found = run_service(self, lambda _c: partner_choices(self.db, self.actor, self.direction, text))
        if not found.ok:
            return
        self.partner.blockSignals(True)
        self.partner.clear()
        for choice in found.value:
            self.partner.addItem(f"{choice.name} ({choice.code})" if choice.code else choice.name, choice.id)
        self.partner.setCurrentIndex(-1)
        self.partner.setEditText(text)
        self.partner.blockSignals(False)

    def find_partner(self) -> None:
        text = self.partner.currentText().strip()
        index = self.partner.findText(text)
        if index < 0:
            self._fill_partners(text)
            if self.partner.count() == 1:
                index = 0
            elif self.partner.count() > 1:
                self.partner.showPopup()
                return
        if index < 0:
            self.form.set_error("partner", _("No one matches: type another part of the name."))
            return
        self.partner.setCurrentIndex(index)
        self.load_items()

    def partner_id(self) -> int | None:
        data = self.partner.currentData()
        return int(data) if data is not None and self.partner.currentIndex() >= 0 else None

    def load_items(self) -> None:
        partner = self.partner_id()
        if partner is None:
            return
        self.form.set_error("partner", "")
        found = run_service(self, lambda _c: open_lines(self.db, self.actor, self.direction, partner))
        if not found.ok:
            return
        self.lines = found.value
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.lines))
        for row, line in enumerate(self.lines):
            tick = QTableWidgetItem()
            tick.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            tick.setCheckState(Qt.CheckState.Unchecked)
            self.table.setItem(row, TICK, tick)
            for column, text in (
                (DOCUMENT, line.document),
                (INSTALLMENT, line.installment),
                (DUE, date_text(line.due_on)),
                (OPEN, money_text(line.left)),
            ):
                cell = QTableWidgetItem(text)
                cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                if column == OPEN:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, cell)
            takes = QTableWidgetItem("")
            takes.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, TAKES, takes)
        self.table.blockSignals(False)
        self.spread()
        self.amount.setFocus()

    def _cell(self, row: int, column: int) -> QTableWidgetItem:
        found = self.table.item(row, column)
        assert found is not None
        return found

    # the money -----------------------------------------------------------------------------------
    def _show_cheque(self) -> None:
        cheque = self.method.currentData() == PaymentMethod.CHEQUE.value
        for name in ("cheque_bank", "cheque_number", "cheque_date"):
            self._show_row(name, cheque)

    def _show_row(self, name: str, shown: bool) -> None:
        widget = self.form.widget(name)
        widget.setVisible(shown)
        box = widget.parentWidget()
        if box is not None:
            self.form.form_layout.setRowVisible(box, shown)

    def _figure(self, edit: QLineEdit) -> Decimal:
        try:
            return _amount(edit, "amount")
        except ValidationError:
            return ZERO

    def available(self) -> Decimal:
        return self._figure(self.amount) + self._figure(self.discount) - self._figure(self.interest)

    def spread(self) -> None:
        """Tick the installments owed, oldest due first, for as much as the money covers."""
        left = self.available()
        self.table.blockSignals(True)
        for row, line in enumerate(self.lines):
            share = min(line.left, left) if line.left > ZERO and left > ZERO else ZERO
            left -= share
            self._cell(row, TICK).setCheckState(Qt.CheckState.Checked if share else Qt.CheckState.Unchecked)
            self._cell(row, TAKES).setText(input_text(share, 2) if share else "")
        self.table.blockSignals(False)
        self.refresh_difference()

    def _item_changed(self, item: QTableWidgetItem) -> None:
        row = item.row()
        if item.column() == TICK and 0 <= row < len(self.lines):
            self.table.blockSignals(True)
            ticked = item.checkState() == Qt.CheckState.Checked
            self._cell(row, TAKES).setText(input_text(self.lines[row].left, 2) if ticked else "")
            self.table.blockSignals(False)
        self.refresh_difference()

    def allocations(self) -> list[tuple[int, Decimal]]:
        chosen = []
        for row, line in enumerate(self.lines):
            if self._cell(row, TICK).checkState() != Qt.CheckState.Checked:
                continue
            text = self._cell(row, TAKES).text().strip()
            amount = parse_number(text, "allocations") if text else line.left
            chosen.append((line.id, amount))
        return chosen

    def excess_amount(self) -> Decimal:
        try:
            taken = sum((amount for _id, amount in self.allocations()), ZERO)
        except ValidationError:
            return ZERO
        return self.available() - taken

    def refresh_difference(self) -> None:
        excess = self.excess_amount()
        if excess > ZERO:
            text = _("{amount} more than what it settles: choose below what to do with it.").format(
                amount=money_text(excess)
            )
        elif excess < ZERO:
            text = _("{amount} short: untick an installment or enter more money.").format(
                amount=money_text(-excess)
            )
        else:
            text = _("None: the money settles exactly what is ticked.")
        self.difference.setText(text)
        self._show_row("excess", excess > ZERO)
        self.refresh_buttons()

    def can_confirm(self) -> bool:
        return self.partner_id() is not None and bool(self.amount.text().strip() or self.allocations_ticked())

    def allocations_ticked(self) -> bool:
        return any(
            self._cell(row, TICK).checkState() == Qt.CheckState.Checked for row in range(len(self.lines))
        )

    def inputs(self) -> PaymentInput:
        partner = self.partner_id()
        assert partner is not None
        return PaymentInput(
            self.direction,
            partner,
            day_of(self.day),
            PaymentMethod(str(self.method.currentData())),
            _amount(self.amount, "amount"),
            allocations=self.allocations(),
            account_id=self.account.currentData(),
            discount=_amount(self.discount, "discount"),
            interest=_amount(self.interest, "interest"),
            fees=_amount(self.fees, "fees"),
            cheque_bank=self.cheque_bank.text(),
            cheque_number=self.cheque_number.text(),
            cheque_date=day_of(self.cheque_date)
            if self.method.currentData() == PaymentMethod.CHEQUE.value
            else None,
            memo=self.memo.text(),
            excess=self.excess.currentData() if self.excess_amount() > ZERO else None,
        )

    def confirm(self) -> None:
        self.payment_id = register_payment(self.db, self.actor, self.inputs())
