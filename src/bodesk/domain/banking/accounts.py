"""Bank accounts and cash boxes, and the transfers between them.

Decisions:
- Each bank account or cash box posts to a ledger account of its own. When none is named, the service
  creates one under the chart's bank account (1.1.02.01, 1.1.02.02, …) or cash account (1.1.01.01, …),
  named after it ("Banco do Brasil c/c 12345-6"): payments take any account under those as money's
  (payments.is_money_account), and the accountant's totals of 1.1.02 include them. The chart's
  cash and bank accounts (roles cash and bank) are the office's cash box and the company's bank account
  (migration 0009), so every payment already posted belongs to one.
- The bank is its COMPE code (3 digits: 001, 237, 341); the account number is kept as the bank writes
  it ("12345-6") and compared by its digits, leading zeros aside, as OFX's ACCTID gives it.
- A transfer posts the target Dr / the source Cr, numbered in its own series "bank_transfer".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from bodesk.domain.access import audit
from bodesk.domain.access.actor import Actor
from bodesk.domain.access.guard import require
from bodesk.domain.banking.models import BankAccount
from bodesk.domain.common.errors import NotFound, ValidationError, Validator
from bodesk.domain.common.money import AMOUNT_RULE
from bodesk.domain.common.numbering import next_number
from bodesk.domain.common.postings import DocRef
from bodesk.domain.finance.chart import AccountRole, account_of
from bodesk.domain.finance.journal import LineDraft, post_entry
from bodesk.domain.finance.models import Account
from bodesk.domain.finance.permissions import ACCOUNTS_EDIT, PAYMENT
from bodesk.domain.finance.states import AccountKind
from bodesk.i18n import _
from bodesk.store.engine import Database

ZERO = Decimal(0)
KINDS = ("bank", "cash")
TRANSFER = "bank_transfer"
MAX_NAME, MAX_BRANCH, MAX_NUMBER, MAX_NOTE = 60, 10, 20, 60


@dataclass(frozen=True)
class BankAccountData:
    kind: str  # "bank" or "cash"
    name: str
    bank_code: str = ""
    branch: str = ""
    number: str = ""
    account_id: int | None = None  # the ledger account; None: a new one under 1.1
    note: str = ""
    active: bool = True


def digits(text: str) -> str:
    """An account or branch number compared as the bank may write it: its digits, leading zeros aside."""
    return re.sub(r"\D", "", text).lstrip("0")


def bank_code_of(text: str) -> str:
    """A bank's COMPE code as 3 digits ("0341" and "341" are Itaú's 341); "" when there is none."""
    found = digits(text)
    return found.zfill(3)[-3:] if found else ""


def _cleaned(data: BankAccountData) -> BankAccountData:
    return BankAccountData(
        data.kind,
        " ".join(data.name.split()),
        bank_code_of(data.bank_code) if data.bank_code.strip() else "",
        data.branch.strip(),
        data.number.strip(),
        data.account_id,
        " ".join(data.note.split()),
        data.active,
    )


def _validate(session: Session, data: BankAccountData, own_id: int | None) -> None:
    check = Validator()
    check.check(data.kind in KINDS, "kind", _("Choose whether it is a bank account or a cash box."))
    check.check(bool(data.name), "name", _("Enter the name, e.g. the bank's and the account's."))
    check.check(
        len(data.name) <= MAX_NAME, "name", _("A name has at most {n} characters.").format(n=MAX_NAME)
    )
    check.check(
        len(data.branch) <= MAX_BRANCH,
        "branch",
        _("A branch has at most {n} characters.").format(n=MAX_BRANCH),
    )
    check.check(
        len(data.number) <= MAX_NUMBER,
        "number",
        _("An account number has at most {n} characters.").format(n=MAX_NUMBER),
    )
    check.check(
        len(data.note) <= MAX_NOTE, "note", _("A note has at most {n} characters.").format(n=MAX_NOTE)
    )
    if data.kind == "bank":
        check.check(
            len(digits(data.bank_code) or "") <= 3 and bool(data.bank_code),
            "bank_code",
            _("Enter the bank's code (3 digits: 001 Banco do Brasil, 237 Bradesco, 341 Itaú)."),
        )
        check.check(bool(digits(data.number)), "number", _("Enter the account number, e.g. 12345-6."))
    if data.account_id is not None:
        account = session.get(Account, data.account_id)
        if account is None or not account.postable or account.kind != AccountKind.ASSET:
            check.add("account_id", _("Choose an asset account that takes postings, or let one be created."))
        taken = session.execute(
            select(BankAccount.id).where(BankAccount.account_id == data.account_id, BankAccount.id != own_id)
        ).first()
        check.check(
            taken is None, "account_id", _("That ledger account is another bank account's: choose another.")
        )
    if data.kind == "bank" and data.number:
        same = [
            row.id
            for row in session.execute(
                select(BankAccount.id, BankAccount.bank_code, BankAccount.number).where(
                    BankAccount.kind == "bank"
                )
            )
            if row.id != own_id
            and row.bank_code == data.bank_code
            and digits(row.number) == digits(data.number)
        ]
        check.check(
            not same, "number", _("This bank already has an account with that number: edit that one.")
        )
    check.raise_if_any()


def _new_ledger_account(session: Session, data: BankAccountData) -> int:
    parent = session.execute(
        select(Account.code).where(Account.id == account_of(session, AccountRole(data.kind)))
    ).scalar_one()
    codes = set(session.execute(select(Account.code).where(Account.code.like(f"{parent}.%"))).scalars())
    n = 1
    while f"{parent}.{n:02d}" in codes:
        n += 1
    label = f"{data.name} {data.number}".strip() if data.number else data.name
    account = Account(
        code=f"{parent}.{n:02d}",
        name=label[:100],
        name_en=label[:100],
        kind=AccountKind.ASSET.value,
        role=None,
        dre_line="",
        postable=True,
        active=True,
    )
    session.add(account)
    session.flush()
    return account.id


def add_bank_account(db: Database, actor: Actor, data: BankAccountData) -> int:
    with db.write() as session:
        return add_bank_account_in(session, actor, data)


def add_bank_account_in(session: Session, actor: Actor, data: BankAccountData) -> int:
    require(session, actor, ACCOUNTS_EDIT)
    data = _cleaned(data)
    _validate(session, data, None)
    account_id = data.account_id if data.account_id is not None else _new_ledger_account(session, data)
    row = BankAccount(
        kind=data.kind,
        name=data.name,
        bank_code=data.bank_code,
        branch=data.branch,
        number=data.number,
        account_id=account_id,
        note=data.note,
        active=data.active,
    )
    session.add(row)
    session.flush()
    audit.record(session, actor, "bank_account.add", "bank_account", row.id, new=_shown(row))
    return row.id


def update_bank_account(db: Database, actor: Actor, bank_account_id: int, data: BankAccountData) -> None:
    with db.write() as session:
        require(session, actor, ACCOUNTS_EDIT)
        row = session.get(BankAccount, bank_account_id)
        if row is None:
            raise NotFound(_("That bank account no longer exists."), code="bank_account.not_found")
        data = _cleaned(BankAccountData(**{**data.__dict__, "account_id": data.account_id or row.account_id}))
        _validate(session, data, row.id)
        old = _shown(row)
        for key in ("kind", "name", "bank_code", "branch", "number", "account_id", "note", "active"):
            setattr(row, key, getattr(data, key))
        new = _shown(row)
        changed = {key: value for key, value in new.items() if old[key] != value}
        if changed:
            audit.record(
                session,
                actor,
                "bank_account.update",
                "bank_account",
                row.id,
                old={key: old[key] for key in changed},
                new=changed,
            )


def _shown(row: BankAccount) -> dict[str, object]:
    return {
        "kind": row.kind,
        "name": row.name,
        "bank_code": row.bank_code,
        "branch": row.branch,
        "number": row.number,
        "account_id": row.account_id,
        "note": row.note,
        "active": row.active,
    }


def bank_account(session: Session, bank_account_id: int) -> BankAccount:
    row = session.get(BankAccount, bank_account_id)
    if row is None:
        raise NotFound(_("That bank account no longer exists."), code="bank_account.not_found")
    return row


def transfer(
    db: Database, actor: Actor, source_id: int, target_id: int, day: date, amount: Decimal, memo: str = ""
) -> int:
    """Move money from one bank account or cash box to another: target Dr / source Cr; returns the
    transfer's number."""
    with db.write() as session:
        require(session, actor, PAYMENT)
        check = Validator()
        check.check(
            source_id != target_id, "target", _("Choose two different accounts to move money between.")
        )
        problem = AMOUNT_RULE.problem(amount)
        check.check(problem is None, "amount", problem or "")
        check.check(
            problem is not None or amount > ZERO, "amount", _("Enter the amount to move, above zero.")
        )
        check.check(len(memo) <= 200, "memo", _("A description has at most {n} characters.").format(n=200))
        check.raise_if_any()
        source, target = bank_account(session, source_id), bank_account(session, target_id)
        if not (source.active and target.active):
            raise ValidationError.single("target", _("Both accounts must be active: make them active first."))
        number = next_number(session, TRANSFER)
        text = memo.strip() or _("Transfer {n}: {source} to {target}").format(
            n=number, source=source.name, target=target.name
        )
        post_entry(
            session,
            actor,
            day,
            [LineDraft(target.account_id, debit=amount), LineDraft(source.account_id, credit=amount)],
            text[:200],
            DocRef(TRANSFER, number, number),
        )
        audit.record(
            session,
            actor,
            "bank_account.transfer",
            "bank_transfer",
            number,
            new={"source": source.name, "target": target.name, "amount": amount, "day": day},
        )
        return number
