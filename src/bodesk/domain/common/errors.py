"""The three kinds of errors a person may see, after Tryton: an error to show, a warning the person may
confirm, and a validation error that names the field. Messages are translated when raised.
Anything else that escapes a service is a bug: it is logged and shown in a crash dialog."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bodesk.errors import BodeskError


class UserError(BodeskError):
    """A rule refused the action. `message` is translated and fit to show a person; `code`, given where
    it is raised, names the refusal ("stock_count.nothing_counted")."""

    code = "refused"


class PermissionDenied(UserError):
    """The acting user's role may not do this; `action` names the permission refused ("backup.run")."""

    code = "permission.denied"

    def __init__(self, message: str, code: str | None = None, action: str = "") -> None:
        super().__init__(message, code)
        self.action = action


class NotFound(UserError):
    """The record the action names does not exist (any more); `code` names the record ("product.not_found")."""

    code = "not_found"


class ConfirmableWarning(UserError):
    """The action is allowed only if the person confirms; retry with `key` in the confirmed set. The key
    is what names the warning ("archive_with_stock")."""

    code = "warning"

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str


def line_field(key: int, part: str = "") -> str:
    """The field name that points a validation error at one line of a document: "line:3:quantity" (a
    part of the line, named like the line's input field), or "line:3" for the line as a whole.

    `key` is the line's position, 1-based, where the lines are given as a list not stored yet (an order
    being typed, stock moves, a count's entries: the "Line 3" of the message); it is the line's id where
    the document's lines already exist (receiving the lines of an order). Each service says which.
    "lines" (no key) names the lines as a whole ("Add at least one line.").
    """
    return f"line:{key}:{part}" if part else f"line:{key}"


@dataclass(frozen=True)
class LineRef:
    key: int
    part: str  # "" for the line as a whole


def line_of(field: str) -> LineRef | None:
    """The line (and part) a `line_field` name points at; None for a field that is not one line's."""
    prefix, _sep, rest = field.partition(":")
    key, _sep, part = rest.partition(":")
    if prefix != "line" or not key.isdigit():
        return None
    return LineRef(int(key), part)


class ValidationError(UserError):
    """One or more fields hold values a rule refuses. Every problem is listed, not only the first; the
    fields' names are what a program and a test look at."""

    code = "validation"

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
