"""Other desks, seen from a window: the lists follow their changes, and the status bar counts them.

A timer asks the store's `ChangeWatcher` every few seconds whether another desk (or another window)
committed a change; when one did, `changed` fires and the window reads its current view again, keeping
the person's selection and scroll position (`ListView.refresh`). On a PostgreSQL server the status bar
says how many desks are connected.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from bodesk.i18n import ngettext
from bodesk.store.changes import ChangeWatcher
from bodesk.store.engine import Database

POLL_MS = 3000
DESKS_EVERY = 10  # count the desks every tenth poll (30 s)


class DeskWatch(QObject):
    changed = Signal()

    def __init__(self, db: Database, parent: QWidget) -> None:
        super().__init__(parent)
        self.watcher = ChangeWatcher(db)
        self.label = QLabel(parent)
        self.label.setObjectName("status-desks")
        self.label.setContentsMargins(6, 0, 6, 0)
        self._polls = 0
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.timer.start()
        self._count_desks()

    def poll(self) -> None:
        self._polls += 1
        if self._polls % DESKS_EVERY == 0:
            self._count_desks()
        if self.watcher.changed():
            self.changed.emit()

    def _count_desks(self) -> None:
        desks = self.watcher.desks()
        self.label.setVisible(desks is not None)
        if desks is not None:
            self.label.setText(ngettext("{n} desk connected", "{n} desks connected", desks).format(n=desks))

    def stop(self) -> None:
        self.timer.stop()
        self.watcher.close()
