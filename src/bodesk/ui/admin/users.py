"""The owner's list of users: add, edit, set a password, lock and unlock.

Dialogs open window-modal without a nested event loop (`open_dialog`), so the list refreshes when a
dialog is accepted and tests can type into the dialog like a person.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QDialog, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import Role, role_label
from bodesk.domain.access.queries import UsersQuery
from bodesk.domain.access.services import set_locked
from bodesk.domain.common.listing import ListRequest
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.admin.user_dialogs import LockDialog, PasswordDialog, UserDialog
from bodesk.ui.widgets import dialogs, messages
from bodesk.ui.widgets.calls import run_service
from bodesk.ui.widgets.list_view import ListView


class UsersView(ListView):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, UsersQuery(), "users", parent)
        self.dialog: QDialog | None = None
        self.new_button = self.add_button(_("Add…"), "add", self.add_user, "Ctrl+N")
        self.edit_button = self.add_button(_("Edit…"), "edit", self.edit_user)
        self.edit_button.setToolTip(_("Edit the selected user (Enter or double click)"))
        self.password_button = self.add_button(
            _("Set password…"), "password", self.set_password, "Ctrl+Shift+P"
        )
        self.lock_button = self.add_button(_("Lock…"), "lock", self.lock_user, "Ctrl+L")
        self.unlock_button = self.add_button(_("Unlock"), "unlock", self.unlock_user, "Ctrl+U")
        self.finish_toolbar()
        self.role_filter = QComboBox(self)
        self.role_filter.addItem(_("All roles"), "")
        for role in Role:
            self.role_filter.addItem(role_label(role), role.value)
        self.role_filter.currentIndexChanged.connect(
            lambda _index: self.model.set_filter("role", self.role_filter.currentData())
        )
        self.add_filter(_("Role"), self.role_filter)
        self.set_empty_texts(
            _("There are no users yet. Add one with Add… (Ctrl+N)."),
            _("No user matches the search or the role. Clear them to see every user."),
        )
        self.activated.connect(lambda _user_id: self.edit_user())
        self.selection_changed.connect(self.update_buttons)
        self.update_buttons()

    def update_buttons(self) -> None:
        row = self.selected_row()
        locked = bool(row is not None and self.value(row, "is_locked"))
        for button in (self.edit_button, self.password_button):
            button.setEnabled(row is not None)
        self.lock_button.setEnabled(row is not None and not locked)
        self.unlock_button.setEnabled(row is not None and locked)

    def open_dialog(self, dialog: QDialog, on_accepted: Callable[[], None] | None = None) -> None:
        """Show `dialog` window-modal; refresh (and run `on_accepted`) when it is accepted."""
        dialogs.open_dialog(self, dialog, on_accepted)

    def add_user(self) -> None:
        dialog = UserDialog(self.db, self.actor, self)

        def select_new() -> None:
            if dialog.user_id is not None:
                self.select_id(dialog.user_id)

        self.open_dialog(dialog, select_new)

    def edit_user(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        dialog = UserDialog(
            self.db,
            self.actor,
            self,
            user_id=row.id,
            login=str(self.value(row, "login")),
            full_name=str(self.value(row, "full_name")),
            role=str(self.value(row, "role")),
        )
        self.open_dialog(dialog)

    def set_password(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.open_dialog(PasswordDialog(self.db, self.actor, row.id, str(self.value(row, "login")), self))

    def lock_user(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.open_dialog(LockDialog(self.db, self.actor, row.id, str(self.value(row, "login")), self))

    def unlock_user(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        if run_service(self, lambda _confirmed: set_locked(self.db, self.actor, row.id, False)).ok:
            self.refresh()

    def refresh(self) -> None:
        super().refresh()
        self.update_buttons()

    def open_user(self, user_id: int) -> None:
        """Select `user_id` (clearing the search and filter if they hide it) and open it for editing."""
        if not self.select_id(user_id):
            self.search.clear()
            self.role_filter.setCurrentIndex(0)
            self.model.set_request(ListRequest())
            if not self.select_id(user_id):
                messages.show_warning(self, _("Users"), _("That user no longer exists."))
                return
        self.edit_user()
