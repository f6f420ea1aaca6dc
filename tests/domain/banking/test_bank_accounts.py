"""Bank accounts and cash boxes: each with a ledger account of its own under the chart's bank or cash
account (money accounts for payments), the chart's own as the migration made them, transfers posted
target Dr / source Cr and refused when they cannot be."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bodesk.domain.access.actor import Actor
from bodesk.domain.banking.accounts import BankAccountData, add_bank_account, transfer, update_bank_account
from bodesk.domain.banking.queries import bank_accounts
from bodesk.domain.finance.models import Account
from bodesk.domain.finance.payments import is_money_account
from bodesk.store.engine import Database
from tests.builders.banking import counts
from tests.builders.finance import problems
from tests.helpers.refusals import invalid

D = Decimal
DAY = date(2025, 4, 10)


def test_the_charts_cash_and_bank_accounts_are_a_cash_box_and_a_bank_account(
    db: Database, owner: Actor
) -> None:
    rows = bank_accounts(db, owner)
    assert [(row.kind, row.account.split()[0]) for row in rows] == [("bank", "1.1.02"), ("cash", "1.1.01")]


def test_a_new_account_gets_its_ledger_account_under_the_charts_and_takes_payments(
    db: Database, owner: Actor
) -> None:
    bank = add_bank_account(db, owner, BankAccountData("bank", "Banco do Brasil", "1", "1234-5", "12345-6"))
    truck = add_bank_account(db, owner, BankAccountData("cash", "Caixa caminhão", note="ABC-1D23"))
    found = {row.id: row for row in bank_accounts(db, owner)}
    assert found[bank].bank_code == "001"
    assert found[bank].account.startswith("1.1.02.01 Banco do Brasil 12345-6")
    assert found[truck].account.startswith("1.1.01.01 Caixa caminhão")
    with db.read() as session:
        assert is_money_account(session, found[bank].account_id)
        assert session.get(Account, found[truck].account_id) is not None
    with invalid("number"):
        add_bank_account(db, owner, BankAccountData("bank", "BB de novo", "001", "", "0012345-6"))
    update_bank_account(db, owner, bank, BankAccountData("bank", "BB movimento", "001", "1234-5", "12345-6"))
    assert {row.id: row.name for row in bank_accounts(db, owner)}[bank] == "BB movimento"


def test_a_transfer_moves_money_from_one_to_the_other(db: Database, owner: Actor) -> None:
    bank, cash = (row.id for row in bank_accounts(db, owner))
    transfer(db, owner, bank, cash, DAY, D("150.00"), "Troco do caminhão")
    balances = {row.id: row.balance for row in bank_accounts(db, owner)}
    assert (balances[bank], balances[cash]) == (D("-150.00"), D("150.00"))
    assert problems(db) == []


def test_a_transfer_to_itself_or_of_nothing_is_refused_and_nothing_changes(
    db: Database, owner: Actor
) -> None:
    bank, _cash = (row.id for row in bank_accounts(db, owner))
    before = counts(db)
    with invalid("target", "amount"):
        transfer(db, owner, bank, bank, DAY, D("0"))
    assert counts(db) == before
