"""The invoice as the company's internal sales document ("pedido de venda / fatura"), or a credit note:
both parties with CNPJ/CPF and state registration, the items with code, EAN, unit, quantity, price,
discount and total, the totals, the installments with their due dates, the NF-e once recorded, and the
PIX "copia e cola" with its QR (ReportLab's own QR widget) for what is still open. The fiscal document
is the NF-e the company's fiscal software issues, so every page is marked, in Portuguese whatever the
person's language, "DOCUMENTO SEM VALOR FISCAL". Every figure comes from `invoice_document`."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from itertools import groupby
from pathlib import Path
from typing import Any

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.figures import money_text
from bodesk.domain.finance.invoice_document import InvoiceDocument, Party, invoice_document
from bodesk.domain.finance.states import InvoiceKind, InvoiceStatus
from bodesk.i18n import _, format_date, format_money
from bodesk.reports.base import BODY_WIDTH, RULE, build_pdf, gap, header_for, heading, report_styles, text
from bodesk.reports.tables import ReportColumn, data_table, key_value_block
from bodesk.store.engine import Database

NO_FISCAL_VALUE = "DOCUMENTO SEM VALOR FISCAL"  # always in Portuguese: it speaks to the tax authority
QR_SIZE = 38 * mm
MASK = 0  # the QR mask pattern (see QrFlowable)


def title_of(document: InvoiceDocument) -> str:
    number = document.number if document.number is not None else "—"
    if document.kind == InvoiceKind.CREDIT_NOTE:
        return _("CREDIT NOTE No. {n}").format(n=number)
    return _("SALES ORDER / INVOICE No. {n}").format(n=number)


def _parties(document: InvoiceDocument) -> Flowable:
    def pairs(label: str, party: Party) -> list[tuple[str, str]]:
        return [
            (label, party.name),
            (_("CNPJ/CPF"), party.tax_id),
            (_("State registration (IE)"), party.state_registration or _("exempt")),
            (_("Address"), party.address or "—"),
        ]

    return key_value_block(
        pairs(_("Seller"), document.company) + pairs(_("Customer"), document.customer), columns=2
    )


def _facts(document: InvoiceDocument) -> list[tuple[str, str]]:
    nfe = ""
    if document.nfe_number:
        nfe = _("No. {number}, series {series}").format(
            number=document.nfe_number, series=document.nfe_series
        )
    pairs = [
        (_("Issued on"), format_date(document.issued_on)),
        (_("Customer code"), document.customer_code),
        (_("Payment term"), document.payment_term),
        (_("Orders"), ", ".join(str(number) for number in document.orders)),
        (_("Credits invoice"), str(document.credits) if document.credits else ""),
        (_("NF-e"), nfe),
        (
            _("NF-e access key"),
            " ".join(document.nfe_key[n : n + 4] for n in range(0, len(document.nfe_key), 4)),
        ),
    ]
    return [(label, value) for label, value in pairs if value]


def _items(document: InvoiceDocument, currency: str) -> list[Flowable]:
    columns = [
        ReportColumn(_("Code"), "code", width=20),
        ReportColumn(_("EAN"), "code", width=25),
        ReportColumn(_("Product"), width=47, lines=3),
        ReportColumn(_("Unit"), width=15),
        ReportColumn(_("Qty"), "quantity", width=13),
        ReportColumn(_("Unit price"), "price", width=20),
        ReportColumn(_("Disc. %"), "number", width=13, places=2),
        ReportColumn(_("Total"), "money", width=27),
    ]
    rows: list[list[Any]] = [
        [
            line.sku,
            line.ean,
            line.name,
            line.unit,
            line.quantity,
            line.price,
            line.discount or None,
            line.total,
        ]
        for line in document.lines
    ]
    return data_table(columns, rows, currency=currency)


def _totals(document: InvoiceDocument, currency: str) -> Flowable:
    """The totals at the right, figures right-aligned in the company's currency, the total in bold."""
    pairs = [(_("Goods"), document.goods)]
    if document.discount:
        pairs.append((_("Discount"), -document.discount))
    pairs.append((_("Total"), document.total))
    if document.kind == InvoiceKind.INVOICE and document.status == InvoiceStatus.POSTED:
        if document.credited:
            pairs.append((_("Credited"), -document.credited))
        pairs.append((_("Open"), document.open))
    styles = report_styles()
    rows = [
        [text(label, styles.label), text(format_money(value, currency), styles.number)]
        for label, value in pairs
    ]
    table = Table(rows, colWidths=[35 * mm, 35 * mm], hAlign="RIGHT")
    total_row = [label for label, _value in pairs].index(_("Total"))
    table.setStyle(
        TableStyle(
            [
                ("LINEABOVE", (0, total_row), (-1, total_row), 0.5, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table


def _installments(document: InvoiceDocument, currency: str) -> list[Flowable]:
    columns = [
        ReportColumn(_("Installment"), width=1),
        ReportColumn(_("Due on"), width=1),
        ReportColumn(_("Amount"), "money", width=1),
        ReportColumn(_("Open"), "money", width=1),
    ]
    rows: list[list[Any]] = [
        [f"{item.number}/{item.of}", format_date(item.due_on), item.amount, item.open]
        for item in document.installments
    ]
    return data_table(columns, rows, currency=currency, width=110 * mm)


@cache
def _code_style() -> ParagraphStyle:
    """The copia-e-cola code, broken anywhere (it has no spaces to break at)."""
    return ParagraphStyle("pix", parent=report_styles().body, fontSize=7.5, leading=9.5, wordWrap="CJK")


class QrFlowable(Flowable):
    """A QR code encoded by ReportLab's own widget (`QrCodeWidget(payload, barLevel="M")`: its version,
    error correction and data), drawn as one filled path of the dark runs of each row.

    Two costs of the widget are left out, each more than the whole rest of the invoice: its drawing
    (a shape object per run, rendered one by one) and its choice of the mask pattern (it lays the
    code out 8 times in pure Python to score each). Any of the 8 masks reads the same in every
    scanner (the mask is written in the code's format bits); the scoring only avoids patterns that
    may confuse a poor camera, which a 38 mm code printed at level M does not need. So the code is
    laid out once, with mask MASK."""

    def __init__(self, payload: str, size: float = QR_SIZE) -> None:
        super().__init__()
        self.widget = QrCodeWidget(payload, barLevel="M")
        self.width = self.height = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        code = self.widget.qr
        if code.version is None:
            code.version = code.calculate_version()
        code.makeImpl(False, MASK)
        count, border = code.getModuleCount(), self.widget.barBorder
        box = self.width / (count + 2 * border)
        path = self.canv.beginPath()
        for row, modules in enumerate(code.modules):
            column = 0
            for dark, run in groupby(bool(module) for module in modules):
                length = len(list(run))
                if dark:
                    y = self.height - (row + border + 1) * box
                    path.rect((column + border) * box, y, length * box, box)
                column += length
        self.canv.setFillColor(colors.black)
        self.canv.drawPath(path, stroke=0, fill=1)


def _pix(document: InvoiceDocument) -> list[Flowable]:
    explain = text(
        _(
            "Scan the QR code with your bank's app, or copy the code below into its PIX “copia e cola”. "
            "The amount is what is still open of this invoice: {amount}."
        ).format(amount=money_text(document.open))
    )
    code = text(document.pix, _code_style())
    side = Table([[explain], [gap(2)], [code]], colWidths=[BODY_WIDTH - QR_SIZE - 8 * mm])
    side.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    table = Table([[QrFlowable(document.pix), side]], colWidths=[QR_SIZE + 8 * mm, None])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOX", (0, 0), (-1, -1), 0.5, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return [heading(_("Pay with PIX")), table]


def _marking() -> Flowable:
    styles = report_styles()
    style = ParagraphStyle("marking", parent=styles.heading, alignment=1, spaceBefore=0, spaceAfter=0)
    box = Table([[text(NO_FISCAL_VALUE, style)]], colWidths=[BODY_WIDTH])
    box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1, RULE), ("TOPPADDING", (0, 0), (-1, -1), 3)]))
    return box


def invoice_story(document: InvoiceDocument, currency: str) -> list[Flowable]:
    story: list[Flowable] = [_marking(), gap(3), _parties(document), gap(3)]
    story += [key_value_block(_facts(document), columns=2), gap(4), *_items(document, currency), gap(3)]
    story.append(_totals(document, currency))
    if document.installments and document.kind == InvoiceKind.INVOICE:
        story += [gap(2), heading(_("Installments")), *_installments(document, currency)]
    if document.pix:
        story += [gap(3), *_pix(document)]
    if document.notes:
        story += [gap(3), heading(_("Notes")), text(document.notes)]
    closing = _(
        "This document is not a fiscal document: the fiscal note (NF-e) is issued separately. "
        "Quote this number in any payment or contact."
    )
    return [*story, gap(5), text(closing, report_styles().small)]


def write_invoice(db: Database, actor: Actor, invoice_id: int, path: Path) -> Path:
    """The invoice or credit note as a PDF at `path`."""
    document = invoice_document(db, actor, invoice_id)
    marks = {InvoiceStatus.DRAFT.value: _("DRAFT"), InvoiceStatus.CANCELLED.value: _("DISCARDED")}
    watermark = marks.get(document.status, "")
    if document.kind == InvoiceKind.INVOICE and document.total and document.credited >= document.total:
        watermark = _("CANCELLED")
    header = replace(header_for(db, actor, title_of(document), NO_FISCAL_VALUE), watermark=watermark)
    return build_pdf(Path(path), header, invoice_story(document, header.currency))
