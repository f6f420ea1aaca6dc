"""A customer's record follows the rules every record does: a code is kept in capitals and unique
ignoring case, every text fits its column (the limit named), a tax id is one customer's; each refusal
changes nothing. Sales lines refuse numbers beyond their rule, naming the limit."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import ValidationError
from bodesk.domain.sales.customers import Address, ContactData, CustomerData, create_customer
from bodesk.store.engine import Database
from tests.builders.catalogue import make_product
from tests.builders.readings import snapshot
from tests.builders.sales import customer_tax_id, line, make_customer, make_sale
from tests.helpers.refusals import invalid

D = Decimal


def test_a_code_is_kept_in_capitals_and_unique_ignoring_case(db: Database, owner: Actor) -> None:
    first = make_customer(db, owner, 1, code=" bar-01 ")
    with db.read() as session:
        assert (
            session.execute(text("SELECT code FROM customers WHERE id = :id"), {"id": first}).scalar()
            == "BAR-01"
        )
    before = snapshot(db)
    with invalid("code"):
        make_customer(db, owner, 2, code="Bar-01")
    with invalid("code") as refusal:
        make_customer(db, owner, 3, code="CAFÉ-1")
    assert "20" in refusal.value.errors[0].message  # the limit is named
    assert snapshot(db) == before


def test_the_database_refuses_a_code_differing_only_in_case(db: Database, owner: Actor) -> None:
    make_customer(db, owner, 1, code="BAR-01")
    columns = (
        "code, name, name_key, trade_name, trade_name_key, tax_id, state_registration, street, number, "
        "complement, district, city, city_key, state, postal_code, delivery_street, delivery_number, "
        "delivery_complement, delivery_district, delivery_city, delivery_state, delivery_postal_code, "
        "delivery_note, delivery_weekdays, phone, whatsapp, email, credit_policy, blocked, block_reason, "
        "active, notes, search_text, created_at, updated_at"
    )
    values = ", ".join(
        ["'bar-01'", "'X'", "'x'", "''", "''", f"'{customer_tax_id(9)}'"]
        + ["''"] * 21
        + ["'warn'", "false", "''", "true", "''", "''", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]
    )
    with pytest.raises(IntegrityError), db.write() as session:
        session.execute(text(f"INSERT INTO customers ({columns}) VALUES ({values})"))


def test_every_text_fits_its_column(db: Database, owner: Actor) -> None:
    before = snapshot(db)
    data = CustomerData(
        name="N" * 201,
        tax_id=customer_tax_id(1),
        billing=Address(city="C" * 101),
        delivery=Address(street="S" * 201),
        notes="x" * 4001,
        contacts=(ContactData(name="Ana", phone="9" * 41),),
    )
    with pytest.raises(ValidationError) as refusal:
        create_customer(db, owner, data)
    fields = {error.field: error.message for error in refusal.value.errors}
    assert set(fields) == {"name", "city", "delivery_street", "notes", "contact:1:phone"}
    assert "200" in fields["name"] and "4,000" in fields["notes"]
    assert snapshot(db) == before


def test_sales_lines_refuse_numbers_beyond_their_rule(db: Database, owner: Actor) -> None:
    water = make_product(db, owner, "AGUA", "Água", sale_price="2.00", base_unit="L")
    customer = make_customer(db, owner)
    before = snapshot(db)
    with invalid("line:1:packages") as refusal:
        make_sale(db, owner, customer, line(water, "1000000"))
    assert "999,999.999" in refusal.value.errors[0].message
    with invalid("line:1:packages"):
        make_sale(db, owner, customer, line(water, "1.2345"))
    with invalid("line:1:price") as refusal:
        make_sale(db, owner, customer, line(water, 1, price=D("100000000000000000")))
    assert "99,999.99" in refusal.value.errors[0].message
    with invalid("line:1:price"):
        make_sale(db, owner, customer, line(water, 1, price=D("1.001")))
    assert snapshot(db) == before
    make_sale(db, owner, customer, line(water, "1.5"))  # litres are sold by measure, not in whole units


def test_a_drawn_code_skips_one_a_customer_already_holds(db: Database, owner: Actor) -> None:
    make_customer(db, owner, 1, code="2")  # an imported customer took "2" before the series got there
    first = make_customer(db, owner, 2)
    second = make_customer(db, owner, 3)
    with db.read() as session:
        codes = session.execute(text("SELECT id, code FROM customers ORDER BY id")).all()
    assert [code for _id, code in codes] == ["2", "1", "3"]
    assert [row_id for row_id, _code in codes][1:] == [first, second]
