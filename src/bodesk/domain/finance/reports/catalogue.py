"""The finance reports by key, what each asks for (a period, a day, an account), and the one service
that runs any of them (`finance_report`) and the one that writes any of them to CSV or XLSX."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.errors import ValidationError
from bodesk.domain.common.export import ExportFormat, export_rows
from bodesk.domain.finance.permissions import FINANCE_VIEW
from bodesk.domain.finance.reports.table import FinReport, Period
from bodesk.domain.finance.states import Direction
from bodesk.i18n import N_, _
from bodesk.store.engine import Database

MAX_DAYS = 3660  # ten years: a longer period is a typing mistake
MAX_WINDOW = 730  # DSO's window, in days


class Asks(StrEnum):
    PERIOD = "period"  # from .. to
    DAY = "day"  # as of
    BOTH = "both"  # as of, up to a last day (projected cash flow)
    ACCOUNT = "account"  # a period and an account


Build = Callable[[Session, Actor, Period], FinReport]


@dataclass(frozen=True)
class ReportKind:
    key: str
    title: str  # N_
    asks: Asks
    build: Build


def _aging(direction: Direction) -> Build:
    def build(session: Session, _actor: Actor, period: Period) -> FinReport:
        from bodesk.domain.finance.reports.aging import aging

        return aging(session, direction, period)

    return build


def _lazy(module: str, name: str) -> Build:
    def build(session: Session, actor: Actor, period: Period) -> FinReport:
        import importlib

        function = getattr(importlib.import_module(f"bodesk.domain.finance.reports.{module}"), name)
        if name in ("general_ledger", "dso"):
            return function(session, actor, period)
        return function(session, period)

    return build


REPORTS = (
    ReportKind("aging-receivables", N_("Receivables aging"), Asks.DAY, _aging(Direction.RECEIVABLE)),
    ReportKind("aging-payables", N_("Payables aging"), Asks.DAY, _aging(Direction.PAYABLE)),
    ReportKind("cash-flow", N_("Cash flow"), Asks.PERIOD, _lazy("cash_flow", "cash_flow")),
    ReportKind(
        "projected-cash-flow", N_("Projected cash flow"), Asks.BOTH, _lazy("cash_flow", "projected_cash_flow")
    ),
    ReportKind(
        "income-statement",
        N_("Income statement (DRE)"),
        Asks.PERIOD,
        _lazy("income_statement", "income_statement"),
    ),
    ReportKind("trial-balance", N_("Trial balance"), Asks.PERIOD, _lazy("balances", "trial_balance")),
    ReportKind("balance-sheet", N_("Balance sheet"), Asks.DAY, _lazy("balances", "balance_sheet")),
    ReportKind(
        "general-ledger", N_("General ledger"), Asks.ACCOUNT, _lazy("general_ledger", "general_ledger")
    ),
    ReportKind("dso", N_("Days sales outstanding (DSO)"), Asks.DAY, _lazy("dso", "dso")),
)
REPORT_KINDS = {kind.key: kind for kind in REPORTS}


def check_period(period: Period) -> None:
    """Refuse a period that ends before it starts, spans more than ten years, or a bad DSO window."""
    if period.start > period.end:
        raise ValidationError.single(
            "from", _("The period ends before it starts: give the earlier day first.")
        )
    if (period.end - period.start).days > MAX_DAYS:
        raise ValidationError.single(
            "from", _("Choose a period of at most {n} days (ten years).").format(n=MAX_DAYS)
        )
    if not 1 <= period.days <= MAX_WINDOW:
        raise ValidationError.single(
            "days", _("Choose a window of 1 to {n} days for the DSO.").format(n=MAX_WINDOW)
        )


def finance_report(db: Database, actor: Actor, key: str, period: Period) -> FinReport:
    """Run the report `key` for `period` (one read unit of work; needs FINANCE_VIEW)."""
    from bodesk.domain.finance.reports.month_sums import month_sums_behind, refresh_month_sums

    kind = REPORT_KINDS[key]
    check_period(period)
    with db.read() as session:
        require(session, actor, FINANCE_VIEW)
        behind = month_sums_behind(session)
    if behind:  # the books were closed (or reopened) since: bring the closed months' sums up once
        with db.write() as session:
            refresh_month_sums(session)
    with db.read() as session:
        return kind.build(session, actor, period)


def report_cells(report: FinReport) -> tuple[list[str], list[list[Any]]]:
    """The report's headers and rows as a spreadsheet holds them (indentation as leading spaces)."""
    headers = [column.label for column in report.columns]
    rows = []
    for line in report.lines:
        values = list(line.values)
        if line.level and isinstance(values[0], str):
            values[0] = "  " * line.level + values[0]
        rows.append(values)
    return headers, rows


def export_report(report: FinReport, path: Path, fmt: ExportFormat) -> int:
    headers, rows = report_cells(report)
    return export_rows(path, fmt, headers, rows)


def account_named(db: Database, actor: Actor, text: str) -> int:
    """The account whose code is `text` (1.1.02), else the one whose name holds it; refused when none or
    several match."""
    from sqlalchemy import or_, select

    from bodesk.domain.common.errors import UserError
    from bodesk.domain.common.listing import contains
    from bodesk.domain.finance.models import Account

    text = text.strip()
    if not text:
        raise UserError(_("Name the account with --account (its code or name)."), code="report.no_account")
    with db.read() as session:
        require(session, actor, FINANCE_VIEW)
        exact = session.execute(select(Account.id).where(Account.code == text)).scalars().all()
        found = (
            exact
            or session.execute(
                select(Account.id)
                .where(or_(contains(Account.name, text), contains(Account.name_en, text)))
                .limit(2)
            )
            .scalars()
            .all()
        )
    if len(found) != 1:
        raise UserError(
            _("No one account has the code or name “{text}”: give its code (1.1.02).").format(text=text[:40]),
            code="report.unknown_account",
        )
    return int(found[0])
