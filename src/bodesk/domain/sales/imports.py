"""Importing customers from a spreadsheet (CSV or XLSX): `bodesk import customers FILE`.

Each row adds a customer. A row whose CNPJ/CPF is already a customer's is refused naming that customer
(a customer is changed on its form, never overwritten by a file), as is a code another customer has, a
CNPJ/CPF or code on two lines of the file, or a segment, rep, price table or payment term bodesk does
not know. Every rule of a customer's form applies (`customers.clean_customer`: codes in capitals,
lengths named, e-mail, CEP, credit limit through its NumberRule…), every bad row is reported with its
line, and the good rows are written in ONE short unit of work with bulk statements, keeping the sort
keys of the names (`sorting.keyed`). A row without a code gets the next number of the series
"customer", skipping any number already used as a code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.access.permissions import DATA_IMPORT
from bodesk.domain.common.errors import UserError, ValidationError
from bodesk.domain.common.importing import (
    ColumnMapping,
    ImportResult,
    ParsedRow,
    RowError,
    authorize_import,
    row_errors,
    run_import,
    suggest_mapping,
    validate_mapping,
)
from bodesk.domain.common.listing import chunks
from bodesk.domain.common.numbering import next_numbers
from bodesk.domain.common.sorting import keyed
from bodesk.domain.common.tabular import Table as SheetTable
from bodesk.domain.common.tabular import read_table
from bodesk.domain.common.taxid import format_tax_id
from bodesk.domain.common.text import fold
from bodesk.domain.sales.customers import CODE_RULE, Address, CustomerData, clean_customer, search_text
from bodesk.domain.sales.import_fields import ADDRESS_PARTS, CUSTOMER_FIELDS
from bodesk.domain.sales.models import Customer, CustomerContact, PaymentTerm, SalesRep, Segment
from bodesk.domain.sales.permissions import CUSTOMERS_EDIT
from bodesk.domain.sales.price_models import PriceTable
from bodesk.i18n import N_, _
from bodesk.store.engine import Database
from bodesk.store.types import utcnow

CUSTOMERS = cast(Table, Customer.__table__)
CONTACTS = cast(Table, CustomerContact.__table__)
REFERENCES: dict[str, tuple[type, str]] = {  # field -> (model, what it is, N_)
    "segment": (Segment, N_("segment")),
    "rep": (SalesRep, N_("sales rep")),
    "price_table": (PriceTable, N_("price table")),
    "payment_term": (PaymentTerm, N_("payment term")),
}
LABELS = {field.key: field.label for field in CUSTOMER_FIELDS}


def _names(session: Session) -> tuple[dict[str, dict[str, int]], list[Any]]:
    """Each reference's ids by folded name (a rep's name may repeat: the first rep keeps it), and the
    records themselves: held while the rows are checked, the session finds them without a query when
    the customer's rules look them up (its identity map keeps only what is referenced)."""
    found: dict[str, dict[str, int]] = {}
    held: list[Any] = []
    for key, (model, _what) in REFERENCES.items():
        records: list[Any] = list(session.execute(select(model).order_by(model.id)).scalars())  # type: ignore[attr-defined]
        held += records
        found[key] = {}
        for record in records:
            found[key].setdefault(fold(record.name), record.id)
    return found, held


def _data(values: Mapping[str, Any], ids: Mapping[str, int | None]) -> CustomerData:
    def address(prefix: str) -> Address:
        return Address(**{key: str(values.get(f"{prefix}{key}") or "") for key, *_rest in ADDRESS_PARTS})

    return CustomerData(
        name=str(values["name"]), tax_id=str(values["tax_id"]), code=str(values.get("code") or ""),
        trade_name=str(values.get("trade_name") or ""),
        state_registration=str(values.get("state_registration") or ""),
        segment_id=ids.get("segment"), rep_id=ids.get("rep"), price_table_id=ids.get("price_table"),
        payment_term_id=ids.get("payment_term"), billing=address(""), delivery=address("delivery_"),
        delivery_note=str(values.get("delivery_note") or ""),
        delivery_weekdays=str(values.get("delivery_weekdays") or ""), phone=str(values.get("phone") or ""),
        whatsapp=str(values.get("whatsapp") or ""), email=str(values.get("email") or ""),
        credit_limit=values.get("credit_limit"), credit_policy=str(values.get("credit_policy") or "warn"),
        notes=str(values.get("notes") or ""), contacts=tuple(values.get("contacts") or ()),
    )  # fmt: skip


def _row_rules(values: dict[str, Any]) -> list[str]:
    """A row's own rule beyond the customer's form: a blocked customer says why."""
    if values.get("blocked") and not str(values.get("block_reason") or "").strip():
        return [_("A blocked customer needs the reason it is blocked (the column “{column}”).").format(
            column=_(LABELS["block_reason"])
        )]  # fmt: skip
    return []


def _repeated(rows: Sequence[ParsedRow]) -> list[RowError]:
    """A CNPJ/CPF or a code on two lines of the file."""
    errors: list[RowError] = []
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        code = CODE_RULE.clean(str(row.values.get("code") or ""))
        for key, value in (("tax_id", str(row.values["tax_id"])), ("code", code)):
            if not value:
                continue
            first = seen.setdefault((key, value), row.line)
            if first != row.line:
                message = _("The same value is on line {line} too.").format(line=first)
                errors.append(RowError(row.line, LABELS[key], value, message))
    return errors


class _Plan:
    """The rows checked by `check` (each row's clean data by its line), written by `write`."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db, self.actor = db, actor
        self.clean: dict[int, CustomerData] = {}

    def check(self, rows: list[ParsedRow]) -> list[RowError]:
        errors = _repeated(rows)
        refused = {error.line for error in errors}
        with self.db.read() as session:
            names, _held = _names(session)
            for row in rows:
                if row.line in refused:
                    continue
                ids: dict[str, int | None] = {}
                unknown = []
                for key, (_model, what) in REFERENCES.items():
                    name = str(row.values.get(key) or "")
                    ids[key] = names[key].get(fold(name)) if name else None
                    if name and ids[key] is None:
                        message = _("bodesk has no {what} named “{name}”.").format(what=_(what), name=name)
                        unknown.append(RowError(row.line, LABELS[key], name, message))
                if unknown:
                    errors.extend(unknown)
                    continue
                try:
                    self.clean[row.line] = clean_customer(session, _data(row.values, ids), None)
                except ValidationError as exc:
                    errors.extend(row_errors(CUSTOMER_FIELDS, row, exc))
        return errors

    def write(self, rows: list[ParsedRow]) -> int:
        with self.db.write() as session:
            require(session, self.actor, DATA_IMPORT)
            require(session, self.actor, CUSTOMERS_EDIT)
            chosen = [(row, self.clean[row.line]) for row in rows]
            _still_free(session, [data for _row, data in chosen])
            codes = _codes(session, [data.code for _row, data in chosen])
            now = utcnow()
            records = []
            for (row, data), code in zip(chosen, codes, strict=True):
                blocked = bool(row.values.get("blocked"))
                records.append(
                    _columns(data) | {
                        "code": code, "blocked": blocked,
                        "block_reason": str(row.values.get("block_reason") or "").strip() if blocked else "",
                        "active": not row.values.get("archived"), "search_text": search_text(data, code),
                        "created_at": now, "updated_at": now,
                    }
                )  # fmt: skip
            session.execute(insert(CUSTOMERS), keyed(Customer, records))
            ids = _ids(session, [record["tax_id"] for record in records])
            contacts = [
                {"customer_id": ids[data.tax_id], **asdict(contact)}
                for _row, data in chosen
                for contact in data.contacts
            ]
            if contacts:
                session.execute(insert(CONTACTS), contacts)
            audit.record_many(
                session,
                self.actor,
                (("customer.add", "customer", record["code"], None, _snapshot(record)) for record in records),
                at=now,
            )
            return len(records)


def _columns(data: CustomerData) -> dict[str, Any]:
    values = {
        key: value
        for key, value in asdict(data).items()
        if key not in ("billing", "delivery", "contacts", "version")
    }
    values.update(asdict(data.billing))
    values.update({f"delivery_{key}": value for key, value in asdict(data.delivery).items()})
    return values


def _snapshot(record: Mapping[str, Any]) -> dict[str, Any]:
    skip = ("search_text", "created_at", "updated_at", "name_key", "trade_name_key", "city_key")
    return {key: value for key, value in record.items() if key not in skip}


def _still_free(session: Session, rows: Sequence[CustomerData]) -> None:
    """Refuse the import if another desk took one of its CNPJ/CPFs or codes since it was checked."""
    for chunk in chunks(sorted({data.tax_id for data in rows})):
        taken = session.execute(
            select(Customer.tax_id, Customer.code, Customer.name).where(Customer.tax_id.in_(chunk))
        ).first()
        if taken is not None:
            raise UserError(
                _("The tax id {number} is already the customer {code} {name}.").format(
                    number=format_tax_id(taken.tax_id), code=taken.code, name=taken.name
                ),
                code="customer.import_taken",
            )
    for chunk in chunks(sorted({data.code for data in rows if data.code})):
        code = session.execute(select(Customer.code).where(func.upper(Customer.code).in_(chunk))).scalar()
        if code is not None:
            raise UserError(
                _("Another customer has the code {code}.").format(code=code), code="customer.import_taken"
            )


def _codes(session: Session, given: Sequence[str]) -> list[str]:
    """The given codes, and for the rows without one the next numbers of the series "customer", drawn
    at once, skipping any number already used as a code (in the file or by a customer)."""
    used = {code for code in given if code}
    wanted = sum(1 for code in given if not code)
    free: list[str] = []
    while len(free) < wanted:
        drawn = [str(number) for number in next_numbers(session, "customer", wanted - len(free))]
        taken = used & set(drawn)
        for chunk in chunks(drawn):
            taken.update(
                session.execute(select(Customer.code).where(func.upper(Customer.code).in_(chunk))).scalars()
            )
        free += [code for code in drawn if code not in taken]
    drawn_codes = iter(free)
    return [code or next(drawn_codes) for code in given]


def _ids(session: Session, tax_ids: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in chunks(sorted(tax_ids)):
        found.update(
            session.execute(select(Customer.tax_id, Customer.id).where(Customer.tax_id.in_(chunk))).all()
        )
    return found


def import_customers(
    db: Database,
    actor: Actor,
    table: SheetTable,
    mapping: ColumnMapping,
    dry_run: bool = False,
    import_good_rows: bool = False,
) -> ImportResult:
    authorize_import(db, actor, CUSTOMERS_EDIT)
    validate_mapping(CUSTOMER_FIELDS, mapping, table.headers)
    plan = _Plan(db, actor)
    return run_import(
        CUSTOMER_FIELDS,
        table,
        mapping,
        plan.write,
        dry_run,
        import_good_rows,
        row_check=_row_rules,
        rows_check=plan.check,
    )


def import_customers_file(
    db: Database,
    actor: Actor,
    path: Path,
    mapping: ColumnMapping | None = None,
    dry_run: bool = False,
    import_good_rows: bool = False,
) -> ImportResult:
    authorize_import(db, actor, CUSTOMERS_EDIT)
    table = read_table(path)
    chosen = mapping or suggest_mapping(CUSTOMER_FIELDS, table.headers)
    return import_customers(db, actor, table, chosen, dry_run, import_good_rows)
