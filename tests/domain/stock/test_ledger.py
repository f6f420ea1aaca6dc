"""The stock ledger and the operations on it: what moves, what is refused (changing nothing), and
what two desks taking the last units at the same moment get."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.models import AuditEntry
from bodesk.domain.common.errors import PermissionDenied, ValidationError
from bodesk.domain.common.money import round_money
from bodesk.domain.common.postings import DocRef
from bodesk.domain.stock.errors import StockShortage
from bodesk.domain.stock.ledger import MoveRequest, post_moves, virtual_location
from bodesk.domain.stock.lookups import lots_with_stock
from bodesk.domain.stock.lots import default_expiry, lot_for, suggest_picking
from bodesk.domain.stock.models import Location, LocationKind, StockMove, StockOperation
from bodesk.domain.stock.operations import adjust_stock, issue_stock, transfer_stock
from bodesk.domain.stock.warehouses import add_bin, create_warehouse, set_bin_active
from bodesk.store.engine import Database
from tests.builders.catalogue import make_product, stored_product
from tests.builders.readings import count_rows
from tests.builders.shop import Shop, build_shop
from tests.builders.stock import make_bin, make_warehouse, on_hand, stock_in, stock_problems
from tests.helpers.refusals import invalid, refused
from tests.helpers.workers import take_last_units


@pytest.fixture
def shop(db: Database, owner: Actor) -> Shop:
    return build_shop(db, owner)


def unchanged(db: Database, shop: Shop) -> Callable[[], None]:
    """Remember the ledger now; the returned check proves nothing moved since."""
    before = (
        count_rows(db, StockMove),
        count_rows(db, AuditEntry),
        on_hand(db, shop.water),
        on_hand(db, shop.water, shop.a01),
    )

    def check() -> None:
        after = (
            count_rows(db, StockMove),
            count_rows(db, AuditEntry),
            on_hand(db, shop.water),
            on_hand(db, shop.water, shop.a01),
        )
        assert after == before
        assert stock_problems(db) == []

    return check


def test_a_shortfall_names_the_product_the_place_and_what_is_missing(
    db: Database, owner: Actor, shop: Shop
) -> None:
    check = unchanged(db, shop)
    with pytest.raises(StockShortage) as caught:
        transfer_stock(db, owner, shop.water, shop.a01, shop.a02, Decimal(80))
    assert caught.value.message == (
        "Not enough stock:\nAG-500 Agua Mineral 500ml in CD1/A-01: 50 on hand, 80 needed (30 short)."
    )
    check()


def test_every_shortfall_is_listed(db: Database, owner: Actor, shop: Shop) -> None:
    check = unchanged(db, shop)
    with db.read() as session:
        loss = virtual_location(session, LocationKind.LOSS).id
    with pytest.raises(StockShortage) as caught, db.write() as session:
        post_moves(
            session,
            owner,
            [
                MoveRequest(shop.water, shop.a01, loss, Decimal(51)),
                MoveRequest(shop.beer, shop.a01, loss, Decimal(121), shop.lot1),
                MoveRequest(shop.cola, shop.cd2.location_id, loss, Decimal(1)),
            ],
            DocRef("adjustment", 1, 1),
        )
    assert [(s.product, s.lot, s.missing) for s in caught.value.shortfalls] == [
        ("AG-500 Agua Mineral 500ml", None, Decimal(1)),
        ("CV-LT350 Cerveja Lata 350ml", "L1", Decimal(1)),
    ]
    check()


@pytest.mark.parametrize("quantity", [Decimal(0), Decimal("-3"), Decimal("1.0001")])
def test_move_quantities_that_are_refused(db: Database, owner: Actor, shop: Shop, quantity: Decimal) -> None:
    check = unchanged(db, shop)
    with invalid("line:1:quantity"):
        transfer_stock(db, owner, shop.water, shop.cd1.location_id, shop.a02, quantity)
    check()


def test_a_lot_tracked_product_moves_by_lot(db: Database, owner: Actor, shop: Shop) -> None:
    check = unchanged(db, shop)
    with invalid("line:1:lot"):  # no lot chosen
        transfer_stock(db, owner, shop.beer, shop.a01, shop.a02, Decimal(10))
    with invalid("line:1:lot"):  # the lot of another product
        transfer_stock(db, owner, shop.water, shop.a01, shop.a02, Decimal(10), lot_id=shop.lot1)
    check()
    transfer_stock(db, owner, shop.beer, shop.a01, shop.a02, Decimal(10), lot_id=shop.lot1)
    assert on_hand(db, shop.beer, shop.a02, shop.lot1) == Decimal(10)


def test_a_move_to_the_same_place_is_refused(db: Database, owner: Actor, shop: Shop) -> None:
    check = unchanged(db, shop)
    with invalid("line:1:location"):
        transfer_stock(db, owner, shop.water, shop.a01, shop.a01, Decimal(1))
    check()


def test_the_average_cost_moves_only_with_stock_entering(db: Database, owner: Actor) -> None:
    place = make_warehouse(db, owner)
    other = make_warehouse(db, owner, "CD2", "Outro")
    product = make_product(db, owner, "SUCO-1L")
    stock_in(db, owner, product, place.location_id, 100, "2.00")
    stock_in(db, owner, product, place.location_id, 50, "2.30")
    assert stored_product(db, product).cost == Decimal("2.1000")  # (200 + 115) / 150
    stock_in(db, owner, product, place.location_id, 3, "2.51")
    assert stored_product(db, product).cost == Decimal(
        "2.1080"
    )  # (150 x 2.10 + 7.53) / 153 = 2.10804 -> 2.1080
    transfer_stock(db, owner, product, place.location_id, other.location_id, Decimal(53))
    posted = adjust_stock(db, owner, product, other.location_id, Decimal(-3), "amassadas", breakage=True)
    assert posted.value == Decimal("6.3240")  # leaving at the average: 3 x 2.1080
    assert stored_product(db, product).cost == Decimal("2.1080")
    adjust_stock(db, owner, product, place.location_id, Decimal(-100), "zerar")
    adjust_stock(db, owner, product, other.location_id, Decimal(-50), "zerar")
    assert on_hand(db, product) == Decimal(0)
    stock_in(db, owner, product, place.location_id, 10, "3.00")
    assert stored_product(db, product).cost == Decimal("3.0000")
    assert stock_problems(db) == []


def test_a_transfer_between_warehouses(db: Database, owner: Actor, shop: Shop) -> None:
    cost = stored_product(db, shop.water).cost
    posted = transfer_stock(
        db, owner, shop.water, shop.cd1.location_id, shop.cd2.location_id, Decimal(120), reason="pedido"
    )
    assert (posted.count, posted.value) == (1, Decimal("144.0000000"))
    assert on_hand(db, shop.water, shop.cd1.location_id) == Decimal(180)
    assert on_hand(db, shop.water, shop.cd2.location_id) == Decimal(120)
    assert on_hand(db, shop.water) == Decimal(350)
    assert stored_product(db, shop.water).cost == cost
    assert stock_problems(db) == []


def test_transfers_go_between_open_stock_locations(db: Database, owner: Actor, shop: Shop) -> None:
    set_bin_active(db, owner, shop.a02, False)
    check = unchanged(db, shop)
    with invalid("to_location"):  # the bin is closed
        transfer_stock(db, owner, shop.water, shop.a01, shop.a02, Decimal(1))
    with db.read() as session:
        customer = virtual_location(session, LocationKind.CUSTOMER).id
    with pytest.raises(ValidationError):
        transfer_stock(db, owner, shop.water, shop.a01, customer, Decimal(1))
    check()


def test_adjustments_and_breakage_need_a_reason(db: Database, owner: Actor, shop: Shop) -> None:
    check = unchanged(db, shop)
    for reason in ("", "   "):
        with invalid("reason"):
            adjust_stock(db, owner, shop.water, shop.a01, Decimal(-2), reason, breakage=True)
    with invalid("quantity"):
        adjust_stock(db, owner, shop.water, shop.a01, Decimal(0), "contagem")
    with invalid("quantity"):  # breakage only removes
        adjust_stock(db, owner, shop.water, shop.a01, Decimal(2), "achado", breakage=True)
    check()


def test_breakage_goes_to_the_loss_location_and_an_adjustment_can_add(
    db: Database, owner: Actor, shop: Shop
) -> None:
    adjust_stock(db, owner, shop.water, shop.a01, Decimal(-2), "fardo rasgado", breakage=True)
    adjust_stock(db, owner, shop.water, shop.a01, Decimal(5), "achado no corredor")
    assert on_hand(db, shop.water, shop.a01) == Decimal(53)
    assert on_hand(db, shop.water) == Decimal(353)
    assert stock_problems(db) == []


def test_a_goods_issue_is_a_numbered_document_going_to_the_customer(
    db: Database, owner: Actor, shop: Shop
) -> None:
    check = unchanged(db, shop)
    for quantity, reason, field in (
        (Decimal(2), "  ", "reason"),
        (Decimal(0), "amostra", "quantity"),
        (Decimal(-1), "amostra", "quantity"),
    ):
        with invalid(field):
            issue_stock(db, owner, shop.water, shop.a01, quantity, reason)
    with pytest.raises(StockShortage):
        issue_stock(db, owner, shop.water, shop.a01, Decimal(51), "bonificação Bar do Zé")
    check()
    posted = issue_stock(db, owner, shop.water, shop.a01, Decimal(6), "bonificação Bar do Zé")
    adjust_stock(db, owner, shop.water, shop.a01, Decimal(-1), "garrafa quebrada", breakage=True)
    with db.read() as session:
        issue, breakage = session.execute(
            select(StockOperation)
            .where(StockOperation.kind.in_(("issue", "breakage")))
            .order_by(StockOperation.number)
        ).scalars()
        shop_setup = session.execute(select(func.count()).select_from(StockOperation)).scalar_one() - 2
        move = session.execute(
            select(StockMove).where(StockMove.doc_kind == "issue", StockMove.doc_id == issue.id)
        ).scalar_one()
        to = session.get(Location, move.to_location_id)
    assert (issue.kind, issue.number, issue.reason) == ("issue", shop_setup + 1, "bonificação Bar do Zé")
    assert (breakage.kind, breakage.number) == ("breakage", shop_setup + 2)  # one series for all of them
    assert issue.value == round_money(posted.value) and move.doc_number == issue.number
    assert to is not None and to.code == "@customer"
    assert on_hand(db, shop.water, shop.a01) == Decimal(43)
    assert stock_problems(db) == []


def test_warehouse_roles(db: Database, owner: Actor, shop: Shop, make_user: Callable[..., Actor]) -> None:
    sales = make_user("sales")
    check = unchanged(db, shop)
    with pytest.raises(PermissionDenied):
        transfer_stock(db, sales, shop.water, shop.a01, shop.a02, Decimal(1))
    with pytest.raises(PermissionDenied):
        create_warehouse(db, sales, "CD9", "Nove")
    check()
    warehouse = make_user("warehouse")
    transfer_stock(db, warehouse, shop.water, shop.a01, shop.a02, Decimal(1))


def test_warehouse_and_bin_codes(db: Database, owner: Actor, shop: Shop) -> None:
    with invalid("code"):  # taken
        create_warehouse(db, owner, "cd1", "De novo")
    with invalid("code", "name"):
        create_warehouse(db, owner, "CD 3", "")
    with pytest.raises(ValidationError):
        add_bin(db, owner, shop.cd1.warehouse_id, "a-01")
    assert make_bin(db, owner, shop.cd1, "b-01.2") > 0


def test_a_bin_holding_stock_stays_open(db: Database, owner: Actor, shop: Shop) -> None:
    with refused("bin.holds_stock"):
        set_bin_active(db, owner, shop.a01, False)
    transfer_stock(db, owner, shop.water, shop.a01, shop.a02, Decimal(50))
    transfer_stock(db, owner, shop.beer, shop.a01, shop.a02, Decimal(120), lot_id=shop.lot1)
    set_bin_active(db, owner, shop.a01, False)


def test_lots_keep_their_expiry(db: Database, owner: Actor, shop: Shop) -> None:
    with db.write() as session:
        from bodesk.domain.stock.catalogue import get_product

        beer = get_product(session, shop.beer)
        assert lot_for(session, beer, " l1 ", None).id == shop.lot1
        with invalid("lot"):  # L1 is already recorded with another expiry
            lot_for(session, beer, "L1", date(2030, 1, 1))
        with invalid("lot"):  # a new lot needs its expiry
            lot_for(session, beer, "L9", None)
        assert default_expiry(beer, date(2025, 1, 1)) == date(2025, 6, 30)


def test_picking_suggests_the_first_to_expire(db: Database, owner: Actor, shop: Shop) -> None:
    stock_in(
        db, owner, shop.beer, shop.cd1.location_id, 30, "2", lot="L3", expiry=shop.today + timedelta(days=90)
    )
    picks = suggest_picking(db, owner, shop.beer, shop.cd1.warehouse_id, Decimal(130))
    assert [(p.lot, p.location, p.quantity) for p in picks] == [("L1", "CD1/A-01", 120), ("L3", "CD1", 10)]
    assert [lot.code for lot in lots_with_stock(db, owner, shop.beer)] == ["L2", "L1", "L3"]
    assert [lot.code for lot in lots_with_stock(db, owner, shop.beer, shop.cd1.location_id)] == ["L3"]


def test_two_desks_taking_the_last_units_at_once(db: Database, owner: Actor) -> None:
    place = make_warehouse(db, owner)
    left, right = make_bin(db, owner, place, "L-01"), make_bin(db, owner, place, "R-01")
    product = make_product(db, owner, "ULTIMO")
    stock_in(db, owner, product, place.location_id, 10, "4.00")
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(2), context.Queue()
    workers = [
        context.Process(
            target=take_last_units,
            args=(db.url, owner, product, place.location_id, target, "10", barrier, results),
        )
        for target in (left, right)
    ]
    for worker in workers:
        worker.start()
    outcomes = sorted(results.get(timeout=120) for _ in workers)
    for worker in workers:
        worker.join(timeout=60)
    assert outcomes == ["moved", "short"]
    assert on_hand(db, product, place.location_id) == Decimal(0)
    assert on_hand(db, product, left) + on_hand(db, product, right) == Decimal(10)
    assert on_hand(db, product) == Decimal(10)
    assert stock_problems(db) == []


OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(["transfer", "adjust", "breakage"]),
        st.sampled_from(["water", "beer"]),
        st.integers(0, 2),
        st.integers(0, 2),
        st.integers(-60, 60),
    ),
    min_size=1,
    max_size=12,
)


def apply(
    db: Database, owner: Actor, kind: str, product: int, lot: int | None, places: tuple[int, int], amount: int
) -> None:
    """One operation as a person would ask it: a transfer of |amount|, an adjustment by amount, or
    breakage of |amount|."""
    origin, target = places
    if kind == "transfer":
        transfer_stock(db, owner, product, origin, target, Decimal(abs(amount)), lot)
    elif kind == "breakage":
        adjust_stock(db, owner, product, origin, Decimal(-abs(amount)), "quebra", lot, breakage=True)
    else:
        adjust_stock(db, owner, product, origin, Decimal(amount), "ajuste", lot)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=OPERATIONS)
def test_any_sequence_of_operations_keeps_the_ledger_whole(
    db: Database, owner: Actor, shop: Shop, operations: list[tuple[str, str, int, int, int]]
) -> None:
    """Whatever is asked, each operation is applied whole or refused with nothing changed, and the
    caches always equal the moves (the ledger is compared with a model kept here)."""
    places = [shop.cd1.location_id, shop.a01, shop.cd2.location_id]
    products = {"water": (shop.water, None), "beer": (shop.beer, shop.lot1)}
    model = {(p, place): on_hand(db, p, place, lot) for p, lot in products.values() for place in places}
    for kind, name, origin, target, amount in operations:
        product, lot = products[name]
        expected = dict(model)
        if kind == "transfer":
            expected[(product, places[origin])] -= abs(amount)
            expected[(product, places[target])] += abs(amount)
            refusable = origin == target or amount == 0
        else:
            expected[(product, places[origin])] += -abs(amount) if kind == "breakage" else amount
            refusable = amount == 0
        try:
            apply(db, owner, kind, product, lot, (places[origin], places[target]), amount)
        except (StockShortage, ValidationError):
            assert refusable or any(value < 0 for value in expected.values())
        else:
            assert all(value >= 0 for value in expected.values()) and not refusable
            model = expected
        actual = {(p, place): on_hand(db, p, place, lot) for p, lot in products.values() for place in places}
        assert actual == model
    assert stock_problems(db) == []
