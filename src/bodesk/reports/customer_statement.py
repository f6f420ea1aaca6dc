"""A customer's statement for a period: the company's header, who the customer is, the balance they
owed at the start, each movement of their account with the running balance, the balance at the end,
and the installments still open with their due dates and days overdue. Figures come from
`statements.customer_statement`; this module only lays them out."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.taxid import format_tax_id
from bodesk.domain.finance.payment_queries import days_overdue
from bodesk.domain.finance.statements import Statement, customer_statement
from bodesk.i18n import _, format_money
from bodesk.reports.base import (
    Progress,
    ReportHeader,
    build_pdf,
    gap,
    header_for,
    heading,
    report_styles,
    text,
)
from bodesk.reports.sales_report import period_text
from bodesk.reports.tables import ReportColumn, data_table, key_value_block
from bodesk.store.engine import Database


def _movements(found: Statement, money: str) -> list[Any]:
    columns = [
        ReportColumn(_("Date"), "date", width=20),
        ReportColumn(_("Document"), width=30),
        ReportColumn(_("Description"), width=58, lines=2),
        ReportColumn(_("Debit"), "money", width=24),
        ReportColumn(_("Credit"), "money", width=24),
        ReportColumn(_("Balance"), "money", width=24),
    ]
    rows: list[list[Any]] = [[found.start, "", _("Balance at the start"), None, None, found.opening]]
    rows += [
        [
            m.day,
            m.document,
            "" if m.memo == m.document else m.memo,
            m.debit or None,
            m.credit or None,
            m.balance,
        ]
        for m in found.movements
    ]
    totals = [_("Balance at the end"), "", "", found.debits, found.credits, found.closing]
    return data_table(columns, rows, totals=totals, currency=money)


def _open_items(found: Statement, money: str) -> list[Any]:
    if not found.open_items:
        return [text(_("Nothing is open: thank you."))]
    columns = [
        ReportColumn(_("Document"), width=40),
        ReportColumn(_("Installment"), width=20),
        ReportColumn(_("Issued"), "date", width=22),
        ReportColumn(_("Due"), "date", width=22),
        ReportColumn(_("Amount"), "money", width=26),
        ReportColumn(_("Open"), "money", width=26),
        ReportColumn(_("Days overdue"), "number", width=24, places=0),
    ]
    rows = [
        [
            item.document,
            item.installment,
            item.issued_on,
            item.due_on,
            item.amount,
            item.left,
            (days_overdue(item.due_on, found.end) or None) if item.left > 0 else None,
        ]
        for item in found.open_items
    ]
    open_total = sum((item.left for item in found.open_items), Decimal(0))
    return data_table(columns, rows, totals=[_("Total"), "", "", "", "", open_total, ""], currency=money)


def statement_story(found: Statement, header: ReportHeader) -> list[Any]:
    customer = found.customer
    block = [
        (_("Customer"), f"{customer.code} {customer.name}".strip()),
        (_("CNPJ/CPF"), format_tax_id(customer.tax_id)),
        (_("Address"), customer.address),
        (_("Period"), period_text(found.start, found.end)),
    ]
    summary = [
        (_("Opening balance"), _money(found.opening, header)),
        (_("Charged"), _money(found.debits, header)),
        (_("Closing balance"), _money(found.closing, header)),
        (_("Paid or credited"), _money(found.credits, header)),
        (_("Overdue"), _money(found.overdue, header)),
    ]
    return [
        key_value_block([(label, value) for label, value in block if value], columns=2),
        gap(3),
        key_value_block(summary, columns=2),
        gap(4),
        heading(_("Movements")),
        *_movements(found, header.currency),
        gap(5),
        heading(_("Open installments")),
        *_open_items(found, header.currency),
        gap(5),
        text(
            _(
                "Please quote the document's number with any payment. If something here is not as you see it, "
                "tell us."
            ),
            report_styles().small,
        ),
    ]


def _money(value: Any, header: ReportHeader) -> str:
    return format_money(value, header.currency)


def write_customer_statement(
    db: Database,
    actor: Actor,
    path: Path,
    customer_id: int,
    start: date,
    end: date,
    progress: Progress | None = None,
) -> Path:
    """Write the customer's statement for the period as a PDF at `path`."""
    found = customer_statement(db, actor, customer_id, start, end)
    header = header_for(
        db, actor, _("Customer statement"), f"{found.customer.name} · {period_text(start, end)}"
    )
    return build_pdf(Path(path), header, statement_story(found, header), progress=progress)
