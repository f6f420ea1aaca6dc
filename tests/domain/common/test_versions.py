"""Two desks editing the same card: the second save is refused naming who changed it and when, and
nothing of it is written; a save of a card nobody else touched goes through, and raises the version."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

from sqlalchemy import select

from bodesk.domain.access.actor import Actor
from bodesk.domain.sales.customers import CustomerData, update_customer
from bodesk.domain.sales.models import Customer
from bodesk.domain.stock.catalogue import product_data, update_product
from bodesk.store.engine import Database
from tests.builders.catalogue import make_product
from tests.builders.readings import snapshot
from tests.builders.sales import customer_tax_id, make_customer
from tests.helpers.refusals import refused


def test_a_product_changed_at_another_desk_is_not_overwritten(
    db: Database, owner: Actor, make_user: Callable[..., Actor]
) -> None:
    ana = make_user("manager", login="ana")
    product = make_product(db, owner, "AGUA500", "Água mineral 500ml")
    mine, theirs = product_data(db, owner, product), product_data(db, ana, product)
    assert mine.version == theirs.version == 1

    update_product(db, ana, product, replace(theirs, sale_price=Decimal("2.50")))
    assert product_data(db, owner, product).version == 2
    before = snapshot(db)
    with refused("record.changed_elsewhere") as refusal:
        update_product(db, owner, product, replace(mine, name="Água com gás 500ml"))
    assert "ana changed the product AGUA500 at" in refusal.value.message
    assert "What you typed is still here" in refusal.value.message
    assert snapshot(db) == before
    assert product_data(db, owner, product).name == "Água mineral 500ml"

    fresh = product_data(db, owner, product)
    update_product(db, owner, product, replace(fresh, name="Água com gás 500ml"))
    assert product_data(db, owner, product) == replace(fresh, name="Água com gás 500ml", version=3)


def test_a_customer_changed_at_another_desk_is_not_overwritten(
    db: Database, owner: Actor, make_user: Callable[..., Actor]
) -> None:
    ana = make_user("manager", login="ana")
    customer = make_customer(db, owner, 1, name="Bar do Zé Ltda.")
    with db.read() as session:
        version = session.execute(select(Customer.version).where(Customer.id == customer)).scalar_one()
    base = CustomerData(name="Bar do Zé Ltda.", tax_id=customer_tax_id(1), version=version)
    update_customer(db, ana, customer, replace(base, phone="(11) 3333-4444"))
    before = snapshot(db)
    with refused("record.changed_elsewhere") as refusal:
        update_customer(db, owner, customer, replace(base, delivery_note="portão lateral"))
    assert "ana changed the customer Bar do Zé Ltda. at" in refusal.value.message
    assert snapshot(db) == before
    with db.read() as session:
        stored = session.execute(select(Customer).where(Customer.id == customer)).scalar_one()
        assert (stored.version, stored.phone, stored.delivery_note) == (2, "(11) 3333-4444", "")
