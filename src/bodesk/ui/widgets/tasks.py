"""Long work off the GUI thread, through this one wrapper (after Anki's CollectionOp).

`run_task` runs `work(progress)` in the global QThreadPool. The work reports progress and notices a
cancel through `TaskProgress` — or, deep in the domain, through `domain.common.progress.report`, which
reaches the same TaskProgress — and touches no widget. Its result or error comes back by queued
signal, and `on_done` / `on_error` run on the GUI thread. A window-modal progress dialog with a
Cancel button appears only if the work lasts more than SHOW_AFTER_MS, so quick work shows no flash.
`wait_for_task` runs work the same way for a caller that needs its result before going on (reading a
file before its dialog opens): the window stays alive and the work can be cancelled meanwhile.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QVBoxLayout, QWidget
from shiboken6 import isValid

from bodesk.domain.common.progress import Cancelled, reporting
from bodesk.i18n import _
from bodesk.ui.widgets import messages

T = TypeVar("T")
SHOW_AFTER_MS = 300
_BAR_STEPS = 1000
_MIN_REPORT_INTERVAL = 0.05  # seconds between two progress signals with the same text
_RUNNING: set[TaskHandle[Any]] = set()


class _Signals(QObject):
    progressed = Signal(str, float)
    succeeded = Signal(object)
    failed = Signal(object)


class TaskProgress:
    """What the work gets: `report` progress (which raises Cancelled once cancelled), ask `cancelled()`."""

    def __init__(self, signals: _Signals) -> None:
        self._signals = signals
        self._cancel = threading.Event()
        self._last = ("", -1.0, 0.0)

    def report(self, text: str, fraction: float) -> None:
        """`fraction` from 0 to 1, or negative when unknown. Raises Cancelled if the person cancelled."""
        if self._cancel.is_set():
            raise Cancelled(_("Cancelled."))
        now = time.monotonic()
        last_text, last_fraction, last_time = self._last
        if (
            text != last_text
            or fraction >= 1
            or abs(fraction - last_fraction) >= 0.01
            or (now - last_time >= _MIN_REPORT_INTERVAL)
        ):
            self._last = (text, fraction, now)
            self._signals.progressed.emit(text, fraction)

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class _Worker(QRunnable):
    def __init__(
        self, work: Callable[[TaskProgress], Any], progress: TaskProgress, signals: _Signals
    ) -> None:
        super().__init__()
        self._work = work
        self._progress = progress
        self._signals = signals

    def run(self) -> None:
        try:
            with reporting(self._progress.report):
                result = self._work(self._progress)
        except BaseException as exc:
            self._signals.failed.emit(exc)
        else:
            self._signals.succeeded.emit(result)


class ProgressDialog(QDialog):
    """A label, a bar and Cancel; it closes only when the work has ended."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None, title: str, cancellable: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(380)
        self._cancellable = cancellable
        self._closing = False
        self.label = QLabel(_("Working…"), self)
        self.label.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, _BAR_STEPS)
        self.bar.setTextVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, parent=self)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(_("Cancel"))
        self.cancel_button.setVisible(cancellable)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.buttons)

    def set_progress(self, text: str, fraction: float) -> None:
        if text and self.cancel_button.isEnabled():
            self.label.setText(text)
        if fraction < 0:
            self.bar.setRange(0, 0)
        else:
            self.bar.setRange(0, _BAR_STEPS)
            self.bar.setValue(round(min(fraction, 1.0) * _BAR_STEPS))

    def reject(self) -> None:
        """Esc or Cancel asks the work to stop; the dialog waits for it to notice."""
        if self._cancellable and self.cancel_button.isEnabled():
            self.cancel_button.setEnabled(False)
            self.label.setText(_("Cancelling…"))
            self.cancel_requested.emit()

    def finish(self) -> None:
        self._closing = True
        self.done(QDialog.DialogCode.Accepted)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closing:
            super().closeEvent(event)
        else:
            event.ignore()
            self.reject()


class TaskHandle(QObject, Generic[T]):
    """One running task. `finished` is emitted after the callbacks ran (tests wait on it)."""

    finished = Signal()
    progressed = Signal(str, float)

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None,
        on_cancel: Callable[[], None] | None,
        cancellable: bool,
    ) -> None:
        super().__init__()
        self._parent = parent
        self._orphaned = False
        self._on_done = on_done
        self._on_error = on_error
        self._on_cancel = on_cancel
        self.done = False
        self.was_cancelled = False
        self.result: T | None = None
        self.error: BaseException | None = None
        self.signals = _Signals()
        self.progress = TaskProgress(self.signals)
        self.dialog = ProgressDialog(parent, title, cancellable)
        self.dialog.cancel_requested.connect(self.cancel)
        self.signals.progressed.connect(self._progressed, Qt.ConnectionType.QueuedConnection)
        self.signals.succeeded.connect(self._succeeded, Qt.ConnectionType.QueuedConnection)
        self.signals.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self._watch = None
        if parent is not None:  # through a weak reference: the handle may go before its parent does
            handle = weakref.ref(self)

            def orphan(*_args: object) -> None:
                alive = handle()
                if alive is not None:
                    alive._orphaned = True

            self._watch = parent.destroyed.connect(orphan)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show_dialog)

    def cancel(self) -> None:
        """The same as pressing Cancel: the work stops at its next `report`."""
        self.progress.cancel()

    def _start(self, work: Callable[[TaskProgress], T], show_after_ms: int) -> None:
        self._worker = _Worker(work, self.progress, self.signals)
        self._timer.start(show_after_ms)
        QThreadPool.globalInstance().start(self._worker)

    @Slot()
    def _show_dialog(self) -> None:
        if not self.done and isValid(self.dialog):
            self.dialog.open()

    @Slot(str, float)
    def _progressed(self, text: str, fraction: float) -> None:
        if isValid(self.dialog):
            self.dialog.set_progress(text, fraction)
        self.progressed.emit(text, fraction)

    @Slot(object)
    def _succeeded(self, result: T) -> None:
        self.result = result
        self._end(lambda: self._on_done(result))

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        self.error = error
        if isinstance(error, Cancelled) and (self.progress.cancelled() or self._on_cancel is not None):
            self.was_cancelled = True
            self._end(self._on_cancel)
        elif self._on_error is not None:
            handler = self._on_error
            self._end(lambda: handler(error))
        else:
            self._end(lambda: messages.show_error(self._live_parent(), error))

    def _live_parent(self) -> QWidget | None:
        return self._parent if self._parent is not None and isValid(self._parent) else None

    def _end(self, callback: Callable[[], None] | None) -> None:
        self.done = True
        self._timer.stop()
        if self._watch is not None and self._live_parent() is not None:
            QObject.disconnect(self._watch)
            self._watch = None
        if isValid(self.dialog):
            self.dialog.finish()
            self.dialog.deleteLater()
        try:
            if callback is not None and not self._orphaned:
                callback()
        except Exception as exc:
            messages.show_error(self._live_parent(), exc)
        finally:
            _RUNNING.discard(self)
            self.finished.emit()


def run_task(
    parent: QWidget | None,
    title: str,
    work: Callable[[TaskProgress], T],
    on_done: Callable[[T], None],
    on_error: Callable[[BaseException], None] | None = None,
    cancellable: bool = True,
    on_cancel: Callable[[], None] | None = None,
    show_after_ms: int = SHOW_AFTER_MS,
) -> TaskHandle[T]:
    """Run `work` in the background; `on_done(result)` or `on_error(exc)` on the GUI thread.

    Without `on_error`, a failure is shown with messages.show_error. A cancel (Cancelled raised by
    `report`) calls `on_cancel` if given and is otherwise silent.
    """
    handle: TaskHandle[T] = TaskHandle(parent, title, on_done, on_error, on_cancel, cancellable)
    _RUNNING.add(handle)
    handle._start(work, show_after_ms)
    return handle


def wait_for_task(parent: QWidget | None, title: str, work: Callable[[TaskProgress], T]) -> TaskHandle[T]:
    """Run `work` as `run_task` does (cancellable, its progress shown once it lasts) and return once it
    has ended: the handle's `result`, `error` or `was_cancelled` says how. Events keep flowing meanwhile
    (a local event loop), so the window repaints and Cancel works."""
    handle: TaskHandle[T] = run_task(
        parent, title, work, lambda _result: None, lambda _error: None, True, lambda: None
    )
    if not handle.done:
        loop = QEventLoop()
        handle.finished.connect(loop.quit)
        loop.exec()
    return handle
