"""The picking list: one section per warehouse, lines by bin with lots and expiry, quantities in
packages and units, and where each order goes with its delivery note."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from bodesk import i18n
from bodesk.domain.access.actor import Actor
from bodesk.domain.sales.reports_data import PickLine, PickList
from bodesk.reports.base import ReportHeader, build_pdf
from bodesk.reports.sales_picking import picking_story, write_picking_list
from bodesk.store.engine import Database
from tests.builders.sales_desk import NOTE, SalesDesk, build_sales_desk
from tests.helpers.pdf import pdf_pages
from tests.helpers.refusals import refused


@pytest.fixture
def desk(db: Database, owner: Actor) -> SalesDesk:
    return build_sales_desk(db, owner)


def test_one_section_per_warehouse_by_bin_with_lots(
    db: Database, owner: Actor, desk: SalesDesk, tmp_path: Path
) -> None:
    orders = [desk.orders["confirmed"], desk.orders["both"]]

    pages = pdf_pages(write_picking_list(db, owner, orders, tmp_path / "pick.pdf"))

    first, second = pages
    assert "Warehouse CD1 · Orders 2, 3" in first and "Warehouse CD2 · Order 3" in second
    assert first.index("CD1/A-01") < first.index("CD1/B-02")
    for expected in ("L2702B", "L2611A", "Caixa 12 (12 un)", "AGUA-500", "BARZE Bar do Zé", "Mon, Wed, Fri"):
        assert expected in first, expected
    assert " ".join(NOTE.split()[:4]) in first
    assert "SUCO-UVA-1L" in second and "SUCO-UVA-1L" not in first
    assert "Doca 3, das 7h às 11h." in second


def test_in_portuguese(db: Database, owner: Actor, desk: SalesDesk, tmp_path: Path) -> None:
    i18n.set_language("pt_BR")

    (page,) = pdf_pages(write_picking_list(db, owner, [desk.orders["confirmed"]], tmp_path / "pick.pdf"))

    assert "Lista de separação" in page and "Depósito CD1 · Pedido 2" in page
    assert "Seg, Qua, Sex" in page


def test_an_order_that_reserves_nothing_is_refused_by_its_state(
    db: Database, owner: Actor, desk: SalesDesk, tmp_path: Path
) -> None:
    with refused("sales_order.nothing_to_pick") as refusal:
        write_picking_list(db, owner, [desk.orders["quote"]], tmp_path / "pick.pdf")

    assert "(Quote) holds no reserved stock, so there is nothing to pick" in refusal.value.message
    assert not (tmp_path / "pick.pdf").exists()


def test_a_long_batch_is_counted_in_the_headings(tmp_path: Path) -> None:
    numbers = list(range(101, 141))
    line = PickLine(
        "CD1/A-01",
        "AGUA",
        "Água",
        "",
        None,
        Decimal(40),
        "un",
        "un",
        Decimal(1),
        ", ".join(map(str, numbers)),
    )
    header = ReportHeader("Bebidas Sul", "", "", "Picking list", datetime(2026, 1, 1, tzinfo=UTC), "Ana")
    story = picking_story([PickList("CD1", numbers, [line])], [], header)

    (page,) = pdf_pages(build_pdf(tmp_path / "pick.pdf", header, story, landscape=True))

    assert "Warehouse CD1 · 40 orders, 101 to 140" in page
