"""The books' read side: the chart of accounts with balances, the journal's entries and lines, an
account's ledger with its running balance, and the months of the books with their state.

Filters (ListRequest.filters):
- JournalQuery: "from"/"to" days; "account" an account id (entries with a line on it); "manual" True.
  A number typed in the search finds that entry; other text searches the entries' descriptions.
- EntryLinesQuery: "entry" an entry id (required: no entry, no lines).
- LedgerQuery: "account" an account id (required); "from"/"to" days. The running balance runs over every
  line of the account up to the row, computed in SQL (a window), so a page shows the true figure.

The chart of accounts is read whole (`chart_of_accounts`): a company's chart holds tens to a few
hundred accounts, shown as a tree in the accountant's order (1.1.2 before 1.1.10), which SQL cannot sort.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import ColumnElement, exists, func, or_, select, type_coerce
from sqlalchemy.orm import Session, aliased

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.figures import money_text
from bodesk.domain.common.listing import AnySelect, ListColumn, ListQuery, ListRequest, ListRow, contains
from bodesk.domain.common.models import Money
from bodesk.domain.common.numbering import typed_number
from bodesk.domain.common.postings import describe
from bodesk.domain.finance.chart import AccountRole, account_name
from bodesk.domain.finance.journal import lock_date
from bodesk.domain.finance.models import Account, JournalEntry, JournalLine
from bodesk.domain.finance.permissions import FINANCE_VIEW
from bodesk.domain.finance.states import ACCOUNT_KINDS, DEBIT_NATURE, DRE_LINES, AccountKind, DreLine
from bodesk.domain.purchasing.models import Supplier
from bodesk.domain.sales.models import Customer
from bodesk.i18n import N_, _
from bodesk.store.engine import Database

ZERO = Decimal(0)
ROLE_LABELS = {
    AccountRole.CASH: N_("Cash"),
    AccountRole.BANK: N_("Bank"),
    AccountRole.RECEIVABLES: N_("Customers (receivables)"),
    AccountRole.STOCK: N_("Stock"),
    AccountRole.CONTAINERS: N_("Containers held by customers"),
    AccountRole.TAXES_RECOVERABLE: N_("Recoverable taxes"),
    AccountRole.PAYABLES: N_("Suppliers (payables)"),
    AccountRole.GRNI: N_("Goods received not billed"),
    AccountRole.CUSTOMER_CREDITS: N_("Customer credits"),
    AccountRole.TAXES_PAYABLE: N_("Taxes payable"),
    AccountRole.CLEARING: N_("Money in transit"),
    AccountRole.OPENING: N_("Opening balances"),
    AccountRole.SALES: N_("Sales"),
    AccountRole.RETURNS: N_("Sales returns"),
    AccountRole.DISCOUNTS_GIVEN: N_("Discounts given"),
    AccountRole.COGS: N_("Cost of goods sold"),
    AccountRole.STOCK_ADJUSTMENTS: N_("Stock count adjustments"),
    AccountRole.STOCK_LOSSES: N_("Stock losses"),
    AccountRole.GOODS_ISSUED: N_("Free goods and samples"),
    AccountRole.PRICE_DIFFERENCES: N_("Purchase price differences"),
    AccountRole.BAD_DEBTS: N_("Bad debts"),
    AccountRole.DISCOUNTS_TAKEN: N_("Discounts received"),
    AccountRole.INTEREST_EARNED: N_("Interest earned"),
    AccountRole.INTEREST_PAID: N_("Interest paid"),
    AccountRole.BANK_FEES: N_("Bank fees"),
    AccountRole.OTHER_INCOME: N_("Other income"),
}


def role_label(role: str | None) -> str:
    return _(ROLE_LABELS[AccountRole(role)]) if role in ROLE_LABELS else (role or "")


def kind_label(kind: str) -> str:
    return _(ACCOUNT_KINDS[AccountKind(kind)]) if kind in ACCOUNT_KINDS else kind


def dre_label(line: str) -> str:
    return _(DRE_LINES[DreLine(line)]) if line in DRE_LINES else line


def amount_or_blank(value: Any) -> str:
    return money_text(value) if value else ""


def code_key(code: str) -> tuple[int, ...]:
    """The accountant's order of codes: 1.1.2 before 1.1.10."""
    return tuple(int(part) for part in code.split(".") if part.isdigit())


# --- the chart of accounts --------------------------------------------------------------------------


@dataclass(frozen=True)
class AccountRow:
    id: int
    code: str
    name: str  # in the person's language
    pt_name: str
    name_en: str
    kind: str
    dre_line: str
    role: str | None
    postable: bool
    active: bool
    balance: Decimal  # in the account's nature: debits less credits for assets and expenses, else the reverse
    postings: bool

    @property
    def depth(self) -> int:
        return self.code.count(".")


def _balances(session: Session) -> dict[int, tuple[Decimal, Decimal, int]]:
    rows = session.execute(
        select(
            JournalLine.account_id,
            type_coerce(func.sum(JournalLine.debit), Money()),
            type_coerce(func.sum(JournalLine.credit), Money()),
            func.count(),
        ).group_by(JournalLine.account_id)
    )
    return {
        account: (Decimal(debit or 0), Decimal(credit or 0), count) for account, debit, credit, count in rows
    }


def chart_of_accounts(db: Database, actor: Actor, include_inactive: bool = True) -> list[AccountRow]:
    """Every account in code order, with its balance (a header's is the sum of the accounts under it)."""
    with db.read() as session:
        require(session, actor, FINANCE_VIEW)
        sums = _balances(session)
        stmt = select(Account)
        if not include_inactive:
            stmt = stmt.where(Account.active.is_(True))
        accounts = sorted(session.execute(stmt).scalars(), key=lambda account: code_key(account.code))
        rows = []
        for account in accounts:
            prefix = account.code + "."
            debit = credit = ZERO
            count = 0
            for other in accounts:
                if other.id == account.id or (not account.postable and other.code.startswith(prefix)):
                    found = sums.get(other.id, (ZERO, ZERO, 0))
                    debit, credit, count = debit + found[0], credit + found[1], count + found[2]
            balance = debit - credit if account.kind in DEBIT_NATURE else credit - debit
            rows.append(
                AccountRow(
                    account.id, account.code, account_name(account.name, account.name_en), account.name,
                    account.name_en, account.kind, account.dre_line, account.role, account.postable,
                    account.active, balance, sums.get(account.id, (ZERO, ZERO, 0))[2] > 0,
                )
            )  # fmt: skip
        return rows


# --- the journal ------------------------------------------------------------------------------------


def _days(stmt: AnySelect, column: Any, request: ListRequest) -> AnySelect:
    start, end = request.filter("from"), request.filter("to")
    if isinstance(start, date):
        stmt = stmt.where(column >= start)
    if isinstance(end, date):
        stmt = stmt.where(column <= end)
    return stmt


_REVERSAL = aliased(JournalEntry)


class JournalQuery(ListQuery):
    action = FINANCE_VIEW
    entity = JournalEntry
    columns = (
        ListColumn("number", N_("Entry"), JournalEntry.number, kind="ref"),
        ListColumn("day", N_("Date"), JournalEntry.day, kind="date"),
        ListColumn("document", N_("Document"), JournalEntry.doc_kind),
        ListColumn("memo", N_("Description"), JournalEntry.memo),
        ListColumn("total", N_("Amount"), JournalEntry.total, kind="money"),
        ListColumn("manual", N_("Manual"), JournalEntry.manual, kind="bool"),
        ListColumn(
            "reversed",
            N_("Reversed"),
            exists().where(_REVERSAL.reverses_id == JournalEntry.id),
            kind="bool",
            sortable=False,
        ),
    )
    default_sort = "number"
    default_descending = True

    def base(self) -> AnySelect:
        return super().base().add_columns(JournalEntry.doc_number)

    def rows(self, session: Session, actor: Actor, stmt: AnySelect) -> list[ListRow]:
        """The document column as a person reads it ("Invoice 12"), from its kind and number."""
        found = []
        index = [column.key for column in self.columns].index("document")
        for row in super().rows(session, actor, stmt):
            values = list(row.values[: len(self.columns)])
            kind, number = values[index], row.values[len(self.columns)]
            values[index] = describe(kind, number) if kind else ""
            found.append(ListRow(row.id, tuple(values)))
        return found

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        text = request.search.strip()
        if text:
            number = typed_number(text)
            conditions: list[ColumnElement[bool]] = [contains(JournalEntry.memo, text)]
            if number is not None:
                conditions += [JournalEntry.number == number, JournalEntry.doc_number == number]
            stmt = stmt.where(or_(*conditions))
        account = request.filter("account")
        if account:
            stmt = stmt.where(
                exists().where(JournalLine.entry_id == JournalEntry.id, JournalLine.account_id == account)
            )
        if request.filter("manual"):
            stmt = stmt.where(JournalEntry.manual.is_(True))
        return _days(stmt, JournalEntry.day, request)


_PARTNER = func.coalesce(Customer.name, Supplier.name)


class EntryLinesQuery(ListQuery):
    action = FINANCE_VIEW
    entity = JournalLine
    columns = (
        ListColumn("code", N_("Account"), Account.code, kind="code"),
        ListColumn("account", N_("Account name"), Account.name),
        ListColumn("debit", N_("Debit"), JournalLine.debit, kind="money", label=amount_or_blank, total=True),
        ListColumn(
            "credit", N_("Credit"), JournalLine.credit, kind="money", label=amount_or_blank, total=True
        ),
        ListColumn("partner", N_("Customer or supplier"), _PARTNER),
        ListColumn("memo", N_("Description"), JournalLine.memo, sortable=False),
    )
    default_sort = "line"

    def column(self, key: str) -> ListColumn:
        if key == "line":  # the order the lines were written in
            return ListColumn("line", "", JournalLine.id)
        return super().column(key)

    def base(self) -> AnySelect:
        return (
            super()
            .base()
            .add_columns(Account.name_en)
            .join(Account, Account.id == JournalLine.account_id)
            .outerjoin(Customer, Customer.id == JournalLine.customer_id)
            .outerjoin(Supplier, Supplier.id == JournalLine.supplier_id)
        )

    def selected(self, request: ListRequest) -> AnySelect:
        return self.where(self.base(), request)

    def rows(self, session: Session, actor: Actor, stmt: AnySelect) -> list[ListRow]:
        return _named(self, super().rows(session, actor, stmt))

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        entry = request.filter("entry")
        return stmt.where(JournalLine.entry_id == (entry if entry else -1))


def _named(query: ListQuery, rows: list[ListRow]) -> list[ListRow]:
    """Rows with the account's name in the person's language (the English name comes last)."""
    width = len(query.columns)
    index = [column.key for column in query.columns].index("account")
    found = []
    for row in rows:
        values = list(row.values[:width])
        values[index] = account_name(str(values[index]), str(row.values[width] or ""))
        found.append(ListRow(row.id, tuple(values)))
    return found


# --- an account's ledger ----------------------------------------------------------------------------

_SIGNED = JournalLine.debit - JournalLine.credit
_LEDGER = (
    select(
        JournalLine.id.label("id"),
        JournalLine.account_id.label("account_id"),
        JournalLine.day.label("day"),
        JournalEntry.number.label("number"),
        JournalEntry.doc_kind.label("doc_kind"),
        JournalEntry.doc_number.label("doc_number"),
        func.coalesce(func.nullif(JournalLine.memo, ""), JournalEntry.memo).label("memo"),
        _PARTNER.label("partner"),
        JournalLine.debit.label("debit"),
        JournalLine.credit.label("credit"),
        func.sum(_SIGNED)
        .over(
            partition_by=JournalLine.account_id,
            order_by=(JournalLine.day, JournalEntry.number, JournalLine.id),
        )
        .label("running"),
    )
    .join(JournalEntry, JournalEntry.id == JournalLine.entry_id)
    .outerjoin(Customer, Customer.id == JournalLine.customer_id)
    .outerjoin(Supplier, Supplier.id == JournalLine.supplier_id)
)


class LedgerQuery(ListQuery):
    """One account's lines, oldest first, with the balance after each (debits less credits)."""

    action = FINANCE_VIEW
    entity = JournalLine
    columns: ClassVar[tuple[ListColumn, ...]] = ()
    default_sort = "day"

    def __init__(self) -> None:
        # The window runs over the whole account before any filter or page, so each balance is true.
        self.view = _LEDGER.subquery("ledger")
        view = self.view
        self.columns = (  # type: ignore[misc]
            ListColumn("day", N_("Date"), view.c.day, kind="date"),
            ListColumn("number", N_("Entry"), view.c.number, kind="ref", sortable=False),
            ListColumn("document", N_("Document"), view.c.doc_kind, sortable=False),
            ListColumn("memo", N_("Description"), view.c.memo, sortable=False),
            ListColumn("partner", N_("Customer or supplier"), view.c.partner, sortable=False),
            ListColumn(
                "debit", N_("Debit"), view.c.debit, kind="money", label=amount_or_blank, sortable=False
            ),
            ListColumn(
                "credit", N_("Credit"), view.c.credit, kind="money", label=amount_or_blank, sortable=False
            ),
            ListColumn(
                "balance", N_("Balance"), type_coerce(view.c.running, Money()), kind="money", sortable=False
            ),
        )

    @property
    def id_column(self) -> Any:
        return self.view.c.id

    def base(self) -> AnySelect:
        return select(self.id_column, *(column.expression for column in self.columns), self.view.c.doc_number)

    def _ordered(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        view = self.view
        if request.descending:
            return stmt.order_by(view.c.day.desc(), view.c.number.desc(), view.c.id.desc())
        return stmt.order_by(view.c.day, view.c.number, view.c.id)

    def where(self, stmt: AnySelect, request: ListRequest) -> AnySelect:
        account = request.filter("account")
        stmt = stmt.where(self.view.c.account_id == (account if account else -1))
        return _days(stmt, self.view.c.day, request)

    def count(self, db: Database, actor: Actor, request: ListRequest) -> int:
        with db.read() as session:
            require(session, actor, self.action)
            stmt: AnySelect = select(func.count()).select_from(self.view)
            return int(session.execute(self.where(stmt, request)).scalar_one())

    def rows(self, session: Session, actor: Actor, stmt: AnySelect) -> list[ListRow]:
        width = len(self.columns)
        index = [column.key for column in self.columns].index("document")
        found = []
        for row in super().rows(session, actor, stmt):
            values = list(row.values[:width])
            values[index] = describe(values[index], row.values[width]) if values[index] else ""
            found.append(ListRow(row.id, tuple(values)))
        return found


# --- periods ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Month:
    first: date
    last: date
    entries: int
    debits: Decimal
    credits: Decimal
    locked: bool


def _month_end(first: date) -> date:
    following = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def book_months(db: Database, actor: Actor, today: date | None = None) -> tuple[list[Month], date | None]:
    """The months from the first entry's to today's, newest first, with their totals, and the lock date."""
    today = today or date.today()
    with db.read() as session:
        require(session, actor, FINANCE_VIEW)
        locked = lock_date(session)
        year, month = func.extract("year", JournalEntry.day), func.extract("month", JournalEntry.day)
        totals = {
            (int(y), int(m)): (int(count), Decimal(total or 0))
            for y, m, count, total in session.execute(
                select(
                    year, month, func.count(), type_coerce(func.sum(JournalEntry.total), Money())
                ).group_by(year, month)
            )
        }
        first = session.execute(select(func.min(JournalEntry.day))).scalar()
    start = min(first or today, today).replace(day=1)
    months = []
    current = today.replace(day=1)
    while current >= start:
        count, total = totals.get((current.year, current.month), (0, ZERO))
        last = _month_end(current)
        months.append(Month(current, last, count, total, total, locked is not None and last <= locked))
        current = date(current.year - (current.month == 1), (current.month - 2) % 12 + 1, 1)
    return months, locked


def partial_lock(month: Month, locked: date | None) -> bool:
    """Whether the lock date falls inside the month (part of it closed)."""
    return locked is not None and month.first <= locked < month.last


def manual_entry_accounts(db: Database, actor: Actor) -> list[AccountRow]:
    """The accounts a manual entry may use: active, taking postings, and not a control account (the
    documents keep those; `books.post_manual_entry` refuses them)."""
    from bodesk.domain.finance.books import CONTROL_ROLES

    controls = {role.value for role in CONTROL_ROLES}
    return [
        row
        for row in chart_of_accounts(db, actor, include_inactive=False)
        if row.postable and row.role not in controls
    ]
