"""Fast bulk inserts for generated data (demo, benchmarks): values are given as stored (scaled integers,
UTC instants as text), bypassing the ORM's per-value conversions. Same code on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import column, table
from sqlalchemy.orm import Session

BATCH = 20_000


def stored_instant(value: datetime) -> str:
    """An aware instant as the UTCDateTime column stores it (naive UTC text)."""
    if value.tzinfo is None:
        raise ValueError("instants are stored as aware datetimes")
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def scaled(value: Decimal, places: int) -> int:
    """A Decimal as a ScaledDecimal column stores it; refuses a value with more places."""
    result = value.scaleb(places)
    if result != result.to_integral_value():
        raise ValueError(f"{value} has more than {places} places")
    return int(result)


def bulk_insert(session: Session, name: str, rows: Sequence[dict[str, Any]]) -> None:
    if not rows:
        return
    target = table(name, *(column(key) for key in rows[0]))
    for start in range(0, len(rows), BATCH):
        session.execute(target.insert(), list(rows[start : start + BATCH]))
