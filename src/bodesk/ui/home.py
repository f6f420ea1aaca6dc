"""The start page: whose desk this is, what is waiting for the person today (the work each module
counts for their role, `domain.work`: a card per item that opens the list narrowed to it), when this
desk was last backed up (in colour when it needs one), and shortcuts to what the role may do. No
made-up figures: only what the database and this desk know."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette, QPixmap
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import BACKUP_RUN, is_allowed, role_label
from bodesk.domain.common.errors import NotFound
from bodesk.domain.common.taxid import format_tax_id
from bodesk.domain.company.services import company_details
from bodesk.domain.work import WorkCount, backup_tone, work_to_do
from bodesk.errors import BodeskError
from bodesk.i18n import _, format_datetime, format_decimal
from bodesk.settings import load_preferences
from bodesk.store.engine import Database
from bodesk.ui.modules import SubView, icon_for, visible_tabs
from bodesk.ui.widgets.tones import tone_color

LOGO_HEIGHT = 72
SHORTCUT_COLUMNS = 3
SHORTCUT_WIDTH = 300
CARD_COLUMNS = 3
CARD_WIDTH = 300


def newest_backup(folder: Path) -> tuple[Path, datetime] | None:
    """The most recent backup file in `folder` and when it was written, or None."""
    try:
        files = [path for path in folder.glob("*.sqlite") if path.is_file()]
    except OSError:
        return None
    if not files:
        return None
    newest = max(files, key=lambda path: path.stat().st_mtime)
    return newest, datetime.fromtimestamp(newest.stat().st_mtime, UTC)


def _value_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class WorkCardButton(QPushButton):
    """One work item, its number large and in its tone's colour; a click opens it."""

    def __init__(self, work: WorkCount, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"work-{work.key}")
        self.setMinimumWidth(CARD_WIDTH)
        self.setMinimumHeight(48)
        color = f"color: {tone_color(work.tone).name()};" if work.tone is not None else ""
        number = f"<span style='font-size: x-large; font-weight: bold; {color}'>{format_decimal(work.count)}</span>"
        self.label = QLabel(escape(work.words).replace("{n}", number), self)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 4, 12, 4)
        row.addWidget(self.label, 1)
        self.setToolTip(work.text)
        self.setAccessibleName(work.text)


class HomePage(QWidget):
    navigate_requested = Signal(str, str)  # tab key, sub-view key ("" for none)
    command_requested = Signal(str)  # "backup", "settings", "password"
    work_requested = Signal(str)  # a work item's key: open the list of it

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.setObjectName("home")
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(18)

        header = QHBoxLayout()
        self.logo = QLabel()
        self.logo.setFixedHeight(LOGO_HEIGHT)
        header.addWidget(self.logo)
        titles = QVBoxLayout()
        self.company_name = QLabel()
        font = self.company_name.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.company_name.setFont(font)
        self.company_line = QLabel()
        self.greeting = QLabel()
        titles.addWidget(self.company_name)
        titles.addWidget(self.company_line)
        titles.addWidget(self.greeting)
        header.addLayout(titles, 1)
        layout.addLayout(header)

        today = QGroupBox(_("Waiting for you"))
        self.cards = QGridLayout(today)
        self.cards.setHorizontalSpacing(12)
        self.cards.setVerticalSpacing(8)
        self.cards.setColumnStretch(CARD_COLUMNS, 1)
        self.nothing_waiting = QLabel(_("Nothing is waiting for you right now."), today)
        self.nothing_waiting.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(today)

        desk = QGroupBox(_("This desk"))
        form = QFormLayout(desk)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.database = _value_label("")
        self.last_backup = _value_label("")
        self.backup_file = _value_label("")
        form.addRow(_("Database:"), self.database)
        backup_row = QHBoxLayout()
        backup_row.addWidget(self.last_backup)
        self.backup_now = QPushButton(icon_for("backup"), _("Back up now"))
        self.backup_now.setObjectName("backup-now")
        self.backup_now.clicked.connect(lambda _checked=False: self.command_requested.emit("backup"))
        backup_row.addWidget(self.backup_now)
        backup_row.addStretch(1)
        form.addRow(_("Last backup:"), backup_row)
        form.addRow(_("Newest backup file:"), self.backup_file)
        layout.addWidget(desk)

        shortcuts = QGroupBox(_("Go to"))
        self.shortcuts = QGridLayout(shortcuts)
        self.shortcuts.setHorizontalSpacing(12)
        self.shortcuts.setVerticalSpacing(8)
        self.shortcuts.setColumnStretch(SHORTCUT_COLUMNS, 1)
        self._build_shortcuts()
        layout.addWidget(shortcuts)
        layout.addStretch(1)
        self.refresh()

    def _shortcut(self, text: str, icon_name: str) -> QPushButton:
        button = QPushButton(icon_for(icon_name), text)
        button.setMinimumHeight(34)
        button.setMinimumWidth(SHORTCUT_WIDTH)
        button.setStyleSheet("text-align: left; padding: 4px 12px;")
        index = self.shortcuts.count()
        self.shortcuts.addWidget(button, index // SHORTCUT_COLUMNS, index % SHORTCUT_COLUMNS)
        return button

    def _build_shortcuts(self) -> None:
        role = self.actor.role
        for tab in visible_tabs(role):
            if tab.key == "home":
                continue
            subviews = tab.visible_subviews(role)
            entries: list[SubView | None] = list(subviews) or [None]
            for sub in entries:
                title = _(sub.title) if sub else tab.translated_title
                button = self._shortcut(title, tab.icon if sub is None else sub.key)
                button.setObjectName(f"go-{tab.key}-{sub.key if sub else ''}")
                button.clicked.connect(
                    lambda _checked=False, t=tab.key, s=(sub.key if sub else ""): (
                        self.navigate_requested.emit(t, s)
                    )
                )
        commands = [
            ("password", _("Change my password…"), "password"),
            ("settings", _("Settings…"), "settings"),
        ]
        if is_allowed(role, BACKUP_RUN):
            commands.insert(0, ("backup", _("Back up now"), "backup"))
        for command, text, icon_name in commands:
            button = self._shortcut(text, icon_name)
            button.setObjectName(f"do-{command}")
            button.clicked.connect(lambda _checked=False, c=command: self.command_requested.emit(c))

    def refresh(self) -> None:
        try:
            details = company_details(self.db)
        except NotFound:
            details = None
        if details is not None:
            self.company_name.setText(details.name)
            place = ", ".join(part for part in (details.city, details.state) if part)
            cnpj = _("CNPJ {number}").format(number=format_tax_id(details.tax_id))
            self.company_line.setText(f"{cnpj} · {place}" if place else cnpj)
            self._show_logo(details.logo)
        self.greeting.setText(
            _("Logged in as {name} ({role})").format(
                name=self.actor.full_name, role=role_label(self.actor.role)
            )
        )
        self.database.setText(self.db.describe())
        preferences = load_preferences()
        recorded = preferences.last_daily_backup_at
        self.last_backup.setText(
            format_datetime(recorded) if recorded else _("No backup recorded on this desk yet.")
        )
        tone = backup_tone(recorded)
        self.last_backup.setStyleSheet(
            f"color: {tone_color(tone).name()}; font-weight: bold;" if tone else ""
        )
        self.backup_now.setVisible(tone is not None and is_allowed(self.actor.role, BACKUP_RUN))
        self._show_work()
        newest = newest_backup(preferences.backup_folder)
        if newest is None:
            self.backup_file.setText(_("None in {folder}").format(folder=preferences.backup_folder))
        else:
            path, written = newest
            self.backup_file.setText(f"{path} ({format_datetime(written)})")

    def _show_work(self) -> None:
        """A card per work item that has something waiting; a sentence when none has."""
        while self.cards.count():
            item = self.cards.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget is not self.nothing_waiting:
                widget.deleteLater()
        try:
            waiting = [work for work in work_to_do(self.db, self.actor) if work.count]
        except BodeskError as exc:
            self.nothing_waiting.setText(exc.message)
            waiting = []
        self.nothing_waiting.setVisible(not waiting)
        if not waiting:
            self.cards.addWidget(self.nothing_waiting, 0, 0, 1, CARD_COLUMNS)
        for index, work in enumerate(waiting):
            card = WorkCardButton(work)
            card.clicked.connect(lambda _checked=False, key=work.key: self.work_requested.emit(key))
            self.cards.addWidget(card, index // CARD_COLUMNS, index % CARD_COLUMNS)

    def _show_logo(self, logo: bytes | None) -> None:
        pixmap = QPixmap()
        if logo and pixmap.loadFromData(logo):
            self.logo.setPixmap(
                pixmap.scaledToHeight(LOGO_HEIGHT, Qt.TransformationMode.SmoothTransformation)
            )
            self.logo.show()
        else:
            self.logo.hide()
