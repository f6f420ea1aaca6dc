"""Returnable container types, the products that travel in them, customers' allowances, and container
documents outside trips: empties returned, lost or broken containers charged, recorded corrections,
and exchanges with a supplier (full received, empties returned, with the purchase receipt).

Each document is numbered (series "container_doc") and posts its rows through `post_containers`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.codes import CodeRule
from bodesk.domain.common.errors import ValidationError, Validator
from bodesk.domain.common.lengths import check_lengths, max_length
from bodesk.domain.common.money import round_money, round_quantity
from bodesk.domain.common.numbering import next_number
from bodesk.domain.common.postings import DocRef
from bodesk.domain.deliveries.container_ledger import ContainerRow, post_containers
from bodesk.domain.deliveries.container_models import (
    ContainerAllowance,
    ContainerDoc,
    ContainerType,
    ProductContainer,
)
from bodesk.domain.deliveries.fleet_models import RouteStop
from bodesk.domain.deliveries.permissions import CONTAINERS_EDIT
from bodesk.domain.deliveries.states import ContainerReason
from bodesk.domain.purchasing.models import Receipt, Supplier
from bodesk.domain.sales.models import Customer
from bodesk.domain.stock.models import Product
from bodesk.i18n import N_, _
from bodesk.store.engine import Database
from bodesk.store.types import utcnow

CODE_RULE = CodeRule(
    max_length(ContainerType.code),
    "-",
    N_("A container's code has 1 to {length} letters without accents, digits or “-”."),
)
MAX_DEPOSIT = Decimal("100000")


def create_container_type_in(
    session: Session, actor: Actor, code: str, name: str, deposit: Decimal, allowance: int | None = None
) -> ContainerType:
    check = Validator()
    clean = CODE_RULE.clean(code)
    problem = CODE_RULE.problem(clean)
    if problem is not None:
        check.add("code", problem)
    text = " ".join(name.split())
    check.check(bool(text), "name", _("Enter the container's name."))
    check_lengths(check, {"name": (text, ContainerType.name)})
    if deposit < 0 or deposit > MAX_DEPOSIT or round_money(deposit) != deposit:
        check.add("deposit", _("Enter a deposit of zero or more, in reais and cents."))
    if allowance is not None and allowance < 0:
        check.add("allowance", _("Enter an allowance of zero or more containers, or none for no limit."))
    if clean and session.execute(select(ContainerType.id).where(ContainerType.code == clean)).first():
        check.add("code", _("Another container type has the code {code}.").format(code=clean))
    check.raise_if_any()
    found = ContainerType(code=clean, name=text, deposit=deposit, allowance=allowance, active=True)
    session.add(found)
    session.flush()
    audit.record(session, actor, "container_type.add", "container_type", clean, new={"deposit": deposit})
    return found


def create_container_type(
    db: Database, actor: Actor, code: str, name: str, deposit: Decimal, allowance: int | None = None
) -> int:
    """A crate of 24 × 600 ml with its bottles, a 20 L jug, a 50 L keg: with its deposit value."""
    with db.write() as session:
        require(session, actor, CONTAINERS_EDIT)
        return create_container_type_in(session, actor, code, name, deposit, allowance).id


def set_product_containers_in(
    session: Session, actor: Actor, product_id: int, units: Mapping[int, Decimal]
) -> None:
    product = session.get(Product, product_id)
    check = Validator()
    check.check(product is not None, "product", _("This product no longer exists."))
    known = set(session.execute(select(ContainerType.id).where(ContainerType.id.in_(list(units)))).scalars())
    for type_id, per in units.items():
        if type_id not in known:
            check.add("containers", _("A container type of the list no longer exists."))
        elif per <= 0 or round_quantity(per) != per:
            check.add("containers", _("Enter how many units travel in one container (more than zero)."))
    check.raise_if_any()
    session.execute(delete(ProductContainer).where(ProductContainer.product_id == product_id))
    if units:
        session.execute(
            insert(ProductContainer),
            [{"product_id": product_id, "container_type_id": t, "units": per} for t, per in units.items()],
        )
    audit.record(
        session,
        actor,
        "container.link",
        "product",
        product.sku if product else product_id,
        new={str(k): v for k, v in units.items()},
    )


def set_product_containers(db: Database, actor: Actor, product_id: int, units: Mapping[int, Decimal]) -> None:
    """What one product travels in: base units per container of each type (a case of 24 beers: 24 per
    crate)."""
    with db.write() as session:
        require(session, actor, CONTAINERS_EDIT)
        set_product_containers_in(session, actor, product_id, units)


def set_allowance(
    db: Database, actor: Actor, customer_id: int, container_type_id: int, allowed: int | None
) -> None:
    """A customer's own allowed balance of a container type (None: the type's default)."""
    if allowed is not None and allowed < 0:
        raise ValidationError.single("allowance", _("Enter an allowance of zero or more containers."))
    with db.write() as session:
        require(session, actor, CONTAINERS_EDIT)
        session.execute(
            delete(ContainerAllowance).where(
                ContainerAllowance.customer_id == customer_id,
                ContainerAllowance.container_type_id == container_type_id,
            )
        )
        if allowed is not None:
            session.add(
                ContainerAllowance(
                    customer_id=customer_id, container_type_id=container_type_id, allowed=allowed
                )
            )
        audit.record(session, actor, "container.allowance", "customer", customer_id, new={"allowed": allowed})


@dataclass(frozen=True)
class ContainerCount:
    container_type_id: int
    full: int = 0
    empty: int = 0
    charged: int = 0


def _document(
    session: Session, actor: Actor, reason: str, note: str, customer_id: int | None = None,
    supplier_id: int | None = None, receipt_id: int | None = None, value: Decimal = Decimal(0),
) -> ContainerDoc:  # fmt: skip
    doc = ContainerDoc(
        number=next_number(session, "container_doc"), reason=reason, customer_id=customer_id,
        supplier_id=supplier_id, receipt_id=receipt_id, at=utcnow(), user_id=actor.user_id, note=note.strip(), value=value,
    )  # fmt: skip
    session.add(doc)
    session.flush()
    return doc


def record_customer_containers(
    db: Database, actor: Actor, customer_id: int, reason: str, counts: list[ContainerCount], note: str = ""
) -> int:
    """Empties a customer brought back (`return`), containers charged as lost or broken (`charge`, at
    their deposit value), or a recorded correction of what the customer holds (`correction`: may take
    the balance below zero, with a note). Returns the document's number."""
    allowed = {ContainerReason.RETURN, ContainerReason.CHARGE, ContainerReason.CORRECTION}
    if reason not in allowed:
        raise ValidationError.single(
            "reason", _("Choose whether empties came back, are charged, or a correction.")
        )
    if reason == ContainerReason.CORRECTION and not note.strip():
        raise ValidationError.single("note", _("Say why the balance is corrected."))
    with db.write() as session:
        require(session, actor, CONTAINERS_EDIT)
        if session.get(Customer, customer_id) is None:
            raise ValidationError.single("customer", _("Choose the customer."))
        route = session.execute(
            select(RouteStop.route_id).where(RouteStop.customer_id == customer_id)
        ).scalar()
        deposits = dict(session.execute(select(ContainerType.id, ContainerType.deposit)).all())
        value = sum((deposits.get(c.container_type_id, Decimal(0)) * c.charged for c in counts), Decimal(0))
        doc = _document(session, actor, reason, note, customer_id=customer_id, value=value)
        rows = [
            ContainerRow(
                count.container_type_id,
                reason,
                customer_id=customer_id,
                route_id=route,
                full=count.full,
                empty=count.empty,
                charged=count.charged,
                correction=reason == ContainerReason.CORRECTION,
                note=note,
            )
            for count in counts
        ]
        if not post_containers(session, actor, rows, DocRef("container_doc", doc.id, doc.number), doc.at):
            raise ValidationError.single("containers", _("Enter at least one container."))
        audit.record(session, actor, "container_doc.add", "container_doc", doc.number, new={"reason": reason})
        return doc.number


def record_supplier_containers(
    db: Database,
    actor: Actor,
    supplier_id: int,
    counts: list[ContainerCount],
    receipt_id: int | None = None,
    note: str = "",
) -> int:
    """Containers exchanged with a supplier (the brewery): full ones received (we owe them) and empties
    returned (lowering what we owe, and our empties), optionally with the purchase receipt."""
    with db.write() as session:
        require(session, actor, CONTAINERS_EDIT)
        if session.get(Supplier, supplier_id) is None:
            raise ValidationError.single("supplier", _("Choose the supplier."))
        if receipt_id is not None and session.get(Receipt, receipt_id) is None:
            raise ValidationError.single("receipt", _("This receipt no longer exists."))
        doc = _document(
            session, actor, ContainerReason.SUPPLIER, note, supplier_id=supplier_id, receipt_id=receipt_id
        )
        rows = [
            ContainerRow(
                c.container_type_id,
                ContainerReason.SUPPLIER,
                supplier_id=supplier_id,
                full=c.full,
                empty=c.empty,
            )
            for c in counts
        ]
        if not post_containers(session, actor, rows, DocRef("container_doc", doc.id, doc.number), doc.at):
            raise ValidationError.single("containers", _("Enter at least one container."))
        audit.record(
            session, actor, "container_doc.add", "container_doc", doc.number, new={"reason": "supplier"}
        )
        return doc.number
