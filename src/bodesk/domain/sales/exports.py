"""Exporting customers and sales orders (CSV or XLSX): `bodesk export customers|orders`.

Customers are written with every field of the customer import, under the same column names and in the
same order (`import_fields`), so that the file imports back unchanged into another database that names
its segments, reps, price tables and payment terms the same. Which customers are written is what the
customers list shows the person (a rep who sees only their own customers exports only those). Orders
are written as the orders list shows them, with their state in words.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.export import ExportFormat, export_rows
from bodesk.domain.common.listing import ListRequest, chunks
from bodesk.domain.common.taxid import format_tax_id
from bodesk.domain.sales.customers import ContactData
from bodesk.domain.sales.import_fields import CUSTOMER_FIELDS, contacts_text
from bodesk.domain.sales.models import Customer, CustomerContact, PaymentTerm, SalesRep, Segment
from bodesk.domain.sales.price_models import PriceTable
from bodesk.domain.sales.queries import CustomersQuery, OrdersQuery
from bodesk.domain.sales.states import ORDER_LIFECYCLE
from bodesk.i18n import _
from bodesk.store.engine import Database

BATCH = 1000


def _customer_rows(db: Database, actor: Actor, ids: list[int]) -> Iterator[list[Any]]:
    """Each customer as the import reads it, a batch of ids at a time, in the list's order."""
    for batch in chunks(ids, BATCH):
        with db.read() as session:
            names = {
                key: dict(session.execute(select(model.id, model.name)).all())
                for key, model in (
                    ("segment", Segment), ("rep", SalesRep), ("price_table", PriceTable),
                    ("payment_term", PaymentTerm),
                )
            }  # fmt: skip
            found = {
                customer.id: customer
                for customer in session.execute(select(Customer).where(Customer.id.in_(batch))).scalars()
            }
            contacts: dict[int, list[ContactData]] = defaultdict(list)
            for contact in session.execute(
                select(CustomerContact)
                .where(CustomerContact.customer_id.in_(batch))
                .order_by(CustomerContact.id)
            ).scalars():
                contacts[contact.customer_id].append(
                    ContactData(contact.name, contact.role, contact.phone, contact.email)
                )
            for customer_id in batch:
                customer = found.get(customer_id)
                if customer is not None:
                    yield _customer_row(customer, names, tuple(contacts[customer_id]))


def _customer_row(
    customer: Customer, names: dict[str, dict[int, str]], contacts: tuple[ContactData, ...]
) -> list[Any]:
    references = {
        "segment": customer.segment_id,
        "rep": customer.rep_id,
        "price_table": customer.price_table_id,
        "payment_term": customer.payment_term_id,
    }
    values: dict[str, Any] = {
        "tax_id": format_tax_id(customer.tax_id),
        "blocked": customer.blocked,
        "archived": not customer.active,
        "contacts": contacts_text(contacts),
        **{key: names[key].get(ref, "") if ref else "" for key, ref in references.items()},
    }
    return [
        values[field.key] if field.key in values else getattr(customer, field.key)
        for field in CUSTOMER_FIELDS
    ]


def export_customers(
    db: Database, actor: Actor, path: Path, fmt: ExportFormat, include_archived: bool = True
) -> int:
    """Every customer the person may see (archived ones too, marked), by code; returns the rows written."""
    request = ListRequest(filters={} if include_archived else {"active": True}, sort="code")
    ids = [row.id for row in CustomersQuery().iterate(db, actor, request)]
    headers = [_(field.label) for field in CUSTOMER_FIELDS]
    return export_rows(path, fmt, headers, _customer_rows(db, actor, ids))


def export_orders(db: Database, actor: Actor, path: Path, fmt: ExportFormat) -> int:
    """Every sales order the person may see, newest first, as the orders list shows them."""
    query = OrdersQuery()
    status = [column.key for column in query.columns].index("status")
    headers = [column.translated_title for column in query.columns]
    rows = (
        [ORDER_LIFECYCLE.label(value) if index == status else value for index, value in enumerate(row.values)]
        for row in query.iterate(db, actor, ListRequest(sort="number", descending=True))
    )
    return export_rows(path, fmt, headers, rows)
