"""The states of finance's documents, each one lifecycle, and the kinds of things finance names.

An invoice (or a credit note) is a draft until posted (or discarded); posting draws its number (series
"invoice" or "credit_note": gapless, drawn in the posting's transaction) and writes its journal entry and
open items. A posted invoice is final: credit notes take it back, in part or whole (`credited`); one
credited in full reads as cancelled. A supplier bill is a draft, may
wait for approval when it differs from what was ordered and received, and is posted (numbered in the
series "bill") or discarded. Payments are final when written and corrected by their reversal.
"""

from __future__ import annotations

from enum import StrEnum

from bodesk.domain.common.lifecycle import Lifecycle
from bodesk.domain.common.tones import Tone
from bodesk.i18n import N_


class AccountKind(StrEnum):
    ASSET = "asset"
    LIABILITY = "liability"
    EQUITY = "equity"
    INCOME = "income"
    EXPENSE = "expense"


ACCOUNT_KINDS = {
    AccountKind.ASSET: N_("Asset"),
    AccountKind.LIABILITY: N_("Liability"),
    AccountKind.EQUITY: N_("Equity"),
    AccountKind.INCOME: N_("Income"),
    AccountKind.EXPENSE: N_("Expense"),
}
DEBIT_NATURE = (AccountKind.ASSET, AccountKind.EXPENSE)  # a balance grows with debits


class DreLine(StrEnum):
    """The income statement's lines (Lei 6.404 art. 187) an income or expense account feeds."""

    GROSS_REVENUE = "gross_revenue"
    DEDUCTIONS = "deductions"
    COGS = "cogs"
    SELLING = "selling"
    ADMINISTRATIVE = "administrative"
    FINANCIAL = "financial"
    OTHER = "other"
    TAXES = "taxes"


DRE_LINES = {
    DreLine.GROSS_REVENUE: N_("Gross revenue"),
    DreLine.DEDUCTIONS: N_("Deductions from revenue"),
    DreLine.COGS: N_("Cost of goods sold"),
    DreLine.SELLING: N_("Selling expenses"),
    DreLine.ADMINISTRATIVE: N_("Administrative expenses"),
    DreLine.FINANCIAL: N_("Financial result"),
    DreLine.OTHER: N_("Other income and expenses"),
    DreLine.TAXES: N_("Income taxes"),
}


class InvoiceKind(StrEnum):
    INVOICE = "invoice"
    CREDIT_NOTE = "credit_note"


class InvoiceStatus(StrEnum):
    DRAFT = "draft"
    POSTED = "posted"
    CANCELLED = "cancelled"


def _invoice_lifecycle(kind: str, noun: str) -> Lifecycle[InvoiceStatus]:
    return Lifecycle(
        kind=kind,
        noun=noun,
        states=InvoiceStatus,
        labels={
            InvoiceStatus.DRAFT: N_("Draft"),
            InvoiceStatus.POSTED: N_("Posted"),
            InvoiceStatus.CANCELLED: N_("Discarded"),
        },
        transitions={
            InvoiceStatus.DRAFT: frozenset({InvoiceStatus.POSTED, InvoiceStatus.CANCELLED}),
            InvoiceStatus.POSTED: frozenset(),
            InvoiceStatus.CANCELLED: frozenset(),
        },
        finished=frozenset({InvoiceStatus.POSTED, InvoiceStatus.CANCELLED}),
        series=kind,
        numbered_in=InvoiceStatus.POSTED,
        editable=frozenset({InvoiceStatus.DRAFT}),
        # the fiscal note issued elsewhere is recorded on a posted invoice; credit notes take it back
        still_mutable=frozenset({"nfe_number", "nfe_series", "nfe_key", "credited"}),
        tones={InvoiceStatus.DRAFT: Tone.INFO, InvoiceStatus.CANCELLED: Tone.MUTED},
    )


INVOICE_LIFECYCLE = _invoice_lifecycle("invoice", N_("Invoice"))
CREDIT_NOTE_LIFECYCLE = _invoice_lifecycle("credit_note", N_("Credit note"))


class BillStatus(StrEnum):
    DRAFT = "draft"
    TO_APPROVE = "to_approve"
    POSTED = "posted"
    CANCELLED = "cancelled"


BILL_LIFECYCLE = Lifecycle(
    kind="bill",
    noun=N_("Supplier bill"),
    states=BillStatus,
    labels={
        BillStatus.DRAFT: N_("Draft"),
        BillStatus.TO_APPROVE: N_("To approve"),
        BillStatus.POSTED: N_("Posted"),
        BillStatus.CANCELLED: N_("Discarded"),
    },
    transitions={
        BillStatus.DRAFT: frozenset({BillStatus.TO_APPROVE, BillStatus.POSTED, BillStatus.CANCELLED}),
        BillStatus.TO_APPROVE: frozenset({BillStatus.DRAFT, BillStatus.POSTED, BillStatus.CANCELLED}),
        BillStatus.POSTED: frozenset(),
        BillStatus.CANCELLED: frozenset(),
    },
    finished=frozenset({BillStatus.POSTED, BillStatus.CANCELLED}),
    series="bill",
    numbered_in=BillStatus.POSTED,
    editable=frozenset({BillStatus.DRAFT, BillStatus.TO_APPROVE}),
    tones={BillStatus.TO_APPROVE: Tone.WARNING, BillStatus.CANCELLED: Tone.MUTED},
)


class Direction(StrEnum):
    RECEIVABLE = "receivable"  # a customer owes us
    PAYABLE = "payable"  # we owe a supplier


class PaymentMethod(StrEnum):
    CASH = "cash"
    TRANSFER = "transfer"
    PIX = "pix"
    BOLETO = "boleto"
    CHEQUE = "cheque"
    CARD = "card"
    WRITE_OFF = "write_off"  # no money moves: what is left is written off as a loss
    CREDIT = "credit"  # no money moves: a credit note settles the invoice it takes back


PAYMENT_METHODS = {
    PaymentMethod.CASH: N_("Cash"),
    PaymentMethod.TRANSFER: N_("Bank transfer"),
    PaymentMethod.PIX: N_("PIX"),
    PaymentMethod.BOLETO: N_("Boleto"),
    PaymentMethod.CHEQUE: N_("Cheque"),
    PaymentMethod.CARD: N_("Card"),
    PaymentMethod.WRITE_OFF: N_("Write-off"),
    PaymentMethod.CREDIT: N_("Credit note"),
}
