"""The preview of every PDF bodesk makes: pages drawn with PDFium, then save, print or open elsewhere.

Pages are laid out as white placeholders of the right size and drawn only as they scroll into view,
one page per turn of the event loop, so a long document opens at once and scrolling stays smooth;
pages far from the view drop their pictures again. Printing draws each page as a picture at the
printer's resolution (at most PRINT_MAX_DPI) and is split into asking (`choose_printer`) and printing
(`print_to`), so tests print to a PDF file without a dialog.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped]
from PySide6.QtCore import QByteArray, QRect, QRectF, QSizeF, QStandardPaths, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QDesktopServices,
    QImage,
    QKeySequence,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPixmap,
    QResizeEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from bodesk.domain.common.errors import UserError
from bodesk.i18n import _
from bodesk.ui.widgets import messages
from bodesk.ui.widgets.calls import run_service
from bodesk.ui.widgets.icons import icon
from bodesk.ui.widgets.list_view import layout_file, layout_settings

logger = logging.getLogger(__name__)

ZOOM_STEP = 1.25
ZOOM_RANGE = (0.25, 4.0)
PAGE_SPACING = 12
PRINT_MAX_DPI = 300
_KEEP_PAGES = 3  # pages kept drawn beyond those in view, either side


def render_page(document: pdfium.PdfDocument, index: int, width_px: int) -> QImage:
    """Page `index` drawn `width_px` pixels wide (height in proportion), white background."""
    page = document[index]
    try:
        scale = (width_px - 1e-6) / page.get_width()  # PDFium rounds the width up
        bitmap = page.render(scale=scale, prefer_bgrx=True, rev_byteorder=True)
        try:
            image = QImage(
                bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGBX8888
            ).copy()
        finally:
            bitmap.close()
    finally:
        page.close()
    return image


class _PageView(QLabel):
    """One page: a white sheet of the page's proportions, with its picture once drawn."""

    def __init__(self, index: int, size_pt: tuple[float, float]) -> None:
        super().__init__()
        self.index = index
        self.size_pt = size_pt
        self.drawn_width = 0
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, Qt.GlobalColor.white)
        self.setPalette(palette)

    def set_width(self, width: int) -> None:
        height = round(width * self.size_pt[1] / self.size_pt[0])
        self.setFixedSize(width, height)

    def forget(self) -> None:
        self.clear()
        self.drawn_width = 0


class PdfPreviewDialog(QDialog):
    """A PDF's pages, fitted to the width and zoomable, with Save as…, Print…, Open and Close."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        try:  # read into memory: the file stays free to be moved or deleted (Windows locks open files)
            self._document = pdfium.PdfDocument(self.path.read_bytes())
        except (OSError, pdfium.PdfiumError) as exc:
            raise UserError(
                _("“{file}” could not be opened as a PDF.").format(file=self.path.name),
                code="preview.unreadable_pdf",
            ) from exc
        self._released = False
        self.zoom = 1.0
        self.setWindowTitle(_("{file} – Preview").format(file=self.path.name))
        self.pages = [
            _PageView(index, self._document.get_page_size(index)) for index in range(len(self._document))
        ]
        self._render_timer = QTimer(self, singleShot=True, interval=0)
        self._render_timer.timeout.connect(self._render_next)
        self._build()
        self._restore_geometry()

    def _build(self) -> None:
        self.zoom_out_button = self._button(
            _("Zoom out"), None, self.zoom_out, "Ctrl+-", QKeySequence.StandardKey.ZoomOut
        )
        self.zoom_label = QLabel()
        self.zoom_in_button = self._button(
            _("Zoom in"), None, self.zoom_in, "Ctrl+=", QKeySequence.StandardKey.ZoomIn
        )
        self.fit_button = self._button(_("Fit width"), None, self.fit_width, "Ctrl+0")
        self.page_label = QLabel()
        tools = QHBoxLayout()
        for widget in (self.zoom_out_button, self.zoom_label, self.zoom_in_button, self.fit_button):
            tools.addWidget(widget)
        tools.addStretch(1)
        tools.addWidget(self.page_label)

        sheet = QWidget()
        column = QVBoxLayout(sheet)
        column.setSpacing(PAGE_SPACING)
        column.setContentsMargins(PAGE_SPACING, PAGE_SPACING, PAGE_SPACING, PAGE_SPACING)
        for page in self.pages:
            column.addWidget(page, 0, Qt.AlignmentFlag.AlignHCenter)
        self.view = QScrollArea()
        self.view.setWidget(sheet)
        self.view.setWidgetResizable(True)
        self.view.setBackgroundRole(QPalette.ColorRole.Dark)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)  # no width flip-flop
        self.view.verticalScrollBar().valueChanged.connect(self._view_moved)
        self.view.horizontalScrollBar().valueChanged.connect(self._view_moved)

        self.save_button = self._button(_("&Save as…"), "save", self.save_as, QKeySequence.StandardKey.Save)
        self.print_button = self._button(_("&Print…"), "report", self.print_document, "Ctrl+P")
        self.open_button = self._button(_("&Open with the system viewer"), "open", self.open_external)
        self.close_button = self._button(_("Close"), "close", self.reject)
        buttons = QHBoxLayout()
        for button in (self.save_button, self.print_button, self.open_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self._layout_pages()

    def _button(
        self,
        text: str,
        icon_name: str | None,
        slot: Callable[[], object],
        *keys: QKeySequence.StandardKey | str,
    ) -> QPushButton:
        """A button that never takes Enter, with shortcuts (each key sequence bound once: two
        shortcuts on the same keys would cancel each other out as ambiguous)."""
        button = QPushButton(icon(icon_name), text) if icon_name else QPushButton(text)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        sequences: dict[str, QKeySequence] = {}
        for key in keys:
            bound = QKeySequence.keyBindings(key) if isinstance(key, QKeySequence.StandardKey) else [key]
            for sequence in map(QKeySequence, bound):
                sequences.setdefault(sequence.toString(), sequence)
        for sequence in sequences.values():
            QShortcut(sequence, self, slot)
        if sequences:
            shown = next(iter(sequences.values())).toString(QKeySequence.SequenceFormat.NativeText)
            button.setToolTip(f"{text.replace('&', '').rstrip('…')} ({shown})")
        return button

    def page_count(self) -> int:
        return len(self.pages)

    def current_page(self) -> int:
        """The page at the middle of the view, from 0."""
        middle = self.view.verticalScrollBar().value() + self.view.viewport().height() // 2
        current = 0
        for page in self.pages:
            if page.y() <= middle:
                current = page.index
        return current

    def page_width(self) -> int:
        """How wide pages are shown at this zoom: the view's width at 100 %."""
        available = self.view.viewport().width() - 2 * PAGE_SPACING
        return max(50, round(available * self.zoom))

    # --- zoom and lazy drawing ------------------------------------------------------------------
    def set_zoom(self, zoom: float) -> None:
        self.zoom = min(max(zoom, ZOOM_RANGE[0]), ZOOM_RANGE[1])
        self._layout_pages()

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom / ZOOM_STEP)

    def fit_width(self) -> None:
        self.set_zoom(1.0)

    def _layout_pages(self) -> None:
        width = self.page_width()
        for page in self.pages:
            page.set_width(width)
        self.zoom_label.setText(f"{round(self.zoom * 100)}%")
        self.zoom_in_button.setEnabled(self.zoom < ZOOM_RANGE[1])
        self.zoom_out_button.setEnabled(self.zoom > ZOOM_RANGE[0])
        self._view_moved()

    def _view_moved(self, *_args: object) -> None:
        self.page_label.setText(
            _("Page {page} of {pages}").format(page=self.current_page() + 1, pages=self.page_count())
        )
        self._render_timer.start()

    def _visible_range(self) -> tuple[int, int]:
        """First and last page (from 0) that show in the view, or (0, -1) when none does."""
        top = self.view.verticalScrollBar().value()
        view = QRect(0, top, 1 << 30, self.view.viewport().height())
        shown = [page.index for page in self.pages if page.geometry().intersects(view)]
        return (shown[0], shown[-1]) if shown else (0, -1)

    def _render_next(self) -> None:
        """Draw one page that is in view (or next to it) and out of date, then come back for more."""
        if not self.isVisible() or self._released:
            return
        first, last = self._visible_range()
        width = self.page_width()
        wanted = range(first, min(last + 2, self.page_count()))  # in view, and the next one
        for page in self.pages:
            near = first - _KEEP_PAGES <= page.index <= last + _KEEP_PAGES
            if page.drawn_width and (not near or (page.drawn_width != width and page.index not in wanted)):
                page.forget()
        for index in wanted:
            page = self.pages[index]
            if page.drawn_width != width:
                self._draw(page, width)
                self._render_timer.start()
                return

    def _draw(self, page: _PageView, width: int) -> None:
        ratio = self.devicePixelRatioF()
        image = render_page(self._document, page.index, round(width * ratio))
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(ratio)
        page.setPixmap(pixmap)
        page.drawn_width = width

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._layout_pages()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._layout_pages()

    # --- actions -----------------------------------------------------------------------------------
    def choose_save_path(self) -> Path | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = Path(folder or Path.home()) / self.path.name
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Save as"), str(suggested), _("PDF documents (*.pdf)")
        )
        if not chosen:
            return None
        target = Path(chosen)
        return target if target.suffix.lower() == ".pdf" else target.with_name(target.name + ".pdf")

    def save_as(self) -> None:
        target = self.choose_save_path()
        if target is not None:
            self.save_to(target)

    def save_to(self, target: Path) -> bool:
        """Copy the document to `target`; a failure is told to the person, not raised."""
        try:
            if target.exists() and target.resolve() == self.path.resolve():
                return True
            shutil.copyfile(self.path, target)
        except OSError as exc:
            messages.show_warning(
                self,
                _("Save as"),
                _("The document could not be saved as “{file}”: {reason}").format(
                    file=target, reason=exc.strerror or exc
                ),
            )
            return False
        return True

    def choose_printer(self) -> QPrinter | None:
        """Ask which printer and pages; None when the person cancels."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        width, height = self._document.get_page_size(0)
        size = QPageSize(
            QSizeF(width, height), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch
        )
        printer.setPageSize(size)
        landscape = width > height
        printer.setPageOrientation(
            QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
        )
        printer.setDocName(self.path.stem)
        printer.setFromTo(1, self.page_count())
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.page_count())
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return printer

    def print_document(self) -> None:
        printer = self.choose_printer()
        if printer is not None:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Print the chosen pages (all when no range was chosen) on `printer`; returns how many."""
        first, last = 0, self.page_count() - 1
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            first = printer.fromPage() - 1
            last = min(max(printer.toPage() - 1, first), last)
        printer.setFullPage(True)  # the PDF has its own margins
        dpi = min(printer.resolution(), PRINT_MAX_DPI)
        painter = QPainter()
        if not painter.begin(printer):
            messages.show_warning(self, _("Print"), _("The printer could not be started."))
            return 0
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            for index in range(first, last + 1):
                if index > first:
                    printer.newPage()
                width_pt, _height = self._document.get_page_size(index)
                image = render_page(self._document, index, round(width_pt / 72 * dpi))
                paper = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
                scale = min(paper.width() / image.width(), paper.height() / image.height())
                target = QRectF(0, 0, image.width() * scale, image.height() * scale)
                target.moveCenter(paper.center())
                painter.drawImage(target, image)
        finally:
            painter.end()
            QApplication.restoreOverrideCursor()
        return last - first + 1

    def open_external(self) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path))):
            messages.show_warning(
                self, _("Open"), _("No program to open PDF documents was found on this computer.")
            )

    # --- window size -----------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        self._layout_file = layout_file()
        geometry = layout_settings(self._layout_file).value("pdf_preview/geometry")
        if isinstance(geometry, QByteArray | bytes) and self.restoreGeometry(QByteArray(geometry)):
            return
        screen = self.screen().availableGeometry()
        self.resize(min(900, screen.width()), min(1000, screen.height()))

    def _save_geometry(self) -> None:
        settings = layout_settings(self._layout_file)
        settings.setValue("pdf_preview/geometry", self.saveGeometry())
        settings.sync()

    def done(self, result: int) -> None:
        """Closing the preview ends it: the pictures and the document are let go."""
        if not self._released:
            self._released = True
            self._render_timer.stop()
            self._save_geometry()
            for page in self.pages:
                page.forget()
            self._document.close()
        super().done(result)


def show_pdf(parent: QWidget | None, path: Path) -> PdfPreviewDialog | None:
    """Open the preview of `path` beside the window (not modal); None if it could not be read."""
    opened = run_service(parent, lambda _confirmed: PdfPreviewDialog(path, parent))
    if not opened.ok:
        return None
    dialog = opened.value
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
