"""The PDF preview: pages drawn lazily, zoom, Save as, printing to a PDF printer, the system viewer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from reportlab.platypus import PageBreak

from bodesk.reports.base import ReportHeader, build_pdf, heading, text
from bodesk.ui.widgets import pdf_preview
from bodesk.ui.widgets.pdf_preview import PdfPreviewDialog, show_pdf
from tests.helpers.qt import ShownMessages, click


def make_pdf(path: Path, pages: int) -> Path:
    header = ReportHeader(
        company_name="Distribuidora São João Ltda.",
        tax_id="11.222.333/0001-81",
        address="Campinas/SP",
        title="Contagem de estoque",
        generated_at=datetime(2025, 3, 5, 14, 30, tzinfo=UTC),
        generated_by="Dona Maria",
    )
    story = []
    for number in range(1, pages + 1):
        story += [heading(f"Seção {number}"), text("Conteúdo da página " * 40)]
        if number < pages:
            story.append(PageBreak())
    return build_pdf(path, header, story)


@pytest.fixture
def two_pages(tmp_path: Path) -> Path:
    return make_pdf(tmp_path / "contagem.pdf", 2)


@pytest.fixture
def preview(qtbot: QtBot, show: Callable[[QWidget], QWidget], two_pages: Path) -> PdfPreviewDialog:
    dialog = PdfPreviewDialog(two_pages)
    show(dialog)
    qtbot.waitUntil(lambda: dialog.pages[0].drawn_width > 0)
    return dialog


def pdf_pages(path: Path) -> list[tuple[float, float]]:
    document = pdfium.PdfDocument(path)
    sizes = [document.get_page_size(index) for index in range(len(document))]
    document.close()
    return sizes


def test_the_preview_shows_the_pages_and_their_count(preview: PdfPreviewDialog) -> None:
    assert preview.page_count() == 2
    assert preview.page_label.text() == "Page 1 of 2"
    pixmap = preview.pages[0].pixmap()
    assert not pixmap.isNull()
    assert pixmap.deviceIndependentSize().width() == preview.page_width()
    assert "contagem.pdf" in preview.windowTitle()


def test_zoom_changes_the_drawn_width(qtbot: QtBot, preview: PdfPreviewDialog) -> None:
    fitted = preview.pages[0].drawn_width

    click(qtbot, preview.zoom_in_button)
    qtbot.waitUntil(lambda: preview.pages[0].drawn_width > fitted)
    zoomed = preview.pages[0].drawn_width
    assert zoomed == round((preview.view.viewport().width() - 24) * 1.25)
    assert preview.zoom_label.text() == "125%"

    qtbot.keyClick(preview, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(preview, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: preview.pages[0].drawn_width < fitted)
    qtbot.keyClick(preview, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: preview.pages[0].drawn_width == fitted)


def test_save_as_writes_a_copy(
    qtbot: QtBot, preview: PdfPreviewDialog, two_pages: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "saved" / "copia"
    chosen.parent.mkdir()
    monkeypatch.setattr(pdf_preview.QFileDialog, "getSaveFileName", lambda *_args: (str(chosen), ""))

    click(qtbot, preview.save_button)

    assert (tmp_path / "saved" / "copia.pdf").read_bytes() == two_pages.read_bytes()


def test_save_as_cancelled_writes_nothing(
    qtbot: QtBot, preview: PdfPreviewDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = sorted(tmp_path.rglob("*"))
    monkeypatch.setattr(pdf_preview.QFileDialog, "getSaveFileName", lambda *_args: ("", ""))

    click(qtbot, preview.save_button)

    assert sorted(tmp_path.rglob("*")) == before


def test_a_save_that_fails_is_told_and_writes_nothing(
    preview: PdfPreviewDialog, tmp_path: Path, shown: ShownMessages
) -> None:
    target = tmp_path / "missing-folder" / "copia.pdf"

    assert preview.save_to(target) is False

    assert not target.exists()
    assert len(shown.warnings) == 1 and "could not be saved" in shown.warnings[0]


def test_printing_sends_every_page_to_the_printer(preview: PdfPreviewDialog, tmp_path: Path) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setResolution(96)

    assert preview.print_to(printer) == 2

    sizes = pdf_pages(tmp_path / "printed.pdf")
    assert len(sizes) == 2
    assert all(abs(width - 595) < 2 and abs(height - 842) < 2 for width, height in sizes)


def test_printing_a_page_range(preview: PdfPreviewDialog, tmp_path: Path) -> None:
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "second.pdf"))
    printer.setResolution(72)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 2)

    assert preview.print_to(printer) == 1

    assert len(pdf_pages(tmp_path / "second.pdf")) == 1


def test_open_hands_the_file_to_the_system_viewer(
    qtbot: QtBot,
    preview: PdfPreviewDialog,
    two_pages: Path,
    monkeypatch: pytest.MonkeyPatch,
    shown: ShownMessages,
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(pdf_preview.QDesktopServices, "openUrl", lambda url: opened.append(url) or True)

    click(qtbot, preview.open_button)

    assert [url.toLocalFile() for url in opened] == [str(two_pages)]
    assert shown.warnings == []


def test_no_system_viewer_is_told(
    qtbot: QtBot, preview: PdfPreviewDialog, monkeypatch: pytest.MonkeyPatch, shown: ShownMessages
) -> None:
    monkeypatch.setattr(pdf_preview.QDesktopServices, "openUrl", lambda _url: False)

    click(qtbot, preview.open_button)

    assert len(shown.warnings) == 1


def test_escape_closes_the_preview(qtbot: QtBot, preview: PdfPreviewDialog) -> None:
    qtbot.keyClick(preview, Qt.Key.Key_Escape)

    assert not preview.isVisible()


def test_a_long_document_draws_only_the_pages_in_view(
    qtbot: QtBot, show: Callable[[QWidget], QWidget], tmp_path: Path
) -> None:
    dialog = PdfPreviewDialog(make_pdf(tmp_path / "long.pdf", 30))
    show(dialog)
    qtbot.waitUntil(lambda: dialog.pages[0].drawn_width > 0)
    qtbot.wait(50)
    assert dialog.page_count() == 30
    assert [page.index for page in dialog.pages if page.drawn_width] == [0, 1]

    bar = dialog.view.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: dialog.pages[29].drawn_width > 0)
    assert dialog.pages[0].drawn_width == 0
    assert dialog.page_label.text() == "Page 30 of 30"


def test_show_pdf_opens_the_preview_without_blocking(qtbot: QtBot, two_pages: Path) -> None:
    dialog = show_pdf(None, two_pages)

    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and not dialog.isModal()
    dialog.close()


def test_a_file_that_is_not_a_pdf_is_told(tmp_path: Path, shown: ShownMessages) -> None:
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"not a pdf at all")

    assert show_pdf(None, junk) is None

    assert shown.codes() == ["preview.unreadable_pdf"]
