"""The login dialog. It shows the domain's answer as it is: the same words for an unknown login
and a wrong password, so it never tells whether a login exists."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.login import authenticate
from bodesk.domain.common.errors import NotFound
from bodesk.domain.company.services import company_details
from bodesk.errors import BodeskError
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.widgets.forms import error_color

LOGO_HEIGHT = 56


class LoginDialog(QDialog):
    """Asks for a login and password until they are right; `actor` is who logged in."""

    def __init__(self, db: Database, parent: QWidget | None = None, login: str = "") -> None:
        super().__init__(parent)
        self.db = db
        self.actor: Actor | None = None
        self.setObjectName("login-dialog")
        self.setWindowTitle(_("bodesk — log in"))
        self.setMinimumWidth(420)

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        self.company = QLabel()
        self.company.setObjectName("login-company")
        self.company.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.company.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.company.setFont(font)
        self.logo = QLabel()
        self.logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._show_company()
        layout.addWidget(self.logo)
        layout.addWidget(self.company)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.login = QLineEdit(login)
        self.login.setObjectName("login")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(_("Login:"), self.login)
        form.addRow(_("Password:"), self.password)
        layout.addLayout(form)

        self.message = QLabel()
        self.message.setObjectName("login-message")
        self.message.setWordWrap(True)
        palette = self.message.palette()
        palette.setColor(self.message.foregroundRole(), error_color(self))
        self.message.setPalette(palette)
        self.message.hide()
        layout.addWidget(self.message)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Log in"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Quit"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.login.returnPressed.connect(self.password.setFocus)
        self.login.textChanged.connect(self._refresh)
        self.password.textChanged.connect(self._refresh)
        self._refresh()
        (self.password if login else self.login).setFocus()

    def _show_company(self) -> None:
        try:
            details = company_details(self.db)
        except NotFound:
            self.company.setText(_("bodesk"))
            self.logo.hide()
            return
        self.company.setText(details.name)
        pixmap = QPixmap()
        if details.logo and pixmap.loadFromData(details.logo):
            self.logo.setPixmap(
                pixmap.scaledToHeight(LOGO_HEIGHT, Qt.TransformationMode.SmoothTransformation)
            )
        else:
            self.logo.hide()

    def _refresh(self) -> None:
        self.ok_button.setEnabled(bool(self.login.text().strip() and self.password.text()))

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def accept(self) -> None:
        if not self.ok_button.isEnabled():
            return
        try:
            self.actor = authenticate(self.db, self.login.text(), self.password.text())
        except BodeskError as exc:
            self.show_message(exc.message)
            self.password.clear()
            self.password.setFocus()
            return
        self.show_message("")
        super().accept()
