"""A unit of work another desk's change undid runs again, a bounded number of times; the last failure
reaches the person as its sentence, and nothing else is retried."""

from __future__ import annotations

import pytest

from bodesk.errors import BodeskError
from bodesk.store.errors import ConcurrentChange, DatabaseBusy
from bodesk.store.failures import Failure, message
from bodesk.store.retry import ATTEMPTS, retrying


class Flaky:
    def __init__(self, failures: int, error: Exception | None = None) -> None:
        self.failures, self.calls = failures, 0
        self.error = error or message(Failure.CONFLICT, "bodesk.sqlite")

    def __call__(self) -> str:
        self.calls += 1
        if self.calls <= self.failures:
            raise self.error
        return "saved"


def test_a_conflict_is_run_again_until_it_passes() -> None:
    call = Flaky(ATTEMPTS - 1)
    assert retrying(call, pause=0) == "saved"
    assert call.calls == ATTEMPTS


def test_a_conflict_that_lasts_reaches_the_person_in_words() -> None:
    call = Flaky(ATTEMPTS)
    with pytest.raises(ConcurrentChange) as refused:
        retrying(call, pause=0)
    assert call.calls == ATTEMPTS
    assert refused.value.code == "store.conflict"
    assert "Another desk changed the same records" in refused.value.message
    assert "Try again" in refused.value.message


@pytest.mark.parametrize("error", [DatabaseBusy("busy"), BodeskError("a rule")], ids=["busy", "refusal"])
def test_nothing_else_is_retried(error: Exception) -> None:
    call = Flaky(1, error)
    with pytest.raises(type(error)):
        retrying(call, pause=0)
    assert call.calls == 1
