"""The delivery reports as `bodesk report …` writes them: a trip's load manifest (--trip NUMBER), a
customer's container statement (--customer CODE), deliveries in a period (--from, --to). The options
are declared in the deliveries manifest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import UserError
from bodesk.domain.deliveries.print_data import customer_coded, trip_numbered
from bodesk.i18n import _
from bodesk.reports.sales_cli import NUMBER, period
from bodesk.store.engine import Database


def load_manifest(db: Database, actor: Actor, path: Path, **options: Any) -> Path:
    from bodesk.reports.deliveries_manifest import write_load_manifest

    given = str(options.get("trip") or "").strip()
    if not given:
        raise UserError(_("Name the trip with --trip NUMBER."), code="report.no_trip")
    if not NUMBER.fullmatch(given):
        raise UserError(
            _("--trip takes a trip's number: “{text}” is not one.").format(text=given[:40]),
            code="report.no_trip",
        )
    return write_load_manifest(db, actor, trip_numbered(db, actor, int(given.lstrip("#"))), path)


def container_statement(db: Database, actor: Actor, path: Path, **options: Any) -> Path:
    from bodesk.reports.deliveries_statement import write_container_statement

    if not str(options.get("customer") or "").strip():
        raise UserError(_("Name the customer with --customer CODE."), code="report.no_customer")
    return write_container_statement(db, actor, customer_coded(db, actor, str(options["customer"])), path)


def deliveries(db: Database, actor: Actor, path: Path, **options: Any) -> Path:
    from bodesk.reports.deliveries_report import write_deliveries_report

    start, end = period(options)
    return write_deliveries_report(db, actor, path, start, end)
