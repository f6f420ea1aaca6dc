"""The read side of receivables, payables and payments: open installments by due date (the overdue
ones standing out), the payments list, what a partner has open (for the payment dialog), the partners
and money accounts to choose from. Paged, sorted and filtered in SQL; the open lists walk the index
(direction, settled, due_on).

Filters (ListRequest.filters):
- ReceivablesQuery / PayablesQuery: "overdue" True (due before today); "due_by" a date (due on or
  before); "partner" a customer or supplier id; "today" a date (tests; default the machine's today).
  The search finds the partner by their words or the document by its number.
- PaymentsQuery: "direction" receivable|payable; "method"; "reversed" True/False; "from"/"to" days;
  the search finds the partner or the payment's number.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import String, cast, func, or_, select, type_coerce

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.listing import (
    AnySelect,
    Choice,
    ListColumn,
    ListQuery,
    ListRequest,
    ListRow,
    ListTotals,
    has_words,
)
from bodesk.domain.common.models import Money
from bodesk.domain.common.numbering import typed_number
from bodesk.domain.common.postings import document_label
from bodesk.domain.common.tones import Tone
from bodesk.domain.finance.chart import account_name
from bodesk.domain.finance.document_models import OpenItem, Payment
from bodesk.domain.finance.items import LEFT
from bodesk.domain.finance.models import Account
from bodesk.domain.finance.payments import is_money_account
from bodesk.domain.finance.permissions import FINANCE_VIEW
from bodesk.domain.finance.states import PAYMENT_METHODS, Direction
from bodesk.domain.purchasing.models import Supplier
from bodesk.domain.sales.models import Customer
from bodesk.i18n import N_, _
from bodesk.store.engine import Database

OPEN = type_coerce(LEFT, Money())
LATE_DAYS = 30  # overdue by more than this: danger, not just a warning


def days_overdue(due_on: date | None, today: date | None = None) -> int:
    if due_on is None:
        return 0
    return max(0, ((today or date.today()) - due_on).days)


def _overdue_text(due_on: Any) -> str:
    days = days_overdue(due_on)
    return str(days) if days else ""


def _overdue_tone(due_on: Any) -> Tone | None:
    days = days_overdue(due_on)
    return None if not days else Tone.DANGER if days > LATE_DAYS else Tone.WARNING


def method_label(code: Any) -> str:
    found = PAYMENT_METHODS.get(code)
    return _(found) if found else str(code)


def _installment() -> Any:
    return cast(OpenItem.installment, String) + "/" + cast(OpenItem.installments, String)


class _OpenItemsQuery(ListQuery):
    action = FINANCE_VIEW
    entity = OpenItem
    direction: ClassVar[Direction]
    partner: ClassVar[Any]  # Customer or Supplier
    partner_key: ClassVar[str]  # "customer_id" or "supplier_id"
    default_sort = "due_on"

    @property
    def partner_id(self) -> Any:
        return getattr(OpenItem, self.partner_key)

    def base(self) -> AnySelect:
        return super().base().join(self.partner, self.partner.id == self.partner_id)

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        stmt = stmt.where(OpenItem.direction == self.direction.value, OpenItem.settled.is_(False))
        today = request.filter("today") or date.today()
        if request.filter("overdue"):
            stmt = stmt.where(OpenItem.due_on < today)
        if isinstance(request.filter("due_by"), date):
            stmt = stmt.where(OpenItem.due_on <= request.filter("due_by"))
        if request.filter("partner"):
            stmt = stmt.where(self.partner_id == request.filter("partner"))
        if request.search:
            names = select(self.partner.id).where(has_words(self.partner.search_text, request.search))
            typed = typed_number(request.search)
            found = self.partner_id.in_(names)
            stmt = stmt.where(or_(found, OpenItem.doc_number == typed) if typed is not None else found)
        return stmt

    def row_tone(self, row: ListRow) -> Tone | None:
        return _overdue_tone(self.value(row, "overdue"))

    def totals(self, db: Database, actor: Actor, request: ListRequest) -> ListTotals:
        """The amount and what is open, summed on the installments alone (no join: the filters need
        none), so the index on (direction, settled, due_on) carries it."""
        with db.read() as session:
            require(session, actor, self.action)
            sums = select(type_coerce(func.sum(OpenItem.amount), Money()), func.sum(OPEN)).select_from(
                OpenItem
            )
            amount, left = session.execute(self.where(sums, request)).one()
        zero = Decimal(0)
        return ListTotals({"amount": amount or zero, "open": left or zero})


def _columns(partner_title: str, partner_name: Any) -> tuple[ListColumn, ...]:
    return (
        ListColumn("partner", partner_title, partner_name),
        ListColumn("doc_kind", N_("Document"), OpenItem.doc_kind, sortable=False, label=document_label),
        ListColumn("doc_number", N_("Number"), OpenItem.doc_number, kind="ref"),
        ListColumn("installment", N_("Installment"), _installment(), sortable=False),
        ListColumn("issued_on", N_("Issued"), OpenItem.issued_on, kind="date"),
        ListColumn("due_on", N_("Due"), OpenItem.due_on, kind="date"),
        ListColumn("amount", N_("Amount"), OpenItem.amount, kind="money", total=True),
        ListColumn("open", N_("Open"), OPEN, kind="money", total=True),
        ListColumn(
            "overdue",
            N_("Days overdue"),
            OpenItem.due_on,
            kind="number",
            label=_overdue_text,
            tone=_overdue_tone,
        ),
    )


class ReceivablesQuery(_OpenItemsQuery):
    """What customers owe, installment by installment, oldest due first (credits they hold: negative)."""

    direction = Direction.RECEIVABLE
    partner = Customer
    partner_key = "customer_id"
    columns = _columns(N_("Customer"), Customer.name)


class PayablesQuery(_OpenItemsQuery):
    """What we owe suppliers, installment by installment, oldest due first."""

    direction = Direction.PAYABLE
    partner = Supplier
    partner_key = "supplier_id"
    columns = _columns(N_("Supplier"), Supplier.name)


class OverdueQuery(ReceivablesQuery):
    """The receivables already past their due date."""

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        return super().where(stmt, ListRequest(request.search, {**request.filters, "overdue": True}))


_PARTNER = func.coalesce(Customer.name, Supplier.name)


def _direction_label(code: Any) -> str:
    return _("Received") if code == Direction.RECEIVABLE.value else _("Paid")


class PaymentsQuery(ListQuery):
    action = FINANCE_VIEW
    entity = Payment
    columns = (
        ListColumn("number", N_("Number"), Payment.number, kind="ref"),
        ListColumn("day", N_("Day"), Payment.day, kind="date"),
        ListColumn("direction", N_("Kind"), Payment.direction, label=_direction_label),
        ListColumn("partner", N_("Customer or supplier"), _PARTNER, sortable=False),
        ListColumn("method", N_("Method"), Payment.method, label=method_label),
        ListColumn("amount", N_("Amount"), Payment.amount, kind="money"),
        ListColumn("discount", N_("Discount"), Payment.discount, kind="money"),
        ListColumn("interest", N_("Interest"), Payment.interest, kind="money"),
        ListColumn("fees", N_("Fees"), Payment.fees, kind="money"),
        ListColumn("credit", N_("Left as credit"), Payment.credit, kind="money"),
        ListColumn("reversed", N_("Reversed"), Payment.reversed, kind="bool"),
        ListColumn("memo", N_("Memo"), Payment.memo, sortable=False),
    )
    default_sort = "number"
    default_descending = True

    def base(self) -> AnySelect:
        return (
            super()
            .base()
            .outerjoin(Customer, Customer.id == Payment.customer_id)
            .outerjoin(Supplier, Supplier.id == Payment.supplier_id)
        )

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        for key, column in (("direction", Payment.direction), ("method", Payment.method)):
            if request.filter(key):
                stmt = stmt.where(column == request.filter(key))
        if isinstance(request.filter("reversed"), bool):
            stmt = stmt.where(Payment.reversed.is_(request.filter("reversed")))
        if isinstance(request.filter("from"), date):
            stmt = stmt.where(Payment.day >= request.filter("from"))
        if isinstance(request.filter("to"), date):
            stmt = stmt.where(Payment.day <= request.filter("to"))
        if request.search:
            typed = typed_number(request.search)
            found = or_(
                Payment.customer_id.in_(
                    select(Customer.id).where(has_words(Customer.search_text, request.search))
                ),
                Payment.supplier_id.in_(
                    select(Supplier.id).where(has_words(Supplier.search_text, request.search))
                ),
            )
            stmt = stmt.where(or_(found, Payment.number == typed) if typed is not None else found)
        return stmt

    def row_tone(self, row: ListRow) -> Tone | None:
        return Tone.MUTED if self.value(row, "reversed") else None


@dataclass(frozen=True)
class OpenLine:
    """One open installment as the payment dialog shows it."""

    id: int
    document: str  # "Invoice 12"
    installment: str  # "2/3"
    issued_on: date
    due_on: date
    amount: Decimal
    left: Decimal  # negative: a credit the partner holds
    days_overdue: int


def open_lines(db: Database, actor: Actor, direction: Direction, partner_id: int) -> list[OpenLine]:
    """The partner's unsettled installments and credits, oldest due first."""
    partner = OpenItem.customer_id if direction == Direction.RECEIVABLE else OpenItem.supplier_id
    with db.read() as session:
        require(session, actor, FINANCE_VIEW)
        rows = session.execute(
            select(OpenItem, OPEN)
            .where(OpenItem.direction == direction.value, OpenItem.settled.is_(False), partner == partner_id)
            .order_by(OpenItem.due_on, OpenItem.id)
        ).all()
    return [
        OpenLine(
            item.id,
            f"{document_label(item.doc_kind)} {item.doc_number}",
            f"{item.installment}/{item.installments}",
            item.issued_on,
            item.due_on,
            item.amount,
            Decimal(left),
            days_overdue(item.due_on),
        )
        for item, left in rows
    ]


def partner_choices(
    db: Database, actor: Actor, direction: Direction, text: str = "", limit: int = 50
) -> list[Choice]:
    """Customers (code, name) or suppliers (tax id, name) whose words match `text`, by name."""
    partner: Any = Customer if direction == Direction.RECEIVABLE else Supplier
    code = Customer.code if direction == Direction.RECEIVABLE else Supplier.tax_id
    with db.read() as session:
        require(session, actor, FINANCE_VIEW)
        stmt = select(partner.id, code, partner.name).where(partner.active.is_(True))
        if text.strip():
            words = has_words(partner.search_text, text)
            stmt = stmt.where(or_(words, code == text.strip().upper()))
        stmt = stmt.order_by(partner.name_key, partner.id).limit(limit)
        return [Choice(row[0], row[1], row[2]) for row in session.execute(stmt)]


def money_account_choices(db: Database, actor: Actor) -> list[Choice]:
    """The accounts money can be received into or paid from (cash, banks), by code."""
    with db.read() as session:
        require(session, actor, FINANCE_VIEW)
        accounts = session.execute(
            select(Account.id, Account.code, Account.name, Account.name_en)
            .where(Account.active.is_(True), Account.postable.is_(True), Account.code.like("1.%"))
            .order_by(Account.code)
        ).all()
        return [
            Choice(row.id, row.code, account_name(row.name, row.name_en))
            for row in accounts
            if is_money_account(session, row.id)
        ]


def partner_of_item(db: Database, actor: Actor, item_id: int) -> int | None:
    """The customer or supplier of an open item (None if it no longer exists)."""
    with db.read() as session:
        require(session, actor, FINANCE_VIEW)
        row = session.execute(
            select(OpenItem.customer_id, OpenItem.supplier_id).where(OpenItem.id == item_id)
        ).one_or_none()
    return None if row is None else (row.customer_id or row.supplier_id)
