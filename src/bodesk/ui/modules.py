"""The main window's tabs: each module registers its own tab and sub-views here.

A tab (or a sub-view) appears only when the actor's role allows its action; the services refuse
anyway, so hiding is a courtesy. A module also says where the home page's cards of its work lead
(`register_card`). Factories import their views lazily, so that start-up only pays
for the home page. A module adds its tab with one `register_tab(...)` in its own `ui/<module>/tab.py`,
which is loaded for every module of the registry's list that has one.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import AUDIT_VIEW, USERS_MANAGE, Action, is_allowed
from bodesk.domain.registry import MODULES
from bodesk.errors import BodeskError
from bodesk.i18n import N_, _
from bodesk.store.engine import Database

ViewFactory = Callable[[Database, Actor, QWidget | None], QWidget]
"""Builds a view (a QWidget with `refresh()`) for the database, the actor and a parent."""


@dataclass(frozen=True)
class SubView:
    key: str
    title: str  # marked with N_, translated where shown
    factory: ViewFactory
    action: Action | None = None  # None: whoever sees the tab

    def allowed(self, role: str) -> bool:
        return self.action is None or is_allowed(role, self.action)


@dataclass(frozen=True)
class ModuleTab:
    """A main-window tab: one view (`factory`) or several sub-views shown as inner tabs."""

    key: str
    title: str  # marked with N_
    action: Action | None  # None: everyone
    icon: str
    factory: ViewFactory | None = None
    subviews: tuple[SubView, ...] = ()
    order: int = 100
    keywords: tuple[str, ...] = field(default=())  # more words (N_) the Ctrl+K search matches

    def allowed(self, role: str) -> bool:
        return self.action is None or is_allowed(role, self.action)

    def visible_subviews(self, role: str) -> list[SubView]:
        return [sub for sub in self.subviews if sub.allowed(role)]

    @property
    def translated_title(self) -> str:
        return _(self.title)


_TABS: dict[str, ModuleTab] = {}


@dataclass(frozen=True)
class WorkCard:
    """Where the home page's card for a work item (`domain.work`, by its key) takes the person: a
    sub-view, and what to choose in it so that it shows that work (`narrow(view)`: a filter)."""

    key: str
    tab: str
    sub: str | None = None
    narrow: Callable[[QWidget], None] | None = None


_CARDS: dict[str, WorkCard] = {}


def register_card(card: WorkCard) -> WorkCard:
    _CARDS[card.key] = card
    return card


def work_card(key: str) -> WorkCard | None:
    load_ui_modules()
    return _CARDS.get(key)


def choose(combo: object, data: object) -> None:
    """Choose the item of a combo box holding `data` (for a card's `narrow`)."""
    from PySide6.QtWidgets import QComboBox

    if isinstance(combo, QComboBox) and combo.findData(data) >= 0:
        combo.setCurrentIndex(combo.findData(data))


def tick(box: object) -> None:
    """Tick a check box (for a card's `narrow`)."""
    from PySide6.QtWidgets import QAbstractButton

    if isinstance(box, QAbstractButton):
        box.setChecked(True)


def register_tab(tab: ModuleTab) -> ModuleTab:
    if tab.factory is None and not tab.subviews:
        raise ValueError(f"tab {tab.key!r} has neither a factory nor sub-views")
    _TABS[tab.key] = tab
    return tab


def registered_tabs() -> list[ModuleTab]:
    load_ui_modules()
    return sorted(_TABS.values(), key=lambda tab: (tab.order, tab.key))


def visible_tabs(role: str) -> list[ModuleTab]:
    """The tabs this role sees, in order; a tab of sub-views with none allowed is left out."""
    return [
        tab
        for tab in registered_tabs()
        if tab.allowed(role) and (tab.factory is not None or tab.visible_subviews(role))
    ]


def find_tab(key: str) -> ModuleTab | None:
    load_ui_modules()
    return _TABS.get(key)


def ui_plugins() -> list[str]:
    """The `bodesk.ui.<module>.tab` of each listed module that has screens."""
    return [
        f"bodesk.ui.{key}.tab" for key in MODULES if importlib.util.find_spec(f"bodesk.ui.{key}") is not None
    ]


@cache
def load_ui_modules() -> None:
    for name in ui_plugins():
        importlib.import_module(name)


def icon_for(name: str) -> QIcon:
    """The shared icon set's icon for `name` (empty for a name it does not have)."""
    from bodesk.ui.widgets.icons import icon

    return icon(name)


Wire = Callable[[QWidget], None]
"""Called once with each view as it is built, to connect what it may ask of the window."""


class LazyView(QWidget):
    """Holds one view and builds it the first time it is shown, so start-up stays fast."""

    def __init__(self, factory: ViewFactory, db: Database, actor: Actor, wire: Wire) -> None:
        super().__init__()
        self._factory = factory
        self._db = db
        self._actor = actor
        self._wire = wire
        self._view: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def view(self) -> QWidget:
        if self._view is None:
            try:
                self._view = self._factory(self._db, self._actor, self)
            except BodeskError as exc:
                self._view = QLabel(exc.message, self)
                self._view.setAlignment(Qt.AlignmentFlag.AlignCenter)
                self._view.setWordWrap(True)
            else:
                self._wire(self._view)
            self._layout.addWidget(self._view)
        return self._view

    def is_built(self) -> bool:
        return self._view is not None

    def activate(self) -> None:
        """Build the view when first shown; refresh it each later time."""
        if self._view is None:
            self.view()
        else:
            self.refresh()

    def refresh(self) -> None:
        refresh = getattr(self._view, "refresh", None)
        if refresh is not None:
            refresh()


class SubViewTabs(QTabWidget):
    """A tab of sub-views, shown as inner tabs, each built when first shown."""

    def __init__(self, tab: ModuleTab, db: Database, actor: Actor, wire: Wire) -> None:
        super().__init__()
        self.setObjectName(f"subtabs-{tab.key}")
        self.keys: list[str] = []
        for sub in tab.visible_subviews(actor.role):
            self.addTab(LazyView(sub.factory, db, actor, wire), _(sub.title))
            self.keys.append(sub.key)
        self.currentChanged.connect(self._changed)
        self._active = False

    def _changed(self, index: int) -> None:
        host = self.widget(index)
        if self._active and isinstance(host, LazyView):
            host.activate()

    def activate(self) -> None:
        self._active = True
        host = self.currentWidget()
        if isinstance(host, LazyView):
            host.activate()

    def refresh(self) -> None:
        host = self.currentWidget()
        if isinstance(host, LazyView) and host.is_built():
            host.refresh()

    def show_sub(self, key: str) -> QWidget | None:
        if key not in self.keys:
            return None
        self.setCurrentIndex(self.keys.index(key))
        host = self.currentWidget()
        return host.view() if isinstance(host, LazyView) else None

    def current_view(self) -> QWidget | None:
        host = self.currentWidget()
        return host.view() if isinstance(host, LazyView) else None


def _home(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.home import HomePage

    return HomePage(db, actor, parent)


def _users(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.admin.users import UsersView

    return UsersView(db, actor, parent)


def _roles(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.admin.roles import RolesView

    return RolesView(db, actor, parent)


def _audit(db: Database, actor: Actor, parent: QWidget | None) -> QWidget:
    from bodesk.ui.admin.audit import AuditView

    return AuditView(db, actor, parent)


register_tab(ModuleTab("home", N_("Home"), None, "home", factory=_home, order=0))
register_tab(
    ModuleTab(
        "admin",
        N_("Admin"),
        USERS_MANAGE,
        "users",
        subviews=(
            SubView("users", N_("Users"), _users),
            SubView("roles", N_("Roles and permissions"), _roles),
            SubView("audit", N_("Audit log"), _audit, AUDIT_VIEW),
        ),
        order=900,
        keywords=(N_("Administration"), N_("People"), N_("Permissions")),
    )
)
