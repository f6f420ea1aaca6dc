"""Customers: added, changed, archived or restored, blocked with a reason or unblocked.

Decisions:
- A customer is a company (CNPJ, the alphanumeric one of 2026 too) or a person (CPF); repeated digits
  are refused. One customer per tax id: a second is refused naming the first.
- The state registration (IE) is its digits, or "ISENTO" for an exempt customer.
- Its code is drawn from the series "customer" when none is given (an import may bring the codes the
  company already uses: letters, digits, "-", "/" and ".", at most 20).
- Billing and delivery addresses, the delivery note and weekdays ("135": Monday, Wednesday, Friday),
  contacts, rep, segment, price table, payment terms, credit limit (none: no limit) and policy.
- Type-ahead reads a folded text of the code, names, tax id, phones and city (`search_text`).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.codes import CodeRule
from bodesk.domain.common.errors import NotFound, ValidationError, Validator
from bodesk.domain.common.lengths import check_lengths, max_length
from bodesk.domain.common.money import round_money
from bodesk.domain.common.numbering import next_number
from bodesk.domain.common.taxid import format_tax_id, validate_tax_id
from bodesk.domain.common.text import fold
from bodesk.domain.common.versions import refuse_if_changed
from bodesk.domain.company.services import BRAZILIAN_STATES
from bodesk.domain.sales.models import Customer, CustomerContact, PaymentTerm, SalesRep, Segment
from bodesk.domain.sales.permissions import CUSTOMERS_EDIT
from bodesk.domain.sales.price_models import PriceTable
from bodesk.domain.sales.states import CreditPolicy
from bodesk.i18n import N_, _
from bodesk.store.engine import Database
from bodesk.store.locking import LOCK
from bodesk.store.types import utcnow

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
POSTAL_CODE = re.compile(r"^\d{5}-?\d{3}$")
CODE_RULE = CodeRule(
    max_length(Customer.code),
    "./-",
    N_("A customer's code has 1 to {length} letters without accents, digits, “-”, “/” or “.”."),
)
EXEMPT = "ISENTO"
MAX_CREDIT = Decimal("1000000000.00")
MAX_CONTACTS = 20


@dataclass(frozen=True)
class Address:
    street: str = ""
    number: str = ""
    complement: str = ""
    district: str = ""
    city: str = ""
    state: str = ""
    postal_code: str = ""


@dataclass(frozen=True)
class ContactData:
    name: str
    role: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class CustomerData:
    name: str
    tax_id: str
    code: str = ""  # empty: drawn from the series when the customer is added
    trade_name: str = ""
    state_registration: str = ""
    segment_id: int | None = None
    rep_id: int | None = None
    price_table_id: int | None = None
    payment_term_id: int | None = None
    billing: Address = Address()
    delivery: Address = Address()
    delivery_note: str = ""
    delivery_weekdays: str = ""
    phone: str = ""
    whatsapp: str = ""
    email: str = ""
    credit_limit: Decimal | None = None
    credit_policy: str = CreditPolicy.WARN.value
    notes: str = ""
    contacts: tuple[ContactData, ...] = field(default=())
    version: int | None = (
        None  # the version the form read: a save refuses a card changed since (None: no check)
    )


def _line(value: str) -> str:
    return " ".join(value.split())


def _address(check: Validator, address: Address, prefix: str) -> Address:
    state = address.state.strip().upper()
    check.check(
        not state or state in BRAZILIAN_STATES, f"{prefix}state", _("Choose a state (UF): SP, RJ, MG…")
    )
    postal = address.postal_code.strip()
    check.check(
        not postal or bool(POSTAL_CODE.match(postal)),
        f"{prefix}postal_code",
        _("A CEP has 8 digits: 01310-100."),
    )
    if postal and POSTAL_CODE.match(postal):
        digits = postal.replace("-", "")
        postal = f"{digits[:5]}-{digits[5:]}"
    return Address(
        _line(address.street), _line(address.number), _line(address.complement), _line(address.district),
        _line(address.city), state, postal,
    )  # fmt: skip


def _reference(
    check: Validator, session: Session, model: type, value: int | None, field_name: str, what: str
) -> None:
    if value is not None and session.get(model, value) is None:
        check.add(field_name, _("That {what} no longer exists.").format(what=what))


def clean_customer(session: Session, data: CustomerData, customer_id: int | None) -> CustomerData:
    """The data cleaned up and checked, or every problem at once."""
    check = Validator()
    name = _line(data.name)
    check.check(bool(name), "name", _("Enter the customer's legal name."))
    tax_id = ""
    try:
        tax_id = validate_tax_id(data.tax_id)
    except ValidationError as exc:
        check.errors.extend(exc.errors)
    if tax_id:
        taken = session.execute(
            select(Customer.id, Customer.code, Customer.name).where(Customer.tax_id == tax_id)
        ).first()
        check.check(
            taken is None or taken.id == customer_id,
            "tax_id",
            _("The tax id {number} is already the customer {code} {name}.").format(
                number=format_tax_id(tax_id),
                code=taken.code if taken else "",
                name=taken.name if taken else "",
            ),
        )
    code = CODE_RULE.clean(data.code)
    if code:
        if problem := CODE_RULE.problem(code):
            check.add("code", problem)
        other = session.execute(
            select(Customer.id).where(func.upper(Customer.code) == code)
        ).scalar_one_or_none()
        check.check(
            other in (None, customer_id), "code", _("Another customer has the code {code}.").format(code=code)
        )
    registration = data.state_registration.strip().upper()
    if registration and registration != EXEMPT:
        registration = "".join(char for char in registration if char.isdigit())
        check.check(
            2 <= len(registration) <= 14,
            "state_registration",
            _("The state registration (IE) is its digits, or ISENTO for an exempt customer."),
        )
    email = data.email.strip()
    check.check(
        not email or bool(EMAIL.match(email)),
        "email",
        _("“{email}” is not an e-mail address.").format(email=email),
    )
    weekdays = "".join(sorted(set(data.delivery_weekdays.replace(",", "").replace(" ", ""))))
    check.check(
        all(char in "1234567" for char in weekdays),
        "delivery_weekdays",
        _("Delivery days are weekday numbers, 1 (Monday) to 7 (Sunday)."),
    )
    limit = data.credit_limit
    check.check(
        limit is None or (Decimal(0) <= limit <= MAX_CREDIT and round_money(limit) == limit),
        "credit_limit",
        _("A credit limit is from 0 to 1,000,000,000.00, in cents (leave it empty for none)."),
    )
    check.check(
        data.credit_policy in {policy.value for policy in CreditPolicy},
        "credit_policy",
        _("Choose what happens over the credit limit: warn or block."),
    )
    for field_name, model, value, what in (
        ("segment", Segment, data.segment_id, _("segment")),
        ("rep", SalesRep, data.rep_id, _("sales rep")),
        ("price_table", PriceTable, data.price_table_id, _("price table")),
        ("payment_term", PaymentTerm, data.payment_term_id, _("payment term")),
    ):
        _reference(check, session, model, value, field_name, what)
    billing = _address(check, data.billing, "")
    delivery = _address(check, data.delivery, "delivery_")
    contacts = tuple(
        ContactData(_line(contact.name), _line(contact.role), _line(contact.phone), contact.email.strip())
        for contact in data.contacts
        if contact.name.strip()
    )
    check.check(
        len(contacts) <= MAX_CONTACTS,
        "contacts",
        _("A customer has at most {n} contacts.").format(n=MAX_CONTACTS),
    )
    _lengths(check, name, data, billing, delivery, email, contacts)
    check.raise_if_any()
    return CustomerData(
        name=name, tax_id=tax_id, code=code, trade_name=_line(data.trade_name), state_registration=registration,
        segment_id=data.segment_id, rep_id=data.rep_id, price_table_id=data.price_table_id,
        payment_term_id=data.payment_term_id, billing=billing, delivery=delivery,
        delivery_note=data.delivery_note.strip(), delivery_weekdays=weekdays, phone=_line(data.phone),
        whatsapp=_line(data.whatsapp), email=email, credit_limit=limit, credit_policy=data.credit_policy,
        notes=data.notes.strip(), contacts=contacts,
    )  # fmt: skip


def _lengths(
    check: Validator,
    name: str,
    data: CustomerData,
    billing: Address,
    delivery: Address,
    email: str,
    contacts: tuple[ContactData, ...],
) -> None:
    """Every text fits its column (the limit named in the refusal)."""
    fields: dict[str, tuple[str, Any]] = {
        "name": (name, Customer.name),
        "trade_name": (_line(data.trade_name), Customer.trade_name),
        "phone": (_line(data.phone), Customer.phone),
        "whatsapp": (_line(data.whatsapp), Customer.whatsapp),
        "email": (email, Customer.email),
        "delivery_note": (data.delivery_note.strip(), Customer.delivery_note),
        "notes": (data.notes.strip(), Customer.notes),
    }
    for prefix, address in (("", billing), ("delivery_", delivery)):
        for part in ("street", "number", "complement", "district", "city"):
            fields[f"{prefix}{part}"] = (getattr(address, part), getattr(Customer, f"{prefix}{part}"))
    for position, contact in enumerate(contacts, start=1):
        for part in ("name", "role", "phone", "email"):
            fields[f"contact:{position}:{part}"] = (getattr(contact, part), getattr(CustomerContact, part))
    check_lengths(check, fields)


def _digits(value: str) -> str:
    return "".join(char for char in value if char.isdigit())


def search_text(data: CustomerData, code: str) -> str:
    parts = (
        code,
        data.name,
        data.trade_name,
        data.tax_id,
        _digits(data.phone),
        _digits(data.whatsapp),
        data.billing.city,
    )
    return fold(" ".join(part for part in parts if part))[:600]


def _columns(data: CustomerData) -> dict[str, Any]:
    values = {
        key: value
        for key, value in asdict(data).items()
        if key not in ("billing", "delivery", "contacts", "code", "version")
    }
    values.update(asdict(data.billing))
    values.update({f"delivery_{key}": value for key, value in asdict(data.delivery).items()})
    return values


def _snapshot(customer: Customer) -> dict[str, Any]:
    keys = [
        column.key
        for column in Customer.__table__.columns
        if column.key not in ("search_text", "created_at", "updated_at", "version")
    ]
    return {key: getattr(customer, key) for key in keys}


def _set_contacts(session: Session, customer: Customer, contacts: tuple[ContactData, ...]) -> None:
    session.execute(delete(CustomerContact).where(CustomerContact.customer_id == customer.id))
    session.add_all(CustomerContact(customer_id=customer.id, **asdict(contact)) for contact in contacts)


def get_customer(session: Session, customer_id: int) -> Customer:
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFound(_("That customer no longer exists."), code="customer.not_found")
    return customer


def _free_code(session: Session) -> str:
    """The next number of the customer series that no customer holds as its code (an imported
    customer may have taken "12" before the series got there)."""
    while True:
        code = str(next_number(session, "customer"))
        if session.execute(select(Customer.id).where(func.upper(Customer.code) == code)).first() is None:
            return code


def create_customer_in(session: Session, actor: Actor, data: CustomerData) -> Customer:
    """Add a customer inside an open write unit of work (imports add many in one)."""
    clean = clean_customer(session, data, None)
    code = clean.code or _free_code(session)
    now = utcnow()
    customer = Customer(
        code=code, **_columns(clean), blocked=False, block_reason="", active=True,
        search_text=search_text(clean, code), created_at=now, updated_at=now,
    )  # fmt: skip
    session.add(customer)
    session.flush()
    _set_contacts(session, customer, clean.contacts)
    audit.record(session, actor, "customer.add", "customer", code, new=_snapshot(customer), at=now)
    return customer


def create_customer(db: Database, actor: Actor, data: CustomerData) -> int:
    with db.write() as session:
        require(session, actor, CUSTOMERS_EDIT)
        return create_customer_in(session, actor, data).id


def update_customer_in(session: Session, actor: Actor, customer_id: int, data: CustomerData) -> Customer:
    customer = session.get(Customer, customer_id, with_for_update=LOCK)
    if customer is None:
        raise NotFound(_("That customer no longer exists."), code="customer.not_found")
    what = _("the customer {name}").format(name=customer.name)
    refuse_if_changed(session, "customer", customer.code, customer.version, data.version, what)
    clean = clean_customer(session, data, customer_id)
    before = _snapshot(customer)
    for key, value in _columns(clean).items():
        setattr(customer, key, value)
    if clean.code:
        customer.code = clean.code
    customer.search_text = search_text(clean, customer.code)
    customer.updated_at = utcnow()
    _set_contacts(session, customer, clean.contacts)
    old, new = audit.changes(before, _snapshot(customer))
    if new:
        customer.version += 1
        audit.record(session, actor, "customer.update", "customer", customer.code, old=old, new=new)
    return customer


def update_customer(db: Database, actor: Actor, customer_id: int, data: CustomerData) -> None:
    with db.write() as session:
        require(session, actor, CUSTOMERS_EDIT)
        update_customer_in(session, actor, customer_id, data)


def set_customer_active(db: Database, actor: Actor, customer_id: int, active: bool) -> None:
    """Archive a customer (no new orders; kept with its history) or restore it."""
    with db.write() as session:
        require(session, actor, CUSTOMERS_EDIT)
        customer = get_customer(session, customer_id)
        if customer.active != active:
            customer.active, customer.updated_at = active, utcnow()
            action = "customer.restore" if active else "customer.archive"
            audit.record(session, actor, action, "customer", customer.code)


def block_customer(db: Database, actor: Actor, customer_id: int, reason: str) -> None:
    """Block a customer with a reason: no order is taken or confirmed until it is unblocked."""
    text = reason.strip()
    if not text:
        raise ValidationError.single("block_reason", _("Say why the customer is blocked."))
    with db.write() as session:
        require(session, actor, CUSTOMERS_EDIT)
        customer = get_customer(session, customer_id)
        customer.blocked, customer.block_reason, customer.updated_at = True, text, utcnow()
        audit.record(session, actor, "customer.block", "customer", customer.code, reason=text)


def unblock_customer(db: Database, actor: Actor, customer_id: int) -> None:
    with db.write() as session:
        require(session, actor, CUSTOMERS_EDIT)
        customer = get_customer(session, customer_id)
        if customer.blocked:
            customer.blocked, customer.block_reason, customer.updated_at = False, "", utcnow()
            audit.record(session, actor, "customer.unblock", "customer", customer.code)
