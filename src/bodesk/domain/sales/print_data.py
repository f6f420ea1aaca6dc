"""What the sales PDFs and the command line read beyond `reports_data`: an order with its customer's
card (tax id, addresses, delivery note) for the quote or confirmation, the orders a picking list is
for (who they go to, and the delivery note the driver needs), and orders and reps as a person names
them on the command line (an order by its number, a rep by its number or name)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.errors import NotFound, UserError
from bodesk.domain.common.listing import chunks
from bodesk.domain.common.taxid import format_tax_id
from bodesk.domain.common.text import fold
from bodesk.domain.sales.documents import OrderView, order_view
from bodesk.domain.sales.models import Customer, PaymentTerm, SalesRep
from bodesk.domain.sales.order_models import SalesOrder
from bodesk.domain.sales.permissions import SALES_VIEW
from bodesk.i18n import _
from bodesk.store.engine import Database


def _address(
    street: str, number: str, complement: str, district: str, city: str, state: str, cep: str
) -> str:
    """Rua das Flores, 100, fundos – Centro – Campinas/SP – CEP 13010-000 (empty parts left out)."""
    place = ", ".join(part for part in (street, number, complement) if part)
    town = "/".join(part for part in (city, state) if part)
    postal = _("CEP {code}").format(code=cep).replace(" ", "\xa0") if cep else ""
    return " – ".join(part for part in (place, district, town, postal) if part)


def weekdays_text(days: str) -> str:
    """ "135" as the person's language names the days ("Mon, Wed, Fri")."""
    names = {
        "1": _("Mon"), "2": _("Tue"), "3": _("Wed"), "4": _("Thu"), "5": _("Fri"), "6": _("Sat"),
        "7": _("Sun"),
    }  # fmt: skip
    return ", ".join(names[day] for day in days if day in names)


@dataclass(frozen=True)
class CustomerCard:
    code: str
    name: str
    trade_name: str
    tax_id: str  # formatted
    state_registration: str
    phone: str
    email: str
    billing: str  # one line
    delivery: str  # one line; the billing address when none is given
    delivery_note: str
    weekdays: str  # "Mon, Wed, Fri"


def _card(customer: Customer) -> CustomerCard:
    billing = _address(
        customer.street, customer.number, customer.complement, customer.district, customer.city,
        customer.state, customer.postal_code,
    )  # fmt: skip
    delivery = _address(
        customer.delivery_street, customer.delivery_number, customer.delivery_complement,
        customer.delivery_district, customer.delivery_city, customer.delivery_state,
        customer.delivery_postal_code,
    )  # fmt: skip
    phones = " · ".join(part for part in (customer.phone, customer.whatsapp) if part)
    return CustomerCard(
        customer.code, customer.name, customer.trade_name, format_tax_id(customer.tax_id),
        customer.state_registration, phones, customer.email, billing, delivery or billing,
        customer.delivery_note, weekdays_text(customer.delivery_weekdays),
    )  # fmt: skip


@dataclass(frozen=True)
class OrderDocument:
    """A quote or an order confirmation: the order, its customer and what its terms say."""

    order: OrderView
    customer: CustomerCard
    payment_days: str  # "28/35/42"
    confirmed_at: datetime | None
    cancel_reason: str


def order_document(db: Database, actor: Actor, order_id: int) -> OrderDocument:
    order = order_view(db, actor, order_id)
    with db.read() as session:
        require(session, actor, SALES_VIEW)
        stored = session.get(SalesOrder, order_id)
        customer = session.get(Customer, order.customer_id)
        if stored is None or customer is None:
            raise NotFound(_("That sales order no longer exists."), code="sales_order.not_found")
        term = session.get(PaymentTerm, stored.payment_term_id) if stored.payment_term_id else None
        return OrderDocument(
            order, _card(customer), term.days if term else "", stored.confirmed_at, stored.cancel_reason
        )


@dataclass(frozen=True)
class PickOrder:
    """An order on a picking list: where it goes and what the driver must know."""

    number: int
    customer: str  # "C001 Bar do Zé Ltda."
    delivery: str
    delivery_note: str
    weekdays: str
    requested_on: date | None
    notes: str


def pick_orders(db: Database, actor: Actor, order_ids: Sequence[int]) -> list[PickOrder]:
    """The orders, by number, with their customers' delivery addresses and notes."""
    with db.read() as session:
        require(session, actor, SALES_VIEW)
        found: list[PickOrder] = []
        for chunk in chunks(sorted(set(order_ids))):
            rows = session.execute(
                select(SalesOrder, Customer)
                .join(Customer, Customer.id == SalesOrder.customer_id)
                .where(SalesOrder.id.in_(chunk))
            ).all()
            for order, customer in rows:
                card = _card(customer)
                found.append(
                    PickOrder(
                        order.number,
                        f"{card.code} {card.name}",
                        card.delivery,
                        card.delivery_note,
                        card.weekdays,
                        order.requested_on,
                        order.notes,
                    )
                )
        return sorted(found, key=lambda order: order.number)


def orders_numbered(db: Database, actor: Actor, numbers: Sequence[int]) -> list[int]:
    """The ids of the orders with these numbers, in the same order; refused naming any number that is
    no order's."""
    with db.read() as session:
        require(session, actor, SALES_VIEW)
        ids: dict[int, int] = {}
        for chunk in chunks(sorted(set(numbers))):
            ids.update(
                session.execute(
                    select(SalesOrder.number, SalesOrder.id).where(SalesOrder.number.in_(chunk))
                ).all()
            )
    missing = [str(number) for number in numbers if number not in ids]
    if missing:
        raise NotFound(
            _("No sales order has the number {numbers}.").format(numbers=", ".join(missing)),
            code="sales_order.unknown_number",
        )
    return [ids[number] for number in numbers]


def rep_named(db: Database, actor: Actor, text: str) -> int:
    """The rep a person names by its number or its name (accents and case ignored; a part of the name
    will do when it names one rep only)."""
    wanted = fold(text)
    with db.read() as session:
        require(session, actor, SALES_VIEW)
        reps = session.execute(select(SalesRep.id, SalesRep.name).order_by(func.lower(SalesRep.name))).all()
    if wanted.isdigit() and any(rep.id == int(wanted) for rep in reps):
        return int(wanted)
    exact = [rep.id for rep in reps if fold(rep.name) == wanted]
    partial = [rep for rep in reps if wanted and wanted in fold(rep.name)]
    if exact:
        return exact[0]
    if len(partial) == 1:
        return int(partial[0].id)
    if partial:
        raise UserError(
            _("“{text}” names more than one sales rep: {names}.").format(
                text=text, names=", ".join(rep.name for rep in partial)
            ),
            code="sales_rep.ambiguous",
        )
    raise NotFound(_("No sales rep is named “{text}”.").format(text=text), code="sales_rep.unknown")
