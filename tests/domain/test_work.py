"""The day's work on the home page: each module counts what is waiting, for the roles that do it, and
the desk's backup is flagged when there is none or it is old."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.tones import Tone
from bodesk.domain.stock.counts import start_count
from bodesk.domain.work import BACKUP_DUE_DAYS, backup_tone, work_to_do
from bodesk.store.engine import Database
from tests.builders.catalogue import make_product
from tests.builders.purchasing import make_order, make_product_in_cases, make_supplier, sent_order
from tests.builders.shop import Shop, build_shop
from tests.builders.stock import make_warehouse


@pytest.fixture
def shop(db: Database, owner: Actor) -> Shop:
    return build_shop(db, owner)


def counts(db: Database, actor: Actor) -> dict[str, int]:
    return {work.key: work.count for work in work_to_do(db, actor)}


def test_what_is_waiting_is_counted_for_the_owner(db: Database, owner: Actor, shop: Shop) -> None:
    make_product(db, owner, "AG-1L", "Água 1 L", min_stock=12)  # nothing on hand
    start_count(db, owner, shop.cd1.warehouse_id)
    assert counts(db, owner) == {
        "deliveries.to_settle": 0,
        "sales.quotes": 0,
        "sales.to_pick": 0,
        "sales.to_ship": 0,
        "stock.below_minimum": 1,
        "stock.lots_expired": 1,  # L2, expired 3 days ago
        "stock.lots_expiring": 1,  # L1, in 10 days
        "purchasing.to_receive": 0,
        "stock.counts_open": 1,
        "purchasing.drafts": 0,
    }
    assert [work.key for work in work_to_do(db, owner)][:3] == [
        "stock.below_minimum",
        "stock.lots_expired",
        "stock.lots_expiring",
    ]  # in the order the modules give
    works = {work.key: work for work in work_to_do(db, owner)}
    assert works["stock.lots_expired"].tone == Tone.DANGER
    assert works["purchasing.drafts"].tone is None  # nothing waiting
    assert works["stock.below_minimum"].text == "1 product below its minimum"


def test_orders_waiting_for_their_goods_and_drafts_to_send(db: Database, owner: Actor) -> None:
    supplier = make_supplier(db, owner)
    place = make_warehouse(db, owner)
    item = make_product_in_cases(db, owner, "CV-1", "Cerveja")
    make_order(db, owner, supplier, place.warehouse_id, (item, 2, "30.00"))
    sent_order(db, owner, supplier, place.warehouse_id, (item, 3, "30.00"))
    found = counts(db, owner)
    assert (found["purchasing.drafts"], found["purchasing.to_receive"]) == (1, 1)


def test_each_role_sees_the_work_it_does(
    db: Database, owner: Actor, shop: Shop, make_user: Callable[..., Actor]
) -> None:
    assert set(counts(db, make_user("sales"))) == {
        "sales.quotes",
        "stock.below_minimum",
        "stock.lots_expired",
        "stock.lots_expiring",
    }
    warehouse = counts(db, make_user("warehouse"))
    assert {"purchasing.to_receive", "sales.to_pick", "sales.to_ship"} <= set(warehouse)
    assert "sales.quotes" not in warehouse
    assert counts(db, make_user("hr")) == {}


def test_the_backup_needs_attention_when_missing_or_old() -> None:
    now = datetime(2026, 6, 1, tzinfo=UTC)
    assert backup_tone(None, now) == Tone.DANGER
    assert backup_tone(now - timedelta(days=BACKUP_DUE_DAYS + 1), now) == Tone.WARNING
    assert backup_tone(now - timedelta(days=1), now) is None
