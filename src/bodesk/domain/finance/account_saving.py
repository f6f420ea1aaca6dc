"""The chart of accounts' rules, checked before an account is added or changed.

- A code is the accountant's: digits separated by dots ("1.1.01"), at most 20 characters, one account's.
- A name (Portuguese, the accountant's) is required, at most 100 characters; the English name is optional.
- The kind (asset, liability, equity, income, expense) drives the reports; an account with postings
  keeps its kind, since the reports of closed periods would change under the accountant.
- A DRE line belongs to income and expense accounts only, and each of those has one.
- A role (the account automatic postings go to) moves only between accounts of the same kind, and is
  never left without an account; a header account (no postings) takes none.
- An account with a balance cannot be made inactive: move its balance first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bodesk.domain.common.errors import Validator
from bodesk.domain.common.lengths import check_lengths
from bodesk.domain.finance.chart import AccountRole
from bodesk.domain.finance.models import Account, JournalLine
from bodesk.domain.finance.states import AccountKind, DreLine
from bodesk.i18n import _

CODE = re.compile(r"^\d+(\.\d+)*$")
MAX_CODE = 20
PROFIT_AND_LOSS = (AccountKind.INCOME, AccountKind.EXPENSE)
ZERO = Decimal(0)


@dataclass(frozen=True)
class AccountData:
    code: str
    name: str
    kind: str
    name_en: str = ""
    dre_line: str = ""  # DreLine, for income and expense accounts
    role: str | None = None  # AccountRole, or None
    postable: bool = True
    active: bool = True


def _line(value: str) -> str:
    return " ".join(value.split())


def has_postings(session: Session, account_id: int) -> bool:
    return (
        session.execute(select(JournalLine.id).where(JournalLine.account_id == account_id).limit(1)).first()
        is not None
    )


def account_balance(session: Session, account_id: int) -> Decimal:
    debit, credit = session.execute(
        select(
            func.coalesce(func.sum(JournalLine.debit), 0), func.coalesce(func.sum(JournalLine.credit), 0)
        ).where(JournalLine.account_id == account_id)
    ).one()
    return Decimal(debit) - Decimal(credit)


def clean_account(session: Session, data: AccountData, current: Account | None) -> AccountData:
    """The data cleaned and checked against the chart, or every problem at once."""
    check = Validator()
    code = data.code.strip()
    check.check(
        bool(CODE.match(code)) and len(code) <= MAX_CODE,
        "code",
        _("An account's code is digits separated by dots (1.1.01), at most {n} characters.").format(
            n=MAX_CODE
        ),
    )
    if code:
        other = session.execute(select(Account.id).where(Account.code == code)).scalar()
        check.check(
            other is None or (current is not None and other == current.id),
            "code",
            _("Another account has the code {code}: choose another.").format(code=code),
        )
    name, name_en = _line(data.name), _line(data.name_en)
    check.check(bool(name), "name", _("Enter the account's name."))
    check_lengths(check, {"name": (name, Account.name), "name_en": (name_en, Account.name_en)})
    kinds = {kind.value for kind in AccountKind}
    check.check(
        data.kind in kinds,
        "kind",
        _("Choose the account's kind: asset, liability, equity, income or expense."),
    )
    if current is not None and data.kind != current.kind and has_postings(session, current.id):
        check.add(
            "kind",
            _("Account {code} has postings: its kind cannot change. Add a new account instead.").format(
                code=current.code
            ),
        )
    dre = data.dre_line or ""
    if data.kind in PROFIT_AND_LOSS:
        check.check(
            dre in {line.value for line in DreLine},
            "dre_line",
            _("Choose the income statement (DRE) line this account feeds."),
        )
    else:
        check.check(
            not dre, "dre_line", _("Only income and expense accounts feed an income statement (DRE) line.")
        )
    role = data.role or None
    _check_role(session, check, data, role, current)
    if current is not None and current.active and not data.active:
        balance = account_balance(session, current.id)
        check.check(
            balance == ZERO,
            "active",
            _("Account {code} has a balance: move it to another account before making it inactive.").format(
                code=current.code
            ),
        )
    check.raise_if_any()
    return AccountData(code, name, data.kind, name_en, dre, role, data.postable, data.active)


def _check_role(
    session: Session, check: Validator, data: AccountData, role: str | None, current: Account | None
) -> None:
    if role is not None:
        if role not in {item.value for item in AccountRole}:
            check.add("role", _("Choose one of the roles listed, or none."))
            return
        check.check(
            data.postable,
            "role",
            _(
                "A header account takes no postings, so it cannot take a role: give the role to an account under it."
            ),
        )
        holder = session.execute(select(Account).where(Account.role == role)).scalar()
        if holder is not None and (current is None or holder.id != current.id):
            check.check(
                holder.kind == data.kind,
                "role",
                _(
                    "The role “{role}” is held by account {code}, of another kind: give it to an account of "
                    "the same kind."
                ).format(role=role, code=holder.code),
            )
    if current is not None and current.role and current.role != role:
        check.add(
            "role",
            _(
                "Account {code} takes the postings of “{role}”: give that role to another account of the same "
                "kind first (edit that account and choose the role)."
            ).format(code=current.code, role=current.role),
        )
    if current is not None and current.role and not data.postable:
        check.add("postable", _("An account with a role takes postings: it cannot be a header."))
    if current is not None and not data.postable and current.postable and has_postings(session, current.id):
        check.add(
            "postable", _("Account {code} has postings: it cannot become a header.").format(code=current.code)
        )
