"""The audit log: who did what and when, filtered by user, record type and dates, paged in SQL.

The pane under the list shows the selected entry's values before and after, field by field. What each
action, record type and field is called comes from the modules' manifests, in the person's language,
and the search finds those names as well as the codes; the stored values read as the screens show them
(`domain.access.audit_text`).
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.audit_text import audit_value_text
from bodesk.domain.access.queries import AuditQuery, audit_filter_options
from bodesk.domain.common.listing import ListRow
from bodesk.domain.registry import audit_action_label, audit_field_label, audit_labels, audit_record_label
from bodesk.errors import BodeskError
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.widgets.date_filter import add_date_range
from bodesk.ui.widgets.list_view import ListView

action_text = audit_action_label
entity_text = audit_record_label
field_text = audit_field_label


def parse_values(text: str | None) -> dict[str, Any]:
    """The JSON object of an audit entry's values; a non-object is kept under "value"."""
    if not text:
        return {}
    try:
        parsed = json.loads(text)
    except ValueError:
        return {"value": text}
    return parsed if isinstance(parsed, dict) else {"value": parsed}


def values_summary(record: str, text: str) -> str:
    """One line for the list: "Name: Ana; Role: Sales"."""
    return "; ".join(
        _("{field}: {value}").format(field=field_text(key), value=audit_value_text(record, key, value))
        for key, value in parse_values(text).items()
    )


class AuditDetail(QWidget):
    """The selected entry: a summary line and its values, field by field, before and after."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels([_("Before"), _("After")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        rows = self.table.verticalHeader()
        rows.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setMinimumSectionSize(self.fontMetrics().height() + 4)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.summary, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.table, 1)
        self.show_entry(None)

    def show_entry(self, entry: dict[str, Any] | None) -> None:
        """`entry`: when, user, action, record (as shown), its record type's code, reason, old, new."""
        self.table.setRowCount(0)
        if entry is None:
            self.summary.setText(_("Select an entry to see what it changed."))
            self.table.hide()
            return
        summary = " · ".join(
            part for part in (entry["when"], entry["user"], entry["action"], entry["record"]) if part
        )
        if entry["reason"]:
            summary += "\n" + _("Reason: {reason}").format(reason=entry["reason"])
        before, after = parse_values(entry["old"]), parse_values(entry["new"])
        keys = list(dict.fromkeys([*before, *after]))
        if not keys:
            summary += "\n" + _("This entry records no values.")
        self.summary.setText(summary)
        self.table.setVisible(bool(keys))
        self.table.setRowCount(len(keys))
        for row, key in enumerate(keys):
            self.table.setVerticalHeaderItem(row, QTableWidgetItem(field_text(key)))
            for side, values in enumerate((before, after)):
                text = audit_value_text(entry["type"], key, values.get(key))
                self.table.setItem(row, side, QTableWidgetItem(text))


class AuditView(ListView):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, AuditQuery(audit_labels), "audit", parent)
        self.search.setPlaceholderText(_("Search records and actions (Ctrl+F)"))
        self.model.set_formatter("action", action_text)
        self.model.set_formatter("entity", entity_text)
        self.model.set_row_formatter("old_values", lambda row: self._summary(row, "old_values"))
        self.model.set_row_formatter("new_values", lambda row: self._summary(row, "new_values"))
        self.user_filter = QComboBox(self)
        self.type_filter = QComboBox(self)
        self.add_filter(_("User"), self.user_filter)
        self.add_filter(_("Record type"), self.type_filter)
        self.from_filter, self.to_filter = add_date_range(self)
        self.load_filter_options()
        self.user_filter.currentIndexChanged.connect(
            lambda _index: self.model.set_filter("user_login", self.user_filter.currentData())
        )
        self.type_filter.currentIndexChanged.connect(
            lambda _index: self.model.set_filter("entity", self.type_filter.currentData())
        )
        self.detail = AuditDetail(self)
        self.set_detail(self.detail)
        self.set_empty_texts(
            _("The audit log is empty. Every change anyone makes will be listed here."),
            _(
                "No entry matches the search, the user, the record type or the dates. Clear them to see every entry."
            ),
        )
        self.selection_changed.connect(self.show_selected)

    def load_filter_options(self) -> None:
        """Fill the user and record type boxes from the log, keeping what is chosen."""
        try:
            users, entities = audit_filter_options(self.db, self.actor)
        except BodeskError:
            users, entities = [], []
        self._fill(self.user_filter, _("Everyone"), [(login, login) for login in users])
        self._fill(self.type_filter, _("All record types"), [(entity_text(code), code) for code in entities])

    @staticmethod
    def _fill(combo: QComboBox, everything: str, items: list[tuple[str, str]]) -> None:
        chosen = combo.currentData() or ""
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, "")
        for text, data in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(combo.findData(chosen), 0))
        combo.blockSignals(False)

    def _summary(self, row: ListRow, key: str) -> str:
        return values_summary(str(self.value(row, "entity")), self.value(row, key))

    def show_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            self.detail.show_entry(None)
            return
        shown = {column.key: self.model.cell_text(column, row) for column in self.model.columns}
        self.detail.show_entry(
            {
                "when": shown["at"],
                "user": shown["user_login"],
                "action": shown["action"],
                "record": f"{shown['entity']} {shown['entity_key']}".strip(),
                "type": self.value(row, "entity"),
                "reason": self.value(row, "reason"),
                "old": self.value(row, "old_values"),
                "new": self.value(row, "new_values"),
            }
        )

    def refresh(self) -> None:
        self.load_filter_options()
        super().refresh()
