"""The sales demo: customers, price tables and orders in every state, consistent with the stock ledger
(every `bodesk check` passes on it), the history's sales written as shipped orders rather than goods
issues, and life-stage times spread so that the processing-time report has something to read."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from stdnum.br import cnpj, cpf

from bodesk.domain.access.actor import Actor
from bodesk.domain.demo import DemoSize, load_demo
from bodesk.domain.sales.models import Customer
from bodesk.domain.sales.order_models import SalesOrder, SalesReturn
from bodesk.domain.sales.price_models import PriceBreak, PriceTableItem, Promotion
from bodesk.domain.sales.processing import Grouping, processing_time
from bodesk.domain.sales.states import OrderStatus
from bodesk.domain.stock.models import StockMove, StockOperation, StockReservation
from bodesk.store.check import run_checks
from bodesk.store.engine import Database
from bodesk.store.types import utcnow
from tests.builders.access import PASSWORD


@pytest.fixture
def demo(db: Database) -> Actor:
    return load_demo(db, DemoSize.SMALL, seed=3, password=PASSWORD)


def test_every_check_passes_on_the_small_demo(db: Database, demo: Actor) -> None:
    assert [(result.name, result.problems[:3]) for result in run_checks(db) if not result.ok] == []


def test_the_demo_has_orders_in_every_state(db: Database, demo: Actor) -> None:
    with db.read() as session:
        states = dict(
            session.execute(select(SalesOrder.status, func.count()).group_by(SalesOrder.status)).all()
        )
        backorders = session.execute(
            select(func.count()).where(SalesOrder.backorder_of.is_not(None))
        ).scalar_one()
        reserved = session.execute(select(func.count()).select_from(StockReservation)).scalar_one()
        returns = session.execute(select(func.count()).select_from(SalesReturn)).scalar_one()
    every = {status.value for status in OrderStatus} - {OrderStatus.INVOICED.value}  # finance invoices
    assert every <= set(states)
    assert backorders >= 1 and reserved > 0 and returns == 1


def test_the_history_sells_through_orders_not_goods_issues(db: Database, demo: Actor) -> None:
    with db.read() as session:
        sold = session.execute(select(func.count()).where(StockMove.doc_kind == "sales_order")).scalar_one()
        issued = session.execute(select(func.count()).where(StockOperation.kind == "issue")).scalar_one()
        reasons = set(
            session.execute(select(StockOperation.reason).where(StockOperation.kind == "issue")).scalars()
        )
    assert sold > 10 * issued  # a few gifts and samples stay goods issues
    assert "Venda balcão" not in reasons


def test_customers_and_prices_look_like_a_distributors(db: Database, demo: Actor) -> None:
    with db.read() as session:
        customers = session.execute(select(Customer)).scalars().all()
        items = session.execute(select(func.count()).select_from(PriceTableItem)).scalar_one()
        breaks = session.execute(select(func.count()).select_from(PriceBreak)).scalar_one()
        promotions = session.execute(select(func.count()).select_from(Promotion)).scalar_one()
    assert len(customers) == 60
    assert all(cnpj.is_valid(c.tax_id) or cpf.is_valid(c.tax_id) for c in customers)
    assert any(len(c.tax_id) == 11 for c in customers)  # a bar owned by a person
    assert all(c.delivery_weekdays and c.delivery_note.startswith("Rota") for c in customers)
    assert items > 0 and breaks >= 3 and promotions == 1


def test_processing_times_spread_over_hours_and_days(db: Database, demo: Actor) -> None:
    today = utcnow().date()
    report = processing_time(db, demo, today - timedelta(days=130), today, Grouping.WEEK)
    ship = report.overall.stages["ship"]
    assert ship.count > 100
    assert ship.median is not None and ship.p90 is not None
    assert 3600 <= ship.median < ship.p90 <= 4 * 86_400
    assert len(report.groups) >= 15
