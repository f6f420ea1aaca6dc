"""Long work (an import, demo data, a backup) tells how far it has come and stops when the person cancels.

Whoever starts the work — the app's background task, the command line — installs a reporter for the
duration (`with reporting(reporter): ...`); the work, however deep, calls `report(text, fraction)` or
steps through its rows with `Steps`, and never needs to know who listens. A reporter that wants the work
to stop raises `Cancelled` from inside `report`, so the work stops at its next report; a unit of work
open at that moment rolls back, so a cancelled import writes nothing. Without a reporter, reporting
costs a function call.

The reporter lives in a context variable: each thread (each background task) has its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from bodesk.domain.common.errors import UserError

Reporter = Callable[[str, float], None]
"""(what is being done, the fraction of it done from 0 to 1, or negative when unknown); may raise
Cancelled. The text names the step: reading a file goes from 0 to 1 under its own text, then an import
from 0 to 1 through its steps (reading the rows, checking them, writing)."""

_REPORTER: ContextVar[Reporter | None] = ContextVar("bodesk_progress_reporter", default=None)


class Cancelled(UserError):
    """The person cancelled long work (demo data, an import, a backup) before it finished."""

    code = "cancelled"


@contextmanager
def reporting(reporter: Reporter) -> Iterator[None]:
    """Send the progress of the work done inside the block to `reporter`."""
    token = _REPORTER.set(reporter)
    try:
        yield
    finally:
        _REPORTER.reset(token)


def report(text: str, fraction: float) -> None:
    """Tell the reporter, if any, how far the work is; raises Cancelled if the person cancelled."""
    reporter = _REPORTER.get()
    if reporter is not None:
        reporter(text, fraction)


class Steps:
    """Progress through `total` items of one phase, reported every `every` items: the phase covers the
    fractions from `start` to `end` of the whole work."""

    def __init__(self, text: str, total: int, start: float = 0.0, end: float = 1.0, every: int = 500) -> None:
        self.text, self.total, self.start, self.end, self.every = text, max(total, 1), start, end, every
        self.done = 0
        report(text, start)

    def step(self, count: int = 1) -> None:
        before = self.done // self.every
        self.done += count
        if self.done // self.every != before:
            report(self.text, self.start + (self.end - self.start) * min(self.done / self.total, 1.0))
