"""Calling a service from a screen, the one way every screen does it.

`run_service(parent, call)` runs `call(confirmed)`, where `confirmed` is the set of warning keys the
person has already agreed to, and deals with what the domain may raise:

- a ConcurrentChange (another desk changed the same records at the same moment and the database undid
  this unit of work) runs the call again, a bounded number of times (`store.retry.retrying`);
- a ConfirmableWarning is asked (No is the default); on Yes the call runs again with its key added.
  A key is never asked twice: a warning raised again once confirmed is shown as a refusal;
- a ValidationError goes to `on_invalid` (a screen that shows messages beside its fields), else to
  `on_refused`, else into a message box;
- any other BodeskError (a rule's refusal) goes to `on_refused`, else into a message box;
- anything else is a bug: `messages.show_error` logs it and shows the crash dialog.

It returns an `Outcome`: whether the call succeeded and, if it did, what it returned.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Generic, TypeVar, cast

from PySide6.QtWidgets import QWidget

from bodesk.domain.common.errors import ConfirmableWarning, ValidationError
from bodesk.errors import BodeskError
from bodesk.i18n import _
from bodesk.store.retry import retrying
from bodesk.ui.widgets import messages

T = TypeVar("T")


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What running a service came to: `ok`, and the service's result as `value` when ok."""

    ok: bool
    result: T | None = None

    @property
    def value(self) -> T:
        if not self.ok:
            raise RuntimeError("The service failed: it returned nothing.")
        return cast(T, self.result)


def run_service(
    parent: QWidget | None,
    call: Callable[[frozenset[str]], T],
    *,
    title: str = "",
    confirmed: set[str] | None = None,
    on_invalid: Callable[[ValidationError], None] | None = None,
    on_refused: Callable[[BodeskError], None] | None = None,
) -> Outcome[T]:
    """Run `call` with the confirmed warning keys, asking and retrying on a warning; see the module.

    `title` is the title of the question (default: the parent window's); `confirmed`, when given, is
    the set the keys are added to, so that a dialog does not ask again what it was told before.
    """
    agreed = confirmed if confirmed is not None else set()

    def refuse(error: BodeskError) -> None:
        if on_refused is not None:
            on_refused(error)
        else:
            messages.show_error(parent, error)

    while True:
        try:
            return Outcome(True, retrying(partial(call, frozenset(agreed))))
        except ConfirmableWarning as warning:
            if warning.key in agreed:
                refuse(warning)
                return Outcome(False)
            if not messages.ask_confirmation(parent, title or _window_title(parent), warning.message):
                return Outcome(False)
            agreed.add(warning.key)
        except ValidationError as error:
            if on_invalid is not None:
                on_invalid(error)
            else:
                refuse(error)
            return Outcome(False)
        except BodeskError as error:
            refuse(error)
            return Outcome(False)
        except Exception as error:  # a bug: logged and shown in the crash dialog
            messages.show_error(parent, error)
            return Outcome(False)


def _window_title(parent: QWidget | None) -> str:
    title = parent.window().windowTitle() if parent is not None else ""
    return title or _("bodesk")
