"""The document lifecycle: transitions as data, refusals with their message and code, numbers drawn in
the state the lifecycle names, and finished documents, their lines and posted ledger rows that nothing
below the services can change: not the ORM (refused at flush time) and not SQL (refused by triggers),
on SQLite and, when BODESK_TEST_DATABASE_URL names one, PostgreSQL."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Any

import pytest
from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.lifecycle import FrozenDocument, Lifecycle, StateError
from bodesk.domain.purchasing.models import PurchaseOrder, PurchaseOrderLine, Receipt, ReceiptLine
from bodesk.domain.purchasing.orders import cancel_order
from bodesk.domain.purchasing.states import ORDER_LIFECYCLE, OrderStatus
from bodesk.domain.stock.counts import cancel_count, start_count
from bodesk.domain.stock.models import StockCount, StockCountLine, StockMove, StockOperation
from bodesk.domain.stock.operations import adjust_stock
from bodesk.domain.stock.states import COUNT_LIFECYCLE, CountStatus
from bodesk.domain.stock.warehouses import main_location
from bodesk.i18n import N_, set_language
from bodesk.store.engine import Database
from tests.builders.purchasing import make_product_in_cases, make_supplier, receive, sent_order
from tests.builders.stock import make_warehouse


class Light(StrEnum):
    DRAFT = "draft"
    POSTED = "posted"


def test_a_lifecycle_refuses_a_state_without_label_or_a_finished_state_that_moves_on() -> None:
    common: dict[str, Any] = {
        "kind": "thing",
        "noun": N_("Thing"),
        "states": Light,
        "series": "thing",
        "numbered_in": Light.POSTED,
        "editable": frozenset({Light.DRAFT}),
        "finished": frozenset({Light.POSTED}),
    }
    with pytest.raises(ValueError, match="without a label"):
        Lifecycle(
            labels={Light.DRAFT: N_("Draft")},
            transitions={Light.DRAFT: frozenset({Light.POSTED}), Light.POSTED: frozenset()},
            **common,
        )
    with pytest.raises(ValueError, match="finished state has transitions"):
        Lifecycle(
            labels={Light.DRAFT: N_("Draft"), Light.POSTED: N_("Posted")},
            transitions={Light.DRAFT: frozenset({Light.POSTED}), Light.POSTED: frozenset({Light.DRAFT})},
            **common,
        )


def test_can_and_labels_come_from_the_data() -> None:
    assert ORDER_LIFECYCLE.can("draft", OrderStatus.SENT)
    assert not ORDER_LIFECYCLE.can("received", OrderStatus.CANCELLED)
    assert not ORDER_LIFECYCLE.can("nonsense", OrderStatus.SENT)
    assert ORDER_LIFECYCLE.can_edit("draft") and not ORDER_LIFECYCLE.can_edit("sent")
    assert ORDER_LIFECYCLE.open_states() == (OrderStatus.DRAFT, OrderStatus.SENT, OrderStatus.PARTLY_RECEIVED)
    assert ORDER_LIFECYCLE.label("partly_received") == "Partly received"
    set_language("pt_BR")
    assert ORDER_LIFECYCLE.label("partly_received") == "Recebido em parte"
    assert COUNT_LIFECYCLE.label("posted") == "Lançado"
    set_language("en")
    assert ORDER_LIFECYCLE.label("unknown") == "unknown"


@pytest.fixture
def supply(db: Database, owner: Actor) -> tuple[int, int, Any]:
    warehouse = make_warehouse(db, owner).warehouse_id
    supplier = make_supplier(db, owner)
    return supplier, warehouse, make_product_in_cases(db, owner, "AGUA")


def test_a_wrong_transition_is_refused_with_its_code_and_message(
    db: Database, owner: Actor, supply: tuple[int, int, Any]
) -> None:
    supplier, warehouse, water = supply
    order_id = sent_order(db, owner, supplier, warehouse, (water, 1, "10.00"))
    receive(db, owner, order_id, [12])
    with pytest.raises(StateError) as caught:
        cancel_order(db, owner, order_id, "too late")
    assert caught.value.code == "document.transition"
    assert caught.value.message == "Purchase order 1 is received: it cannot become cancelled."


def test_the_number_is_drawn_in_the_state_the_lifecycle_names(db: Database, owner: Actor) -> None:
    later = Lifecycle(
        kind="thing",
        noun=N_("Thing"),
        states=Light,
        labels={Light.DRAFT: N_("Draft"), Light.POSTED: N_("Posted")},
        transitions={Light.DRAFT: frozenset({Light.POSTED}), Light.POSTED: frozenset()},
        finished=frozenset({Light.POSTED}),
        series="test_thing",
        numbered_in=Light.POSTED,
        editable=frozenset({Light.DRAFT}),
    )

    class Thing:
        number: int | None = None
        status = ""

    with db.write() as session:
        thing, other = Thing(), Thing()
        later.begin(session, thing, Light.DRAFT)
        later.begin(session, other, Light.DRAFT)
        assert (thing.status, thing.number) == ("draft", None)  # no number for a draft (an invoice)
        later.move(other, Light.POSTED, session)
        later.move(thing, Light.POSTED, session)
        assert (other.number, thing.number) == (1, 2)  # numbered in the order they were posted
        counted = StockCount()
        COUNT_LIFECYCLE.begin(session, counted, CountStatus.OPEN)
        assert (counted.status, counted.number) == ("open", 1)  # counts are numbered when opened


# --- the ORM guard ----------------------------------------------------------------------------------


def _edit(db: Database, change: Any) -> None:
    with db.write() as session:
        change(session)


def _counts(db: Database) -> dict[str, Any]:
    with db.read() as session:
        return {
            model.__tablename__: session.execute(select(func.count()).select_from(model)).scalar_one()
            for model in (PurchaseOrder, PurchaseOrderLine, Receipt, ReceiptLine, StockMove, StockOperation)
        }


@pytest.fixture
def finished(db: Database, owner: Actor, supply: tuple[int, int, Any]) -> dict[str, int]:
    """A received order with its receipt and moves, a cancelled count with lines, a stock operation."""
    supplier, warehouse, water = supply
    order_id = sent_order(db, owner, supplier, warehouse, (water, 1, "10.00"))
    receipt_id = receive(db, owner, order_id, [12])
    with db.read() as session:
        place = main_location(session, warehouse).id
    adjust_stock(db, owner, water.id, place, Decimal(-1), "quebra")
    count_id = start_count(db, owner, warehouse)
    cancel_count(db, owner, count_id, "wrong aisle")
    return {"order": order_id, "receipt": receipt_id, "count": count_id, "product": water.id}


def test_the_orm_refuses_changes_to_a_finished_document_and_its_lines(
    db: Database, finished: dict[str, int]
) -> None:
    before = _counts(db)

    def retotal(session: Session) -> None:
        session.get(PurchaseOrder, finished["order"]).total = Decimal("1.00")  # type: ignore[union-attr]

    def reopen(session: Session) -> None:
        session.get(StockCount, finished["count"]).status = "open"  # type: ignore[union-attr]

    def add_line(session: Session) -> None:
        line = session.execute(select(PurchaseOrderLine)).scalars().first()
        assert line is not None
        session.add(
            PurchaseOrderLine(
                order_id=line.order_id,
                product_id=line.product_id,
                packages=Decimal(1),
                units_per_package=Decimal(1),
                quantity=Decimal(1),
                package_price=Decimal(1),
                total=Decimal(1),
            )
        )

    def change_line(session: Session) -> None:
        line = session.execute(select(StockCountLine)).scalars().first()
        assert line is not None
        line.counted = Decimal(5)

    def drop_line(session: Session) -> None:
        session.delete(session.execute(select(ReceiptLine)).scalars().first())

    for attempt, named in (
        (retotal, "Purchase order 1"),
        (reopen, "Count 1"),
        (add_line, "Purchase order 1"),
        (change_line, "Count 1"),
        (drop_line, "Receipt 1"),
    ):
        with pytest.raises(FrozenDocument) as caught:
            _edit(db, attempt)
        assert caught.value.code == "document.frozen"
        assert caught.value.message.startswith(f"{named} is final")
    assert _counts(db) == before
    with db.read() as session:
        assert session.get(PurchaseOrder, finished["order"]).status == "received"  # type: ignore[union-attr]


def test_the_orm_refuses_changes_to_posted_ledger_rows(db: Database, finished: dict[str, int]) -> None:
    before = _counts(db)

    def requantify(session: Session) -> None:
        move = session.execute(select(StockMove)).scalars().first()
        assert move is not None
        move.quantity = Decimal(999)

    def erase(session: Session) -> None:
        session.delete(session.execute(select(StockOperation)).scalars().first())

    for attempt in (requantify, erase):
        with pytest.raises(FrozenDocument):
            _edit(db, attempt)
    assert _counts(db) == before


def test_what_a_final_record_names_as_mutable_may_still_change(
    db: Database, finished: dict[str, int]
) -> None:
    def bill(session: Session) -> None:
        session.get(Receipt, finished["receipt"]).billed = True  # type: ignore[union-attr]

    _edit(db, bill)
    with db.read() as session:
        assert session.get(Receipt, finished["receipt"]).billed is True  # type: ignore[union-attr]


def test_an_open_document_may_change(db: Database, owner: Actor, supply: tuple[int, int, Any]) -> None:
    supplier, warehouse, water = supply
    order_id = sent_order(db, owner, supplier, warehouse, (water, 2, "10.00"))

    def note(session: Session) -> None:
        session.get(PurchaseOrder, order_id).notes = "call first"  # type: ignore[union-attr]

    _edit(db, note)
    receive(db, owner, order_id, [12])  # lines change, then the order becomes partly received
    with db.read() as session:
        assert session.get(PurchaseOrder, order_id).status == "partly_received"  # type: ignore[union-attr]


# --- the triggers -----------------------------------------------------------------------------------


def _refused_by_sql(db: Database, statement: Any) -> None:
    with pytest.raises(DatabaseError, match="final records"), db.write_connection() as connection:
        connection.execute(statement)


def test_sql_cannot_change_posted_rows_or_finished_documents(db: Database, finished: dict[str, int]) -> None:
    before = _counts(db)
    for statement in (
        update(StockMove).values(quantity=Decimal(1)),
        delete(StockMove),
        update(StockOperation).values(reason="changed"),
        delete(StockOperation),
        update(Receipt).values(total=Decimal(0)),
        delete(ReceiptLine),
        update(PurchaseOrder).where(PurchaseOrder.id == finished["order"]).values(notes="changed"),
        delete(PurchaseOrderLine),
        update(StockCount).where(StockCount.id == finished["count"]).values(status="open"),
        update(StockCountLine).values(counted=Decimal(1)),
        delete(StockCountLine),
    ):
        _refused_by_sql(db, statement)
    assert _counts(db) == before
    with db.write_connection() as connection:  # what stays mutable, and open documents, may change
        connection.execute(update(Receipt).values(billed=True))


def test_sqlite_insert_or_replace_cannot_overwrite_a_posted_row(
    db: Database, finished: dict[str, int]
) -> None:
    if not db.is_sqlite:
        pytest.skip("INSERT OR REPLACE is SQLite's")
    with db.read() as session:
        move = session.execute(select(StockMove.__table__)).mappings().first()
    assert move is not None
    changed = {**move, "quantity": 999}
    with pytest.raises(DatabaseError, match="final records"), db.write_connection() as connection:
        connection.execute(insert(StockMove.__table__).prefix_with("OR REPLACE").values(**changed))
    with db.read() as session:
        assert (
            session.execute(text(f"SELECT quantity FROM stock_moves WHERE id = {move['id']}")).scalar() != 999
        )
