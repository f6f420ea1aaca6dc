"""What the finance module lets a role do."""

from __future__ import annotations

from bodesk.domain.access.permissions import Role, permission
from bodesk.i18n import N_

FINANCE_VIEW = permission(
    "finance.view", N_("see invoices, bills, receivables, payables and the books"), Role.MANAGER, Role.FINANCE
)
INVOICE = permission(
    "finance.invoice", N_("make, post and cancel customer invoices"), Role.MANAGER, Role.FINANCE
)
BILL = permission("finance.bill", N_("enter and post supplier bills"), Role.MANAGER, Role.FINANCE)
BILL_APPROVE = permission(
    "finance.bill_approve", N_("approve supplier bills that differ from the order"), Role.MANAGER
)
PAYMENT = permission("finance.payment", N_("register payments and receipts"), Role.MANAGER, Role.FINANCE)
WRITE_OFF = permission("finance.write_off", N_("write off what a customer will not pay"), Role.MANAGER)
JOURNAL_MANUAL = permission("finance.journal", N_("post and reverse manual journal entries"), Role.FINANCE)
ACCOUNTS_EDIT = permission(
    "finance.accounts", N_("change the chart of accounts and the finance settings"), Role.FINANCE
)
PERIOD_LOCK = permission("finance.lock", N_("close periods (set the lock date forward)"), Role.FINANCE)
# Reopening a closed period (moving the lock date back) is the owner's alone.
PERIOD_REOPEN = permission("finance.reopen", N_("reopen closed periods"))
