"""The finance module's manifest: the chart of accounts, the journal, invoices, bills, receivables,
payables and payments."""

from __future__ import annotations

# Listeners, registered as the module loads: stock's value, containers charged and trips' money reach the
# books in their own transactions. (The close checklist registers its items where it is used.)
import bodesk.domain.finance.container_charges
import bodesk.domain.finance.stock_postings
import bodesk.domain.finance.trip_receipts  # noqa: F401
from bodesk.domain.banking import declarations as banking
from bodesk.domain.common.postings import DocumentKind
from bodesk.domain.finance.document_models import Bill, Invoice, Payment
from bodesk.domain.finance.items import receivables_for_credit
from bodesk.domain.finance.models import JournalEntry
from bodesk.domain.finance.permissions import (
    ACCOUNTS_EDIT,
    BILL,
    BILL_APPROVE,
    FINANCE_VIEW,
    INVOICE,
    JOURNAL_MANUAL,
    PAYMENT,
    PERIOD_LOCK,
    PERIOD_REOPEN,
    WRITE_OFF,
)
from bodesk.domain.finance.recurring_models import RecurringCharge
from bodesk.domain.modules import Check, DemoStep, Exporter, Lazy, Module, Option, Report
from bodesk.domain.sales.credit import register_receivables
from bodesk.domain.sales.manifest import FROM, TO
from bodesk.i18n import N_

CHECKS = "bodesk.domain.finance.checks"
# --- the books (chart, journal, periods) ---
JOURNAL_FROM = Option(
    "--from", N_("the first day (dd/mm/yyyy or yyyy-mm-dd; default: the first entry)"), "DAY"
)
JOURNAL_TO = Option("--to", N_("the last day (default: the last entry)"), "DAY")
# invoices and credit notes (item 4)
INVOICE_NUMBER = Option("--number", N_("the invoice's number"), "NUMBER")
CREDIT_NOTE_NUMBER = Option("--credit-note", N_("the credit note's number (instead of --number)"), "NUMBER")
INVOICE_REPORTS = (
    Report(
        "invoice",
        N_("a customer invoice or credit note (the internal sales document)"),
        Lazy("bodesk.reports.invoice_cli:invoice"),
        (INVOICE_NUMBER, CREDIT_NOTE_NUMBER),
    ),
)
# receivables, payables and payments
FINANCE_REPORTS = "bodesk.reports.finance_cli"
CUSTOMER = Option("--customer", N_("the customer: their code or name"), "CUSTOMER")
# finance statements (reports): aging, cash flow, DRE, trial balance, balance sheet, general ledger, DSO
STATEMENT_FROM = Option("--from", N_("the first day (default: the first of January of --to's year)"), "DAY")
STATEMENT_TO = Option("--to", N_("the last day (default: today)"), "DAY")
AS_OF = Option("--as-of", N_("the day the figures are as of (default: today)"), "DAY")
ACCOUNT = Option("--account", N_("the account: its code (1.1.02) or name"), "ACCOUNT")
WINDOW = Option("--days", N_("the days of credit sales DSO compares with (default: 90)"), "DAYS", kind=int)
STATEMENTS = (
    Report(
        "aging-receivables",
        N_("receivables aging by customer"),
        Lazy(f"{FINANCE_REPORTS}:aging_receivables"),
        (AS_OF,),
    ),
    Report(
        "aging-payables",
        N_("payables aging by supplier"),
        Lazy(f"{FINANCE_REPORTS}:aging_payables"),
        (AS_OF,),
    ),
    Report(
        "cash-flow",
        N_("the cash flow by category and month"),
        Lazy(f"{FINANCE_REPORTS}:cash_flow"),
        (STATEMENT_FROM, STATEMENT_TO),
    ),
    Report(
        "projected-cash-flow",
        N_("the projected cash flow: open installments and recurring payables by month"),
        Lazy(f"{FINANCE_REPORTS}:projected_cash_flow"),
        (AS_OF, STATEMENT_TO),
    ),
    Report(
        "income-statement",
        N_("the income statement (DRE) by month, with the previous period"),
        Lazy(f"{FINANCE_REPORTS}:income_statement"),
        (STATEMENT_FROM, STATEMENT_TO),
    ),
    Report(
        "trial-balance",
        N_("the trial balance"),
        Lazy(f"{FINANCE_REPORTS}:trial_balance"),
        (STATEMENT_FROM, STATEMENT_TO),
    ),
    Report("balance-sheet", N_("the balance sheet"), Lazy(f"{FINANCE_REPORTS}:balance_sheet"), (AS_OF,)),
    Report(
        "general-ledger",
        N_("an account's general ledger"),
        Lazy(f"{FINANCE_REPORTS}:general_ledger"),
        (ACCOUNT, STATEMENT_FROM, STATEMENT_TO),
    ),
    Report("dso", N_("days sales outstanding (DSO)"), Lazy(f"{FINANCE_REPORTS}:dso"), (AS_OF, WINDOW)),
)
register_receivables(receivables_for_credit)  # the credit limit counts what customers really owe

MODULE = Module(
    key="finance",
    title=N_("Finance"),
    depends_on=("access", "company", "stock", "purchasing", "sales", "deliveries"),
    permissions=(
        FINANCE_VIEW,
        INVOICE,
        BILL,
        BILL_APPROVE,
        PAYMENT,
        WRITE_OFF,
        JOURNAL_MANUAL,
        ACCOUNTS_EDIT,
        PERIOD_LOCK,
        PERIOD_REOPEN,
    ),
    audit_actions={
        "account.add": N_("Account added"),
        "account.update": N_("Account changed"),
        "journal.post": N_("Journal entry posted"),
        "journal.reverse": N_("Journal entry reversed"),
        "period.lock": N_("Books closed"),
        "period.reopen": N_("Books reopened"),
        "finance.settings": N_("Finance settings changed"),
        "invoice.add": N_("Invoice drafted"),
        "invoice.post": N_("Invoice posted"),
        "invoice.discard": N_("Invoice draft discarded"),
        "invoice.nfe": N_("Fiscal note recorded"),
        "credit_note.post": N_("Credit note posted"),
        "bill.add": N_("Supplier bill entered"),
        "bill.approve": N_("Supplier bill approved"),
        "bill.post": N_("Supplier bill posted"),
        "bill.discard": N_("Supplier bill discarded"),
        "bill.update": N_("Supplier bill changed"),  # bills
        "payment.add": N_("Payment registered"),
        "payment.reverse": N_("Payment reversed"),
        # receivables, payables and payments
        "payment.write_off": N_("Installments written off"),
        # banking
        **banking.AUDIT_ACTIONS,
        # recurring payables
        "recurring.add": N_("Recurring payable added"),
        "recurring.update": N_("Recurring payable changed"),
        "recurring.generate": N_("Recurring payables generated"),
    },
    audit_records={
        "account": N_("Account"),
        "journal_entry": N_("Journal entry"),
        "finance_settings": N_("Finance settings"),
        "invoice": N_("Invoice"),
        "credit_note": N_("Credit note"),
        "bill": N_("Supplier bill"),
        "payment": N_("Payment"),
        # banking
        **banking.AUDIT_RECORDS,
        "recurring_payable": N_("Recurring payable"),  # recurring payables
    },
    audit_fields={
        "day": N_("Day"),
        "differences": N_("Differences"),
        "receipts": N_("Receipts"),
        "reference": N_("Supplier's invoice"),
        "memo": N_("Description"),
        "lock_date": N_("Lock date"),
        "debit": N_("Debit"),
        "credit": N_("Credit"),
        "entry": N_("Entry"),
        "nfe_key": N_("NF-e access key"),
        "nfe_number": N_("NF-e number"),
        "pix_key": N_("PIX key"),
        "state_registration": N_("State registration"),
        "orders": N_("Orders"),
        "installments": N_("Installments"),
        "difference": N_("Difference"),
        "method": N_("Method"),
        "interest": N_("Interest"),
        "fees": N_("Fees"),
        "applied": N_("Applied to the installments"),  # invoices
        "nfe_series": N_("NF-e series"),  # invoices
        "invoice": N_("Invoice"),
        # receivables, payables and payments
        "amount": N_("Amount"),
        "reversed": N_("Reversed"),
        # banking
        **banking.AUDIT_FIELDS,
        # recurring payables
        "supplier": N_("Supplier"),
        "description": N_("Description"),
        "account": N_("Account"),
        "active": N_("Active"),
        "month": N_("Month"),
        "charges": N_("Charges"),
    },
    documents=(
        DocumentKind("invoice", N_("Invoice"), Invoice, "kind"),
        DocumentKind("credit_note", N_("Credit note"), Invoice, "kind"),
        DocumentKind("bill", N_("Supplier bill"), Bill),
        DocumentKind("payment", N_("Payment"), Payment),
        DocumentKind("journal", N_("Journal entry"), JournalEntry),
        DocumentKind("recurring", N_("Recurring payable"), RecurringCharge),  # recurring payables
    ),
    demo=(
        # after the bulk histories (stock 20, purchasing 30), before the orders taken through the services
        DemoStep(33, "finance", Lazy("bodesk.domain.finance.demo_books:demo_books")),
        # after the orders taken through the services (35): invoices, bills and payments of the history
        DemoStep(36, "finance_history", Lazy("bodesk.domain.finance.demo_history:demo_finance_history")),
        # banking
        *banking.DEMO,
        # recurring payables: rent, energy, phone, salaries, generated and paid for the history's months
        DemoStep(37, "finance_recurring", Lazy("bodesk.domain.finance.demo_recurring:demo_recurring")),
    ),
    # banking
    importers=banking.IMPORTERS,
    # --- the books (chart, journal, periods) ---
    exporters=(
        Exporter(
            "journal",
            N_("the journal (the accountant's layout)"),
            Lazy("bodesk.domain.finance.book_exports:export_journal"),
            (JOURNAL_FROM, JOURNAL_TO),
            formats=("beancount",),  # finance reports and exports: a Beancount ledger for bean-check
        ),
    ),
    reports=(
        *INVOICE_REPORTS,
        Report(
            "customer-statement",
            N_("a customer's statement: movements, balance and open installments"),
            Lazy(f"{FINANCE_REPORTS}:customer_statement"),
            (CUSTOMER, FROM, TO),
        ),
        *STATEMENTS,
    ),
    checks=(
        Check("finance.balanced", N_("Every journal entry balances"), Lazy(f"{CHECKS}:entries_balance")),
        Check(
            "finance.stock",
            N_("The stock account equals the stock valuation"),
            Lazy(f"{CHECKS}:stock_account_equals_valuation"),
        ),
        Check(
            "finance.receivables",
            N_("The customers account equals the open receivables"),
            Lazy(f"{CHECKS}:receivables_equal_items"),
        ),
        Check(
            "finance.payables",
            N_("The suppliers account equals the open payables"),
            Lazy(f"{CHECKS}:payables_equal_items"),
        ),
        Check(
            "finance.grni",
            N_("Goods received not billed equals the receipts not yet billed"),
            Lazy(f"{CHECKS}:grni_equals_unbilled_receipts"),
        ),
        Check(
            "finance.allocations",
            N_("Each installment's settled sum equals its payments"),
            Lazy(f"{CHECKS}:items_equal_allocations"),
        ),
        # banking
        *banking.CHECKS,
        Check(  # finance reports
            "finance.month_sums",
            N_("The closed months' sums equal their journal lines"),
            Lazy("bodesk.domain.finance.reports.month_sums:month_sums_match"),
        ),
    ),
    # receivables, payables and payments
)
