"""The filters every list shares: text taken literally in LIKE (wildcards typed are not wildcards),
every typed word in a folded column, and date ranges in local days, both ends included. Each with the
row it finds and the row it leaves out, on a scratch table of an in-memory SQLite database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import (
    Column,
    ColumnElement,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    insert,
    select,
)
from sqlalchemy.engine import Connection

from bodesk.domain.common.listing import (
    MAX_WORDS,
    ListRequest,
    contains,
    day_start,
    has_words,
    like_pattern,
    within_dates,
)
from bodesk.domain.common.text import fold

metadata = MetaData()
notes = Table(
    "scratch_notes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("text", String),
    Column("folded", String),
    Column("at", DateTime),
)
TEXTS = {
    1: "Desconto de 100% na Água",
    2: "Desconto de 1000 na agua",
    3: "codigo_interno A_B",
    4: "codigo interno AxB",
    5: "pasta C:\\dados\\%temp%",
    6: "Cerveja Lata 350ml Skol",
}


def _stored(day: date, hour: int) -> datetime:
    """A local time on `day` as the database keeps it (naive UTC)."""
    return datetime(day.year, day.month, day.day, hour).astimezone(UTC).replace(tzinfo=None)


@pytest.fixture
def connection() -> Iterator[Connection]:
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(
            insert(notes),
            [
                {"id": key, "text": text, "folded": fold(text), "at": _stored(date(2025, 3, key), 12)}
                for key, text in TEXTS.items()
            ],
        )
        yield connection
    engine.dispose()


def found(connection: Connection, condition: ColumnElement[bool]) -> list[int]:
    return list(connection.execute(select(notes.c.id).where(condition).order_by(notes.c.id)).scalars())


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("agua", "%agua%"),
        ("100%", "%100\\%%"),
        ("A_B", "%A\\_B%"),
        ("C:\\dados", "%C:\\\\dados%"),
        ("", "%%"),
    ],
)
def test_like_pattern_escapes_what_a_person_types(text: str, pattern: str) -> None:
    assert like_pattern(text) == pattern


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("100%", [1]),  # not "100 followed by anything", which would find 1000 too
        ("a_b", [3]),  # not "a, any character, b", which would find AxB too
        ("\\dados\\%", [5]),
        ("  DESCONTO  ", [1, 2]),  # trimmed, case ignored
        ("%", [1, 5]),
        ("_", [3]),
        ("nothing like it", []),
    ],
)
def test_contains_takes_wildcards_literally(connection: Connection, text: str, ids: list[int]) -> None:
    assert found(connection, contains(notes.c.text, text)) == ids


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("ÁGUA desconto", [1, 2]),  # accents and case ignored, words in any order
        ("agua 100%", [1]),
        ("skol 350", [6]),
        ("skol 600", []),  # every word must be there
        ("codigo_", [3]),
        ("", [1, 2, 3, 4, 5, 6]),  # nothing typed: everything
    ],
)
def test_has_words_wants_every_word_typed(connection: Connection, text: str, ids: list[int]) -> None:
    assert found(connection, has_words(notes.c.folded, text)) == ids


def test_has_words_reads_the_first_words_only(connection: Connection) -> None:
    words = ["cerveja"] * MAX_WORDS
    assert found(connection, has_words(notes.c.folded, " ".join([*words, "vinho"]))) == [6]
    assert found(connection, has_words(notes.c.folded, " ".join(["vinho", *words]))) == []


def dated(connection: Connection, **filters: object) -> list[int]:
    stmt = within_dates(select(notes.c.id), notes.c.at, ListRequest(filters=filters))
    return list(connection.execute(stmt.order_by(notes.c.id)).scalars())


def test_a_date_range_takes_whole_local_days_both_ends_included(connection: Connection) -> None:
    assert dated(connection, **{"from": date(2025, 3, 2), "to": date(2025, 3, 4)}) == [2, 3, 4]
    assert dated(connection, **{"from": date(2025, 3, 5)}) == [5, 6]
    assert dated(connection, to=date(2025, 3, 1)) == [1]
    assert dated(connection, **{"from": date(2025, 3, 7)}) == []
    assert dated(connection, **{"from": None, "to": None}) == [1, 2, 3, 4, 5, 6]


def test_a_day_starts_at_local_midnight() -> None:
    start = day_start(date(2025, 3, 2))
    assert start.tzinfo is UTC
    assert start.astimezone().replace(tzinfo=None) == datetime(2025, 3, 2)
    assert day_start(date(2025, 3, 3)) - start == timedelta(days=1)
