"""Counts keep the ledger true: generated sequences of receipts, removals, transfers and counts keep
stock equal to the sum of its moves and never negative, and posting leaves every counted line at
exactly its counted quantity. A 5,000-line count posts in one go."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, select

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import UserError
from bodesk.domain.stock.count_entries import CountEntry, record_count, record_counts
from bodesk.domain.stock.count_posting import POST_WITH_UNCOUNTED, discrepancies, post_count
from bodesk.domain.stock.counts import cancel_count, count_info, start_count
from bodesk.domain.stock.ledger import MoveRequest, virtual_location
from bodesk.domain.stock.models import (
    LocationKind,
    Lot,
    Product,
    StockCountLine,
    StockMove,
    StockOperationKind,
)
from bodesk.domain.stock.operations import adjust_stock, post_operation_in, transfer_stock
from bodesk.store.engine import Database
from tests.builders.catalogue import make_lot, make_product
from tests.builders.readings import count_rows
from tests.builders.stock import make_warehouse, on_hand, stock_problems

CONFIRMED = frozenset({POST_WITH_UNCOUNTED})
_RUN = itertools.count(1)

products = st.integers(0, 2)  # 2 is tracked by lot
places = st.integers(0, 1)  # the main area, a bin
lots = st.integers(0, 1)
moves = st.tuples(
    st.sampled_from(["receive", "remove", "transfer"]), products, places, lots, st.integers(1, 40)
)
scans = st.tuples(
    st.just("count"), products, places, lots, st.integers(0, 50), st.sampled_from(["add", "set"])
)
rounds = st.lists(
    st.tuples(
        st.lists(moves, max_size=6),  # before the count
        st.lists(st.one_of(scans, scans, moves), min_size=1, max_size=8),  # counting, stock still moving
        st.sampled_from(["post", "post_zero", "cancel"]),
    ),
    min_size=1,
    max_size=3,
)


def check_posted(db: Database, count_id: int) -> None:
    """Every counted line of a posted count now holds exactly what was counted."""
    with db.read() as session:
        lines = (
            session.execute(
                select(StockCountLine).where(
                    StockCountLine.count_id == count_id, StockCountLine.counted.is_not(None)
                )
            )
            .scalars()
            .all()
        )
    for line in lines:
        assert on_hand(db, line.product_id, line.location_id, line.lot_id) == line.counted


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=rounds)
def test_counts_keep_stock_equal_to_its_moves(db: Database, owner: Actor, plan: list[tuple]) -> None:
    run = next(_RUN)
    place = make_warehouse(db, owner, f"W{run}", bins=("B1",))
    locations = [place.location_id, place.bins["B1"]]
    ids = [
        make_product(db, owner, f"R{run}A"),
        make_product(db, owner, f"R{run}B", cost="3.10"),
        make_product(db, owner, f"R{run}C", lot_tracked=True),
    ]
    lot_ids = [make_lot(db, ids[2], f"L{run}X"), make_lot(db, ids[2], f"L{run}Y")]

    def apply(step: tuple) -> None:
        kind, product, where, lot, quantity = step[:5]
        lot_id = lot_ids[lot] if product == 2 else None
        try:
            if kind == "count":
                lot_code = f"L{run}{'XY'[lot]}" if product == 2 else None
                record_count(
                    db, owner, count_id, ids[product], Decimal(quantity), locations[where], lot_code, step[5]
                )
            elif kind == "transfer":
                transfer_stock(
                    db, owner, ids[product], locations[where], locations[1 - where], Decimal(quantity), lot_id
                )
            else:
                delta = Decimal(quantity if kind == "receive" else -quantity)
                adjust_stock(db, owner, ids[product], locations[where], delta, kind, lot_id)
        except UserError:
            pass  # refused (not enough stock, below zero): everything must still hold
        assert stock_problems(db) == []

    for before, counting, ending in plan:
        for step in before:
            apply(step)
        count_id = start_count(db, owner, place.warehouse_id)
        for step in counting:
            apply(step)
        if ending == "cancel":
            cancel_count(db, owner, count_id, "generated")
        else:
            try:
                post_count(db, owner, count_id, uncounted_as_zero=ending == "post_zero", confirmed=CONFIRMED)
            except UserError:  # nothing counted: nothing to post
                cancel_count(db, owner, count_id, "nothing counted")
            else:
                check_posted(db, count_id)
        assert stock_problems(db) == []


def test_a_count_of_5000_lines_posts_in_one_transaction(db: Database, owner: Actor) -> None:
    place = make_warehouse(db, owner, "BIG")
    now = datetime.now(UTC)
    with db.write() as session:
        session.execute(
            insert(Product),
            [
                {
                    "sku": f"BULK{number:05d}",
                    "name": f"Produto {number:05d}",
                    "cost": Decimal("1.2345"),
                    "search_text": f"bulk{number:05d} produto {number:05d}",
                    "created_at": now,
                    "updated_at": now,
                }
                for number in range(5000)
            ],
        )
        ids = list(session.execute(select(Product.id).order_by(Product.id)).scalars())
        source = virtual_location(session, LocationKind.ADJUSTMENT).id
        post_operation_in(
            session,
            owner,
            StockOperationKind.ADJUSTMENT,
            [MoveRequest(pid, source, place.location_id, Decimal(10)) for pid in ids],
            "stock for the test",
        )
    count_id = start_count(db, owner, place.warehouse_id)
    assert count_info(db, owner, count_id).lines == 5000
    entries = [
        CountEntry(f"BULK{number:05d}", Decimal(10 + (number % 3) - 1), line=number + 2)
        for number in range(5000)
    ]
    assert record_counts(db, owner, count_id, entries) == 5000
    review = discrepancies(db, owner, count_id)
    assert len(review.discrepancies) == 3333
    moves_before = count_rows(db, StockMove)

    posted = post_count(db, owner, count_id)

    assert posted.moves == 3333
    assert count_rows(db, StockMove) == moves_before + 3333
    assert posted.net == review.net == count_info(db, owner, count_id).adjustment_value
    with db.read() as session:
        assert (
            session.execute(
                select(StockMove.id).where(StockMove.doc_kind == "stock_count", StockMove.doc_id == count_id)
            )
            .all()
            .__len__()
            == 3333
        )
        assert session.execute(select(Lot.id)).first() is None
    for number in (0, 1, 2, 4999):
        assert on_hand(db, ids[number], place.location_id) == Decimal(10 + (number % 3) - 1)
    assert stock_problems(db) == []
