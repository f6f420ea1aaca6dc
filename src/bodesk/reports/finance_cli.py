"""Finance's reports as `bodesk report …` writes them: each takes its options as the person typed them
and calls the report's writer. The options are declared in the finance manifest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import UserError
from bodesk.i18n import _
from bodesk.reports.sales_cli import period
from bodesk.store.engine import Database


def customer_statement(db: Database, actor: Actor, path: Path, **options: Any) -> Path:
    from bodesk.domain.finance.statements import customer_named
    from bodesk.reports.customer_statement import write_customer_statement

    if not options.get("customer"):
        raise UserError(
            _("Name the customer with --customer (their code or name)."), code="report.no_customer"
        )
    start, end = period(options)
    return write_customer_statement(
        db, actor, path, customer_named(db, actor, options["customer"]), start, end
    )
