"""A supplier's data, its rules, and saving suppliers one or many at once: the one way they change.

A supplier is identified by its CNPJ (numeric or the alphanumeric format) or, for a person, its CPF.
The rules of the data need no database (`supplier_problems`); the catalogue of suppliers says whether a
tax id is taken (`check_suppliers`, a few queries for a whole file). `save_suppliers_in` checks again
and writes with bulk statements, so that a form saves one supplier and an import thousands the same
way, and an import holds the write lock for a moment only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import FieldError, NotFound, ValidationError, Validator
from bodesk.domain.common.lengths import check_lengths
from bodesk.domain.common.listing import chunks
from bodesk.domain.common.money import NumberRule
from bodesk.domain.common.sorting import keyed
from bodesk.domain.common.taxid import format_tax_id, validate_tax_id
from bodesk.domain.common.text import fold
from bodesk.domain.company.services import BRAZILIAN_STATES
from bodesk.domain.purchasing.models import Supplier
from bodesk.i18n import _

SUPPLIERS = cast(Table, Supplier.__table__)  # written with Core: one executemany
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
MAX_DAYS = 365
DAYS_RULE = NumberRule(0, Decimal(MAX_DAYS))
"""Payment terms and lead times, in whole days."""


@dataclass(frozen=True)
class SupplierData:
    name: str
    tax_id: str
    trade_name: str = ""
    contact_name: str = ""
    email: str = ""
    phone: str = ""
    city: str = ""
    state: str = ""
    payment_terms_days: int = 28
    lead_time_days: int = 7
    notes: str = ""


@dataclass(frozen=True)
class SupplierChange:
    """A new supplier (`supplier_id` None) or new values for an existing one; `data` is cleaned."""

    supplier_id: int | None
    data: SupplierData


def _line(value: str) -> str:
    return " ".join(value.split())


def cleaned_supplier(data: SupplierData) -> SupplierData:
    """The data as it is stored: texts on one line, the tax id compacted (when it is one), the state in
    capitals."""
    try:
        tax_id = validate_tax_id(data.tax_id)
    except ValidationError:
        tax_id = data.tax_id.strip()
    return replace(
        data,
        name=_line(data.name),
        tax_id=tax_id,
        trade_name=_line(data.trade_name),
        contact_name=_line(data.contact_name),
        email=data.email.strip(),
        phone=_line(data.phone),
        city=_line(data.city),
        state=data.state.strip().upper(),
        notes=data.notes.strip(),
    )


def supplier_problems(data: SupplierData) -> list[FieldError]:
    """Every problem of cleaned data, each on its field; none when it is good."""
    check = Validator()
    check.check(bool(data.name), "name", _("Enter the supplier's company name."))
    try:
        validate_tax_id(data.tax_id)
    except ValidationError as exc:
        check.errors.extend(exc.errors)
    check.check(
        not data.email or bool(EMAIL_PATTERN.match(data.email)),
        "email",
        _("“{email}” is not an e-mail address.").format(email=data.email),
    )
    check.check(
        not data.state or data.state in BRAZILIAN_STATES, "state", _("Choose a state (UF): SP, RJ, MG…")
    )
    for field in ("payment_terms_days", "lead_time_days"):
        check.check(
            0 <= getattr(data, field) <= MAX_DAYS,
            field,
            _("Enter a number of days from 0 to {most}.").format(most=MAX_DAYS),
        )
    texts = ("name", "trade_name", "contact_name", "email", "phone", "city", "notes")
    check_lengths(check, {key: (getattr(data, key), getattr(Supplier, key)) for key in texts})
    return check.errors


def check_suppliers(session: Session, changes: Sequence[SupplierChange]) -> dict[int, list[FieldError]]:
    """Every problem of each change, by its position; a tax id belongs to one supplier."""
    problems = {index: supplier_problems(change.data) for index, change in enumerate(changes)}
    holders = _ids(session, sorted({change.data.tax_id for change in changes}))
    batch: set[str] = set()
    for index, change in enumerate(changes):
        tax_id = change.data.tax_id
        if tax_id in batch or holders.get(tax_id, change.supplier_id) != change.supplier_id:
            problems[index].append(
                FieldError(
                    "tax_id",
                    _("Another supplier already has the tax id {number}.").format(
                        number=format_tax_id(tax_id)
                    ),
                )
            )
        batch.add(tax_id)
    return {index: found for index, found in problems.items() if found}


def search_text(data: SupplierData) -> str:
    parts = (data.name, data.trade_name, data.tax_id, data.city, data.contact_name)
    return fold(" ".join(part for part in parts if part))[:400]


def _values(data: SupplierData) -> dict[str, Any]:
    values = {key: getattr(data, key) for key in SupplierData.__dataclass_fields__}
    return keyed(Supplier, [values])[0]  # written in bulk: the sort keys are set here


def snapshot(values: dict[str, Any]) -> dict[str, Any]:
    return {key: values.get(key) for key in (*SupplierData.__dataclass_fields__, "active")}


def save_suppliers_in(session: Session, actor: Actor, changes: Sequence[SupplierChange]) -> list[int]:
    """Check every change, then write them all (the ids, in order); a ValidationError names the first
    bad change's fields and writes nothing. Inside an open write unit of work."""
    problems = check_suppliers(session, changes)
    if problems:
        raise ValidationError(problems[min(problems)])
    rows = [
        _values(change.data) | {"active": True, "search_text": search_text(change.data)}
        for change in changes
        if change.supplier_id is None
    ]
    if rows:
        session.execute(insert(SUPPLIERS), rows)  # one executemany; the ids are read back by tax id
    added = _ids(session, [row["tax_id"] for row in rows])
    audit.record_many(
        session, actor, (("supplier.add", "supplier", row["tax_id"], None, snapshot(row)) for row in rows)
    )
    _update(session, actor, [(change.supplier_id, change.data) for change in changes if change.supplier_id])
    return [change.supplier_id or added[change.data.tax_id] for change in changes]


def _ids(session: Session, tax_ids: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in chunks(sorted(tax_ids)):
        found.update(
            session.execute(select(Supplier.tax_id, Supplier.id).where(Supplier.tax_id.in_(chunk))).all()
        )
    return found


def _update(session: Session, actor: Actor, updates: Sequence[tuple[int, SupplierData]]) -> None:
    before: dict[int, dict[str, Any]] = {}
    for chunk in chunks([supplier_id for supplier_id, _data in updates]):
        for supplier in session.execute(select(Supplier).where(Supplier.id.in_(chunk))).scalars():
            before[supplier.id] = snapshot({key: getattr(supplier, key) for key in snapshot({})})
    rows = []
    entries = []
    for supplier_id, data in updates:
        if supplier_id not in before:
            raise NotFound(_("That supplier no longer exists."), code="supplier.not_found")
        row = _values(data) | {"active": before[supplier_id]["active"], "search_text": search_text(data)}
        old, new = audit.changes(before[supplier_id], snapshot(row))
        if new:
            rows.append({"id": supplier_id, **row})
            entries.append(("supplier.update", "supplier", data.tax_id, old, new))
    if rows:
        session.execute(update(Supplier), rows)
    audit.record_many(session, actor, entries)
