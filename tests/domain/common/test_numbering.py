"""Document numbers are gapless per series: 1..n in order, series independent, a rolled-back draw
leaves no gap, and four processes drawing at once never skip or repeat a number."""

from __future__ import annotations

import multiprocessing
from collections import Counter

import pytest
from sqlalchemy import select

from bodesk.domain.access.models import AuditEntry
from bodesk.domain.common.models import DocumentSequence
from bodesk.domain.common.numbering import next_number, next_numbers, typed_number
from bodesk.store.engine import Database
from tests.helpers.workers import DRAW_ENTITY, draw_numbers

PROCESSES = 4
DRAWS_PER_PROCESS = 250


class Failure(Exception):
    pass


def _draw(db: Database, series: str) -> int:
    with db.write() as session:
        return next_number(session, series)


def _peek(db: Database, series: str) -> int:
    """The number the next draw of `series` will give, without drawing it."""
    with db.read() as session:
        current = session.execute(
            select(DocumentSequence.next_number).where(DocumentSequence.series == series)
        ).scalar_one_or_none()
    return 1 if current is None else int(current)


def test_draws_are_sequential_from_one(db: Database) -> None:
    assert _peek(db, "invoice") == 1
    assert [_draw(db, "invoice") for _ in range(25)] == list(range(1, 26))
    assert _peek(db, "invoice") == 26


def test_several_draws_in_one_unit_of_work_are_sequential(db: Database) -> None:
    with db.write() as session:
        drawn = [next_number(session, "order") for _ in range(5)]
    assert drawn == [1, 2, 3, 4, 5]


def test_series_are_independent(db: Database) -> None:
    drawn = [
        (series, _draw(db, series))
        for series in ["invoice", "order", "invoice", "receipt", "order", "invoice"]
    ]
    assert drawn == [
        ("invoice", 1),
        ("order", 1),
        ("invoice", 2),
        ("receipt", 1),
        ("order", 2),
        ("invoice", 3),
    ]


@pytest.mark.parametrize("drawn_before", [0, 3], ids=["first-of-series", "later"])
def test_a_failed_transaction_after_drawing_leaves_no_gap(db: Database, drawn_before: int) -> None:
    for _ in range(drawn_before):
        _draw(db, "invoice")
    with pytest.raises(Failure), db.write() as session:
        assert next_number(session, "invoice") == drawn_before + 1
        raise Failure
    assert _peek(db, "invoice") == drawn_before + 1
    assert _draw(db, "invoice") == drawn_before + 1


def test_the_peek_does_not_draw(db: Database) -> None:
    assert _peek(db, "x") == _peek(db, "x") == 1
    assert _draw(db, "x") == 1


def test_four_processes_drawing_at_once_leave_no_gap_and_no_duplicate(db: Database) -> None:
    """Each draw is its own write unit of work with an audit row keyed by the number; about one in
    five raise after drawing and roll back."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(PROCESSES)
    results = context.Queue()
    workers = [
        context.Process(
            target=draw_numbers, args=(db.url, "invoice", DRAWS_PER_PROCESS, seed, 0.2, barrier, results)
        )
        for seed in range(PROCESSES)
    ]
    for worker in workers:
        worker.start()
    committed = [results.get(timeout=300) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    total = sum(committed)
    assert DRAWS_PER_PROCESS < total < PROCESSES * DRAWS_PER_PROCESS  # some failed, most did not
    with db.read() as session:
        keys = list(
            session.execute(select(AuditEntry.entity_key).where(AuditEntry.entity == DRAW_ENTITY)).scalars()
        )
    numbers = Counter(int(key) for key in keys)
    assert max(numbers.values()) == 1  # no duplicate
    assert sorted(numbers) == list(range(1, total + 1))  # no gap
    assert _peek(db, "invoice") == total + 1


@pytest.mark.parametrize(
    ("text", "number"), [("152", 152), ("#152", 152), (" # 7 ", 7), ("99999999999", 99999999999)]
)
def test_a_typed_document_number_is_read(text: str, number: int) -> None:
    assert typed_number(text) == number


@pytest.mark.parametrize("text", ["", "#", "abc", "12a", "1.5", "-3", "²", "789490001151712345"])
def test_what_is_not_a_document_number_is_none(text: str) -> None:
    assert typed_number(text) is None  # a barcode is too long to be one: no integer overflow in SQL


def test_many_numbers_are_drawn_at_once_and_follow_on(db: Database) -> None:
    with db.write() as session:
        assert next_numbers(session, "customer", 0) == []
        assert next_numbers(session, "customer", 3) == [1, 2, 3]
        assert next_numbers(session, "customer", 1) == [4]
        assert next_number(session, "customer") == 5
