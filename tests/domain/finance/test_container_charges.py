"""Containers lost or broken and charged to a customer are owed in the books: an installment due that
day at their deposit value, the customers account against other income, in the charge's transaction."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from bodesk.domain.access.actor import Actor
from bodesk.domain.deliveries.containers import ContainerCount, record_customer_containers
from bodesk.domain.deliveries.states import ContainerReason
from bodesk.domain.finance.chart import AccountRole
from bodesk.domain.finance.checks import balance_of
from bodesk.domain.finance.document_models import OpenItem
from bodesk.store.check import run_checks
from bodesk.store.engine import Database
from tests.builders.deliveries import build_depot, order_for, run_trip

D = Decimal


def test_a_container_charge_is_owed_by_the_customer(db: Database, owner: Actor) -> None:
    depot = build_depot(db, owner)
    customer = depot.customers[0]
    run_trip(db, owner, depot, [order_for(db, owner, depot, customer, cases=5, jugs=0)])
    with db.read() as session:
        income_before = balance_of(session, AccountRole.OTHER_INCOME)
    record_customer_containers(
        db, owner, customer, ContainerReason.CHARGE, [ContainerCount(depot.crate, charged=2)], note="Quebrou"
    )
    with db.read() as session:
        item = session.execute(select(OpenItem).where(OpenItem.doc_kind == "container_doc")).scalar_one()
        assert (item.customer_id, item.amount, item.due_on) == (customer, D("60.00"), item.issued_on)
        assert balance_of(session, AccountRole.OTHER_INCOME) - income_before == D("-60.00")
    assert [(r.name, r.problems) for r in run_checks(db) if not r.ok] == []


def test_a_return_of_empties_owes_nothing(db: Database, owner: Actor) -> None:
    depot = build_depot(db, owner)
    customer = depot.customers[0]
    run_trip(db, owner, depot, [order_for(db, owner, depot, customer, cases=5, jugs=0)])
    record_customer_containers(
        db, owner, customer, ContainerReason.RETURN, [ContainerCount(depot.crate, empty=2)]
    )
    with db.read() as session:
        assert (
            session.execute(select(OpenItem.id).where(OpenItem.doc_kind == "container_doc")).first() is None
        )
