"""The one page template and paragraph styles every bodesk PDF uses, and its small building blocks.

A report gets a `ReportHeader` (usually from `header_for`), builds a story of flowables (`heading`,
`text`, `gap` here; `data_table`, `key_value_block`, `signature_lines` in `bodesk.reports.tables`) and
calls `build_pdf`. Every page then carries the company's header band and a footer with who generated
the document, when, and "Page X of Y"; a draft carries its watermark too.

Every line of the header band, the footer and a heading is bounded (`fonts.fit_lines`): a company
name or a city thousands of characters long is cut with an ellipsis, never pushes the body off the
page. The fonts, and what they can print, are in `bodesk.reports.fonts`.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, portrait
from reportlab.lib.pagesizes import landscape as landscape_size
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Spacer

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.money import DEFAULT_CURRENCY
from bodesk.domain.common.taxid import format_tax_id
from bodesk.domain.company.services import CompanyDetails, company_details
from bodesk.i18n import _, current_language, format_datetime
from bodesk.reports.fonts import fit_text, printable, report_fonts, text_width
from bodesk.store.engine import Database

logger = logging.getLogger(__name__)
rl_config.useA85 = 0  # streams stay binary: ASCII85 would only make every PDF a quarter bigger and slower

INK = colors.HexColor("#1f2328")
MUTED = colors.HexColor("#59626d")
RULE = colors.HexColor("#8a929c")
HEAD_FILL = colors.HexColor("#e3e7ec")
ZEBRA_FILL = colors.HexColor("#f4f6f8")
GROUP_FILL = colors.HexColor("#d3dae2")

MARGIN = 15 * mm  # left and right
TOP = 10 * mm  # paper edge to the header band
BAND_GAP = 6 * mm  # header band to the body
BOTTOM = 16 * mm  # paper edge to the body: the footer lives below
FOOTER_RULE = 12 * mm
FOOTER_TEXT = 8 * mm
LOGO_MAX = (40 * mm, 16 * mm)
HEADING_ROOM = 20 * mm  # the least room a heading needs under it for what it introduces
HEADING_LINES = 2  # the most lines a heading, a company name, a title or an address line takes
WATERMARK_SIZE = 64
WATERMARK_FILL = colors.Color(0.55, 0.57, 0.6, alpha=0.18)

Progress = Callable[[str, float], None]
"""Told how far the build is (a text, a fraction from 0 to 1); it may raise to stop the build."""


def body_width(landscape: bool = False) -> float:
    """The width of the body frame of a page, portrait or landscape: a table for a landscape report
    is made that wide (`tables.data_table(..., width=body_width(landscape=True))`)."""
    return (landscape_size(A4) if landscape else portrait(A4))[0] - 2 * MARGIN


BODY_WIDTH = body_width()  # what a portrait page leaves between its margins (180 mm)


@dataclass(frozen=True)
class ReportStyles:
    """Every paragraph style a report may use (tables set their cells as strings: `tables`)."""

    title: ParagraphStyle
    subtitle: ParagraphStyle
    company: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    number: ParagraphStyle
    label: ParagraphStyle


@cache
def report_styles() -> ReportStyles:
    fonts = report_fonts()
    body = ParagraphStyle("body", fontName=fonts.regular, fontSize=9, leading=11.5, textColor=INK)
    small = ParagraphStyle("small", parent=body, fontSize=7.5, leading=9.5, textColor=MUTED)
    return ReportStyles(
        title=ParagraphStyle(
            "title", parent=body, fontName=fonts.bold, fontSize=13, leading=16, alignment=TA_RIGHT
        ),
        subtitle=ParagraphStyle("subtitle", parent=small, fontSize=8, leading=10, alignment=TA_RIGHT),
        company=ParagraphStyle("company", parent=body, fontName=fonts.bold, fontSize=10, leading=12.5),
        heading=ParagraphStyle(
            "heading",
            parent=body,
            fontName=fonts.bold,
            fontSize=11,
            leading=14,
            spaceBefore=6,
            spaceAfter=4,
        ),
        body=body,
        small=small,
        number=ParagraphStyle("number", parent=body, alignment=TA_RIGHT),
        label=ParagraphStyle("label", parent=small, fontName=fonts.bold),
    )


def markup(value: str) -> str:
    """Plain text made safe for a Paragraph: printable, &, < and > escaped, line breaks kept."""
    return escape(printable(value)).replace("\n", "<br/>")


def text(value: str, style: ParagraphStyle | None = None) -> Paragraph:
    """A paragraph of plain text (never markup), wrapped to its frame or cell."""
    return Paragraph(markup(value), style or report_styles().body)


class _Heading(Paragraph):
    """A heading that never ends a page: with less than HEADING_ROOM under it, it moves to the next.

    (ReportLab's keepWithNext would instead push a long table that follows to a page of its own.)
    """

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        width, height = super().wrap(avail_width, avail_height)
        if height + HEADING_ROOM > avail_height:
            return width, avail_height + 1  # too low on the page: the frame moves on
        return width, height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []


def bounded(value: str, style: ParagraphStyle, width: float, lines: int = HEADING_LINES) -> Paragraph:
    """A paragraph of `value` cut to at most `lines` lines of `width` (with an ellipsis)."""
    return Paragraph(markup(fit_text(value, width, style.fontName, style.fontSize, lines)), style)


def heading(value: str, width: float = BODY_WIDTH) -> Paragraph:
    """A section heading (at most HEADING_LINES lines), kept with what follows it."""
    style = report_styles().heading
    return _Heading(markup(fit_text(value, width, style.fontName, style.fontSize, HEADING_LINES)), style)


def gap(height_mm: float = 4) -> Spacer:
    return Spacer(1, height_mm * mm)


@dataclass(frozen=True)
class ReportHeader:
    """What the header band and footer of every page show; `currency` formats the money in tables."""

    company_name: str
    tax_id: str  # formatted, 11.222.333/0001-81
    address: str
    title: str
    generated_at: datetime
    generated_by: str
    subtitle: str = ""
    contact: str = ""
    logo: bytes | None = field(default=None, repr=False)
    currency: str = DEFAULT_CURRENCY
    watermark: str = ""  # written across every page ("DRAFT") when the document is not final


def address_line(details: CompanyDetails) -> str:
    """Rua das Flores, 100 – Centro – Campinas/SP – CEP 13010-000 (empty parts left out)."""
    street = ", ".join(part for part in (details.street, details.number) if part)
    place = "/".join(part for part in (details.city, details.state) if part)
    postal = (
        _("CEP {code}").format(code=details.postal_code).replace(" ", "\xa0") if details.postal_code else ""
    )
    return " – ".join(part for part in (street, details.district, place, postal) if part)


def header_for(db: Database, actor: Actor, title: str, subtitle: str = "") -> ReportHeader:
    """The header of a report `actor` generates now, with the company's current details."""
    details = company_details(db)
    return ReportHeader(
        company_name=details.name,
        tax_id=format_tax_id(details.tax_id),
        address=address_line(details),
        contact=" · ".join(part for part in (details.phone, details.email) if part),
        logo=details.logo,
        title=title,
        subtitle=subtitle,
        generated_at=datetime.now(UTC),
        generated_by=actor.full_name or actor.login,
        currency=details.currency,
    )


def _logo(data: bytes | None) -> tuple[ImageReader | None, float, float]:
    """The logo scaled into LOGO_MAX keeping its proportions; none if the picture cannot be read."""
    if not data:
        return None, 0.0, 0.0
    try:
        reader = ImageReader(BytesIO(data))
        width, height = reader.getSize()
    except OSError:
        logger.warning("The company logo could not be read: the report goes without it", exc_info=True)
        return None, 0.0, 0.0
    factor = min(LOGO_MAX[0] / width, LOGO_MAX[1] / height)
    return reader, width * factor, height * factor


class _Stack:
    """Paragraphs one under the other, wrapped once to a width and drawn from a top edge."""

    def __init__(self, paragraphs: list[Paragraph], width: float) -> None:
        self.paragraphs = paragraphs
        self.heights = [paragraph.wrap(width, 1000 * mm)[1] for paragraph in paragraphs]
        self.height = sum(self.heights)

    def draw(self, canvas: Canvas, x: float, top: float) -> None:
        for paragraph, height in zip(self.paragraphs, self.heights, strict=True):
            top -= height
            paragraph.drawOn(canvas, x, top)


class _PageDecor:
    """The header band, footer and watermark, laid out once per document and drawn on every page."""

    def __init__(self, header: ReportHeader, pagesize: tuple[float, float]) -> None:
        styles = report_styles()
        self.width, self.height = pagesize
        content = self.width - 2 * MARGIN
        self.logo, self.logo_width, self.logo_height = _logo(header.logo)
        self.company_x = MARGIN + (self.logo_width + 4 * mm if self.logo else 0)
        titles = [(header.title, styles.title), (header.subtitle, styles.subtitle)]
        natural = max(text_width(value[:200], style.fontName, style.fontSize) for value, style in titles)
        self.title_width = min(max(natural + 2, content * 0.3), content * 0.5)
        self.title = _Stack(
            [bounded(value, style, self.title_width) for value, style in titles if value], self.title_width
        )
        company_width = self.width - MARGIN - self.title_width - 6 * mm - self.company_x
        company = [bounded(header.company_name, styles.company, company_width)]
        if header.tax_id:
            number = _("CNPJ {number}").format(number=header.tax_id)
            company.append(bounded(number, styles.small, company_width, 1))
        company += [
            bounded(line, styles.small, company_width) for line in (header.address, header.contact) if line
        ]
        self.company = _Stack(company, company_width)
        self.band = max(self.logo_height, self.company.height, self.title.height)
        footer = _("Generated on {date} by {user}").format(
            date=format_datetime(header.generated_at), user=header.generated_by
        )
        self.footer = fit_text(footer, content * 0.7, report_fonts().regular, 7.5)
        self.watermark = fit_text(header.watermark, content * 1.1, report_fonts().bold, WATERMARK_SIZE)

    @property
    def top_margin(self) -> float:
        return TOP + self.band + BAND_GAP

    def _draw_watermark(self, canvas: Canvas) -> None:
        canvas.saveState()
        canvas.setFont(report_fonts().bold, WATERMARK_SIZE)
        canvas.setFillColor(WATERMARK_FILL)
        canvas.translate(self.width / 2, self.height / 2)
        canvas.rotate(45)
        canvas.drawCentredString(0, -WATERMARK_SIZE / 3, self.watermark)
        canvas.restoreState()

    def draw(self, canvas: Canvas, _doc: Any) -> None:
        if self.watermark:
            self._draw_watermark(canvas)
        canvas.saveState()
        top = self.height - TOP
        if self.logo:
            canvas.drawImage(
                self.logo, MARGIN, top - self.logo_height, self.logo_width, self.logo_height, mask="auto"
            )
        self.company.draw(canvas, self.company_x, top)
        self.title.draw(canvas, self.width - MARGIN - self.title_width, top)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        rule_y = top - self.band - 2 * mm
        canvas.line(MARGIN, rule_y, self.width - MARGIN, rule_y)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN, FOOTER_RULE, self.width - MARGIN, FOOTER_RULE)
        canvas.setFont(report_fonts().regular, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, FOOTER_TEXT, self.footer)
        canvas.restoreState()


def _numbered_canvas(right_x: float) -> type[Canvas]:
    """A canvas that holds every page back until the end, then writes "Page X of Y" on each.

    A held page keeps its drawing operators joined into one string: a page of a long table is
    thousands of small operator strings, and holding them one by one cost several times the memory.
    """

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:
            state = dict(self.__dict__)
            state["_code"] = ["\n".join(self._code)]
            self._held.append(state)
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            held, self._held = self._held, []
            for number, state in enumerate(held, start=1):
                self.__dict__.update(state)
                held[number - 1] = {}
                self.setFont(report_fonts().regular, 7.5)
                self.setFillColor(MUTED)
                label = _("Page {page} of {pages}").format(page=number, pages=total)
                self.drawRightString(right_x, FOOTER_TEXT, printable(label))
                super().showPage()
            super().save()

    return NumberedCanvas


def _progress_callback(progress: Progress) -> Callable[[str, int], None]:
    """ReportLab's build events as `progress` calls: the share of the story's flowables laid out,
    told again at each new page (so that a cancel is heard within a page)."""
    state = {"size": 1.0, "done": 0.0}

    def told(kind: str, value: int) -> None:
        if kind == "SIZE_EST":
            state["size"] = float(max(value, 1))
        state["done"] = min(value / state["size"], 1.0) if kind == "PROGRESS" else state["done"]
        if kind in ("PROGRESS", "PAGE"):
            progress(_("Laying out the pages…"), state["done"])

    return told


def build_pdf(
    path: Path,
    header: ReportHeader,
    story: Sequence[Flowable],
    landscape: bool = False,
    progress: Progress | None = None,
) -> Path:
    """Write `story` as an A4 PDF at `path` and return it; `progress` hears how far it got (and may
    raise, Cancelled for one, to stop it).

    The document is built in a hidden file beside `path` and renamed over it only when complete, so a
    failed or cancelled build leaves no half-written file (and an older file at `path` untouched).
    """
    pagesize = landscape_size(A4) if landscape else portrait(A4)
    decor = _PageDecor(header, pagesize)
    target = Path(path)
    temp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.part")
    try:
        doc = BaseDocTemplate(
            str(temp),
            pagesize=pagesize,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=decor.top_margin,
            bottomMargin=BOTTOM,
            title=header.title,
            author="bodesk",
            subject=header.subtitle or header.company_name,
            creator="bodesk",
            lang=current_language().replace("_", "-"),
            displayDocTitle=True,
        )
        body = Frame(
            doc.leftMargin,
            doc.bottomMargin,
            doc.width,
            doc.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        doc.addPageTemplates([PageTemplate(id="report", frames=[body], onPage=decor.draw, pagesize=pagesize)])
        if progress is not None:
            doc.setProgressCallBack(_progress_callback(progress))
        doc.build(list(story), canvasmaker=_numbered_canvas(pagesize[0] - MARGIN))
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return target
