"""What the sales screens read: the choices of their combos, a customer as its form shows it, the
customer's last order, and what is reserved for each line of an order to ship."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import Role
from bodesk.domain.sales.customers import Address, ContactData
from bodesk.domain.sales.lookups import customer_record, last_order_id, lines_to_ship, sales_choices
from bodesk.domain.sales.orders import cancel_order
from bodesk.domain.sales.permissions import SALES_VIEW
from bodesk.domain.sales.price_tables import add_price_table
from bodesk.domain.sales.references import add_payment_term, add_rep, add_segment
from bodesk.store.engine import Database
from tests.builders.catalogue import add_case, make_product
from tests.builders.sales import line, make_customer, make_sale
from tests.builders.stock import make_warehouse, stock_in
from tests.helpers.refusals import denied, refused

D = Decimal


def test_the_choices_and_a_customer_read_back_as_written(db: Database, owner: Actor) -> None:
    segment = add_segment(db, owner, "Bares")
    rep = add_rep(db, owner, "Ana Souza")
    term = add_payment_term(db, owner, "28 dias", "28")
    table = add_price_table(db, owner, "Bares")
    choices = sales_choices(db, owner)
    assert [(c.id, c.name) for c in choices.segments] == [(segment, "Bares")]
    assert [(c.id, c.name) for c in choices.reps] == [(rep, "Ana Souza")]
    assert [(c.id, c.code, c.name) for c in choices.payment_terms] == [(term, "28", "28 dias")]
    assert [c.id for c in choices.price_tables] == [table]

    customer = make_customer(
        db,
        owner,
        1,
        segment_id=segment,
        rep_id=rep,
        payment_term_id=term,
        billing=Address(street="Rua A", city="Santos", state="SP"),
        delivery_weekdays="135",
        credit_limit=D("100.00"),
        contacts=(ContactData("Rui", "dono"),),
    )
    record = customer_record(db, owner, customer)
    assert (record.active, record.blocked) == (True, False)
    data = record.data
    assert (data.segment_id, data.rep_id, data.payment_term_id) == (segment, rep, term)
    assert (data.billing.city, data.delivery_weekdays, data.credit_limit) == ("Santos", "135", D("100.00"))
    assert data.contacts == (ContactData("Rui", "dono"),)
    with refused("customer.not_found"):
        customer_record(db, owner, customer + 1)


def test_the_last_order_and_what_each_line_may_ship(db: Database, owner: Actor) -> None:
    place = make_warehouse(db, owner, "CD1")
    water = make_product(db, owner, "AGUA", sale_price="2.00")
    case = add_case(db, owner, water, 12)
    stock_in(db, owner, water, place.location_id, 30, "1.00")
    customer = make_customer(db, owner, 1)
    assert last_order_id(db, owner, customer) is None
    first = make_sale(db, owner, customer, line(water, 2, case), confirm=True)
    later = make_sale(db, owner, customer, line(water, 1, case))
    assert last_order_id(db, owner, customer) == later
    cancel_order(db, owner, later, "engano")
    assert last_order_id(db, owner, customer) == first
    (shipping,) = lines_to_ship(db, owner, first)
    assert (shipping.sku, shipping.ordered, shipping.reserved) == ("AGUA", D(24), D(24))
    (quote,) = lines_to_ship(db, owner, later)
    assert quote.reserved == D(0)


def test_only_who_works_with_sales_reads_them(db: Database, make_user: Callable[..., Actor]) -> None:
    support = make_user(Role.SUPPORT)
    with denied(SALES_VIEW):
        sales_choices(db, support)
