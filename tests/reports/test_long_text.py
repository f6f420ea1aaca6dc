"""Reports survive whatever text is stored: every cell, heading row and header line is bounded by one
mechanism (`fonts.fit_lines`), tried here with text far beyond any length the domain allows; and
codes, figures and titles are never broken inside a word."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest
from reportlab.platypus import Flowable

from bodesk import i18n
from bodesk.domain.purchasing.documents import OrderLineView, OrderView
from bodesk.domain.sales.commissions import CommissionLine, CommissionStatement
from bodesk.domain.sales.documents import OrderLineView as SalesOrderLineView
from bodesk.domain.sales.documents import OrderView as SalesOrderView
from bodesk.domain.sales.print_data import CustomerCard, OrderDocument, PickOrder
from bodesk.domain.sales.processing import STAGES, GroupFigures, Grouping, ProcessingReport, SlowOrder, Stat
from bodesk.domain.sales.reports_data import PickLine, PickList, SalesBy, SalesRow, SalesSummary
from bodesk.domain.stock.counts import CountInfo
from bodesk.domain.stock.counts_queries import SheetLine
from bodesk.domain.stock.reports_data import (
    Availability,
    AvailabilityGroup,
    AvailabilityRow,
    ExpiringLot,
    ExpiryReport,
    Valuation,
    ValuationGroup,
    ValuationRow,
)
from bodesk.reports.base import ReportHeader, build_pdf
from bodesk.reports.count_sheet import count_sheet_story
from bodesk.reports.expiry import expiry_story
from bodesk.reports.fonts import ELLIPSIS, fit_lines, report_fonts, text_width
from bodesk.reports.purchase_order import purchase_order_story
from bodesk.reports.sales_commissions import commission_story
from bodesk.reports.sales_order import sales_order_story
from bodesk.reports.sales_picking import picking_story
from bodesk.reports.sales_processing import processing_story
from bodesk.reports.sales_report import sales_story
from bodesk.reports.stock_availability import availability_story
from bodesk.reports.stock_valuation import valuation_story
from bodesk.reports.tables import ReportColumn, data_table

D = Decimal
NAME = "Refrigerante de guaraná com açaí lata 350 ml " * 90  # about 4,000 characters
CITY = "Campinas" * 625  # 5,000 characters without a space
WORD = "X" * 3000
FONT = "BodeskSans"


def huge_header(title: str = "Stock valuation") -> ReportHeader:
    return ReportHeader(
        company_name="Distribuidora " * 400,
        tax_id="11.222.333/0001-81",
        address=f"Rua das Flores, 100 – {CITY}/SP",
        contact="(19) 3232-0000 · " * 300,
        title=title * 200,
        subtitle=CITY,
        generated_at=datetime(2025, 3, 5, 14, 30, tzinfo=UTC),
        generated_by="Maria " * 1000,
    )


def page_texts(path: Path) -> list[str]:
    document = pdfium.PdfDocument(path)
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


def build(tmp_path: Path, story: list[Flowable]) -> list[str]:
    texts = page_texts(build_pdf(tmp_path / "long.pdf", huge_header(), story))
    assert ELLIPSIS in texts[0]
    return texts


@pytest.fixture(autouse=True)
def _fonts() -> None:
    report_fonts()


def test_a_text_that_fits_is_left_as_it_is() -> None:
    assert fit_lines("Água 500 mL", 200, FONT, 8) == ["Água 500 mL"]


def test_a_long_text_wraps_at_spaces_within_its_lines_and_ends_with_an_ellipsis() -> None:
    lines = fit_lines(NAME, 150, FONT, 8, lines=3)

    assert len(lines) == 3
    assert all(text_width(line, FONT, 8) <= 150 for line in lines)
    assert lines[0].startswith("Refrigerante de guaraná")
    assert lines[-1].endswith(ELLIPSIS) and not lines[0].endswith(ELLIPSIS)


def test_a_word_wider_than_the_line_is_cut_between_letters() -> None:
    lines = fit_lines(WORD, 100, FONT, 8, lines=2)

    assert len(lines) == 2 and lines[0].startswith("XX") and lines[1].endswith(ELLIPSIS)
    assert all(text_width(line, FONT, 8) <= 100 for line in lines)


def test_line_breaks_are_kept_and_counted() -> None:
    assert fit_lines("Portão 2\nfundos", 200, FONT, 8, lines=2) == ["Portão 2", "fundos"]
    assert fit_lines("a\nb\nc", 200, FONT, 8, lines=2) == ["a", "b" + ELLIPSIS]


def test_a_million_characters_cost_what_a_line_costs() -> None:
    lines = fit_lines("Cerveja " * 125_000, 300, FONT, 8, lines=1)

    assert len(lines) == 1 and lines[0].endswith(ELLIPSIS) and len(lines[0]) < 200


def test_a_table_cell_takes_at_most_its_column_lines() -> None:
    columns = [ReportColumn("SKU", "code", 1), ReportColumn("Product", width=4, lines=2)]
    (short,) = data_table(columns, [("C1", "Água")], width=400)
    (long,) = data_table(columns, [("C1", NAME)], width=400)

    width, short_height = short.wrap(500, 800)
    _width, long_height = long.wrap(500, 800)
    assert width == pytest.approx(400)
    assert long_height - short_height == pytest.approx(10)  # one more line of 10 points, not 90


def test_the_valuation_and_availability_survive_any_text(tmp_path: Path) -> None:
    valuation = Valuation(
        CITY,
        (
            ValuationGroup(
                CITY,
                (ValuationRow(1, WORD, NAME, WORD, D("12.5"), D("2.0167"), D("25.21")),),
                D("25.21"),
            ),
        ),
        D("25.21"),
    )
    availability = Availability(
        CITY, (AvailabilityGroup(NAME, (AvailabilityRow(1, WORD, NAME, WORD, D(5), D(0), D(5)),)),)
    )
    texts = build(tmp_path, valuation_story(valuation, huge_header()))
    assert "R$25.21" in " ".join(texts)
    texts = build(tmp_path, availability_story(availability, huge_header()))
    assert len(texts) == 1


def test_the_expiry_report_survives_any_text(tmp_path: Path) -> None:
    lot = ExpiringLot(1, WORD, NAME, WORD, date(2025, 3, 1), -4, D(3), WORD, D("1.5"), D("4.50"))
    report = ExpiryReport(date(2025, 3, 5), 30, CITY, (lot,), ())

    texts = build(tmp_path, expiry_story(report, huge_header()))

    assert "R$4.50" in " ".join(texts)


def order_line(code: str, name: str = "Água Mineral 500 mL", price: str = "18.90") -> OrderLineView:
    return OrderLineView(
        1, 1, "AGUA", name, "un", code, 1, "Caixa 12", D(12), D(2), D(24), D(price), D(2) * D(price),
        D(0), False, None,
    )  # fmt: skip


def order_view(lines: tuple[OrderLineView, ...], status: str = "sent", notes: str = "") -> OrderView:
    return OrderView(
        1, 7, status, 1, NAME, "20000007000150", NAME, NAME, NAME, CITY, "SP", 30, 1, "CD1", NAME, CITY,
        datetime(2025, 3, 5, tzinfo=UTC), NAME, None, None, sum((line.total for line in lines), D(0)),
        notes, "", lines,
    )  # fmt: skip


def test_the_purchase_order_survives_any_text(tmp_path: Path) -> None:
    order = order_view((order_line(WORD, NAME),), notes=NAME)

    texts = build(tmp_path, purchase_order_story(order, "BRL"))

    assert "R$37.80" in " ".join(texts)


def test_the_count_sheet_survives_any_text(tmp_path: Path) -> None:
    info = CountInfo(
        1, 3, 1, WORD, NAME, None, "", "open", datetime(2025, 3, 5, tzinfo=UTC), NAME, None, "",
        D(0), NAME, 1, 0,
    )  # fmt: skip
    line = SheetLine(WORD, NAME, WORD, WORD, NAME, WORD, date(2026, 1, 1), WORD, D(3))

    texts = build(tmp_path, count_sheet_story(info, [line], show_expected=True))

    assert len(texts) == 1


def test_codes_are_never_broken_and_prices_keep_one_number_of_places(tmp_path: Path) -> None:
    codes = ("UVA-6/2025-ABCDEF", "BR-PET-2L-0001")
    order = order_view((order_line(codes[0]), order_line(codes[1], price="10.3333")))
    path = build_pdf(tmp_path / "po.pdf", huge_header(), purchase_order_story(order, "BRL"))

    shown = page_texts(path)[0]
    for code in codes:
        assert code in shown
    assert "18.9000" in shown and "10.3333" in shown  # one price has more than cents: all show 4

    cents = order_view((order_line(codes[0]), order_line(codes[1], price="10.30")))
    shown = page_texts(build_pdf(tmp_path / "po2.pdf", huge_header(), purchase_order_story(cents, "BRL")))[0]
    assert "18.90" in shown and "18.9000" not in shown


def test_column_titles_are_never_broken_inside_a_word(tmp_path: Path) -> None:
    i18n.set_language("pt_BR")
    lot = ExpiringLot(1, "CV-1", "Cerveja", "L1", date(2025, 3, 1), -4, D(3), "un", D("1.5"), D("4.50"))
    report = ExpiryReport(date(2025, 3, 5), 30, "", (lot,), ())
    story = expiry_story(report, huge_header())
    words = {word for column in ("Dias restantes", "Quantidade", "Validade") for word in column.split()}

    shown = page_texts(build_pdf(tmp_path / "expiry.pdf", huge_header(), story))[0]

    lines = {line.strip() for line in shown.splitlines()}
    for word in words:
        assert any(word in line for line in lines), word


def build_wide(tmp_path: Path, story: list[Flowable]) -> list[str]:
    texts = page_texts(build_pdf(tmp_path / "wide.pdf", huge_header(), story, landscape=True))
    assert ELLIPSIS in texts[0]
    return texts


def test_the_picking_list_survives_any_text(tmp_path: Path) -> None:
    line = PickLine(WORD, WORD, NAME, WORD, date(2026, 1, 1), D(36), WORD, NAME, D(12), "1, 2")
    order = PickOrder(1, NAME, CITY, NAME, NAME, date(2026, 1, 2), NAME)

    texts = build_wide(tmp_path, picking_story([PickList(WORD, [1], [line, line])], [order], huge_header()))

    assert len(texts) == 1 and "36" in texts[0]


def test_the_sales_order_survives_any_text(tmp_path: Path) -> None:
    line = SalesOrderLineView(
        1, 1, 1, WORD, NAME, 1, NAME, D(12), D(2), D(24), D("42.00"), D("5.00"), D("39.90"), NAME, D("79.80"),
        D(0), None,
    )  # fmt: skip
    order = SalesOrderView(
        1, 7, "cancelled", 1, NAME, WORD, NAME, NAME, 1, WORD, date(2026, 1, 2), NAME, D("79.80"), D(0), D(24),
        D(0), datetime(2026, 1, 1, tzinfo=UTC), 3, [line],
    )  # fmt: skip
    card = CustomerCard(WORD, NAME, NAME, "30.000.001/0001-05", WORD, NAME, NAME, CITY, CITY, NAME, NAME)

    texts = build(tmp_path, sales_order_story(OrderDocument(order, card, WORD, None, NAME), "BRL"))

    assert "R$79.80" in " ".join(texts)


def test_the_sales_reports_survive_any_text(tmp_path: Path) -> None:
    start, end = date(2026, 1, 1), date(2026, 1, 31)
    row = SalesRow(WORD, NAME, D(3), D("25.21"), D("10.00"), D("15.21"))
    summary = SalesSummary(start, end, SalesBy.PRODUCT, [row], D("25.21"), D("10.00"))
    assert "R$25.21" in " ".join(build(tmp_path, sales_story(summary, huge_header())))

    stat = {stage: Stat(1, 4000, 9000) for stage in STAGES}
    slow = SlowOrder(1, NAME, datetime(2026, 1, 1, tzinfo=UTC), 9000, "invoice", "ship")
    report = ProcessingReport(
        start, end, Grouping.REP, GroupFigures(NAME, 1, stat), [GroupFigures(NAME, 1, stat)], [slow]
    )
    assert "2 h 30 min" in " ".join(build_wide(tmp_path, processing_story(report, huge_header())))

    line = CommissionLine(
        datetime(2026, 1, 1, tzinfo=UTC), NAME, NAME, NAME, D("10.00"), D("3.00"), D("0.30")
    )
    statement = CommissionStatement(NAME, start, end, [line])
    assert "R$0.30" in " ".join(build(tmp_path, commission_story(statement, huge_header())))
