"""run_service: the one way a screen calls a service, with every kind of error a service may raise."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from bodesk.domain.common.errors import ConfirmableWarning, UserError, ValidationError
from bodesk.errors import BodeskError
from bodesk.store.errors import ConcurrentChange
from bodesk.store.failures import Failure, message
from bodesk.store.retry import ATTEMPTS
from bodesk.ui.widgets.calls import run_service
from tests.helpers.qt import ShownMessages


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def archive(*warnings: ConfirmableWarning) -> tuple[Callable[[frozenset[str]], str], list[frozenset[str]]]:
    """A service that raises each warning until its key is confirmed, then returns "archived"."""
    calls: list[frozenset[str]] = []

    def call(confirmed: frozenset[str]) -> str:
        calls.append(confirmed)
        for warning in warnings:
            if warning.key not in confirmed:
                raise warning
        return "archived"

    return call, calls


def test_a_call_that_succeeds_returns_its_value(parent: QWidget, shown: ShownMessages) -> None:
    done = run_service(parent, sorted)
    assert done.ok and done.value == []
    assert shown.texts() == []


def test_each_warning_is_asked_once_and_the_call_retried_with_its_key(
    parent: QWidget, shown: ShownMessages
) -> None:
    call, calls = archive(
        ConfirmableWarning("stock", "It still has stock. Archive?"),
        ConfirmableWarning("orders", "It is on open orders. Archive?"),
    )
    done = run_service(parent, call, title="Archive")
    assert done.ok and done.value == "archived"
    assert shown.questions == ["It still has stock. Archive?", "It is on open orders. Archive?"]
    assert calls == [frozenset(), {"stock"}, {"stock", "orders"}]


def test_no_to_a_warning_stops_without_a_message(parent: QWidget, shown: ShownMessages) -> None:
    shown.answer = False
    call, calls = archive(ConfirmableWarning("stock", "It still has stock. Archive?"))
    done = run_service(parent, call)
    assert not done.ok and len(calls) == 1
    assert shown.errors == [] and shown.questions == ["It still has stock. Archive?"]
    with pytest.raises(RuntimeError):
        _ = done.value


def test_a_dialog_keeps_what_was_confirmed_for_the_next_try(parent: QWidget, shown: ShownMessages) -> None:
    confirmed: set[str] = set()
    call, _calls = archive(ConfirmableWarning("cheap", "Below cost. Save anyway?"))
    assert run_service(parent, call, confirmed=confirmed).ok
    assert run_service(parent, call, confirmed=confirmed).ok
    assert confirmed == {"cheap"} and shown.questions == ["Below cost. Save anyway?"]


def test_a_warning_raised_again_once_confirmed_is_shown_not_asked_again(
    parent: QWidget, shown: ShownMessages
) -> None:
    def stubborn(_confirmed: frozenset[str]) -> None:
        raise ConfirmableWarning("late", "The order is late. Go on?")

    assert not run_service(parent, stubborn).ok
    assert shown.questions == ["The order is late. Go on?"]
    assert [str(error) for error in shown.errors] == ["The order is late. Go on?"]


def test_a_validation_error_goes_to_the_screen_that_shows_it_inline(
    parent: QWidget, shown: ShownMessages
) -> None:
    refusal = ValidationError.single("name", "Enter a name.")

    def invalid(_confirmed: frozenset[str]) -> None:
        raise refusal

    inline: list[ValidationError] = []
    assert not run_service(parent, invalid, on_invalid=inline.append).ok
    assert inline == [refusal] and shown.errors == []
    assert not run_service(parent, invalid).ok
    assert shown.errors == [refusal]


def test_a_refusal_is_shown_or_handed_over_and_a_bug_goes_to_the_crash_dialog(
    parent: QWidget, shown: ShownMessages
) -> None:
    def closed(_confirmed: frozenset[str]) -> None:
        raise UserError("The period is closed.")

    def bug(_confirmed: frozenset[str]) -> None:
        raise KeyError("oops")

    refused: list[BodeskError] = []
    assert not run_service(parent, closed, on_refused=refused.append).ok
    assert [error.message for error in refused] == ["The period is closed."]
    assert not run_service(parent, closed).ok
    assert not run_service(parent, bug, on_refused=refused.append).ok
    assert [type(error) for error in shown.errors] == [UserError, KeyError]
    assert len(refused) == 1


def test_a_change_another_desk_undid_is_run_again_then_said_in_words(
    parent: QWidget, shown: ShownMessages
) -> None:
    conflict = message(Failure.CONFLICT, "bodesk.sqlite")
    calls: list[int] = []

    def once(_confirmed: frozenset[str]) -> str:
        calls.append(1)
        if len(calls) == 1:
            raise conflict
        return "saved"

    def always(_confirmed: frozenset[str]) -> str:
        calls.append(1)
        raise conflict

    assert run_service(parent, once).value == "saved"
    assert shown.texts() == [] and len(calls) == 2
    calls.clear()
    assert not run_service(parent, always).ok
    assert len(calls) == ATTEMPTS
    assert [type(error) for error in shown.errors] == [ConcurrentChange]
