"""A customer's returnable containers statement: what they hold of each type with its deposit value,
and the moves with a running balance. Figures come from `deliveries.print_data.container_statement`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bodesk.domain.access.actor import Actor
from bodesk.domain.deliveries.print_data import Statement, container_statement
from bodesk.i18n import _
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
from bodesk.reports.tables import ReportColumn, data_table, key_value_block
from bodesk.store.engine import Database


def statement_story(found: Statement, header: ReportHeader) -> list[Any]:
    held = [
        ReportColumn(_("Container"), width=90),
        ReportColumn(_("Held"), "number", width=25),
        ReportColumn(_("Deposit value"), "money", width=35),
    ]
    total = sum((value for _n, _q, value in found.balances), start=0)
    moves = [
        ReportColumn(_("When"), width=30),
        ReportColumn(_("Document"), width=34),
        ReportColumn(_("What"), width=34),
        ReportColumn(_("Container"), width=50),
        ReportColumn(_("Full out"), "number", width=16),
        ReportColumn(_("Empties back"), "number", width=18),
        ReportColumn(_("Charged"), "number", width=16),
        ReportColumn(_("Balance"), "number", width=16),
    ]
    rows = [
        [m.at, m.document, m.reason, m.container, m.full, m.empty, m.charged, m.balance] for m in found.lines
    ]
    return [
        key_value_block(
            [
                (_("Customer"), found.customer),
                (_("Route"), found.route or "—"),
                (_("Address"), found.address),
            ],
            columns=1,
        ),
        gap(3),
        heading(_("Containers held")),
        *data_table(
            held, [list(b) for b in found.balances], totals=[_("Total"), "", total], currency=header.currency
        ),
        gap(4),
        heading(_("Moves")),
        *data_table(moves, rows, currency=header.currency),
        gap(3),
        text(
            _("Balance: what the customer holds of ours, by container type, after each move."),
            report_styles().small,
        ),
    ]


def write_container_statement(
    db: Database, actor: Actor, customer_id: int, path: Path, progress: Progress | None = None
) -> Path:
    found = container_statement(db, actor, customer_id)
    header = header_for(db, actor, _("Returnable containers statement"), found.customer)
    return build_pdf(Path(path), header, statement_story(found, header), progress=progress)
