"""Stock's value in the books: each document that moves stock posts the change of the stock account
against where the goods came from or went, and the stock account always equals the valuation."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import UserError
from bodesk.domain.finance.chart import AccountRole, account_of
from bodesk.domain.finance.checks import balance_of, entries_balance, stock_account_equals_valuation
from bodesk.domain.finance.models import JournalEntry, JournalLine
from bodesk.domain.stock.operations import adjust_stock, issue_stock
from bodesk.store.engine import Database
from tests.builders.catalogue import make_product
from tests.builders.stock import make_warehouse, stock_in

D = Decimal


def _balance(db: Database, role: AccountRole) -> D:
    with db.read() as session:
        return balance_of(session, role)


def _ledger_problems(db: Database) -> list[str]:
    with db.read() as session:
        return entries_balance(session) + stock_account_equals_valuation(session)


def test_stock_in_out_breakage_and_free_goods_post_to_their_accounts(db: Database, owner: Actor) -> None:
    place = make_warehouse(db, owner)
    product = make_product(db, owner, "AGUA-500")
    stock_in(db, owner, product, place.location_id, 10, cost="2.50")
    assert _balance(db, AccountRole.STOCK) == D("25.00")
    assert _balance(db, AccountRole.STOCK_ADJUSTMENTS) == D("-25.00")  # a gain is a credit
    adjust_stock(db, owner, product, place.location_id, D(-2), "broken", breakage=True)
    assert _balance(db, AccountRole.STOCK_LOSSES) == D("5.00")
    issue_stock(db, owner, product, place.location_id, D(1), "sample for Bar do Zé")
    assert _balance(db, AccountRole.GOODS_ISSUED) == D("2.50")
    assert _balance(db, AccountRole.STOCK) == D("17.50")
    assert _ledger_problems(db) == []
    with db.read() as session:
        kinds = set(session.execute(select(JournalEntry.doc_kind)).scalars())
        assert {"adjustment", "breakage", "issue"} <= kinds
        stock = account_of(session, AccountRole.STOCK)
        assert (
            session.execute(select(JournalLine.day).where(JournalLine.account_id == stock)).first()
            is not None
        )


def test_the_average_costs_rounding_goes_to_price_differences_and_keeps_the_stock_account_exact(
    db: Database, owner: Actor
) -> None:
    place = make_warehouse(db, owner)
    product = make_product(db, owner, "CERV-600")
    stock_in(db, owner, product, place.location_id, 1, cost="10.00")
    stock_in(db, owner, product, place.location_id, 2, cost="10.01")  # average 10.00666… kept as 10.0067
    adjust_stock(db, owner, product, place.location_id, D(-1), "counted wrong")
    assert _ledger_problems(db) == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    steps=st.lists(
        st.tuples(
            st.sampled_from(["in", "out", "break", "issue"]),
            st.integers(min_value=1, max_value=40),
            st.decimals(min_value=D("0.01"), max_value=D("99.9999"), places=4),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_the_stock_account_equals_the_valuation_after_any_moves(
    db: Database, owner: Actor, steps: list[tuple[str, int, D]]
) -> None:
    """One database for every example: whatever was posted before, the books stay exact."""
    made = db.__dict__.setdefault("_finance_test", {})
    if not made:
        made["place"], made["product"] = make_warehouse(db, owner), make_product(db, owner, "AGUA-20L")
    place, product = made["place"], made["product"]
    for kind, quantity, cost in steps:
        try:
            if kind == "in":
                stock_in(db, owner, product, place.location_id, quantity, cost=cost)
            elif kind == "out":
                adjust_stock(db, owner, product, place.location_id, D(-quantity), "counted")
            elif kind == "break":
                adjust_stock(db, owner, product, place.location_id, D(-quantity), "broken", breakage=True)
            else:
                issue_stock(db, owner, product, place.location_id, D(quantity), "sample")
        except UserError:
            pass  # not enough stock: refused, nothing written
    assert _ledger_problems(db) == []
