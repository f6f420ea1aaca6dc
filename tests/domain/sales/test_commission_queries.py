"""The commission rates list: each rep's rate per category, filtered by rep; only who may see
commissions reads it."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.permissions import Role
from bodesk.domain.common.listing import ListRequest
from bodesk.domain.sales.commission_queries import CommissionRatesQuery
from bodesk.domain.sales.commissions import set_rate
from bodesk.domain.sales.permissions import COMMISSIONS_VIEW
from bodesk.domain.sales.references import add_rep
from bodesk.domain.stock.lookups import categories
from bodesk.store.engine import Database
from tests.builders.catalogue import make_product
from tests.helpers.refusals import denied

D = Decimal


def test_the_rates_of_each_rep(db: Database, owner: Actor, make_user: Callable[..., Actor]) -> None:
    ana, bruno = add_rep(db, owner, "Ana"), add_rep(db, owner, "Bruno")
    make_product(db, owner, "CERV", category="Bebidas")
    (drinks,) = [choice.id for choice in categories(db, owner)]
    set_rate(db, owner, ana, None, D(3))
    set_rate(db, owner, ana, drinks, D("4.5"))
    set_rate(db, owner, bruno, None, D(2))
    query = CommissionRatesQuery()
    rows = query.page(db, owner, ListRequest(filters={"rep": ana}, sort="rate"), 0, 10)
    assert [(query.value(row, "category"), query.value(row, "rate")) for row in rows] == [
        (None, D(3)),
        ("Bebidas", D("4.5")),
    ]
    assert query.count(db, owner, ListRequest()) == 3
    with denied(COMMISSIONS_VIEW):
        query.count(db, make_user(Role.SALES), ListRequest())
