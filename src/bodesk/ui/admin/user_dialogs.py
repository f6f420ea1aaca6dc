"""The owner's dialogs for one user: add or edit, set a password, lock with a reason.

Each dialog calls one service of bodesk.domain.access.services in `confirm()`; the rules (a free
login, a strong password, always one owner who can log in) are the service's, shown inline.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import Role, role_label
from bodesk.domain.access.services import add_user, change_password, set_locked, update_user
from bodesk.domain.common.errors import ValidationError
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.widgets.forms import FormDialog

PASSWORD_HINT_LENGTH = 10


def role_combo(parent: QWidget, selected: str = "") -> QComboBox:
    """The roles by their translated names; the role code is each item's data."""
    combo = QComboBox(parent)
    combo.setPlaceholderText(_("Choose a role"))
    for role in Role:
        combo.addItem(role_label(role), role.value)
    combo.setCurrentIndex(combo.findData(selected) if selected else -1)
    return combo


def password_edit(parent: QWidget) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def _mismatch() -> ValidationError:
    return ValidationError.single("password_repeat", _("The two passwords are not the same."))


class UserDialog(FormDialog):
    """Add a user (login, name, role, password twice) or, with `user_id`, edit the name and role."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        parent: QWidget | None = None,
        user_id: int | None = None,
        login: str = "",
        full_name: str = "",
        role: str = "",
    ) -> None:
        adding = user_id is None
        super().__init__(
            parent, _("Add user") if adding else _("Edit user"), _("Add") if adding else _("Save")
        )
        self.db, self.actor, self.user_id = db, actor, user_id
        self.login = QLineEdit(login, self)
        self.login.setMaxLength(60)
        if adding:
            self.form.add_field(
                "login", _("Login"), self.login, _("3 to 60 letters, digits, dots, dashes or underscores.")
            )
        else:
            self.login.hide()
            self.form.add_row(_("Login"), QLabel(login, self))
        self.full_name = QLineEdit(full_name, self)
        self.full_name.setMaxLength(200)
        self.form.add_field("full_name", _("Name"), self.full_name)
        self.role = role_combo(self, role)
        self.form.add_field("role", _("Role"), self.role, _("What the person may do: see the Roles tab."))
        self.password = password_edit(self)
        self.password_repeat = password_edit(self)
        if adding:
            hint = _("At least {n} characters.").format(n=PASSWORD_HINT_LENGTH)
            self.form.add_field("password", _("Password"), self.password, hint)
            self.form.add_field("password_repeat", _("Repeat password"), self.password_repeat)
        else:
            self.password.hide()
            self.password_repeat.hide()
        self.form.focus_field("login" if adding else "full_name")

    @property
    def adding(self) -> bool:
        return "login" in self.form.names()

    def can_confirm(self) -> bool:
        filled = bool(self.full_name.text().strip()) and self.role.currentIndex() >= 0
        if self.adding:
            filled = filled and bool(
                self.login.text().strip() and self.password.text() and self.password_repeat.text()
            )
        return filled

    def confirm(self) -> None:
        role = str(self.role.currentData())
        if self.user_id is None:
            if self.password.text() != self.password_repeat.text():
                raise _mismatch()
            user = add_user(
                self.db, self.actor, self.login.text(), self.full_name.text(), role, self.password.text()
            )
            self.user_id = user.id
        else:
            update_user(self.db, self.actor, self.user_id, self.full_name.text(), role)


class PasswordDialog(FormDialog):
    """A new password for a user; for one's own, the current password too."""

    def __init__(
        self, db: Database, actor: Actor, user_id: int, login: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, _("Set password"), _("Set password"))
        self.db, self.actor, self.user_id = db, actor, user_id
        self.set_intro(_("A new password for {login}.").format(login=login))
        self.current = password_edit(self)
        if user_id == actor.user_id:
            self.form.add_field("current_password", _("Current password"), self.current)
        else:
            self.current.hide()
        self.password = password_edit(self)
        hint = _("At least {n} characters.").format(n=PASSWORD_HINT_LENGTH)
        self.form.add_field("password", _("New password"), self.password, hint)
        self.password_repeat = password_edit(self)
        self.form.add_field("password_repeat", _("Repeat password"), self.password_repeat)
        self.form.focus_first()

    def can_confirm(self) -> bool:
        own = self.user_id == self.actor.user_id
        return bool(self.password.text() and self.password_repeat.text() and (self.current.text() or not own))

    def confirm(self) -> None:
        if self.password.text() != self.password_repeat.text():
            raise _mismatch()
        current = self.current.text() if self.user_id == self.actor.user_id else None
        change_password(self.db, self.actor, self.user_id, self.password.text(), current)


class LockDialog(FormDialog):
    """Lock a user out, with an optional reason kept in the audit log."""

    def __init__(
        self, db: Database, actor: Actor, user_id: int, login: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, _("Lock user"), _("Lock"))
        self.db, self.actor, self.user_id = db, actor, user_id
        self.set_intro(_("{login} will not be able to log in until unlocked.").format(login=login))
        self.reason = QLineEdit(self)
        self.form.add_field("reason", _("Reason"), self.reason, _("Optional; kept in the audit log."))
        self.form.focus_field("reason")

    def confirm(self) -> None:
        set_locked(self.db, self.actor, self.user_id, True, self.reason.text().strip() or None)
