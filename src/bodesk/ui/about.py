"""About bodesk: the versions and the places a person (or support) needs to know."""

from __future__ import annotations

import platform
import sqlite3

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

import bodesk
from bodesk.i18n import _
from bodesk.settings import config_dir, data_dir, log_dir
from bodesk.store.engine import Database


def about_facts(db: Database) -> list[tuple[str, str]]:
    """(label, value) pairs, also used by the self-test's report."""
    return [
        (_("Version"), bodesk.__version__),
        (_("Python"), platform.python_version()),
        (_("Qt"), f"{qVersion()} (PySide6 {PySide6.__version__})"),
        (_("SQLite"), sqlite3.sqlite_version),
        (_("System"), platform.platform(terse=True)),
        (_("Database"), db.describe()),
        (_("Log file"), str(log_dir() / "bodesk.log")),
        (_("Data folder"), str(data_dir())),
        (_("Settings folder"), str(config_dir())),
    ]


class AboutDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about")
        self.setWindowTitle(_("About bodesk"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        title = QLabel(_("bodesk {version}").format(version=bodesk.__version__))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        summary = QLabel(_("The backoffice of a small distributor in one desktop application."))
        summary.setWordWrap(True)
        layout.addWidget(summary)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for label, value in about_facts(db):
            shown = QLabel(value)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(f"{label}:", shown)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
