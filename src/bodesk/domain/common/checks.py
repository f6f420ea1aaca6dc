"""Invariants of the shared pieces that `bodesk check` proves."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bodesk.domain.common.models import DocumentSequence
from bodesk.i18n import _


def sequences_are_sound(session: Session) -> list[str]:
    rows = session.execute(select(DocumentSequence).where(DocumentSequence.next_number < 1)).scalars()
    return [
        _("Series {series} would next give number {number}.").format(
            series=row.series, number=row.next_number
        )
        for row in rows
    ]
