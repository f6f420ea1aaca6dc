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


PROJECTED_DAYS = 180


# --- finance statements: aging, cash flow, DRE, trial balance, balance sheet, general ledger, DSO ----


def _statement(key: str) -> Any:
    def write(db: Database, actor: Actor, path: Path, **options: Any) -> Path:
        from datetime import date, timedelta

        from bodesk.domain.finance.reports.catalogue import REPORT_KINDS, Asks, finance_report
        from bodesk.domain.finance.reports.table import Period, month_end
        from bodesk.reports.finance_statements import write_finance_report
        from bodesk.reports.sales_cli import _day

        today = date.today()
        end = _day("--to", options.get("to"), today)
        start = _day("--from", options.get("from"), date(end.year, 1, 1))
        as_of = _day(
            "--as-of", options.get("as_of"), today if REPORT_KINDS[key].asks is not Asks.PERIOD else end
        )
        if key == "projected-cash-flow" and not options.get("to"):
            end = month_end(as_of + timedelta(days=PROJECTED_DAYS))  # six months ahead
        account = None
        if key == "general-ledger":
            from bodesk.domain.finance.reports.catalogue import account_named

            account = account_named(db, actor, options.get("account") or "")
        days = int(options.get("days") or 90)
        period = Period(start, end, as_of, account, days)
        return write_finance_report(db, actor, path, finance_report(db, actor, key, period))

    return write


aging_receivables = _statement("aging-receivables")
aging_payables = _statement("aging-payables")
cash_flow = _statement("cash-flow")
projected_cash_flow = _statement("projected-cash-flow")
income_statement = _statement("income-statement")
trial_balance = _statement("trial-balance")
balance_sheet = _statement("balance-sheet")
general_ledger = _statement("general-ledger")
dso = _statement("dso")
