"""What the invoice PDF (the internal sales document) prints, read in one snapshot and already
rounded: both parties with their tax ids and state registrations, the lines with code, EAN and unit,
the totals, the installments with their due dates, the NF-e when recorded, and, for an invoice with
something open, the PIX "copia e cola" for what is still open (txid: the invoice's number) when the
company has a PIX key. Also: an invoice or a credit note found by its number, for the command line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select, type_coerce
from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.errors import NotFound, ValidationError
from bodesk.domain.common.models import Money
from bodesk.domain.common.taxid import format_tax_id
from bodesk.domain.company.services import company_details
from bodesk.domain.finance.document_models import Invoice, InvoiceLine, OpenItem
from bodesk.domain.finance.items import LEFT
from bodesk.domain.finance.models import FinanceSettings
from bodesk.domain.finance.permissions import FINANCE_VIEW
from bodesk.domain.finance.pix import pix_payload
from bodesk.domain.finance.states import InvoiceKind, InvoiceStatus
from bodesk.domain.sales.models import Customer, PaymentTerm
from bodesk.domain.sales.order_models import SalesOrder, SalesOrderLine, SalesReturn
from bodesk.domain.stock.models import Packaging, Product
from bodesk.i18n import _
from bodesk.store.engine import Database

ZERO = Decimal(0)


@dataclass(frozen=True)
class Party:
    name: str
    tax_id: str  # formatted
    state_registration: str
    address: str
    contact: str = ""


@dataclass(frozen=True)
class PrintLine:
    sku: str
    ean: str
    name: str
    unit: str
    quantity: Decimal
    price: Decimal  # net, of a unit as sold
    discount: Decimal  # percent
    total: Decimal
    order: int | None


@dataclass(frozen=True)
class PrintInstallment:
    number: int
    of: int
    due_on: date
    amount: Decimal
    open: Decimal


@dataclass(frozen=True)
class InvoiceDocument:
    kind: str
    number: int | None
    status: str
    issued_on: date
    company: Party
    customer: Party
    customer_code: str
    lines: list[PrintLine]
    goods: Decimal
    discount: Decimal
    total: Decimal
    credited: Decimal
    open: Decimal
    payment_term: str
    orders: list[int]
    installments: list[PrintInstallment]
    nfe_number: str
    nfe_series: str
    nfe_key: str
    credits: int | None  # a credit note's invoice number
    notes: str
    pix: str  # the "copia e cola" code; "" when none is printed


def address_text(street: str, number: str, district: str, city: str, state: str, cep: str) -> str:
    place = ", ".join(part for part in (street, number) if part)
    town = "/".join(part for part in (city, state) if part)
    postal = _("CEP {code}").format(code=cep) if cep else ""
    return " – ".join(part for part in (place, district, town, postal) if part)


def _lines(session: Session, invoice_id: int) -> list[PrintLine]:
    rows = session.execute(
        select(InvoiceLine, Product.sku, Product.name, Product.gtin, Packaging.gtin, SalesOrder.number)
        .join(Product, Product.id == InvoiceLine.product_id)
        .outerjoin(SalesOrderLine, SalesOrderLine.id == InvoiceLine.order_line_id)
        .outerjoin(Packaging, Packaging.id == SalesOrderLine.packaging_id)
        .outerjoin(SalesOrder, SalesOrder.id == InvoiceLine.order_id)
        .where(InvoiceLine.invoice_id == invoice_id)
        .order_by(InvoiceLine.position)
    )
    return [
        PrintLine(
            sku,
            (pack_gtin or gtin or "") if line.units_per_package != 1 else (gtin or pack_gtin or ""),
            name,
            line.unit,
            line.quantity,
            line.price,
            line.discount,
            line.total,
            order,
        )
        for line, sku, name, gtin, pack_gtin, order in rows
    ]


def _installments(session: Session, invoice: Invoice) -> list[PrintInstallment]:
    rows = session.execute(
        select(
            OpenItem.installment,
            OpenItem.installments,
            OpenItem.due_on,
            OpenItem.amount,
            type_coerce(LEFT, Money()),
        )
        .where(OpenItem.doc_kind == invoice.kind, OpenItem.doc_id == invoice.id)
        .order_by(OpenItem.installment)
    )
    return [PrintInstallment(k, n, due, amount, left) for k, n, due, amount, left in rows]


def _pix(session: Session, invoice: Invoice, open_value: Decimal, name: str, city: str) -> str:
    key = session.execute(select(FinanceSettings.pix_key).limit(1)).scalar() or ""
    if not key or invoice.kind != InvoiceKind.INVOICE or invoice.number is None or open_value <= ZERO:
        return ""
    try:
        return pix_payload(key, name, city or "BRASIL", open_value, str(invoice.number))
    except ValidationError:
        return ""  # a key or name the code cannot carry: the document goes without it


def invoice_document(db: Database, actor: Actor, invoice_id: int) -> InvoiceDocument:
    details = company_details(db)
    with db.read() as session:
        require(session, actor, FINANCE_VIEW)
        invoice = session.get(Invoice, invoice_id)
        if invoice is None:
            raise NotFound(_("That invoice no longer exists."), code="invoice.not_found")
        customer = session.get(Customer, invoice.customer_id)
        if customer is None:
            raise NotFound(_("That customer no longer exists."), code="customer.not_found")
        registration = session.execute(select(FinanceSettings.state_registration).limit(1)).scalar() or ""
        term = session.get(PaymentTerm, invoice.payment_term_id) if invoice.payment_term_id else None
        installments = _installments(session, invoice)
        open_value = sum((item.open for item in installments), ZERO)
        orders = session.execute(
            select(SalesOrder.number)
            .join(InvoiceLine, InvoiceLine.order_id == SalesOrder.id)
            .where(InvoiceLine.invoice_id == invoice.id)
            .group_by(SalesOrder.number)
            .order_by(SalesOrder.number)
        ).scalars()
        credits = (
            session.execute(select(Invoice.number).where(Invoice.id == invoice.credits_id)).scalar()
            if invoice.credits_id
            else None
        )
        company = Party(
            details.name,
            format_tax_id(details.tax_id),
            registration,
            address_text(
                details.street,
                details.number,
                details.district,
                details.city,
                details.state,
                details.postal_code,
            ),
            " · ".join(part for part in (details.phone, details.email) if part),
        )
        buyer = Party(
            customer.name,
            format_tax_id(customer.tax_id),
            customer.state_registration,
            address_text(
                customer.street,
                customer.number,
                customer.district,
                customer.city,
                customer.state,
                customer.postal_code,
            ),
            " · ".join(part for part in (customer.phone, customer.email) if part),
        )
        return InvoiceDocument(
            kind=invoice.kind,
            number=invoice.number,
            status=invoice.status,
            issued_on=invoice.issued_on,
            company=company,
            customer=buyer,
            customer_code=customer.code,
            lines=_lines(session, invoice.id),
            goods=invoice.goods,
            discount=invoice.discount,
            total=invoice.total,
            credited=invoice.credited,
            open=open_value,
            payment_term=f"{term.name} ({term.days})" if term else "",
            orders=list(orders),
            installments=installments,
            nfe_number=invoice.nfe_number,
            nfe_series=invoice.nfe_series,
            nfe_key=invoice.nfe_key,
            credits=credits,
            notes=invoice.notes,
            pix=_pix(session, invoice, open_value, details.name, details.city),
        )


def invoice_numbered(db: Database, actor: Actor, number: int, kind: InvoiceKind = InvoiceKind.INVOICE) -> int:
    """The id of the posted invoice (or credit note) with `number`."""
    with db.read() as session:
        require(session, actor, FINANCE_VIEW)
        found = session.execute(
            select(func.min(Invoice.id)).where(
                Invoice.kind == kind.value,
                Invoice.number == number,
                Invoice.status == InvoiceStatus.POSTED.value,
            )
        ).scalar()
    if found is None:
        message = (
            _("There is no credit note number {n}.")
            if kind == InvoiceKind.CREDIT_NOTE
            else _("There is no invoice number {n}.")
        )
        raise NotFound(message.format(n=number), code="invoice.not_found")
    return int(found)


def return_numbered(db: Database, actor: Actor, number: int) -> int:
    """The id of the sales return with `number`, for its credit note."""
    with db.read() as session:
        require(session, actor, FINANCE_VIEW)
        found = session.execute(select(SalesReturn.id).where(SalesReturn.number == number)).scalar()
    if found is None:
        raise NotFound(_("There is no return number {n}.").format(n=number), code="sales_return.not_found")
    return int(found)
