"""Refusals asserted by what is stable in them: an error's code, a validation error's fields, a refused
permission; never the English words of the message (those belong to the translators)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from bodesk.domain.access.permissions import Action
from bodesk.domain.common.errors import PermissionDenied, ValidationError
from bodesk.errors import BodeskError


@contextmanager
def refused(code: str) -> Iterator[pytest.ExceptionInfo[BodeskError]]:
    """The block must raise an error with `code`; `.value` of what it yields is that error."""
    with pytest.raises(BodeskError) as caught:
        yield caught
    assert caught.value.code == code, f"refused as {caught.value.code}: {caught.value.message}"


@contextmanager
def invalid(*fields: str) -> Iterator[pytest.ExceptionInfo[ValidationError]]:
    """The block must raise a ValidationError naming exactly `fields`, in any order."""
    with pytest.raises(ValidationError) as caught:
        yield caught
    named = sorted(error.field for error in caught.value.errors)
    assert named == sorted(fields), f"refused on {named}: {caught.value.message}"


@contextmanager
def denied(action: Action) -> Iterator[pytest.ExceptionInfo[PermissionDenied]]:
    """The block must be refused because the acting user's role may not do `action`."""
    with pytest.raises(PermissionDenied) as caught:
        yield caught
    refusal = (caught.value.code, caught.value.action)
    assert refusal == ("permission.denied", action.code), f"refused as {refusal}: {caught.value.message}"
