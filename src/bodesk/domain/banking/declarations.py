"""What banking adds to the finance module's manifest: its audit labels, importers, checks and demo
step (kept here so that the manifest's own lines stay few)."""

from __future__ import annotations

from bodesk.domain.modules import Check, DemoStep, Importer, Lazy, Option
from bodesk.i18n import N_

ACCOUNT = Option(
    "--account", N_("the bank account: its ledger account's code, its number or its name"), "CODE"
)
AUDIT_ACTIONS = {
    "bank_account.add": N_("Bank account added"),
    "bank_account.update": N_("Bank account changed"),
    "bank_account.transfer": N_("Money moved between accounts"),
    "bank_statement.import": N_("Bank statement imported"),
    "bank_line.match": N_("Bank lines matched"),
    "bank_line.unmatch": N_("Bank lines unmatched"),
    "bank_line.auto_match": N_("Bank lines matched automatically"),
    "bank_line.ignore": N_("Bank line ignored"),
    "bank_line.restore": N_("Bank line brought back"),
}
AUDIT_RECORDS = {
    "bank_account": N_("Bank account"),
    "bank_transfer": N_("Transfer between accounts"),
    "statement_import": N_("Bank statement import"),
    "bank_line": N_("Bank line"),
}
AUDIT_FIELDS = {
    "kind": N_("Kind"),
    "name": N_("Name"),
    "bank_code": N_("Bank"),
    "branch": N_("Branch"),
    "number": N_("Account number"),
    "account_id": N_("Ledger account"),
    "note": N_("Note"),
    "active": N_("Active"),
    "source": N_("From"),
    "target": N_("To"),
    "file": N_("File"),
    "lines": N_("Lines"),
    "known": N_("Imported before"),
    "entries": N_("Movements"),
}
IMPORTERS = (
    Importer(
        "bank-statement",
        N_("a bank statement (OFX)"),
        Lazy("bodesk.domain.banking.imports:statement_fields"),
        Lazy("bodesk.domain.banking.imports:import_statement_file"),
        (ACCOUNT,),
    ),
    Importer(
        "bank-statement-csv",
        N_("a bank statement from a spreadsheet (CSV or XLSX; --account required)"),
        Lazy("bodesk.domain.banking.imports:csv_statement_fields"),
        Lazy("bodesk.domain.banking.imports:import_csv_statement_file"),
        (ACCOUNT,),
    ),
)
CHECKS = (
    Check(
        "banking.matches",
        N_("Each matched bank line's matches sum to it, and no movement is matched beyond its amount"),
        Lazy("bodesk.domain.banking.checks:matches_hold"),
    ),
)
# after the finance history (36): the bank's lines of the history's bank payments
# after the recurring payables (37), so their transfers are on the statements too
DEMO = (DemoStep(38, "banking", Lazy("bodesk.domain.banking.demo:demo_banking")),)
