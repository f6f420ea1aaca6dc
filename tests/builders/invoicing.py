"""Shipped orders ready to invoice, and readings of what invoicing wrote: a warehouse with three
products in stock (one sold by the case of 12), a customer on "28/35/42" and one paying cash."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from bodesk.domain.access.actor import Actor
from bodesk.domain.finance.chart import AccountRole, role_accounts
from bodesk.domain.finance.document_models import Allocation, Invoice, InvoiceLine, OpenItem, Payment
from bodesk.domain.finance.models import JournalEntry, JournalLine
from bodesk.domain.sales.customers import Address
from bodesk.domain.sales.order_lines import SalesLineInput
from bodesk.domain.sales.order_models import SalesOrder
from bodesk.domain.sales.references import add_payment_term
from bodesk.domain.sales.shipping import ship_order
from bodesk.store.check import run_checks
from bodesk.store.engine import Database
from tests.builders.catalogue import add_case, gtin, make_product
from tests.builders.sales import make_customer, make_sale
from tests.builders.stock import make_warehouse, stock_in

D = Decimal


@dataclass(frozen=True)
class Books:
    customer: int  # pays in 28/35/42 days
    cash_customer: int  # no payment term: cash on the day
    products: list[int]
    case: int  # a case of 12 of the first product
    term: int


def build_books(db: Database, owner: Actor) -> Books:
    place = make_warehouse(db, owner, "CD1")
    products = [
        make_product(
            db,
            owner,
            f"BEB-{n}",
            f"Bebida {n} lata 350 ml",
            sale_price=f"{n + 2}.90",
            cost="2.00",
            gtin=gtin(n),
        )
        for n in range(1, 4)
    ]
    case = add_case(db, owner, products[0], 12, gtin(99))
    for product in products:
        stock_in(db, owner, product, place.location_id, 100_000, "2.00")
    term = add_payment_term(db, owner, "28/35/42 dias", "28/35/42")
    customer = make_customer(
        db, owner, 1, "Bar do Zé Comércio de Bebidas Ltda.", payment_term_id=term,
        state_registration="123.456.789.110",
        billing=Address("Rua das Flores", "100", "", "Centro", "Campinas", "SP", "13010-000"),
    )  # fmt: skip
    cash = make_customer(db, owner, 2, "Mercadinho Boa Vista Eireli")
    return Books(customer, cash, products, case, term)


def shipped_order(db: Database, actor: Actor, customer: int, *lines: SalesLineInput, **options: Any) -> int:
    order = make_sale(db, actor, customer, *lines, confirm=True, **options)
    ship_order(db, actor, order)
    return order


def failed_checks(db: Database) -> list[str]:
    return [f"{result.name}: {result.problems}" for result in run_checks(db) if not result.ok]


def stored_invoice(db: Database, invoice_id: int) -> Invoice:
    with db.read() as session:
        invoice = session.get(Invoice, invoice_id)
        assert invoice is not None
        session.expunge(invoice)
        return invoice


def order_status(db: Database, order_id: int) -> str:
    with db.read() as session:
        return str(session.execute(select(SalesOrder.status).where(SalesOrder.id == order_id)).scalar_one())


def journal_of(db: Database, kind: str, doc_id: int) -> dict[str, tuple[Decimal, Decimal, int | None]]:
    """The lines an invoice or credit note posted, by account role: (debit, credit, customer)."""
    with db.read() as session:
        roles = {account: role for role, account in role_accounts(session).items()}
        rows = session.execute(
            select(JournalLine.account_id, JournalLine.debit, JournalLine.credit, JournalLine.customer_id)
            .join(JournalEntry, JournalEntry.id == JournalLine.entry_id)
            .where(JournalEntry.doc_kind == kind, JournalEntry.doc_id == doc_id)
        )
        return {roles[account]: (debit, credit, customer) for account, debit, credit, customer in rows}


def items_of(db: Database, kind: str, doc_id: int) -> list[tuple[int, Any, Decimal, Decimal, bool]]:
    """(installment, due on, amount, paid, settled) of a document's open items."""
    with db.read() as session:
        return [
            tuple(row)  # type: ignore[misc]
            for row in session.execute(
                select(
                    OpenItem.installment, OpenItem.due_on, OpenItem.amount, OpenItem.paid, OpenItem.settled
                )
                .where(OpenItem.doc_kind == kind, OpenItem.doc_id == doc_id)
                .order_by(OpenItem.installment)
            )
        ]


def finance_snapshot(db: Database) -> dict[str, Any]:
    """What a refused invoicing action must leave as it was."""
    with db.read() as session:

        def count(model: Any) -> int:
            return int(session.execute(select(func.count()).select_from(model)).scalar_one())

        return {
            "invoices": session.execute(
                select(
                    Invoice.id, Invoice.status, Invoice.number, Invoice.credited, Invoice.nfe_key
                ).order_by(Invoice.id)
            ).all(),
            "orders": session.execute(select(SalesOrder.id, SalesOrder.status).order_by(SalesOrder.id)).all(),
            "lines": count(InvoiceLine),
            "entries": count(JournalEntry),
            "items": session.execute(select(OpenItem.id, OpenItem.paid).order_by(OpenItem.id)).all(),
            "payments": count(Payment),
            "allocations": count(Allocation),
            "receivables": role_accounts(session).get(AccountRole.RECEIVABLES.value),
        }
