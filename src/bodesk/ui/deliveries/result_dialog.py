"""What happened at a stop: the result (and why it was refused), who received the goods, each line's
quantity when partly delivered, the money taken at the door by kind (a cheque with its bank, number
and date), and the empties given back (or charged) per container type. Every field is reached with Tab
and the dialog saved with Enter."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import cast

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHeaderView,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import FieldError, ValidationError, line_field
from bodesk.domain.common.figures import parse_number, quantity_text
from bodesk.domain.deliveries.lookups import stop_card
from bodesk.domain.deliveries.results import Collected, EmptiesBack, StopReport, record_result
from bodesk.domain.deliveries.states import PAY_KINDS, REFUSAL_REASONS, STOP_RESULTS, PayKind, StopResult
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.deliveries.common import combo, count_box
from bodesk.ui.widgets.forms import FormDialog


class StopResultDialog(FormDialog):
    def __init__(self, db: Database, actor: Actor, stop_id: int, parent: QWidget | None = None) -> None:
        self.card = stop_card(db, actor, stop_id)
        super().__init__(
            parent, _("Stop {n} of trip {trip}: {customer}").format(
                n=self.card.position, trip=self.card.trip_number, customer=self.card.customer), _("Save result"),
        )  # fmt: skip
        self.db, self.actor = db, actor
        self.outcome = QComboBox(self)
        for value, label in STOP_RESULTS.items():
            self.outcome.addItem(_(label), value)
        self.reason = combo(self, [], _("No reason"))
        for value, label in REFUSAL_REASONS.items():
            self.reason.addItem(_(label), value)
        self.received_by = QLineEdit(self)
        self.lines = QTableWidget(len(self.card.lines), 3, self)
        self.lines.setHorizontalHeaderLabels([_("Product"), _("Loaded"), _("Delivered")])
        self.lines.verticalHeader().hide()
        self.delivered: list[QLineEdit] = []
        for row, line in enumerate(self.card.lines):
            self.lines.setItem(row, 0, QTableWidgetItem(line.product))
            loaded = QTableWidgetItem(quantity_text(line.loaded))
            loaded.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.lines.setItem(row, 1, loaded)
            edit = QLineEdit(
                quantity_text(line.delivered if line.delivered is not None else line.loaded), self.lines
            )
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            self.lines.setCellWidget(row, 2, edit)
            self.delivered.append(edit)
        self.lines.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.lines.setMinimumHeight(130)
        self.money: dict[str, QLineEdit] = {}
        self.form.add_field("result", _("Result"), self.outcome)
        self.form.add_field("reason", _("Refused because"), self.reason)
        self.form.add_field("received_by", _("Received by"), self.received_by)
        self.form.add_field("lines", _("Quantities (when partly delivered)"), self.lines)
        for kind in PayKind:
            edit = QLineEdit(self)
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.setPlaceholderText("0,00")
            self.money[kind.value] = edit
            self.form.add_field(
                f"money:{kind.value}",
                _(PAY_KINDS[kind]),
                edit,
            )
        self.bank, self.cheque_number = QLineEdit(self), QLineEdit(self)
        self.cheque_date = QDateEdit(QDate.currentDate(), self)
        self.form.add_field("bank", _("Cheque's bank"), self.bank)
        self.form.add_field("cheque_number", _("Cheque's number"), self.cheque_number)
        self.form.add_field("cheque_date", _("Cheque's date"), self.cheque_date)
        self.empties_table = QTableWidget(len(self.card.containers), 3, self)
        self.empties_table.setHorizontalHeaderLabels(
            [_("Container"), _("Empties back"), _("Charged as lost")]
        )
        self.empties_table.verticalHeader().hide()
        self.empties: list[tuple[int, QSpinBox, QSpinBox]] = []
        recorded = self.card.back or {}
        for row, (type_id, name) in enumerate(self.card.containers):
            self.empties_table.setItem(row, 0, QTableWidgetItem(name))
            back, charged = count_box(self.empties_table), count_box(self.empties_table)
            back.setValue(recorded.get(type_id, (0, 0))[0])
            charged.setValue(recorded.get(type_id, (0, 0))[1])
            self.empties_table.setCellWidget(row, 1, back)
            self.empties_table.setCellWidget(row, 2, charged)
            self.empties.append((type_id, back, charged))
        header = self.empties_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.empties_table.setMinimumHeight(150)
        self.form.add_field("empties", _("Containers"), self.empties_table)
        self.correction = QCheckBox(_("More empties than held: record as a correction"), self)
        self.form.add_row("", self.correction)
        self.outcome.currentIndexChanged.connect(self._shown)
        if self.card.result:
            self.outcome.setCurrentIndex(max(0, self.outcome.findData(self.card.result)))
            self.reason.setCurrentIndex(max(0, self.reason.findData(self.card.reason)))
        self.received_by.setText(self.card.received_by)
        self._shown()
        self.resize(720, 760)
        self.form.focus_field("result")

    def _shown(self) -> None:
        result = self.outcome.currentData()
        self.reason.setEnabled(result == StopResult.REFUSED)
        self.lines.setEnabled(result == StopResult.PARTIAL)

    def report(self) -> StopReport:
        problems: list[FieldError] = []
        delivered: dict[int, Decimal] = {}
        if self.outcome.currentData() == StopResult.PARTIAL:
            for line, edit in zip(self.card.lines, self.delivered, strict=True):
                try:
                    delivered[line.line_id] = parse_number(
                        edit.text() or "0", line_field(line.line_id, "delivered")
                    )
                except ValidationError as exc:
                    problems.extend(exc.errors)
        collected = []
        for kind, edit in self.money.items():
            if not edit.text().strip():
                continue
            try:
                amount = parse_number(edit.text(), "collected")
            except ValidationError as exc:
                problems.extend(exc.errors)
                continue
            cheque = kind == PayKind.CHEQUE
            collected.append(
                Collected(
                    kind,
                    amount,
                    bank=self.bank.text() if cheque else "",
                    cheque_number=self.cheque_number.text() if cheque else "",
                    cheque_date=cast(date, self.cheque_date.date().toPython()) if cheque else None,
                )
            )
        if problems:
            raise ValidationError(problems)
        empties = [
            EmptiesBack(t, back.value(), charged.value(), self.correction.isChecked())
            for t, back, charged in self.empties
            if back.value() or charged.value()
        ]
        return StopReport(
            self.outcome.currentData(), received_by=self.received_by.text(), reason=self.reason.currentData() or "",
            delivered=delivered, collected=collected, empties=empties,
        )  # fmt: skip

    def confirm(self) -> None:
        record_result(self.db, self.actor, self.card.stop_id, self.report())
