"""Every text a person enters fits its column, on SQLite as on PostgreSQL.

The limit of a text field is read from the mapped column it is stored in — String(n) holds n
characters, a Text column `LONG_TEXT` — so a rule cannot drift from its column. PostgreSQL refuses a
longer value only when the transaction writes it (a dry run would pass and the import fail) and SQLite
stores any length (a 4,000-character name then breaks the reports that lay it out); the domain refuses
it first, naming the field and the limit, the same on both engines.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import String, Text
from sqlalchemy.orm import InstrumentedAttribute

from bodesk.domain.common.errors import Validator
from bodesk.i18n import _, format_decimal

LONG_TEXT = 4000  # notes, reasons: about a page of text


def max_length(column: InstrumentedAttribute[Any]) -> int:
    """How many characters the mapped text column holds."""
    kind = column.property.columns[0].type
    if isinstance(kind, String) and kind.length is not None:
        return int(kind.length)
    if isinstance(kind, Text | String):
        return LONG_TEXT
    raise TypeError(f"{column} is not a text column")


def length_problem(value: str, limit: int) -> str | None:
    """What is wrong with a text longer than `limit` characters, translated; None when it fits."""
    if len(value) <= limit:
        return None
    return _("At most {limit} characters here: this text has {length}.").format(
        limit=format_decimal(limit), length=format_decimal(len(value))
    )


def check_lengths(check: Validator, fields: Mapping[str, tuple[str, InstrumentedAttribute[Any]]]) -> None:
    """Add an error for each field (key -> (its value, its column)) whose value does not fit."""
    for key, (value, column) in fields.items():
        problem = length_problem(value, max_length(column))
        if problem is not None:
            check.add(key, problem)


def fitting(field: str, value: str, column: InstrumentedAttribute[Any]) -> str:
    """`value` if it fits `column`, else a ValidationError on `field` naming the limit."""
    check = Validator()
    check_lengths(check, {field: (value, column)})
    check.raise_if_any()
    return value
