"""The three kinds of errors a person may see, after Tryton: an error to show, a warning the person may
confirm, and a validation error that names the field. Messages are translated when raised.
Anything else that escapes a service is a bug: it is logged and shown in a crash dialog."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bodesk.errors import BodeskError


class UserError(BodeskError):
    """A rule refused the action. `message` is translated and fit to show a person."""


class PermissionDenied(UserError):
    """The acting user's role may not do this."""


class NotFound(UserError):
    """The record the action names does not exist (any more)."""


class ConfirmableWarning(UserError):
    """The action is allowed only if the person confirms; retry with `key` in the confirmed set."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str


class ValidationError(UserError):
    """One or more fields hold values a rule refuses. Every problem is listed, not only the first."""

    def __init__(self, errors: Iterable[FieldError]) -> None:
        self.errors = tuple(errors)
        super().__init__("\n".join(error.message for error in self.errors))

    @classmethod
    def single(cls, field: str, message: str) -> ValidationError:
        return cls([FieldError(field, message)])

    def for_field(self, field: str) -> str | None:
        for error in self.errors:
            if error.field == field:
                return error.message
        return None


class Validator:
    """Collects field errors so that a service can report all of them at once."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def add(self, field: str, message: str) -> None:
        self.errors.append(FieldError(field, message))

    def check(self, condition: bool, field: str, message: str) -> None:
        if not condition:
            self.add(field, message)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)
