"""The books' commands: the chart of accounts, manual journal entries and their reversal, closing and
reopening periods, and the finance settings. Each opens one unit of work, checks the permission,
validates, changes state and writes its audit record.

Decisions:
- A manual entry never touches a control account (customers, suppliers, stock, goods received not
  billed): each has a subledger (open installments, the stock valuation) that `bodesk check` proves
  equal to it, and a manual line would make them disagree. The document that owns it (an invoice, a
  bill, a payment, a stock document) is the way to move it.
- Only manual entries are reversed here; a document's entries are reversed by its own service (a
  credit note, a payment's reversal), so the document and its books never part.
- The lock date moves forward only, never past today, by who may close periods; moving it back (or
  clearing it) is the owner's, with a reason, audited.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.common.errors import NotFound, UserError, ValidationError, Validator, line_field
from bodesk.domain.finance.account_saving import AccountData, clean_account
from bodesk.domain.finance.chart import AccountRole
from bodesk.domain.finance.journal import MAX_MEMO, LineDraft, lock_date, post_entry, reverse_entry
from bodesk.domain.finance.models import Account, FinanceSettings, JournalEntry
from bodesk.domain.finance.permissions import (
    ACCOUNTS_EDIT,
    JOURNAL_MANUAL,
    PERIOD_LOCK,
    PERIOD_REOPEN,
)
from bodesk.domain.finance.pix import normalize_pix_key
from bodesk.domain.sales.models import Customer
from bodesk.i18n import _, format_date
from bodesk.store.engine import Database
from bodesk.store.locking import LOCK

CONTROL_ROLES = (AccountRole.RECEIVABLES, AccountRole.PAYABLES, AccountRole.STOCK, AccountRole.GRNI)
SERIES_DIGITS = 3


@dataclass(frozen=True)
class ManualLine:
    account_id: int
    debit: Decimal = Decimal(0)
    credit: Decimal = Decimal(0)
    customer_id: int | None = None
    supplier_id: int | None = None
    memo: str = ""


# --- the chart of accounts --------------------------------------------------------------------------


def _snapshot(account: Account) -> dict[str, Any]:
    keys = ("code", "name", "name_en", "kind", "dre_line", "role", "postable", "active")
    return {key: getattr(account, key) for key in keys}


def add_account(db: Database, actor: Actor, data: AccountData) -> int:
    with db.write() as session:
        require(session, actor, ACCOUNTS_EDIT)
        clean = clean_account(session, data, None)
        _take_role(session, clean.role)
        account = Account(**asdict(clean))
        session.add(account)
        session.flush()
        session.info.pop("finance.roles", None)
        audit.record(session, actor, "account.add", "account", account.code, new=_snapshot(account))
        return account.id


def update_account(db: Database, actor: Actor, account_id: int, data: AccountData) -> None:
    with db.write() as session:
        require(session, actor, ACCOUNTS_EDIT)
        account = session.get(Account, account_id, with_for_update=LOCK)
        if account is None:
            raise NotFound(_("That account no longer exists."), code="account.not_found")
        clean = clean_account(session, data, account)
        before = _snapshot(account)
        if clean.role != account.role:
            _take_role(session, clean.role)
        for key, value in asdict(clean).items():
            setattr(account, key, value)
        session.info.pop("finance.roles", None)
        old, new = audit.changes(before, _snapshot(account))
        if new:
            audit.record(session, actor, "account.update", "account", account.code, old=old, new=new)


def _take_role(session: Session, role: str | None) -> None:
    """Free `role` from the account holding it (checked to be of the same kind), before another takes it."""
    if role is None:
        return
    holder = session.execute(select(Account).where(Account.role == role)).scalar()
    if holder is not None:
        holder.role = None
        session.flush()


# --- manual entries ---------------------------------------------------------------------------------


def _refuse_control_accounts(session: Session, lines: Sequence[ManualLine]) -> None:
    controls = {
        id_: (code, role)
        for id_, code, role in session.execute(
            select(Account.id, Account.code, Account.role).where(
                Account.role.in_([role.value for role in CONTROL_ROLES])
            )
        )
    }
    check = Validator()
    for n, line in enumerate(lines, start=1):
        if line.account_id in controls:
            check.add(
                line_field(n, "account"),
                _(
                    "Line {n}: account {code} is kept by its documents (invoices, bills, payments, stock "
                    "documents); a manual entry would make it disagree with them. Use an invoice, a bill, a "
                    "payment or a stock document instead."
                ).format(n=n, code=controls[line.account_id][0]),
            )
    check.raise_if_any()


def _check_partners(session: Session, lines: Sequence[ManualLine]) -> None:
    from bodesk.domain.purchasing.models import Supplier

    check = Validator()
    for n, line in enumerate(lines, start=1):
        if line.customer_id is not None and line.supplier_id is not None:
            check.add(
                line_field(n, "partner"), _("Line {n}: name a customer or a supplier, not both.").format(n=n)
            )
        elif line.customer_id is not None and session.get(Customer, line.customer_id) is None:
            check.add(line_field(n, "partner"), _("Line {n}: that customer no longer exists.").format(n=n))
        elif line.supplier_id is not None and session.get(Supplier, line.supplier_id) is None:
            check.add(line_field(n, "partner"), _("Line {n}: that supplier no longer exists.").format(n=n))
    check.raise_if_any()


def post_manual_entry(db: Database, actor: Actor, day: date, memo: str, lines: Sequence[ManualLine]) -> int:
    """Post an entry typed by a person; returns its id. Refuses control accounts (see the module)."""
    text = " ".join(memo.split())
    with db.write() as session:
        require(session, actor, JOURNAL_MANUAL)
        if not text:
            raise ValidationError.single("memo", _("Say what the entry is for (its description)."))
        if len(text) > MAX_MEMO:
            raise ValidationError.single(
                "memo", _("The entry's text has at most {n} characters.").format(n=MAX_MEMO)
            )
        _refuse_control_accounts(session, lines)
        _check_partners(session, lines)
        drafts = [
            LineDraft(line.account_id, line.debit, line.credit, line.customer_id, line.supplier_id, line.memo)
            for line in lines
        ]
        if len(drafts) < 2:
            raise ValidationError.single(
                "lines", _("An entry needs at least two lines: a debit and a credit.")
            )
        entry_id = post_entry(session, actor, day, drafts, text, manual=True)
        entry = session.get(JournalEntry, entry_id)
        number = entry.number if entry else entry_id
        audit.record(
            session, actor, "journal.post", "journal_entry", number,
            new={"day": day.isoformat(), "memo": text, "total": str(entry.total if entry else "")},
        )  # fmt: skip
        return entry_id


def reverse_manual_entry(db: Database, actor: Actor, entry_id: int, day: date, reason: str) -> int:
    """Reverse a manual entry on `day`, saying why; returns the reversal's id."""
    why = " ".join(reason.split())
    with db.write() as session:
        require(session, actor, JOURNAL_MANUAL)
        entry = session.get(JournalEntry, entry_id)
        if entry is None:
            raise NotFound(_("That journal entry no longer exists."), code="journal.not_found")
        if not entry.manual or entry.doc_kind is not None:
            raise UserError(
                _(
                    "Entry {n} was posted by a document: reverse it from that document (a credit note, a "
                    "payment's reversal), so the document and the books agree."
                ).format(n=entry.number),
                code="journal.not_manual",
            )
        if entry.reverses_id is not None:
            raise UserError(
                _("Entry {n} is itself a reversal: post a new entry instead.").format(n=entry.number),
                code="journal.reversal_of_reversal",
            )
        if not why:
            raise ValidationError.single("reason", _("Say why the entry is reversed."))
        memo = _("Reversal of entry {n}: {reason}").format(n=entry.number, reason=why)[:MAX_MEMO]
        reversal = reverse_entry(session, actor, entry_id, day, memo)
        audit.record(
            session, actor, "journal.reverse", "journal_entry", entry.number,
            new={"day": day.isoformat()}, reason=why,
        )  # fmt: skip
        return reversal


# --- periods ----------------------------------------------------------------------------------------


def _settings(session: Session) -> FinanceSettings:
    found = session.execute(
        select(FinanceSettings).order_by(FinanceSettings.id).limit(1).with_for_update(key_share=True)
    ).scalar()
    if found is None:
        found = FinanceSettings(state_registration="", pix_key="", invoice_series="1")
        session.add(found)
        session.flush()
    return found


def lock_books(db: Database, actor: Actor, until: date, today: date | None = None) -> None:
    """Close the books up to and including `until`: nothing is posted on or before it from now on."""
    today = today or date.today()
    with db.write() as session:
        require(session, actor, PERIOD_LOCK)
        settings = _settings(session)
        current = settings.lock_date
        if until > today:
            raise ValidationError.single(
                "lock_date",
                _(
                    "The books can be closed up to today ({today}) at the latest: choose an earlier day."
                ).format(today=format_date(today)),
            )
        if current is not None and until <= current:
            raise ValidationError.single(
                "lock_date",
                _(
                    "The books are already closed up to {lock}: choose a later day (only the owner reopens "
                    "a period)."
                ).format(lock=format_date(current)),
            )
        settings.lock_date = until
        audit.record(
            session, actor, "period.lock", "finance_settings", 1,
            old={"lock_date": current.isoformat() if current else None}, new={"lock_date": until.isoformat()},
        )  # fmt: skip


def reopen_books(db: Database, actor: Actor, until: date | None, reason: str) -> None:
    """Move the lock date back to `until` (None: no lock at all). The owner's alone, with a reason."""
    why = " ".join(reason.split())
    with db.write() as session:
        require(session, actor, PERIOD_REOPEN)
        settings = _settings(session)
        current = settings.lock_date
        if current is None:
            raise UserError(
                _("The books are not closed: there is nothing to reopen."), code="period.not_closed"
            )
        if until is not None and until >= current:
            raise ValidationError.single(
                "lock_date",
                _("To reopen, choose a day before the lock date {lock}, or none.").format(
                    lock=format_date(current)
                ),
            )
        if not why:
            raise ValidationError.single("reason", _("Say why the period is reopened."))
        settings.lock_date = until
        audit.record(
            session, actor, "period.reopen", "finance_settings", 1,
            old={"lock_date": current.isoformat()}, new={"lock_date": until.isoformat() if until else None},
            reason=why,
        )  # fmt: skip


def books_lock_date(db: Database, actor: Actor) -> date | None:
    from bodesk.domain.finance.permissions import FINANCE_VIEW

    with db.read() as session:
        require(session, actor, FINANCE_VIEW)
        return lock_date(session)


# --- settings ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FinanceSettingsData:
    state_registration: str
    pix_key: str
    invoice_series: str


def finance_settings(db: Database, actor: Actor) -> FinanceSettingsData:
    from bodesk.domain.finance.permissions import FINANCE_VIEW

    with db.read() as session:
        require(session, actor, FINANCE_VIEW)
        row = session.execute(select(FinanceSettings).order_by(FinanceSettings.id).limit(1)).scalar()
        if row is None:
            return FinanceSettingsData("", "", "1")
        return FinanceSettingsData(row.state_registration, row.pix_key, row.invoice_series)


def update_finance_settings(
    db: Database, actor: Actor, state_registration: str, pix_key: str, invoice_series: str
) -> None:
    """The company's state registration (IE: digits, or ISENTO), PIX key and invoice series (1 to 3 digits)."""
    with db.write() as session:
        require(session, actor, ACCOUNTS_EDIT)
        check = Validator()
        registration = state_registration.strip().upper()
        if registration and registration != "ISENTO":
            registration = "".join(char for char in registration if char.isdigit())
            check.check(
                2 <= len(registration) <= 14,
                "state_registration",
                _("The state registration (IE) is 2 to 14 digits, or ISENTO."),
            )
        key = ""
        if pix_key.strip():
            try:
                key = normalize_pix_key(pix_key)
            except ValidationError as exc:
                check.errors.extend(exc.errors)
        series = invoice_series.strip()
        check.check(
            series.isdigit() and 1 <= len(series) <= SERIES_DIGITS and int(series) <= 999,
            "invoice_series",
            _("The invoice series is a number of 1 to {n} digits (1, 2, 890…).").format(n=SERIES_DIGITS),
        )
        check.raise_if_any()
        settings = _settings(session)
        before = {
            "state_registration": settings.state_registration,
            "pix_key": settings.pix_key,
            "invoice_series": settings.invoice_series,
        }
        settings.state_registration, settings.pix_key, settings.invoice_series = registration, key, series
        old, new = audit.changes(
            before, {"state_registration": registration, "pix_key": key, "invoice_series": series}
        )
        if new:
            audit.record(session, actor, "finance.settings", "finance_settings", 1, old=old, new=new)
