"""Orders and reps as a person names them on the command line: an order by its number, a rep by its
number or a name (accents and case ignored, a part of it when only one rep has it)."""

from __future__ import annotations

from bodesk.domain.access.actor import Actor
from bodesk.domain.sales.print_data import orders_numbered, rep_named, weekdays_text
from bodesk.domain.sales.references import add_rep
from bodesk.store.engine import Database
from tests.builders.catalogue import make_product
from tests.builders.sales import line, make_customer, make_sale
from tests.helpers.refusals import refused


def test_reps_by_number_or_name(db: Database, owner: Actor) -> None:
    ana = add_rep(db, owner, "Ana Souza")
    joao = add_rep(db, owner, "João Souza")

    assert rep_named(db, owner, str(joao)) == joao
    assert rep_named(db, owner, "ana souza") == ana
    assert rep_named(db, owner, "JOAO") == joao
    with refused("sales_rep.ambiguous") as caught:
        rep_named(db, owner, "souza")
    assert "Ana Souza" in caught.value.message and "João Souza" in caught.value.message
    with refused("sales_rep.unknown"):
        rep_named(db, owner, "Pedro")


def test_orders_by_number(db: Database, owner: Actor) -> None:
    water = make_product(db, owner, "AGUA", sale_price="2.00")
    customer = make_customer(db, owner)
    first = make_sale(db, owner, customer, line(water, 1))
    second = make_sale(db, owner, customer, line(water, 2))

    assert orders_numbered(db, owner, [2, 1]) == [second, first]
    with refused("sales_order.unknown_number") as caught:
        orders_numbered(db, owner, [1, 7, 9])
    assert "7, 9" in caught.value.message


def test_delivery_days_in_words() -> None:
    assert weekdays_text("135") == "Mon, Wed, Fri"
    assert weekdays_text("") == ""
