"""The report foundation: the page template, fonts, tables and the all-or-nothing build, read back
from the PDF itself with PDFium (page count, text, metadata, images)."""

from __future__ import annotations

import gettext
import struct
import zlib
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, PageBreak

from bodesk import i18n
from bodesk.domain.access.actor import Actor
from bodesk.reports.base import (
    ReportHeader,
    build_pdf,
    gap,
    header_for,
    heading,
    printable,
    report_fonts,
    text,
)
from bodesk.reports.tables import (
    ReportColumn,
    data_table,
    format_value,
    key_value_block,
    signature_lines,
)
from bodesk.store.engine import Database

# Strings this module added that the Portuguese catalog may not translate yet: the real catalog wins.
PENDING_PT = {
    "Page {page} of {pages}": "Página {page} de {pages}",
    "Generated on {date} by {user}": "Gerado em {date} por {user}",
    "Nothing to show.": "Nada a mostrar.",
}
COLUMNS = [
    ReportColumn("Código", "text", 1),
    ReportColumn("Produto", "text", 3),
    ReportColumn("Validade", "date", 1.2),
    ReportColumn("Quantidade", "quantity", 1.2, places=3),
    ReportColumn("Valor", "money", 1.5),
]


class _WithPending(gettext.NullTranslations):
    def __init__(self, catalog: gettext.NullTranslations) -> None:
        super().__init__()
        self._catalog = catalog

    def gettext(self, message: str) -> str:
        translated = self._catalog.gettext(message)
        return translated if translated != message else PENDING_PT.get(message, message)


@pytest.fixture
def portuguese(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    i18n.set_language("pt_BR")
    monkeypatch.setattr(i18n, "_translations", _WithPending(i18n._translations))
    yield


def tiny_png(width: int = 4, height: int = 2) -> bytes:
    """A real RGB PNG made by hand (no Qt, no Pillow)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes([200, 40, 40]) * width for _row in range(height))
    head = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", head)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def make_header(**changes: object) -> ReportHeader:
    values: dict[str, object] = {
        "company_name": "Distribuidora São João Ltda.",
        "tax_id": "11.222.333/0001-81",
        "address": "Rua das Flores, 100 – Centro – Campinas/SP",
        "title": "Disponibilidade de estoque",
        "subtitle": "Depósito: todos • Categoria: “Cervejas”",
        "generated_at": datetime(2025, 3, 5, 14, 30, tzinfo=UTC),
        "generated_by": "Dona Maria Conceição",
        "logo": tiny_png(),
    }
    values.update(changes)
    return ReportHeader(**values)  # type: ignore[arg-type]


def page_texts(path: Path) -> list[str]:
    """Each page's text, with no-break spaces read as plain spaces."""
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


def two_page_story() -> list[Flowable]:
    rows = [
        (
            "C001",
            "Cerveja Pilsen “Especial” lata 350 ml – caixa com 12",
            date(2025, 4, 1),
            Decimal("12"),
            None,
        ),
        ("C002", "Guaraná açaí", date(2025, 5, 2), Decimal("1.5"), Decimal("1234.56")),
    ]
    return [
        heading("Resumo da ação"),
        key_value_block([("Fornecedor", "Bebidas Itaú S.A."), ("Prazo", "30 dias")]),
        gap(),
        *data_table(COLUMNS, [("Cervejas",), *rows], group_rows=[0]),
        PageBreak(),
        heading("Totais"),
        *data_table(COLUMNS, rows, totals=("Total", None, None, Decimal("13.5"), Decimal("2469.12"))),
        signature_lines(["Contado por", "Conferido por"]),
    ]


def test_a_two_page_report_in_portuguese(portuguese: None, tmp_path: Path) -> None:
    target = build_pdf(tmp_path / "estoque.pdf", make_header(), two_page_story())

    assert target == tmp_path / "estoque.pdf"
    assert target.read_bytes().startswith(b"%PDF-")
    first, second = page_texts(target)
    when = i18n.format_datetime(make_header().generated_at)  # 05/03/2025 14:30 in the local time zone
    for page in (first, second):
        assert "Distribuidora São João Ltda." in page
        assert "CNPJ 11.222.333/0001-81" in page
        assert "Disponibilidade de estoque" in page
        assert f"Gerado em {when} por Dona Maria Conceição" in page
    assert "Página 1 de 2" in first
    assert "Página 2 de 2" in second
    assert "Depósito: todos • Categoria: “Cervejas”" in first
    assert "R$ 1.234,56" in first
    assert "1,500" in first and "12,000" in first and "01/04/2025" in first
    assert "R$ 2.469,12" in second and "13,500" in second


def test_the_footer_speaks_english_when_the_language_is_english(tmp_path: Path) -> None:
    target = build_pdf(tmp_path / "stock.pdf", make_header(), two_page_story())

    first, second = page_texts(target)
    assert "Page 1 of 2" in first
    assert "Page 2 of 2" in second
    when = i18n.format_datetime(make_header().generated_at).replace("\u202f", " ")  # printed as a space
    assert f"Generated on {when} by Dona Maria Conceição" in first
    assert "R$1,234.56" in first


def test_the_pdf_carries_its_title_author_and_subject(tmp_path: Path) -> None:
    target = build_pdf(tmp_path / "stock.pdf", make_header(), [text("Olá")])

    document = pdfium.PdfDocument(target)
    metadata = document.get_metadata_dict()
    document.close()
    assert metadata["Title"] == "Disponibilidade de estoque"
    assert metadata["Author"] == "bodesk"
    assert metadata["Subject"] == "Depósito: todos • Categoria: “Cervejas”"


def _image_count(path: Path) -> int:
    document = pdfium.PdfDocument(path)
    page = document[0]
    count = sum(1 for _obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))
    page.close()
    document.close()
    return count


def test_the_logo_is_drawn_and_a_broken_one_is_left_out(tmp_path: Path) -> None:
    with_logo = build_pdf(tmp_path / "logo.pdf", make_header(), [text("a")])
    broken = build_pdf(tmp_path / "broken.pdf", make_header(logo=b"\x89PNG\r\n\x1a\nnot really"), [text("a")])
    without = build_pdf(tmp_path / "none.pdf", make_header(logo=None), [text("a")])

    assert _image_count(with_logo) == 1
    assert _image_count(broken) == 0
    assert "Distribuidora São João Ltda." in page_texts(broken)[0]
    assert _image_count(without) == 0


def test_landscape_pages_are_wider_than_tall(tmp_path: Path) -> None:
    target = build_pdf(tmp_path / "wide.pdf", make_header(), [text("a")], landscape=True)

    document = pdfium.PdfDocument(target)
    width, height = document.get_page_size(0)
    document.close()
    assert (round(width), round(height)) == (842, 595)


def test_an_empty_table_says_there_is_nothing_to_show(portuguese: None, tmp_path: Path) -> None:
    target = build_pdf(tmp_path / "vazio.pdf", make_header(), data_table(COLUMNS, []))

    (page,) = page_texts(target)
    assert "Nada a mostrar." in page
    assert "Quantidade" in page


class _Exploding(Flowable):
    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return avail_width, 10

    def draw(self) -> None:
        raise RuntimeError("broken flowable")


def test_a_failed_build_leaves_no_file(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="broken flowable"):
        build_pdf(tmp_path / "report.pdf", make_header(), [text("a"), _Exploding()])

    assert list(tmp_path.iterdir()) == []


def test_a_failed_build_keeps_the_older_file(tmp_path: Path) -> None:
    target = build_pdf(tmp_path / "report.pdf", make_header(), [text("first")])
    before = target.read_bytes()

    with pytest.raises(RuntimeError):
        build_pdf(target, make_header(), [_Exploding()])

    assert target.read_bytes() == before
    assert list(tmp_path.iterdir()) == [target]


def test_the_company_header_comes_from_the_company(db: Database, owner: Actor) -> None:
    header = header_for(db, owner, "Stock valuation", "Warehouse: all")

    assert header.company_name == "Distribuidora Teste Ltda."
    assert header.tax_id == "11.222.333/0001-81"
    assert header.address == "Campinas/SP"
    assert header.generated_by == "Dona Maria"
    assert header.currency == "BRL"
    assert (header.title, header.subtitle) == ("Stock valuation", "Warehouse: all")
    assert header.generated_at.tzinfo is not None


def test_values_are_formatted_by_their_column_kind(portuguese: None) -> None:
    quantity = ReportColumn("Qtd", "quantity")
    assert format_value(ReportColumn("V", "money"), Decimal("1234.56"), "BRL") == "R$\xa01.234,56"
    assert format_value(quantity, Decimal("12.000")) == "12"
    assert format_value(quantity, Decimal("1.500")) == "1,5"
    assert format_value(ReportColumn("Qtd", "quantity", places=3), Decimal("1.5")) == "1,500"
    assert format_value(ReportColumn("N", "number", places=2), 1234) == "1.234,00"
    assert format_value(ReportColumn("D", "date"), date(2025, 3, 5)) == "05/03/2025"
    assert format_value(ReportColumn("T"), None) == ""
    assert format_value(ReportColumn("V", "money"), "—") == "—"


def test_a_float_is_refused_as_a_figure() -> None:
    with pytest.raises(TypeError):
        format_value(ReportColumn("V", "money"), 1.1)


def test_rows_and_totals_must_match_the_columns() -> None:
    with pytest.raises(ValueError, match="row 0"):
        data_table(COLUMNS, [("only", "two")])
    with pytest.raises(ValueError, match="totals"):
        data_table(COLUMNS, [], totals=("Total",))


def test_the_font_has_the_portuguese_glyphs() -> None:
    fonts = report_fonts()
    face = pdfmetrics.getFont(fonts.regular).face
    assert fonts.regular == "BodeskSans"
    assert {ord(char) for char in "“”‘’•çãéêõáíóúÇÃÉ–—…º€R$"} <= set(face.charToGlyph)


def test_characters_the_font_lacks_are_replaced() -> None:
    assert printable("2:30\u202fPM") == "2:30\xa0PM"
    assert printable("a\u2011b\u200bc") == "a-bc"
    assert printable("Conceição “ok”") == "Conceição “ok”"


def test_progress_is_told_page_by_page_and_a_cancel_leaves_no_file(tmp_path: Path) -> None:
    from bodesk.domain.demo import Cancelled

    heard: list[float] = []
    build_pdf(tmp_path / "told.pdf", make_header(), two_page_story(), progress=lambda _t, f: heard.append(f))
    assert heard and heard[-1] == 1.0 and heard == sorted(heard)

    def cancel_on_the_second_page(_text: str, _fraction: float) -> None:
        if len(heard) > 3:
            raise Cancelled("Cancelled.")
        heard.append(0)

    heard.clear()
    with pytest.raises(Cancelled):
        build_pdf(
            tmp_path / "report.pdf", make_header(), two_page_story(), progress=cancel_on_the_second_page
        )
    assert not (tmp_path / "report.pdf").exists()
    assert [path.name for path in tmp_path.iterdir()] == ["told.pdf"]
