"""Changing one's own password: the current one, the new one twice."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.services import change_password
from bodesk.domain.common.errors import ValidationError
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.widgets.forms import FormDialog


def password_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class ChangePasswordDialog(FormDialog):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent, _("Change my password"), _("Change password"))
        self.setObjectName("change-password")
        self.db = db
        self.actor = actor
        self.set_intro(
            _("You are logged in as {name} ({login}). The new password has at least 10 characters.").format(
                name=actor.full_name, login=actor.login
            )
        )
        self.current = password_edit("current_password")
        self.new = password_edit("password")
        self.repeat = password_edit("password_repeat")
        self.form.add_field("current_password", _("Current password"), self.current)
        self.form.add_field("password", _("New password"), self.new)
        self.form.add_field("password_repeat", _("Repeat the new password"), self.repeat)

    def can_confirm(self) -> bool:
        return all(edit.text() for edit in (self.current, self.new, self.repeat))

    def confirm(self) -> None:
        if self.new.text() != self.repeat.text():
            raise ValidationError.single("password_repeat", _("The two passwords differ."))
        change_password(self.db, self.actor, self.actor.user_id, self.new.text(), self.current.text())
