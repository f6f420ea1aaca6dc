"""What each role may do: a read-only matrix of roles and actions, from every module's permissions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import Action, Role, action_label, is_allowed, role_label
from bodesk.domain.registry import permissions
from bodesk.i18n import _
from bodesk.store.engine import Database

CHECK = "✓"


class RolesView(QWidget):
    """Actions down, roles across; a check mark where the role may do the action."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        intro = QLabel(
            _(
                "What each role may do. The roles are fixed: to change what a person may do, give them another role in Users."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.permissions = permissions()
        self.table = QTableWidget(len(self.permissions), len(Role), self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
        self.table.horizontalHeader().setMinimumSectionSize(self.fontMetrics().horizontalAdvance("0") * 10)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        row = QHBoxLayout()
        row.addWidget(self.table)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        self._fill()

    def _fill(self) -> None:
        roles, actions = list(Role), self.permissions
        for column, role in enumerate(roles):
            header = QTableWidgetItem(role_label(role))
            self.table.setHorizontalHeaderItem(column, header)
        for row, action in enumerate(actions):
            label = action_label(action)
            header = QTableWidgetItem(label[:1].upper() + label[1:])
            header.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            self.table.setVerticalHeaderItem(row, header)
            for column, role in enumerate(roles):
                allowed = is_allowed(role, action)
                item = QTableWidgetItem(CHECK if allowed else "")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                text = _("{role} may {action}.") if allowed else _("{role} may not {action}.")
                item.setToolTip(text.format(role=role_label(role), action=label))
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.table.setItem(row, column, item)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        rows.setMinimumSectionSize(self.fontMetrics().height() + 4)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def allowed(self, role: Role, action: Action) -> bool:
        """Whether the matrix shows a check mark for `role` and `action`."""
        item = self.table.item(self.permissions.index(action), list(Role).index(role))
        return item is not None and item.text() == CHECK

    def refresh(self) -> None:
        """The roles are fixed in code; nothing to read again."""
