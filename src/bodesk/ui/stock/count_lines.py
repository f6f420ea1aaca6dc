"""The lines of one count, paged in SQL: expected, on hand, counted, difference and value, with a
filter for what differs and what was not counted yet."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from bodesk.domain.access.actor import Actor
from bodesk.domain.stock.counts_queries import lines_query
from bodesk.i18n import _
from bodesk.store.engine import Database
from bodesk.ui.widgets.list_view import ListView


class CountLinesList(ListView):
    def __init__(self, db: Database, actor: Actor, count_id: int, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, lines_query(db, actor, count_id), "stock_count_lines", parent)
        self.count_id = count_id
        self.view_filter = QComboBox(self)
        for text, key in (
            (_("All lines"), ""),
            (_("Discrepancies"), "discrepancies"),
            (_("Not counted yet"), "uncounted"),
            (_("Counted"), "counted"),
        ):
            self.view_filter.addItem(text, key)
        self.view_filter.currentIndexChanged.connect(
            lambda _index: self.model.set_filter("view", self.view_filter.currentData())
        )
        self.add_filter(_("Show"), self.view_filter)
        if (
            not self._restored
        ):  # the person's own layout wins; by default the figures fit beside the scan panel
            for key in ("expiry", "unit"):
                self.table.hideColumn([column.key for column in self.model.columns].index(key))
        self.set_empty_texts(
            _("This count has no lines: products are added as they are counted."),
            _("No line matches the search or the filter."),
        )

    def show_view(self, key: str) -> None:
        """Show all lines (""), "discrepancies", "uncounted" or "counted"."""
        self.view_filter.setCurrentIndex(max(0, self.view_filter.findData(key)))

    def reload(self) -> None:
        """Read the lines again, with the query that suits the count now (posted counts read their moves)."""
        self.model.query = lines_query(self.db, self.actor, self.count_id)
        self.refresh()
