"""Adding a segment, a payment term or a sales rep from a customer's form: a combo with an Add… button
beside it, which opens a small form and chooses what was added."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import Action, is_allowed
from bodesk.domain.common.listing import Choice
from bodesk.domain.sales.references import add_payment_term, add_rep, add_segment
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.widgets.dialogs import open_dialog
from bodesk.ui.widgets.forms import FormDialog


class NameDialog(FormDialog):
    """A name (and, for a payment term, its days) for `add`, which returns the new id."""

    def __init__(
        self,
        parent: QWidget,
        title: str,
        add: Callable[[str, str], int],
        days: bool = False,
    ) -> None:
        super().__init__(parent, title, _("Add"))
        self.add, self.added = add, 0
        self.name = QLineEdit(self)
        self.form.add_field("name", _("Name"), self.name)
        self.days = QLineEdit(self)
        if days:
            self.form.add_field(
                "days", _("Days"), self.days, _("Days of each installment: 0 (cash), 28, or 28/35/42.")
            )
        self.form.focus_field("name")

    def can_confirm(self) -> bool:
        return bool(self.name.text().strip())

    def confirm(self) -> None:
        self.added = self.add(self.name.text(), self.days.text())


class ChoiceWithAdd(QWidget):
    """A combo of choices (an empty one first) and, for whom may add, an Add… button."""

    def __init__(
        self,
        parent: QWidget,
        choices: Sequence[Choice],
        selected: int | None,
        title: str,
        add: Callable[[str, str], int] | None,
        days: bool = False,
    ) -> None:
        super().__init__(parent)
        self.dialog: FormDialog | None = None
        self.title, self.add, self.days = title, add, days
        self.combo = QComboBox(self)
        self.combo.addItem(_("None"), None)
        for choice in choices:
            label = f"{choice.name} ({choice.code})" if choice.code else choice.name
            self.combo.addItem(label, choice.id)
        self.combo.setCurrentIndex(max(self.combo.findData(selected), 0))
        self.add_button = QPushButton(_("Add…"), self)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.open_add)
        self.add_button.setVisible(add is not None)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo, 1)
        row.addWidget(self.add_button)
        self.setFocusProxy(self.combo)

    def value(self) -> int | None:
        data = self.combo.currentData()
        return int(data) if data is not None else None

    def open_add(self) -> None:
        if self.add is None:
            return
        dialog = NameDialog(self, self.title, self.add, self.days)
        open_dialog(self, dialog, lambda: self._added(dialog))

    def _added(self, dialog: NameDialog) -> None:
        label = dialog.name.text().strip()
        if self.days:
            label = f"{label} ({dialog.days.text().strip()})"
        self.combo.addItem(label, dialog.added)
        self.combo.setCurrentIndex(self.combo.count() - 1)

    def refresh(self) -> None:
        """What open_dialog calls once the added choice is in."""


def segment_adder(db: Database, actor: Actor, may: Action) -> Callable[[str, str], int] | None:
    if not is_allowed(actor.role, may):
        return None
    return lambda name, _days: add_segment(db, actor, name)


def term_adder(db: Database, actor: Actor, may: Action) -> Callable[[str, str], int] | None:
    if not is_allowed(actor.role, may):
        return None
    return lambda name, days: add_payment_term(db, actor, name, days)


def rep_adder(db: Database, actor: Actor, may: Action) -> Callable[[str, str], int] | None:
    if not is_allowed(actor.role, may):
        return None
    return lambda name, _days: add_rep(db, actor, name)
