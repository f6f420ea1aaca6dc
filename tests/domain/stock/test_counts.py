"""Stock counts: starting (scope, snapshot, one open count at a time), counting by scan, reviewing,
posting and cancelling; every refusal proves that nothing changed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import (
    ConfirmableWarning,
    PermissionDenied,
    ValidationError,
)
from bodesk.domain.common.listing import ListRequest
from bodesk.domain.stock.catalogue import set_product_active
from bodesk.domain.stock.count_entries import (
    CountEntry,
    identify,
    record_count,
    record_counts,
    record_scan,
    undo_scan,
)
from bodesk.domain.stock.count_posting import POST_WITH_UNCOUNTED, discrepancies, post_count
from bodesk.domain.stock.counts import (
    cancel_count,
    count_info,
    find_open_count,
    start_count,
    start_counts_everywhere,
)
from bodesk.domain.stock.counts_queries import CountLinesQuery, CountsQuery, lines_query
from bodesk.domain.stock.models import Category, StockCountLine, StockMove
from bodesk.domain.stock.operations import adjust_stock, transfer_stock
from bodesk.store.engine import Database
from tests.builders.catalogue import add_case, gtin, make_product
from tests.builders.counts import count_status, counted
from tests.builders.readings import snapshot
from tests.builders.stock import Place, make_warehouse, on_hand, stock_in, stock_problems
from tests.helpers.refusals import invalid, refused

CONFIRMED = frozenset({POST_WITH_UNCOUNTED})


@pytest.fixture
def place(db: Database, owner: Actor) -> Place:
    return make_warehouse(db, owner, "CD1", bins=("A-01", "A-02"))


@pytest.fixture
def skol(db: Database, owner: Actor, place: Place) -> int:
    """Skol lata (R$ 2.50), sold by the unit and in cases of 12: 30 in the main area."""
    product = make_product(
        db, owner, "SKOL350", "Skol lata 350ml", gtin=gtin(1), cost="2.50", category="Cervejas"
    )
    add_case(db, owner, product, 12, gtin(2))
    stock_in(db, owner, product, place.location_id, 30)
    return product


@pytest.fixture
def water(db: Database, owner: Actor, place: Place) -> int:
    """Água (R$ 1.00): 10 in bin A-01 and 5 in A-02."""
    product = make_product(
        db, owner, "AGUA500", "Água mineral 500ml", gtin=gtin(3), cost="1.00", category="Águas"
    )
    stock_in(db, owner, product, place.bins["A-01"], 10)
    stock_in(db, owner, product, place.bins["A-02"], 5)
    return product


def lines_of(db: Database, count_id: int) -> list[tuple[int, int, int, Decimal, Decimal | None]]:
    with db.read() as session:
        rows = session.execute(
            select(
                StockCountLine.product_id,
                StockCountLine.location_id,
                StockCountLine.lot_key,
                StockCountLine.expected,
                StockCountLine.counted,
            )
            .where(StockCountLine.count_id == count_id)
            .order_by(StockCountLine.id)
        ).all()
        return [tuple(row) for row in rows]  # type: ignore[misc]


def category(db: Database, name: str) -> int:
    with db.read() as session:
        return session.execute(select(Category.id).where(Category.name == name)).scalar_one()


# --- starting ----------------------------------------------------------------------------------


def test_start_snapshots_every_quant_of_the_warehouse(
    db: Database, owner: Actor, place: Place, skol: int, water: int
) -> None:
    sold_out = make_product(db, owner, "GUARANA", "Guaraná 2L")
    stock_in(db, owner, sold_out, place.bins["A-01"], 4)
    adjust_stock(db, owner, sold_out, place.bins["A-01"], Decimal(-4), "sold")
    archived = make_product(db, owner, "VELHO", "Produto fora de linha")
    stock_in(db, owner, archived, place.location_id, 3)
    set_product_active(db, owner, archived, False, frozenset({"archive_with_stock"}))
    elsewhere = make_warehouse(db, owner, "CD2")
    stock_in(db, owner, skol, elsewhere.location_id, 7)

    count_id = start_count(db, owner, place.warehouse_id, note="fim de mês")

    info = count_info(db, owner, count_id)
    assert (info.number, info.status, info.lines, info.counted, info.note) == (1, "open", 4, 0, "fim de mês")
    assert sorted(lines_of(db, count_id)) == sorted(
        [
            (skol, place.location_id, 0, Decimal(30), None),
            (water, place.bins["A-01"], 0, Decimal(10), None),
            (water, place.bins["A-02"], 0, Decimal(5), None),
            (sold_out, place.bins["A-01"], 0, Decimal(0), None),
        ]
    )
    second = start_count(db, owner, elsewhere.warehouse_id)
    assert count_info(db, owner, second).number == 2
    assert lines_of(db, second) == [(skol, elsewhere.location_id, 0, Decimal(7), None)]


def test_a_category_count_takes_only_that_category(
    db: Database, owner: Actor, place: Place, skol: int, water: int
) -> None:
    count_id = start_count(db, owner, place.warehouse_id, category(db, "Águas"))
    assert {line[0] for line in lines_of(db, count_id)} == {water}
    with invalid("code"):
        record_count(db, owner, count_id, gtin(1), Decimal(1))
    assert counted(db, count_id, skol) is None


def test_one_open_count_per_warehouse_and_scope(
    db: Database, owner: Actor, place: Place, skol: int, water: int
) -> None:
    beers, waters = category(db, "Cervejas"), category(db, "Águas")
    first = start_count(db, owner, place.warehouse_id, beers)
    start_count(db, owner, place.warehouse_id, waters)  # another category may run alongside
    before = snapshot(db)
    for overlapping in (beers, None):
        with invalid("warehouse") as caught:
            start_count(db, owner, place.warehouse_id, overlapping)
        assert "Count 1 (CD1 – Cervejas)" in caught.value.message
    assert snapshot(db) == before

    other = make_warehouse(db, owner, "CD2")
    start_count(db, owner, other.warehouse_id, beers)  # another warehouse is free
    cancel_count(db, owner, first, "wrong day")
    start_count(db, owner, place.warehouse_id, beers)  # free again once the first is cancelled


def test_counting_the_whole_stock_starts_one_count_per_warehouse_or_none(
    db: Database, owner: Actor, place: Place, skol: int
) -> None:
    other = make_warehouse(db, owner, "CD2")
    stock_in(db, owner, skol, other.location_id, 6)
    busy = start_count(db, owner, other.warehouse_id)
    before = snapshot(db)
    with invalid("warehouse") as caught:
        start_counts_everywhere(db, owner)
    assert "Count 1 (CD2)" in caught.value.message
    assert snapshot(db) == before

    cancel_count(db, owner, busy, "start over")
    started = start_counts_everywhere(db, owner, note="anual")
    assert [count_info(db, owner, count_id).warehouse_code for count_id in started] == ["CD1", "CD2"]
    assert [count_info(db, owner, count_id).lines for count_id in started] == [1, 1]


def test_only_people_who_count_may_start_one(
    db: Database, owner: Actor, make_user: Callable[..., Actor], place: Place, skol: int
) -> None:
    sales, storeman = make_user("sales"), make_user("warehouse")
    before = snapshot(db)
    with pytest.raises(PermissionDenied):
        start_count(db, sales, place.warehouse_id)
    assert snapshot(db) == before
    count_id = start_count(db, storeman, place.warehouse_id)
    with pytest.raises(PermissionDenied):
        record_count(db, sales, count_id, gtin(1), Decimal(1))
    assert counted(db, count_id, skol) is None
    record_count(db, storeman, count_id, gtin(1), Decimal(1))
    before = snapshot(db)
    with pytest.raises(PermissionDenied):  # the warehouse counts; a manager posts
        post_count(db, storeman, count_id, confirmed=frozenset({POST_WITH_UNCOUNTED}))
    assert snapshot(db) == before


# --- counting ----------------------------------------------------------------------------------


def test_scans_add_up_and_a_case_counts_its_units(
    db: Database, owner: Actor, place: Place, skol: int
) -> None:
    count_id = start_count(db, owner, place.warehouse_id)
    assert record_count(db, owner, count_id, gtin(1), Decimal(3)) == Decimal(3)
    assert record_count(db, owner, count_id, gtin(2), Decimal(2)) == Decimal(27)  # 2 cases of 12
    assert record_count(db, owner, count_id, "SKOL350", Decimal(1)) == Decimal(28)
    assert record_count(db, owner, count_id, gtin(1), Decimal(-1)) == Decimal(27)  # a correction
    assert record_count(db, owner, count_id, gtin(2), Decimal(1), mode="set") == Decimal(12)
    assert counted(db, count_id, skol, place.location_id) == Decimal(12)

    item = identify(db, owner, count_id, gtin(2))
    assert (item.name, item.units, item.packaging, item.counted) == (
        "Skol lata 350ml",
        Decimal(12),
        "Caixa 12",
        Decimal(12),
    )


def test_refused_scans_change_nothing(db: Database, owner: Actor, place: Place, skol: int) -> None:
    count_id = start_count(db, owner, place.warehouse_id)
    record_count(db, owner, count_id, gtin(1), Decimal(5))
    before = snapshot(db)
    refusals = [
        ({"code_or_product": "7890000099999", "quantity": Decimal(1)}, "code"),  # no product has it
        ({"code_or_product": "", "quantity": Decimal(1)}, "code"),
        ({"code_or_product": gtin(1), "quantity": Decimal(-6)}, "quantity"),  # below zero
        ({"code_or_product": gtin(1), "quantity": Decimal(-1), "mode": "set"}, "quantity"),
        ({"code_or_product": gtin(1), "quantity": Decimal("0.0001")}, "quantity"),
        ({"code_or_product": gtin(1), "quantity": Decimal(1), "lot_code": "L1"}, "lot"),  # not tracked by lot
    ]
    for kwargs, field in refusals:
        with invalid(field):
            record_count(db, owner, count_id, **kwargs)  # type: ignore[arg-type]
    with invalid("location"):  # a location of another warehouse
        record_count(
            db, owner, count_id, gtin(1), Decimal(1), location_id=make_warehouse(db, owner, "CD9").location_id
        )
    assert snapshot(db)["counted_lines"] == before["counted_lines"]
    assert snapshot(db)["count_lines"] == before["count_lines"]
    assert counted(db, count_id, skol) == Decimal(5)


def test_an_unexpected_product_gets_a_line_where_it_was_found(
    db: Database, owner: Actor, place: Place, skol: int
) -> None:
    count_id = start_count(db, owner, place.warehouse_id)
    new = make_product(db, owner, "REDBULL", "Red Bull 250ml", gtin=gtin(5))
    assert record_count(db, owner, count_id, gtin(5), Decimal(4)) == Decimal(4)
    assert record_count(db, owner, count_id, gtin(5), Decimal(2), location_id=place.bins["A-02"]) == Decimal(
        2
    )
    assert (new, place.location_id, 0, Decimal(0), Decimal(4)) in lines_of(db, count_id)
    assert (new, place.bins["A-02"], 0, Decimal(0), Decimal(2)) in lines_of(db, count_id)


def test_a_product_in_several_places_needs_the_place(
    db: Database, owner: Actor, place: Place, water: int
) -> None:
    count_id = start_count(db, owner, place.warehouse_id)
    before = snapshot(db)
    with invalid("location") as caught:
        record_count(db, owner, count_id, gtin(3), Decimal(1))
    assert "(CD1/A-01, CD1/A-02)" in caught.value.message
    assert snapshot(db) == before
    assert record_count(db, owner, count_id, gtin(3), Decimal(9), location_id=place.bins["A-01"]) == Decimal(
        9
    )
    assert record_counts(db, owner, count_id, [CountEntry(gtin(3), Decimal(5), "A-02")]) == 1
    assert counted(db, count_id, water, place.bins["A-02"]) == Decimal(5)


def test_lot_tracked_products_need_their_lot(db: Database, owner: Actor, place: Place) -> None:
    juice = make_product(
        db, owner, "SUCO1L", "Suco uva 1L", gtin=gtin(7), lot_tracked=True, shelf_life_days=180
    )
    old = stock_in(db, owner, juice, place.location_id, 12, lot="L0405", expiry=date(2025, 5, 4))
    count_id = start_count(db, owner, place.warehouse_id)

    assert record_count(db, owner, count_id, gtin(7), Decimal(10)) == Decimal(10)  # its only lot here
    before = snapshot(db)
    with invalid("expiry"):  # a new lot needs its expiry
        record_count(db, owner, count_id, gtin(7), Decimal(6), lot_code="l0612")
    assert snapshot(db) == before

    assert (
        record_count(db, owner, count_id, gtin(7), Decimal(6), lot_code="l0612", expiry=date(2025, 6, 12))
        == 6
    )
    with invalid("lot") as caught:
        record_count(db, owner, count_id, gtin(7), Decimal(1))
    assert "(in this count: L0405, L0612)" in caught.value.message

    post_count(db, owner, count_id)
    with db.read() as session:
        new_lot = session.execute(
            select(StockMove.lot_id).where(StockMove.doc_kind == "stock_count").where(StockMove.lot_id != old)
        ).scalar_one()
    assert on_hand(db, juice, place.location_id, old) == Decimal(10)
    assert on_hand(db, juice, place.location_id, new_lot) == Decimal(6)
    assert stock_problems(db) == []


def test_undo_takes_a_scan_back_exactly(db: Database, owner: Actor, place: Place, skol: int) -> None:
    count_id = start_count(db, owner, place.warehouse_id)
    first = record_scan(db, owner, count_id, gtin(2), Decimal(1))
    assert (first.before, first.total, first.location) == (None, Decimal(12), "CD1")
    second = record_scan(db, owner, count_id, gtin(1), Decimal(3))
    assert undo_scan(db, owner, count_id, second) == Decimal(12)
    assert undo_scan(db, owner, count_id, first) is None  # uncounted again, not "counted 0"
    assert counted(db, count_id, skol) is None

    replaced = record_scan(db, owner, count_id, gtin(1), Decimal(7), mode="set")
    record_count(db, owner, count_id, gtin(1), Decimal(1))
    before = snapshot(db)
    with invalid("quantity"):  # counted again since
        undo_scan(db, owner, count_id, replaced)
    assert snapshot(db) == before


def test_a_batch_lists_every_bad_entry_and_writes_nothing(
    db: Database, owner: Actor, place: Place, skol: int, water: int
) -> None:
    count_id = start_count(db, owner, place.warehouse_id)
    record_count(db, owner, count_id, gtin(1), Decimal(2))
    before = snapshot(db)
    entries = [
        CountEntry(gtin(1), Decimal(24), line=2),
        CountEntry("NOPE", Decimal(1), line=3),
        CountEntry(gtin(3), Decimal(1), line=4),  # two places: which one?
        CountEntry(gtin(3), Decimal(1), "Z-99", line=5),
        CountEntry(gtin(1), Decimal(-1), line=6),
    ]
    with pytest.raises(ValidationError) as caught:
        record_counts(db, owner, count_id, entries)
    messages = [error.message for error in caught.value.errors]
    assert [message.split(":")[0] for message in messages] == ["Line 3", "Line 4", "Line 5", "Line 6"]
    assert [error.field for error in caught.value.errors] == [
        "line:3:code",
        "line:4:location",
        "line:5:location",
        "line:6:quantity",
    ]
    assert "“NOPE”" in messages[0]
    assert snapshot(db) == before
    assert counted(db, count_id, skol) == Decimal(2)

    good = [
        CountEntry(gtin(1), Decimal(20), line=2),
        CountEntry(gtin(2), Decimal(1), line=3),  # the same line again, as a case: added up
        CountEntry(gtin(3), Decimal(8), "A-01", line=4),
    ]
    assert record_counts(db, owner, count_id, good) == 2
    assert counted(db, count_id, skol) == Decimal(32)  # 20 + 12 replaces the 2 counted before
    assert counted(db, count_id, water, place.bins["A-01"]) == Decimal(8)
    assert record_counts(db, owner, count_id, good[:1], replace=False) == 1
    assert counted(db, count_id, skol) == Decimal(52)


# --- reviewing and posting ---------------------------------------------------------------------


def test_discrepancies_show_gains_losses_and_uncounted_lines(
    db: Database, owner: Actor, place: Place, skol: int, water: int
) -> None:
    count_id = start_count(db, owner, place.warehouse_id)
    record_count(db, owner, count_id, gtin(1), Decimal(27))  # 3 missing at 2.50
    record_count(db, owner, count_id, gtin(3), Decimal(13), location_id=place.bins["A-01"])  # 3 found at 1.00
    review = discrepancies(db, owner, count_id)
    assert [(line.sku, line.location, line.difference, line.value) for line in review.discrepancies] == [
        ("SKOL350", "CD1", Decimal(-3), Decimal("-7.50")),
        ("AGUA500", "CD1/A-01", Decimal(3), Decimal("3.00")),
    ]
    assert [(line.location, line.on_hand) for line in review.uncounted] == [("CD1/A-02", Decimal(5))]
    assert (review.gain, review.loss, review.net, review.uncounted_value) == (
        Decimal("3.00"),
        Decimal("7.50"),
        Decimal("-4.50"),
        Decimal("5.00"),
    )
    assert (review.lines, review.counted) == (3, 2)


def test_posting_sets_stock_to_the_counted_quantity_even_if_it_moved_since(
    db: Database, owner: Actor, place: Place, skol: int, water: int
) -> None:
    count_id = start_count(db, owner, place.warehouse_id)
    record_count(db, owner, count_id, gtin(1), Decimal(20), location_id=place.location_id)
    record_count(db, owner, count_id, gtin(3), Decimal(12), location_id=place.bins["A-01"])
    record_count(db, owner, count_id, gtin(3), Decimal(5), location_id=place.bins["A-02"])
    adjust_stock(db, owner, skol, place.location_id, Decimal(-6), "delivered while counting")  # 30 -> 24
    transfer_stock(db, owner, water, place.bins["A-02"], place.bins["A-01"], Decimal(2))  # 10/5 -> 12/3
    moves_before = snapshot(db)["moves"]

    posted = post_count(db, owner, count_id)

    assert (posted.moves, posted.gain, posted.loss, posted.net) == (
        2,
        Decimal("2.00"),
        Decimal("10.00"),
        Decimal("-8.00"),
    )
    assert on_hand(db, skol, place.location_id) == Decimal(20)
    assert on_hand(db, water, place.bins["A-01"]) == Decimal(12)
    assert on_hand(db, water, place.bins["A-02"]) == Decimal(5)
    assert on_hand(db, water) == Decimal(17)
    assert snapshot(db)["moves"] == moves_before + 2
    info = count_info(db, owner, count_id)
    assert (info.status, info.adjustment_value, info.posted_by) == ("posted", Decimal("-8.00"), "Dona Maria")
    assert stock_problems(db) == []
    review = discrepancies(db, owner, count_id)  # once posted, read from the count's moves
    assert [
        (line.sku, line.location, line.on_hand, line.difference, line.value) for line in review.discrepancies
    ] == [
        ("SKOL350", "CD1", Decimal(24), Decimal(-4), Decimal("-10.00")),
        ("AGUA500", "CD1/A-02", Decimal(3), Decimal(2), Decimal("2.00")),
    ]
    query = lines_query(db, owner, count_id)
    rows = query.page(db, owner, ListRequest(filters={"view": "discrepancies"}, sort="value"), 0, 10)
    assert [(row.values[1], row.values[7], row.values[9]) for row in rows] == [
        ("SKOL350", Decimal(24), Decimal(-4)),
        ("AGUA500", Decimal(3), Decimal(2)),
    ]


def test_posting_with_uncounted_lines_asks_first(
    db: Database, owner: Actor, place: Place, skol: int, water: int
) -> None:
    count_id = start_count(db, owner, place.warehouse_id)
    record_count(db, owner, count_id, gtin(1), Decimal(28))
    before = snapshot(db)
    with pytest.raises(ConfirmableWarning) as caught:
        post_count(db, owner, count_id)
    assert caught.value.key == POST_WITH_UNCOUNTED
    assert "2 lines were not counted: their stock stays as it is" in caught.value.message
    assert snapshot(db) == before
    assert count_status(db, count_id) == "open"

    post_count(db, owner, count_id, confirmed=CONFIRMED)
    assert on_hand(db, skol, place.location_id) == Decimal(28)
    assert on_hand(db, water, place.bins["A-01"]) == Decimal(10)


def test_posting_can_set_uncounted_lines_to_zero(
    db: Database, owner: Actor, place: Place, skol: int, water: int
) -> None:
    count_id = start_count(db, owner, place.warehouse_id)
    record_count(db, owner, count_id, gtin(1), Decimal(30))
    with pytest.raises(ConfirmableWarning) as caught:
        post_count(db, owner, count_id, uncounted_as_zero=True)
    assert caught.value.key == POST_WITH_UNCOUNTED
    assert "2 lines were not counted: their stock will be set to zero" in caught.value.message
    posted = post_count(db, owner, count_id, uncounted_as_zero=True, confirmed=CONFIRMED)
    assert (posted.moves, posted.zeroed, posted.loss) == (2, 2, Decimal("15.00"))
    assert on_hand(db, water) == Decimal(0)
    assert on_hand(db, skol, place.location_id) == Decimal(30)
    assert stock_problems(db) == []


def test_posting_refuses_a_count_with_nothing_counted_or_a_role_that_may_not(
    db: Database, owner: Actor, make_user: Callable[..., Actor], place: Place, skol: int
) -> None:
    count_id = start_count(db, owner, place.warehouse_id)
    before = snapshot(db)
    with refused("stock_count.nothing_counted"):
        post_count(db, owner, count_id, confirmed=CONFIRMED)
    record_count(db, owner, count_id, gtin(1), Decimal(1))
    storeman = make_user("warehouse")
    with pytest.raises(PermissionDenied):
        post_count(db, storeman, count_id)
    assert count_status(db, count_id) == "open"
    assert snapshot(db)["moves"] == before["moves"]


def test_a_posted_or_cancelled_count_is_frozen(db: Database, owner: Actor, place: Place, skol: int) -> None:
    posted = start_count(db, owner, place.warehouse_id)
    scan = record_scan(db, owner, posted, gtin(1), Decimal(29))
    post_count(db, owner, posted)
    cancelled = start_count(db, owner, place.warehouse_id)
    with invalid("reason"):
        cancel_count(db, owner, cancelled, "  ")
    cancel_count(db, owner, cancelled, "counted the wrong aisle")
    before = snapshot(db)
    for count_id in (posted, cancelled):
        attempts: list[Callable[[], object]] = [
            lambda count_id=count_id: record_count(db, owner, count_id, gtin(1), Decimal(1)),
            lambda count_id=count_id: record_counts(db, owner, count_id, [CountEntry(gtin(1), Decimal(1))]),
            lambda count_id=count_id: undo_scan(db, owner, count_id, scan),
            lambda count_id=count_id: post_count(db, owner, count_id, confirmed=CONFIRMED),
            lambda count_id=count_id: cancel_count(db, owner, count_id, "again"),
            lambda count_id=count_id: identify(db, owner, count_id, gtin(1)),
        ]
        for attempt in attempts:
            with refused("document.state"):
                attempt()
    assert snapshot(db) == before
    assert on_hand(db, skol, place.location_id) == Decimal(29)


def test_find_open_count_for_the_command_line(db: Database, owner: Actor, place: Place, skol: int) -> None:
    with refused("stock_count.none_open"):
        find_open_count(db, owner)
    first = start_count(db, owner, place.warehouse_id)
    assert find_open_count(db, owner) == first
    other = make_warehouse(db, owner, "CD2")
    second = start_count(db, owner, other.warehouse_id)
    with refused("stock_count.several_open") as caught:
        find_open_count(db, owner)
    assert "1 (CD1), 2 (CD2)" in caught.value.message
    assert find_open_count(db, owner, "cd2") == second
    with refused("warehouse.unknown_code"):
        find_open_count(db, owner, "XX")


def test_the_lists_filter_search_and_sort_in_sql(
    db: Database, owner: Actor, place: Place, skol: int, water: int
) -> None:
    first = start_count(db, owner, place.warehouse_id, note="mensal")
    record_count(db, owner, first, gtin(1), Decimal(25))
    record_count(db, owner, first, gtin(3), Decimal(10), location_id=place.bins["A-01"])
    other = make_warehouse(db, owner, "CD2")
    start_count(db, owner, other.warehouse_id)

    counts = CountsQuery()
    assert counts.count(db, owner, ListRequest()) == 2
    rows = counts.page(db, owner, ListRequest(), 0, 10)
    assert [(row.values[0], row.values[1], row.values[6], row.values[7]) for row in rows] == [
        (2, "CD2", 0, 0),
        (1, "CD1", 3, 2),
    ]
    assert counts.count(db, owner, ListRequest(filters={"warehouse_id": place.warehouse_id})) == 1
    assert counts.count(db, owner, ListRequest(filters={"status": "posted"})) == 0
    assert counts.count(db, owner, ListRequest(search="mensal")) == 1
    assert counts.count(db, owner, ListRequest(search="2")) == 1

    lines = CountLinesQuery(first)
    assert [
        lines.count(db, owner, ListRequest(filters={"view": view}))
        for view in (None, "discrepancies", "uncounted", "counted")
    ] == [3, 1, 1, 2]
    assert lines.count(db, owner, ListRequest(search="agua")) == 2
    assert lines.count(db, owner, ListRequest(search="A-02")) == 1
    assert lines.count(db, owner, ListRequest(search=gtin(1))) == 1
    rows = lines.page(db, owner, ListRequest(filters={"view": "discrepancies"}), 0, 10)
    assert [(row.values[1], row.values[9], row.values[10]) for row in rows] == [
        ("SKOL350", Decimal(-5), Decimal("-12.5")),
    ]
