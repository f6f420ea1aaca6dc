"""The Ctrl+K search box: records from the domain's search providers and the app's own screens.

Typing (debounced) asks `bodesk.domain.search.search` and lists the hits in a popup under the box;
Up/Down move, Enter opens, Esc closes. What a hit opens is looked up by its kind in a registry of
openers, so each module plugs in its own (`register_opener("product", N_("Product"))`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.search import MIN_CHARACTERS, SearchHit, match_rank, rank_hits, search
from bodesk.errors import BodeskError
from bodesk.i18n import N_, _
from bodesk.store.engine import Database
from bodesk.ui.modules import visible_tabs

DEBOUNCE_MS = 250
MAX_SCREEN_HITS = 6
KEYWORD_RANK = 4  # a tab found by one of its keywords comes after every screen found by its name
POPUP_WIDTH = 460


class Navigator(Protocol):
    """What an opener may ask of the main window."""

    def show_view(self, tab_key: str, sub_key: str | None = None) -> QWidget | None: ...

    def run_command(self, name: str) -> None: ...


Opener = Callable[[Navigator, SearchHit], None]


@dataclass(frozen=True)
class _Kind:
    label: str  # N_
    opener: Opener


_OPENERS: dict[str, _Kind] = {}


def register_opener(kind: str, label: str) -> Callable[[Opener], Opener]:
    """Register what choosing a hit of `kind` does; `label` (N_) is shown beside such hits."""

    def wrap(opener: Opener) -> Opener:
        _OPENERS[kind] = _Kind(label, opener)
        return opener

    return wrap


def open_hit(navigator: Navigator, hit: SearchHit) -> bool:
    kind = _OPENERS.get(hit.kind)
    if kind is None:
        return False
    kind.opener(navigator, hit)
    return True


def kind_label(kind: str) -> str:
    found = _OPENERS.get(kind)
    return _(found.label) if found else kind


COMMANDS: tuple[tuple[str, str], ...] = (
    ("settings", N_("Settings")),
    ("password", N_("Change my password")),
    ("about", N_("About bodesk")),
    ("backup", N_("Back up now")),
    ("logout", N_("Log out")),
)


def screen_hits(role: str, text: str) -> list[SearchHit]:
    """Screens and commands whose translated names (or a tab's keywords) hold `text`, case and accents
    ignored ("inventario" finds "Inventários"), the best matches first (`match_rank`), for jumping
    anywhere."""
    if len(text.strip()) < MIN_CHARACTERS:
        return []
    found: list[tuple[int, SearchHit]] = []
    for tab in visible_tabs(role):
        rank = match_rank(text, tab.translated_title)
        if rank is None and match_rank(text, *(_(word) for word in tab.keywords)) is not None:
            rank = KEYWORD_RANK
        if rank is not None:
            found.append((rank, SearchHit("screen", tab.key, tab.translated_title, _("Screen"))))
        for sub in tab.visible_subviews(role):
            rank = match_rank(text, _(sub.title))
            if rank is not None:
                hit = SearchHit("screen", f"{tab.key}/{sub.key}", _(sub.title), tab.translated_title)
                found.append((rank, hit))
    for key, title in COMMANDS:
        rank = match_rank(text, _(title))
        if rank is not None:
            found.append((rank, SearchHit("command", key, _(title), _("Command"))))
    found.sort(key=lambda pair: pair[0])
    return [hit for _rank, hit in found[:MAX_SCREEN_HITS]]


@register_opener("screen", N_("Screen"))
def _open_screen(navigator: Navigator, hit: SearchHit) -> None:
    tab, _sep, sub = str(hit.key).partition("/")
    navigator.show_view(tab, sub or None)


@register_opener("command", N_("Command"))
def _open_command(navigator: Navigator, hit: SearchHit) -> None:
    navigator.run_command(str(hit.key))


@register_opener("user", N_("User"))
def _open_user(navigator: Navigator, hit: SearchHit) -> None:
    view = navigator.show_view("admin", "users")
    open_user = getattr(view, "open_user", None)
    if open_user is not None:
        open_user(int(hit.key))


class SearchPopup(QFrame):
    """The list of hits, a child of the main window floating under the search box."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("search-popup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.list = QListWidget(self)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setUniformItemSizes(False)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(self.list)
        self.hits: list[SearchHit] = []
        self.hide()

    def show_hits(self, hits: list[SearchHit], empty_text: str) -> None:
        self.list.clear()
        self.hits = list(hits)
        if not hits:
            item = QListWidgetItem(empty_text)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(item)
        for hit in hits:
            item = QListWidgetItem()
            label = QLabel(
                f"<b>{escape(hit.title)}</b>"
                f"<br><span style='color: palette(mid)'>{escape(kind_label(hit.kind))} · {escape(hit.detail)}</span>"
            )
            label.setContentsMargins(8, 4, 8, 4)
            item.setSizeHint(label.sizeHint())
            self.list.addItem(item)
            self.list.setItemWidget(item, label)
        if hits:
            self.list.setCurrentRow(0)
        rows_height = sum(self.list.sizeHintForRow(row) for row in range(self.list.count()))
        self.resize(POPUP_WIDTH, min(rows_height + 6, 420))
        self.show()
        self.raise_()

    def move_current(self, step: int) -> None:
        if not self.hits:
            return
        row = (self.list.currentRow() + step) % len(self.hits)
        self.list.setCurrentRow(row)

    def current_hit(self) -> SearchHit | None:
        row = self.list.currentRow()
        return self.hits[row] if 0 <= row < len(self.hits) else None


class SearchBox(QLineEdit):
    """The toolbar's search field (Ctrl+K). Emits `hit_chosen` with the hit the person picked."""

    hit_chosen = Signal(object)
    escaped = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.setObjectName("search-box")
        self.setPlaceholderText(_("Search (Ctrl+K)"))
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(280)
        self.setMaximumWidth(420)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.search_now)
        self.textEdited.connect(lambda _text: self._timer.start())
        self._popup: SearchPopup | None = None

    @property
    def popup(self) -> SearchPopup:
        if self._popup is None:
            host = self.window()
            self._popup = SearchPopup(host)
            self._popup.list.itemClicked.connect(lambda _item: self.choose_current())
            host.installEventFilter(self)
        return self._popup

    def search_now(self) -> None:
        """Look the typed text up at once (the debounce timer calls this)."""
        self._timer.stop()
        text = self.text().strip()
        if len(text) < MIN_CHARACTERS:
            self.hide_popup()
            return
        try:
            hits = rank_hits(screen_hits(self.actor.role, text) + search(self.db, self.actor, text), text)
        except BodeskError as exc:
            self.popup.show_hits([], exc.message)
        else:
            hits = [hit for hit in hits if hit.kind in _OPENERS]
            self.popup.show_hits(hits, _("Nothing found for “{text}”.").format(text=text))
        self._place_popup()

    def _place_popup(self) -> None:
        popup = self.popup
        host = popup.parentWidget()
        if host is None:
            return
        below = self.mapTo(host, QPoint(0, self.height() + 2))
        x = min(below.x(), max(0, host.width() - popup.width() - 4))
        popup.move(x, below.y())

    def hide_popup(self) -> None:
        if self._popup is not None:
            self._popup.hide()

    def popup_visible(self) -> bool:
        return self._popup is not None and self._popup.isVisible()

    def choose_current(self) -> None:
        if self._timer.isActive():
            self.search_now()
        hit = self.popup.current_hit() if self.popup_visible() else None
        if hit is None:
            return
        self.hide_popup()
        self.clear()
        self.hit_chosen.emit(hit)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            if not self.popup_visible():
                self.search_now()
            elif self._popup is not None:
                self._popup.move_current(1 if key == Qt.Key.Key_Down else -1)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.choose_current()
            return
        if key == Qt.Key.Key_Escape:
            if self.popup_visible():
                self.hide_popup()
            else:
                self.clear()
                self.escaped.emit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        QTimer.singleShot(150, self._hide_unless_focused)

    def _hide_unless_focused(self) -> None:
        if not self.hasFocus():
            self.hide_popup()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Move) and self.popup_visible():
            self._place_popup()
        return super().eventFilter(watched, event)
