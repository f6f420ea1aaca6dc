"""The finance module's manifest: the chart of accounts, the journal, invoices, bills, receivables,
payables and payments."""

from __future__ import annotations

import bodesk.domain.finance.stock_postings  # noqa: F401 - stock's value is posted as it moves
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
from bodesk.domain.modules import Check, DemoStep, Lazy, Module, Option, Report
from bodesk.domain.sales.credit import register_receivables
from bodesk.domain.sales.manifest import FROM, TO
from bodesk.i18n import N_

CHECKS = "bodesk.domain.finance.checks"
# receivables, payables and payments
FINANCE_REPORTS = "bodesk.reports.finance_cli"
CUSTOMER = Option("--customer", N_("the customer: their code or name"), "CUSTOMER")
register_receivables(receivables_for_credit)  # the credit limit counts what customers really owe

MODULE = Module(
    key="finance",
    title=N_("Finance"),
    depends_on=("access", "company", "stock", "purchasing", "sales"),
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
        "payment.add": N_("Payment registered"),
        "payment.reverse": N_("Payment reversed"),
        # receivables, payables and payments
        "payment.write_off": N_("Installments written off"),
    },
    audit_records={
        "account": N_("Account"),
        "journal_entry": N_("Journal entry"),
        "finance_settings": N_("Finance settings"),
        "invoice": N_("Invoice"),
        "credit_note": N_("Credit note"),
        "bill": N_("Supplier bill"),
        "payment": N_("Payment"),
    },
    audit_fields={
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
        # receivables, payables and payments
        "amount": N_("Amount"),
        "reversed": N_("Reversed"),
    },
    documents=(
        DocumentKind("invoice", N_("Invoice"), Invoice, "kind"),
        DocumentKind("credit_note", N_("Credit note"), Invoice, "kind"),
        DocumentKind("bill", N_("Supplier bill"), Bill),
        DocumentKind("payment", N_("Payment"), Payment),
        DocumentKind("journal", N_("Journal entry"), JournalEntry),
    ),
    demo=(
        # after the bulk histories (stock 20, purchasing 30), before the orders taken through the services
        DemoStep(33, "finance", Lazy("bodesk.domain.finance.demo_books:demo_books")),
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
            "finance.allocations",
            N_("Each installment's settled sum equals its payments"),
            Lazy(f"{CHECKS}:items_equal_allocations"),
        ),
    ),
    # receivables, payables and payments
    reports=(
        Report(
            "customer-statement",
            N_("a customer's statement: movements, balance and open installments"),
            Lazy(f"{FINANCE_REPORTS}:customer_statement"),
            (CUSTOMER, FROM, TO),
        ),
    ),
)
