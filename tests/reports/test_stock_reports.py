"""The three stock PDFs, read back with PDFium: pages, and the figures as a person reads them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest

from bodesk import i18n
from bodesk.domain.access.actor import Actor
from bodesk.reports.expiry import write_expiry
from bodesk.reports.stock_availability import write_stock_availability
from bodesk.reports.stock_valuation import write_stock_valuation
from bodesk.store.engine import Database
from tests.builders.catalogue import make_product
from tests.builders.shop import Shop, build_shop
from tests.builders.stock import stock_in


@pytest.fixture
def shop(db: Database, owner: Actor) -> Shop:
    return build_shop(db, owner)


def page_texts(path: Path) -> list[str]:
    document = pdfium.PdfDocument(path)
    try:
        texts = []
        for page in document:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range().replace("\xa0", " ").replace("\r\n", "\n"))
            textpage.close()
            page.close()
        return texts
    finally:
        document.close()


def one_line(texts: list[str]) -> str:
    return " ".join(" ".join(texts).split())


def test_valuation_in_portuguese(db: Database, owner: Actor, shop: Shop, tmp_path: Path) -> None:
    i18n.set_language("pt_BR")
    path = write_stock_valuation(db, owner, tmp_path / "valuation.pdf")
    texts = page_texts(path)
    assert len(texts) == 1
    found = one_line(texts)
    assert "R$ 1.040,40" in found  # the grand total
    assert "Cervejas · R$ 290,40" in found  # a category's value
    assert "2,0167" in found  # the beer's moving average cost
    assert "Página 1 de 1" in found


def test_valuation_of_one_warehouse(db: Database, owner: Actor, shop: Shop, tmp_path: Path) -> None:
    path = write_stock_valuation(db, owner, tmp_path / "cd2.pdf", shop.cd2.warehouse_id)
    found = one_line(page_texts(path))
    assert "CD2 – Deposito Sumare" in found
    assert "R$378.40" in found
    assert "AG-500" not in found


def test_availability_lists_categories_and_says_what_reserved_means(
    db: Database, owner: Actor, shop: Shop, tmp_path: Path
) -> None:
    path = write_stock_availability(db, owner, tmp_path / "availability.pdf")
    found = one_line(page_texts(path))
    for text in ("Aguas · 1 product, 1 available", "Cervejas", "Refrigerantes", "3 products, 3 available"):
        assert text in found
    assert "Reserved: quantities held for open sales orders." in found
    assert "nothing is reserved" in found
    assert "CV-LN600" not in found  # archived


def test_expiry_in_portuguese(db: Database, owner: Actor, shop: Shop, tmp_path: Path) -> None:
    i18n.set_language("pt_BR")
    path = write_expiry(db, owner, tmp_path / "expiry.pdf", days=30)
    found = one_line(page_texts(path))
    assert "R$ 48,40" in found and "R$ 242,00" in found and "R$ 290,40" in found
    assert "L2" in found and "L1" in found
    assert "-3" in found


def test_a_long_valuation_runs_over_pages(db: Database, owner: Actor, shop: Shop, tmp_path: Path) -> None:
    for number in range(150):
        product = make_product(db, owner, f"P{number:03d}", f"Item {number:03d}", category="Extra")
        stock_in(db, owner, product, shop.cd1.location_id, 1, "1.00")
    path = write_stock_valuation(db, owner, tmp_path / "long.pdf")
    texts = page_texts(path)
    assert len(texts) >= 3
    assert "Page 1 of" in texts[0]
    assert "$1,190.40" in texts[-1]  # 1,040.40 + 150 x 1.00, once, on the last page
    assert "SKU" in texts[1]  # the heading row repeats


def test_an_empty_expiry_report_says_so(db: Database, owner: Actor, shop: Shop, tmp_path: Path) -> None:
    from bodesk.domain.stock.operations import adjust_stock

    adjust_stock(db, owner, shop.beer, shop.a01, Decimal(-120), "vendido", lot_id=shop.lot1)
    adjust_stock(db, owner, shop.beer, shop.cd2.location_id, Decimal(-24), "descartado", lot_id=shop.lot2)
    path = write_expiry(db, owner, tmp_path / "none.pdf", days=7)
    found = one_line(page_texts(path))
    assert "Nothing to show." in found
    assert "Within 7 days" in found
