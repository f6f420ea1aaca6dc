"""Gapless document numbers per series.

A number is drawn inside the transaction that writes the document: the row of the series is
updated (which holds the write lock until commit, on SQLite by BEGIN IMMEDIATE, on PostgreSQL by
the row lock), so two writers never draw the same number, and a transaction that fails after
drawing rolls the counter back with everything else: no number is ever skipped.
"""

from __future__ import annotations

from sqlalchemy import insert, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bodesk.domain.common.models import DocumentSequence

MAX_DIGITS = 11  # more than any series will draw, and well inside the BIGINT a number is stored in


def typed_number(text: str) -> int | None:
    """The document number a person typed to find a document ("152", "#152"), or None when the
    text is not one (words, a barcode too long to be a number)."""
    digits = text.strip().lstrip("#").strip()
    return int(digits) if digits.isascii() and digits.isdigit() and len(digits) <= MAX_DIGITS else None


def next_number(session: Session, series: str) -> int:
    """Draw the next number of `series` (the first is 1). Call only inside a write unit of work."""
    drawn = _advance(session, series)
    if drawn is None:
        try:
            with session.begin_nested():
                session.execute(insert(DocumentSequence).values(series=series, next_number=2))
            return 1
        except IntegrityError:  # another desk started the series at the same moment
            drawn = _advance(session, series)
            if drawn is None:  # pragma: no cover - the row exists after the conflict
                raise
    return drawn - 1


def next_numbers(session: Session, series: str, count: int) -> list[int]:
    """Draw `count` consecutive numbers of `series` at once (an import numbering thousands of rows):
    the first as `next_number` draws it, the rest by moving the counter once. Inside a write unit of
    work, which holds the series until it commits."""
    if count <= 0:
        return []
    first = next_number(session, series)
    if count > 1:
        session.execute(
            update(DocumentSequence)
            .where(DocumentSequence.series == series)
            .values(next_number=DocumentSequence.next_number + (count - 1))
        )
    return list(range(first, first + count))


def _advance(session: Session, series: str) -> int | None:
    drawn = session.execute(
        update(DocumentSequence)
        .where(DocumentSequence.series == series)
        .values(next_number=DocumentSequence.next_number + 1)
        .returning(DocumentSequence.next_number)
    ).scalar_one_or_none()
    return None if drawn is None else int(drawn)
