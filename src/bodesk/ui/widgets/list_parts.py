"""Pieces of lists that several screens share: the empty texts of a list that starts filtered, and the
panel of a document's lines under the list of documents (a list inside another)."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.listing import ListQuery
from bodesk.store.engine import Database
from bodesk.ui.widgets.list_view import ListView


def empty_texts(view: ListView, defaults: dict[str, Any], empty: str, filtered: str) -> None:
    """Empty-list texts for a list that starts filtered: with only its default filters, a list with no
    rows shows `empty` (what to do next), otherwise `filtered` (clear the search or filters)."""

    def update() -> None:
        request = view.model.request
        at_defaults = not request.search and dict(request.filters) == defaults
        view.set_empty_texts(empty, empty if at_defaults else filtered)

    view.model.request_changed.connect(update)
    update()


def quiet_find_shortcut(panel: ListView) -> None:
    """A list inside another list leaves Ctrl+F to the outer one (two would cancel each other out)."""
    for shortcut in panel.findChildren(QShortcut):
        if shortcut.key() == QKeySequence(QKeySequence.StandardKey.Find):
            shortcut.setEnabled(False)


class LinesPanel(ListView):
    """The lines of the document chosen in the list above: `query` filtered by `document` (its filter
    key) to the chosen document's id; `empty` asks to choose one, `filtered` says the search hid them."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        query: ListQuery,
        name: str,
        document: str,
        empty: str,
        filtered: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, actor, query, name, parent)
        self.document = document
        quiet_find_shortcut(self)
        self.set_empty_texts(empty, filtered)

    def show_document(self, document_id: int | None) -> None:
        self.model.set_filter(self.document, document_id)
