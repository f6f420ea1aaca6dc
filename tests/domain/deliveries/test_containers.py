"""Returnable containers outside trips: types with their deposit, empties returned at the depot, lost
or broken ones charged, corrections, the brewery's side, and the allowance that warns when a trip
would leave a customer holding too many."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from bodesk.domain.access.actor import Actor
from bodesk.domain.deliveries.container_ledger import warehouse_empties
from bodesk.domain.deliveries.container_models import ContainerDoc, ContainerMove
from bodesk.domain.deliveries.containers import (
    ContainerCount,
    create_container_type,
    record_customer_containers,
    record_supplier_containers,
    set_allowance,
)
from bodesk.domain.deliveries.states import ContainerReason
from bodesk.store.engine import Database
from tests.builders.deliveries import Depot, balance, build_depot, container_rows, order_for, plan, run_trip
from tests.builders.purchasing import make_supplier
from tests.helpers.refusals import invalid, refused

D = Decimal


@pytest.fixture
def depot(db: Database, owner: Actor) -> Depot:
    return build_depot(db, owner)


def test_a_charge_is_valued_at_the_deposit_and_lowers_the_balance(
    db: Database, owner: Actor, depot: Depot
) -> None:
    customer = depot.customers[0]
    run_trip(db, owner, depot, [order_for(db, owner, depot, customer, cases=5, jugs=0)])
    record_customer_containers(
        db, owner, customer, ContainerReason.RETURN, [ContainerCount(depot.crate, empty=2)]
    )
    number = record_customer_containers(
        db, owner, customer, ContainerReason.CHARGE, [ContainerCount(depot.crate, charged=1)], note="Quebrou"
    )
    assert balance(db, customer, depot.crate) == 5 - 2 - 1
    with db.read() as session:
        doc = session.execute(select(ContainerDoc).where(ContainerDoc.number == number)).scalar_one()
        assert doc.value == D("30.00")
        assert warehouse_empties(session)[depot.crate] == 2


def test_more_empties_back_than_held_is_refused_and_nothing_changes(
    db: Database, owner: Actor, depot: Depot
) -> None:
    customer = depot.customers[0]
    before = container_rows(db)
    with refused("containers.refused"):
        record_customer_containers(
            db, owner, customer, ContainerReason.RETURN, [ContainerCount(depot.crate, empty=1)]
        )
    assert container_rows(db) == before
    with invalid("note"):
        record_customer_containers(
            db, owner, customer, ContainerReason.CORRECTION, [ContainerCount(depot.crate, empty=1)]
        )
    record_customer_containers(
        db,
        owner,
        customer,
        ContainerReason.CORRECTION,
        [ContainerCount(depot.crate, empty=1)],
        note="Vasilhame antigo",
    )
    assert balance(db, customer, depot.crate) == -1


def test_negative_counts_are_refused(db: Database, owner: Actor, depot: Depot) -> None:
    with invalid("containers"):
        record_customer_containers(
            db,
            owner,
            depot.customers[0],
            ContainerReason.CORRECTION,
            [ContainerCount(depot.crate, full=-2)],
            note="x",
        )
    with invalid("deposit"):
        create_container_type(db, owner, "BAR-50", "Barril 50 L", D("-1"))


def test_empties_returned_to_the_brewery_lower_what_we_owe(db: Database, owner: Actor, depot: Depot) -> None:
    supplier = make_supplier(db, owner)
    record_supplier_containers(db, owner, supplier, [ContainerCount(depot.crate, full=50)])
    record_supplier_containers(db, owner, supplier, [ContainerCount(depot.crate, empty=20)])
    with db.read() as session:
        owed = sum(
            session.execute(
                select(ContainerMove.balance).where(ContainerMove.supplier_id == supplier)
            ).scalars()
        )
        assert owed == 30
        assert warehouse_empties(session)[depot.crate] == -20


def test_a_trip_over_a_customers_allowance_asks_first(db: Database, owner: Actor, depot: Depot) -> None:
    customer = depot.customers[0]
    set_allowance(db, owner, customer, depot.crate, 3)
    order = order_for(db, owner, depot, customer, cases=4, jugs=0)
    with refused("warning") as caught:
        plan(db, owner, depot, [order])
    assert caught.value.key == "containers.allowance"  # type: ignore[attr-defined]
    assert plan(db, owner, depot, [order], confirmed=frozenset({"containers.allowance"}))
