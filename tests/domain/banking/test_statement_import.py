"""Importing bank statements: every OFX quirk of the fixtures reaches the bank account's lines, a second
import of the same statement writes nothing, and malformed files or another account's statement are
refused with a message and nothing written."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from bodesk.domain.access.actor import Actor
from bodesk.domain.banking.accounts import BankAccountData, add_bank_account
from bodesk.domain.banking.ofx import read_ofx
from bodesk.domain.banking.statements import import_statement
from bodesk.store.engine import Database
from tests.builders.banking import bank_lines, counts, itau, statement
from tests.helpers.refusals import invalid, refused

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "ofx"
D = Decimal
CLEAN = [
    "sgml_1252.ofx",
    "sgml_utf8_labelled_1252.ofx",
    "iso_8859_1.ofx",
    "xml_v2.ofx",
    "decimal_comma.ofx",
    "thousands.ofx",
    "timezone_brt.ofx",
    "no_dtserver.ofx",
    "blank_lines_before_header.ofx",
]


def data(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@pytest.fixture
def account(db: Database, owner: Actor) -> int:
    return itau(db, owner)


def own_account(db: Database, owner: Actor, itau_id: int, name: str) -> int:
    """The bank account the fixture is a statement of: the Itaú one, or one added for it."""
    (found,) = read_ofx(data(name))
    if found.account_id == "56789-0":
        return itau_id
    return add_bank_account(db, owner, BankAccountData("bank", "Other", found.bank_id, "", found.account_id))


@pytest.mark.parametrize("name", CLEAN)
def test_each_quirk_imports_every_transaction_as_the_reader_reads_it(
    db: Database, owner: Actor, account: int, name: str
) -> None:
    (expected,) = read_ofx(data(name))
    account = own_account(db, owner, account, name)
    outcome = import_statement(db, owner, data(name), name)
    assert (outcome.written, outcome.known, outcome.errors) == (len(expected.transactions), 0, [])
    stored = bank_lines(db, account)
    assert sorted((line.day, line.amount, line.memo) for line in stored) == sorted(
        (item.posted, item.amount, item.memo[:200]) for item in expected.transactions
    )
    assert {line.state for line in stored} == {"unmatched"}


@pytest.mark.parametrize("name", CLEAN)
def test_the_same_statement_imported_twice_writes_nothing_the_second_time(
    db: Database, owner: Actor, account: int, name: str
) -> None:
    own_account(db, owner, account, name)
    first = import_statement(db, owner, data(name), name)
    before = counts(db)
    second = import_statement(db, owner, data(name), name)
    assert (second.written, second.known) == (0, first.written)
    assert counts(db) == before


def test_lines_without_an_id_get_a_stable_one_and_identical_lines_stay_apart(
    db: Database, owner: Actor, account: int
) -> None:
    day = date(2026, 11, 3)
    file = statement([("", "-10,00", day, "TARIFA"), ("", "-10,00", day, "TARIFA"), ("", "5,00", day, "PIX")])
    assert import_statement(db, owner, file, "a.ofx").written == 3
    assert import_statement(db, owner, file, "a.ofx").written == 0
    assert len({line.fitid for line in bank_lines(db)}) == 3


@pytest.mark.parametrize("name", ["missing_date.ofx", "missing_amount.ofx", "truncated_mid_transaction.ofx"])
def test_line_errors_write_nothing_unless_the_good_lines_are_asked_for(
    db: Database, owner: Actor, account: int, name: str
) -> None:
    before = counts(db)
    outcome = import_statement(db, owner, data(name), name)
    assert outcome.errors and outcome.written == 0
    assert counts(db) == before
    good = import_statement(db, owner, data(name), name, good_lines=True)
    assert good.written == good.transactions > 0


@pytest.mark.parametrize(
    "name", ["binary.bin", "not_ofx.txt", "page.html", "wrong_tags.ofx", "empty.ofx", "truncated.ofx"]
)
def test_malformed_files_are_refused_with_a_message_and_nothing_written(
    db: Database, owner: Actor, account: int, name: str
) -> None:
    before = counts(db)
    try:
        outcome = import_statement(db, owner, data(name), name)
    except Exception as exc:  # refused: the reader's message names the problem
        assert getattr(exc, "message", "")
    else:  # read, but every transaction is an error (a cut file): nothing is written
        assert outcome.errors and outcome.written == 0
    assert counts(db) == before


def test_a_statement_of_an_account_we_do_not_keep_is_refused_unless_one_is_named(
    db: Database, owner: Actor
) -> None:
    other = add_bank_account(db, owner, BankAccountData("bank", "BB", "001", "1", "99999-9"))
    before = counts(db)
    with refused("bank_statement.refused"):
        import_statement(db, owner, data("sgml_1252.ofx"), "x.ofx")
    assert counts(db) == before
    dry = import_statement(db, owner, data("sgml_1252.ofx"), "x.ofx", dry_run=True)
    assert dry.refusal and dry.transactions > 0 and dry.statements[0].bank_account_id is None
    outcome = import_statement(db, owner, data("sgml_1252.ofx"), "x.ofx", bank_account_id=other)
    assert outcome.written == outcome.transactions
    assert {line.bank_account_id for line in bank_lines(db)} == {other}


def test_a_statement_for_another_of_our_accounts_is_refused_into_the_wrong_one(
    db: Database, owner: Actor, account: int
) -> None:
    other = add_bank_account(db, owner, BankAccountData("bank", "BB", "001", "1", "99999-9"))
    before = counts(db)
    with refused("bank_statement.refused"):
        import_statement(db, owner, data("sgml_1252.ofx"), "x.ofx", bank_account_id=other)
    assert counts(db) == before


def test_a_dry_run_reads_bank_account_period_count_and_net_and_writes_nothing(
    db: Database, owner: Actor, account: int
) -> None:
    (expected,) = read_ofx(data("sgml_1252.ofx"))
    before = counts(db)
    outcome = import_statement(db, owner, data("sgml_1252.ofx"), "x.ofx", dry_run=True)
    (read,) = outcome.statements
    assert (read.bank_code, read.account, read.bank_account_id) == ("341", expected.account_id, account)
    assert read.net == sum((item.amount for item in expected.transactions), D(0))
    assert read.period[0] is not None and read.new == len(expected.transactions)
    assert counts(db) == before


def test_a_file_of_two_accounts_goes_to_each(db: Database, owner: Actor) -> None:
    statements = read_ofx(data("two_accounts.ofx"))
    ids = [
        add_bank_account(db, owner, BankAccountData("bank", f"A{n}", s.bank_id or "341", "", s.account_id))
        for n, s in enumerate(statements)
    ]
    outcome = import_statement(db, owner, data("two_accounts.ofx"), "two.ofx")
    assert outcome.written == sum(len(s.transactions) for s in statements)
    assert [len(bank_lines(db, i)) for i in ids] == [len(s.transactions) for s in statements]


def test_a_bank_account_needs_its_bank_and_number(db: Database, owner: Actor) -> None:
    with invalid("bank_code", "number"):
        add_bank_account(db, owner, BankAccountData("bank", "Sem banco"))
