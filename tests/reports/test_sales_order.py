"""The quote and the order confirmation: the customer with its addresses, the lines with packaging,
price and discount, the total and the payment term; a quote and a cancelled order say what they are."""

from __future__ import annotations

from pathlib import Path

import pytest

from bodesk import i18n
from bodesk.domain.access.actor import Actor
from bodesk.reports.sales_order import write_sales_order
from bodesk.store.engine import Database
from tests.builders.sales_desk import SalesDesk, build_sales_desk
from tests.helpers.pdf import pdf_pages


@pytest.fixture
def desk(db: Database, owner: Actor) -> SalesDesk:
    return build_sales_desk(db, owner)


def test_a_quote_is_titled_and_marked_as_one(
    db: Database, owner: Actor, desk: SalesDesk, tmp_path: Path
) -> None:
    (page,) = pdf_pages(write_sales_order(db, owner, desk.orders["quote"], tmp_path / "quote.pdf"))

    for expected in (
        "Quote 1",
        "QUOTE",
        "BARZE Bar do Zé",
        "30.000.001/0001-",
        "Rua dos Fundos, 12, galpão 2",
        "Caixa 12",
        "42.00",
        "10.58",  # 10.80 less 2 %
        "2.00",
        "R$84.00",
        "R$31.74",
        "R$115.74",
        "28/35 dias",
        "Ana Souza",
        "Entregar pelos fundos",
    ):
        assert expected in page, expected


def test_a_confirmed_order_in_portuguese(db: Database, owner: Actor, desk: SalesDesk, tmp_path: Path) -> None:
    i18n.set_language("pt_BR")

    (page,) = pdf_pages(write_sales_order(db, owner, desk.orders["confirmed"], tmp_path / "order.pdf"))

    assert "Pedido de venda 2" in page and "Pedido do fim de semana" in page
    assert "R$ 147,60" in page.replace("\xa0", " ")  # 3 × 42,00 + 2 × 10,80


def test_a_cancelled_order_says_so(db: Database, owner: Actor, desk: SalesDesk, tmp_path: Path) -> None:
    (page,) = pdf_pages(write_sales_order(db, owner, desk.orders["cancelled"], tmp_path / "order.pdf"))

    assert "CANCELLED" in page and "This order was cancelled: Cliente desistiu" in page
