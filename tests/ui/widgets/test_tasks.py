"""Background work through run_task: results and errors come back on the GUI thread; Cancel stops it."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from bodesk.domain.common.errors import UserError
from bodesk.ui.widgets.tasks import TaskProgress, run_task
from tests.helpers.qt import ShownMessages


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_result_reaches_on_done_on_the_gui_thread(qtbot: QtBot, window: QWidget) -> None:
    seen: list[tuple[int, bool]] = []
    progress_threads: list[bool] = []
    worker_threads: list[bool] = []

    def work(progress: TaskProgress) -> int:
        worker_threads.append(threading.current_thread() is threading.main_thread())
        for step in range(5):
            progress.report(f"step {step}", step / 5)
        return 42

    handle = run_task(
        window,
        "Counting",
        work,
        lambda result: seen.append((result, threading.current_thread() is threading.main_thread())),
    )
    handle.progressed.connect(
        lambda _text, _fraction: progress_threads.append(
            threading.current_thread() is threading.main_thread()
        )
    )
    with qtbot.waitSignal(handle.finished, timeout=10_000):
        pass
    assert seen == [(42, True)]
    assert worker_threads == [False]
    assert progress_threads and all(progress_threads)
    assert handle.done and handle.result == 42 and handle.error is None


def test_a_failure_is_shown_by_default(qtbot: QtBot, window: QWidget, shown: ShownMessages) -> None:
    def work(_progress: TaskProgress) -> None:
        raise UserError("The backup folder is full.")

    done: list[object] = []
    handle = run_task(window, "Backing up", work, done.append)
    with qtbot.waitSignal(handle.finished, timeout=10_000):
        pass
    assert done == []
    assert [str(error) for error in shown.errors] == ["The backup folder is full."]


def test_a_failure_goes_to_on_error_when_given(qtbot: QtBot, window: QWidget, shown: ShownMessages) -> None:
    errors: list[BaseException] = []

    def work(_progress: TaskProgress) -> None:
        raise KeyError("bug")

    handle = run_task(window, "Working", work, lambda _result: None, on_error=errors.append)
    with qtbot.waitSignal(handle.finished, timeout=10_000):
        pass
    assert [type(error) for error in errors] == [KeyError]
    assert shown.errors == []


def test_cancel_stops_the_work_silently(qtbot: QtBot, window: QWidget, shown: ShownMessages) -> None:
    steps: list[int] = []
    done: list[object] = []

    def work(progress: TaskProgress) -> str:
        for step in range(100_000):
            progress.report("Importing", step / 100_000)
            steps.append(step)
            time.sleep(0.002)
        return "finished"

    handle = run_task(window, "Importing", work, done.append, show_after_ms=10)
    qtbot.waitUntil(handle.dialog.isVisible, timeout=10_000)
    assert handle.dialog.cancel_button.isVisible()
    with qtbot.waitSignal(handle.finished, timeout=10_000):
        qtbot.mouseClick(handle.dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert handle.was_cancelled
    assert done == [] and shown.errors == []
    assert len(steps) < 100_000


def test_on_cancel_is_told(qtbot: QtBot, window: QWidget) -> None:
    cancelled: list[bool] = []

    def work(progress: TaskProgress) -> None:
        while not progress.cancelled():
            time.sleep(0.002)
        progress.report("stopping", 1.0)

    handle = run_task(window, "Waiting", work, lambda _result: None, on_cancel=lambda: cancelled.append(True))
    handle.cancel()
    with qtbot.waitSignal(handle.finished, timeout=10_000):
        pass
    assert cancelled == [True]


def test_escape_in_the_progress_dialog_cancels_too(qtbot: QtBot, window: QWidget) -> None:
    release = threading.Event()

    def work(progress: TaskProgress) -> None:
        release.wait(10)
        progress.report("done?", 1.0)

    handle = run_task(window, "Waiting", work, lambda _result: None, show_after_ms=10)
    qtbot.waitUntil(handle.dialog.isVisible, timeout=10_000)
    qtbot.keyClick(handle.dialog, Qt.Key.Key_Escape)
    assert handle.dialog.isVisible()  # it waits for the work to notice
    assert not handle.dialog.cancel_button.isEnabled()
    release.set()
    with qtbot.waitSignal(handle.finished, timeout=10_000):
        pass
    assert handle.was_cancelled


def test_work_that_cannot_be_cancelled_has_no_cancel_button(qtbot: QtBot, window: QWidget) -> None:
    release = threading.Event()
    handle = run_task(
        window,
        "Restoring",
        lambda _progress: release.wait(10),
        lambda _result: None,
        cancellable=False,
        show_after_ms=10,
    )
    qtbot.waitUntil(handle.dialog.isVisible, timeout=10_000)
    assert not handle.dialog.cancel_button.isVisible()
    qtbot.keyClick(handle.dialog, Qt.Key.Key_Escape)
    assert handle.dialog.isVisible()
    release.set()
    with qtbot.waitSignal(handle.finished, timeout=10_000):
        pass
    assert handle.result is True and not handle.was_cancelled


def test_the_domain_reports_through_the_task_and_is_cancelled_by_it(qtbot: QtBot, window: QWidget) -> None:
    from bodesk.domain.common.progress import report

    heard: list[str] = []

    def work(_progress: TaskProgress) -> None:
        while True:  # work deep in the domain knows nothing of the task: it reports, and stops there
            report("Checking the rows…", 0.5)
            time.sleep(0.01)

    handle = run_task(window, "Importing", work, lambda _result: None)
    handle.progressed.connect(lambda text, _fraction: heard.append(text))
    qtbot.waitUntil(lambda: "Checking the rows…" in heard)
    with qtbot.waitSignal(handle.finished, timeout=10_000):
        handle.cancel()
    assert handle.was_cancelled


def test_waiting_for_a_task_keeps_the_window_alive(qtbot: QtBot, window: QWidget) -> None:
    from bodesk.ui.widgets.tasks import wait_for_task

    assert wait_for_task(window, "Reading", lambda _progress: 7).result == 7
    failed = wait_for_task(window, "Reading", lambda _progress: int("x"))
    assert isinstance(failed.error, ValueError) and failed.result is None
