"""Sales by product, customer, rep, category or month (cost and margin only for the roles that see
costs), order processing time, and a rep's commission statement, on a small week of sales."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from bodesk import i18n
from bodesk.domain.access.actor import Actor
from bodesk.domain.sales.permissions import COMMISSIONS_VIEW
from bodesk.reports.sales_commissions import write_commission_statement
from bodesk.reports.sales_processing import duration_text, write_processing_time
from bodesk.reports.sales_report import write_sales_report
from bodesk.store.engine import Database
from tests.builders.sales_desk import SalesDesk, build_sales_desk
from tests.helpers.pdf import pdf_pages
from tests.helpers.refusals import denied

TODAY = date.today()
START = TODAY - timedelta(days=7)


@pytest.fixture
def desk(db: Database, owner: Actor) -> SalesDesk:
    return build_sales_desk(db, owner)


def test_sales_by_product_with_costs_for_the_owner(
    db: Database, owner: Actor, desk: SalesDesk, tmp_path: Path
) -> None:
    (page,) = pdf_pages(write_sales_report(db, owner, tmp_path / "s.pdf", START, TODAY, "product"))

    # shipped: a case of beer (42.00) and 4 cases of water (43.20); back: one case of water (10.80)
    for expected in ("Sales by product", "CERV-350", "AGUA-500", "R$42.00", "R$32.40", "R$74.40", "Margin"):
        assert expected in page, expected


def test_a_sales_role_sees_no_cost_nor_margin(
    db: Database, desk: SalesDesk, make_user: Callable[..., Actor], tmp_path: Path
) -> None:
    (page,) = pdf_pages(
        write_sales_report(db, make_user("sales"), tmp_path / "s.pdf", START, TODAY, "customer")
    )

    assert "Mercadinho Boa Vista Eireli" in page and "R$74.40" in page
    assert "Margin" not in page and "Cost" not in page.replace("Costs and margins", "")


@pytest.mark.parametrize("by", ["rep", "category", "month"])
def test_every_grouping_in_portuguese(
    db: Database, owner: Actor, desk: SalesDesk, tmp_path: Path, by: str
) -> None:
    i18n.set_language("pt_BR")

    (page,) = pdf_pages(write_sales_report(db, owner, tmp_path / "s.pdf", START, TODAY, by))

    assert "Vendas por" in page and "R$ 74,40" in page.replace("\xa0", " ")


def test_processing_time_per_rep_and_the_slowest_orders(
    db: Database, owner: Actor, desk: SalesDesk, tmp_path: Path
) -> None:
    pages = pdf_pages(write_processing_time(db, owner, tmp_path / "p.pdf", START, TODAY, "rep"))

    shown = " ".join(pages)
    assert "Order processing time" in shown and "Ana Souza" in shown and "All orders" in shown
    assert "The slowest orders" in shown and "to delivery" in shown  # order 4 got as far as delivery


def test_durations_read_as_a_person_says_them() -> None:
    assert [duration_text(s) for s in (None, 59, 3 * 60, 2 * 3600 + 5 * 60, 86400 + 4 * 3600)] == [
        "", "0 min", "3 min", "2 h 5 min", "1 d 4 h",
    ]  # fmt: skip


def test_the_commission_statement(db: Database, owner: Actor, desk: SalesDesk, tmp_path: Path) -> None:
    (page,) = pdf_pages(write_commission_statement(db, owner, tmp_path / "c.pdf", desk.rep, START, TODAY))

    for expected in ("Commission statement", "Ana Souza", "Sales order 4", "Return 1", "-R$10.80", "R$2.24"):
        assert expected in page, expected


def test_a_sales_role_may_not_print_commissions(
    db: Database, desk: SalesDesk, make_user: Callable[..., Actor], tmp_path: Path
) -> None:
    with denied(COMMISSIONS_VIEW):
        write_commission_statement(db, make_user("sales"), tmp_path / "c.pdf", desk.rep, START, TODAY)
    assert not (tmp_path / "c.pdf").exists()
