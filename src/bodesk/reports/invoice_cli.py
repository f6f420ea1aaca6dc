"""`bodesk report invoice --number N -o FILE.pdf` (or `--credit-note N`): the invoice or credit note of
that number, as the options were typed. The options are declared in the finance manifest."""

from __future__ import annotations

import re
from pathlib import Path

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import UserError
from bodesk.domain.finance.invoice_document import invoice_numbered
from bodesk.domain.finance.states import InvoiceKind
from bodesk.i18n import _
from bodesk.store.engine import Database

NUMBER = re.compile(r"#?[0-9]{1,15}")


def _number(flag: str, text: str) -> int:
    if not NUMBER.fullmatch(text.strip()):
        raise UserError(
            _("{flag} takes a document's number: “{text}” is not one.").format(flag=flag, text=text[:40]),
            code="report.bad_number",
        )
    return int(text.strip().lstrip("#"))


def invoice(
    db: Database, actor: Actor, path: Path, number: str | None = None, credit_note: str | None = None
) -> Path:
    from bodesk.reports.invoice import write_invoice

    if bool(number) == bool(credit_note):
        raise UserError(
            _("Name one document: --number N for an invoice, or --credit-note N for a credit note."),
            code="report.no_invoice",
        )
    if number:
        found = invoice_numbered(db, actor, _number("--number", number))
    else:
        found = invoice_numbered(
            db, actor, _number("--credit-note", str(credit_note)), InvoiceKind.CREDIT_NOTE
        )
    return write_invoice(db, actor, found, path)
