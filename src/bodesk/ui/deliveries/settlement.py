"""The settlement (acerto de rota): the trips on the road; Settle… (Ctrl+E, or Enter on a trip)
counts what came back against what was expected — money by kind, goods, empties — with who answers
for a difference and why; Close trip (Ctrl+Shift+C) posts it once every stop has a result and the
settlement adds up."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit, QTableWidget, QTableWidgetItem, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import is_allowed
from bodesk.domain.common.errors import FieldError, ValidationError
from bodesk.domain.common.figures import parse_number, quantity_text
from bodesk.domain.deliveries.closing import close_trip
from bodesk.domain.deliveries.lookups import choices, settlement_lines
from bodesk.domain.deliveries.permissions import TRIPS_SETTLE
from bodesk.domain.deliveries.queries import TripsQuery
from bodesk.domain.deliveries.settlement import Counted, settle_trip
from bodesk.domain.deliveries.states import TripStatus
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.deliveries.common import combo
from bodesk.ui.widgets.calls import run_service
from bodesk.ui.widgets.dialogs import open_dialog
from bodesk.ui.widgets.forms import FormDialog
from bodesk.ui.widgets.list_view import ListView

COUNTED, RESPONSIBLE, NOTE = 2, 3, 4


class SettleDialog(FormDialog):
    def __init__(
        self, db: Database, actor: Actor, trip_id: int, number: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, _("Settle trip {number}").format(number=number), _("Settle"))
        self.db, self.actor, self.trip_id = db, actor, trip_id
        self.lines = settlement_lines(db, actor, trip_id)
        people = choices(db, actor).helpers
        self.set_intro(
            _(
                "Count what came back. Where a count differs from what was expected, say who answers for it and why."
            )
        )
        self.table = QTableWidget(len(self.lines), 5, self)
        self.table.setHorizontalHeaderLabels(
            [_("What"), _("Expected"), _("Counted"), _("Who answers"), _("Note")]
        )
        self.table.verticalHeader().hide()
        self.counted: list[QLineEdit] = []
        self.responsible: list[QComboBox] = []
        self.notes: list[QLineEdit] = []
        for row, line in enumerate(self.lines):
            self.table.setItem(row, 0, QTableWidgetItem(line.label))
            expected = QTableWidgetItem(quantity_text(line.expected))
            expected.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 1, expected)
            edit = QLineEdit(
                quantity_text(line.counted if line.counted is not None else line.expected), self.table
            )
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            who = combo(self.table, people, "")
            if line.responsible_id is not None:
                who.setCurrentIndex(max(0, who.findData(line.responsible_id)))
            note = QLineEdit(line.note, self.table)
            self.table.setCellWidget(row, COUNTED, edit)
            self.table.setCellWidget(row, RESPONSIBLE, who)
            self.table.setCellWidget(row, NOTE, note)
            self.counted.append(edit)
            self.responsible.append(who)
            self.notes.append(note)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.form.add_field("settlement", _("Settlement"), self.table)
        self.resize(860, 480)
        if self.counted:
            self.counted[0].setFocus()
            self.counted[0].selectAll()

    def counts(self) -> list[Counted]:
        found: list[Counted] = []
        problems: list[FieldError] = []
        for line, edit, who, note in zip(self.lines, self.counted, self.responsible, self.notes, strict=True):
            try:
                value = parse_number(edit.text() or "0", f"{line.kind}:{line.key}")
            except ValidationError as exc:
                problems.extend(exc.errors)
                value = Decimal(0)
            found.append(Counted(line.kind, line.key, value, who.currentData(), note.text()))
        if problems:
            raise ValidationError([FieldError("settlement", p.message) for p in problems])
        return found

    def confirm(self) -> None:
        settle_trip(self.db, self.actor, self.trip_id, self.counts())


class SettlementView(ListView):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, TripsQuery(), "deliveries-settlement", parent)
        self.dialog: QDialog | None = None
        self.model.set_filter("status", TripStatus.ON_ROAD.value)
        settles = is_allowed(actor.role, TRIPS_SETTLE)
        self.settle_button = self.add_button(_("Settle…"), "edit", self.settle_selected, "Ctrl+E")
        self.close_button = self.add_button(_("Close trip"), "ok", self.close_selected, "Ctrl+Shift+C")
        self.settle_button.setVisible(settles)
        self.close_button.setVisible(settles)
        self.finish_toolbar()
        self.activated.connect(lambda _id: self.settle_selected())
        self.set_empty_texts(
            _(
                "No trip is on the road. A trip appears here when it departs, to be settled when it comes back."
            ),
            _("No trip on the road matches the search."),
        )

    def settle_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        number = int(self.value(row, "number"))
        opened = run_service(self, lambda _confirmed: SettleDialog(self.db, self.actor, row.id, number, self))
        if opened.ok:
            self.dialog = opened.value
            open_dialog(self, opened.value, self.refresh)

    def close_selected(self) -> None:
        trip = self.selected_id()
        if (
            trip is not None
            and run_service(self, lambda _confirmed: close_trip(self.db, self.actor, trip)).ok
        ):
            self.refresh()
