"""The books' commands: the chart's rules, manual entries (balanced, kept off control accounts), their
reversal, the lock date (a stock document in a closed period too), reopening by the owner alone, and the
finance settings. Every refusal leaves the books as they were."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.models import AuditEntry
from bodesk.domain.common.listing import ListRequest
from bodesk.domain.finance.account_saving import AccountData
from bodesk.domain.finance.book_queries import (
    EntryLinesQuery,
    JournalQuery,
    LedgerQuery,
    book_months,
    chart_of_accounts,
    partial_lock,
)
from bodesk.domain.finance.books import (
    ManualLine,
    add_account,
    finance_settings,
    lock_books,
    post_manual_entry,
    reopen_books,
    reverse_manual_entry,
    update_account,
    update_finance_settings,
)
from bodesk.domain.finance.models import Account
from bodesk.domain.finance.permissions import JOURNAL_MANUAL, PERIOD_REOPEN
from bodesk.domain.stock.operations import adjust_stock
from bodesk.store.engine import Database
from tests.builders.books import account_id, books, pay_rent, problems
from tests.builders.catalogue import make_product
from tests.builders.readings import snapshot
from tests.builders.stock import make_warehouse, stock_in
from tests.helpers.refusals import denied, invalid, refused

D = Decimal
TODAY = date.today()


def _account(db: Database, code: str) -> Account:
    with db.read() as session:
        found = session.execute(select(Account).where(Account.code == code)).scalar_one()
        session.expunge(found)
        return found


def _data(account: Account, **changes: object) -> AccountData:
    values = dict(
        code=account.code, name=account.name, kind=account.kind, name_en=account.name_en,
        dre_line=account.dre_line, role=account.role, postable=account.postable, active=account.active,
    )  # fmt: skip
    values.update(changes)
    return AccountData(**values)  # type: ignore[arg-type]


# --- the chart ----------------------------------------------------------------------------------------


def test_an_account_is_added_with_its_dre_line_and_audited(db: Database, owner: Actor) -> None:
    new = add_account(db, owner, AccountData("6.13", "Seguros", "expense", "Insurance", "administrative"))
    rows = {row.code: row for row in chart_of_accounts(db, owner)}
    assert rows["6.13"].id == new and rows["6.13"].dre_line == "administrative"
    codes = [row.code for row in chart_of_accounts(db, owner)]
    assert codes.index("6.2") < codes.index("6.10") < codes.index("6.13")  # the accountant's order
    with db.read() as session:
        assert session.execute(select(AuditEntry.action).where(AuditEntry.entity_key == "6.13")).scalar() == (
            "account.add"
        )


def test_the_chart_refuses_bad_codes_names_and_dre_lines(db: Database, owner: Actor) -> None:
    before = books(db)
    with invalid("code"):
        add_account(db, owner, AccountData("6.1", "Outra", "expense", dre_line="selling"))  # taken
    with invalid("code") as refusal:
        add_account(db, owner, AccountData("6-A", "Outra", "expense", dre_line="selling"))
    assert "20" in refusal.value.message
    with invalid("code"):
        add_account(db, owner, AccountData("1." * 11 + "1", "Outra", "asset"))
    with invalid("name"):
        add_account(db, owner, AccountData("6.20", "x" * 101, "expense", dre_line="selling"))
    with invalid("dre_line"):
        add_account(db, owner, AccountData("6.20", "Outra", "expense"))  # income and expense need one
    with invalid("dre_line"):
        add_account(db, owner, AccountData("1.1.20", "Outra", "asset", dre_line="selling"))
    with invalid("kind"):
        add_account(db, owner, AccountData("1.1.20", "Outra", "gold"))
    assert books(db) == before


def test_a_role_moves_only_within_its_kind_and_is_never_left_without_an_account(
    db: Database, owner: Actor
) -> None:
    second_bank = add_account(db, owner, AccountData("1.1.08", "Banco Dois", "asset"))
    before = books(db)
    bank = _account(db, "1.1.02")
    with invalid("role"):
        update_account(db, owner, bank.id, _data(bank, role=None))  # the bank role would have no account
    with invalid("role"):
        add_account(db, owner, AccountData("2.1.09", "Banco passivo", "liability", role="bank"))
    with invalid("role"):
        add_account(db, owner, AccountData("1.3", "Cabeçalho", "asset", role="bank", postable=False))
    assert books(db) == before
    update_account(db, owner, second_bank, _data(_account(db, "1.1.08"), role="bank"))
    assert _account(db, "1.1.08").role == "bank" and _account(db, "1.1.02").role is None


def test_an_account_with_postings_keeps_its_kind_and_one_with_a_balance_stays_active(
    db: Database, owner: Actor
) -> None:
    pay_rent(db, owner)
    before = books(db)
    rent = _account(db, "6.5")
    with invalid("kind", "dre_line"):
        update_account(db, owner, rent.id, _data(rent, kind="asset"))
    with invalid("active"):
        update_account(db, owner, rent.id, _data(rent, active=False))
    assert books(db) == before
    update_account(db, owner, rent.id, _data(rent, name="Aluguéis e condomínio", name_en="Rent and fees"))
    assert _account(db, "6.5").name == "Aluguéis e condomínio"


# --- manual entries -------------------------------------------------------------------------------------


def test_a_balanced_manual_entry_is_posted_numbered_and_listed(db: Database, owner: Actor) -> None:
    entry = pay_rent(db, owner, "1500.00")
    query = JournalQuery()
    rows = query.page(db, owner, ListRequest(), 0, 10)
    assert [(query.value(row, "total"), query.value(row, "manual")) for row in rows] == [(D("1500.00"), True)]
    lines = EntryLinesQuery().page(db, owner, ListRequest(filters={"entry": entry}), 0, 10)
    assert [(row.values[0], row.values[2], row.values[3]) for row in lines] == [
        ("6.5", D("1500.00"), D("0.00")),
        ("1.1.02", D("0.00"), D("1500.00")),
    ]
    assert query.count(db, owner, ListRequest(search="aluguel")) == 1
    assert query.count(db, owner, ListRequest(filters={"account": account_id(db, "1.1.01")})) == 0
    assert problems(db) == []


def test_an_unbalanced_entry_is_refused_and_nothing_changes(db: Database, owner: Actor) -> None:
    before = books(db)
    with refused("journal.unbalanced"):
        post_manual_entry(
            db, owner, TODAY, "Errado",
            [ManualLine(account_id(db, "6.5"), debit=D("100")), ManualLine(account_id(db, "1.1.02"), credit=D("99.99"))],
        )  # fmt: skip
    with invalid("line:2:amount"):
        post_manual_entry(
            db, owner, TODAY, "Errado",
            [ManualLine(account_id(db, "6.5"), debit=D("100")), ManualLine(account_id(db, "1.1.02"))],
        )  # fmt: skip
    with invalid("memo"):
        post_manual_entry(
            db, owner, TODAY, " ",
            [ManualLine(account_id(db, "6.5"), debit=D("1")), ManualLine(account_id(db, "1.1.02"), credit=D("1"))],
        )  # fmt: skip
    assert books(db) == before


def test_a_manual_entry_may_not_touch_a_control_account(db: Database, owner: Actor) -> None:
    before = books(db)
    for code in ("1.1.04", "2.1.01", "1.1.05", "2.1.02"):  # customers, suppliers, stock, GRNI
        with invalid("line:1:account") as refusal:
            post_manual_entry(
                db, owner, TODAY, "Acerto",
                [ManualLine(account_id(db, code), debit=D("10")), ManualLine(account_id(db, "1.1.01"), credit=D("10"))],
            )  # fmt: skip
        assert "invoice" in refusal.value.message
    assert books(db) == before


def test_manual_entries_need_their_permission(
    db: Database, owner: Actor, make_user: Callable[..., Actor]
) -> None:
    manager = make_user("manager")
    before = books(db)
    with denied(JOURNAL_MANUAL):
        pay_rent(db, manager)
    assert books(db) == before
    pay_rent(db, make_user("finance"))


def test_a_manual_entry_is_reversed_once_and_the_account_ledger_runs_to_zero(
    db: Database, owner: Actor
) -> None:
    entry = pay_rent(db, owner, "300.00")
    reversal = reverse_manual_entry(db, owner, entry, TODAY, "lançado em dobro")
    assert reversal != entry
    with refused("journal.already_reversed"):
        reverse_manual_entry(db, owner, entry, TODAY, "de novo")
    with refused("journal.reversal_of_reversal"):
        reverse_manual_entry(db, owner, reversal, TODAY, "de novo")
    ledger = LedgerQuery()
    rows = ledger.page(db, owner, ListRequest(filters={"account": account_id(db, "6.5")}), 0, 10)
    assert [ledger.value(row, "balance") for row in rows] == [D("300.00"), D("0.00")]
    flags = {row.id: row.values[-1] for row in JournalQuery().page(db, owner, ListRequest(), 0, 10)}
    assert flags[entry] is True or flags[entry] == 1
    assert problems(db) == []


def test_a_document_entry_is_not_reversed_here(db: Database, owner: Actor) -> None:
    place = make_warehouse(db, owner)
    stock_in(db, owner, make_product(db, owner, "AG-1"), place.location_id, 10, cost="2.00")
    document_entry = JournalQuery().page(db, owner, ListRequest(), 0, 1)[0].id
    before = books(db)
    with refused("journal.not_manual"):
        reverse_manual_entry(db, owner, document_entry, TODAY, "não")
    assert books(db) == before


# --- periods ------------------------------------------------------------------------------------------


def test_the_lock_date_refuses_postings_on_or_before_it_even_from_stock(db: Database, owner: Actor) -> None:
    place = make_warehouse(db, owner)
    product = make_product(db, owner, "AG-1")
    stock_in(db, owner, product, place.location_id, 10, cost="2.00")
    lock_books(db, owner, TODAY)
    before, stock = books(db), snapshot(db)
    with refused("journal.locked_period"):
        pay_rent(db, owner, day=TODAY)
    with refused("journal.locked_period"):
        pay_rent(db, owner, day=TODAY - timedelta(days=40))
    with refused("journal.locked_period"):
        adjust_stock(db, owner, product, place.location_id, D(-2), "quebra no depósito")
    assert books(db) == before and snapshot(db) == stock
    months, locked = book_months(db, owner)
    assert locked == TODAY and partial_lock(months[0], locked) and not months[0].locked


def test_the_lock_date_moves_forward_only_and_never_past_today(db: Database, owner: Actor) -> None:
    lock_books(db, owner, TODAY - timedelta(days=10))
    before = books(db)
    with invalid("lock_date"):
        lock_books(db, owner, TODAY + timedelta(days=1))
    with invalid("lock_date"):
        lock_books(db, owner, TODAY - timedelta(days=20))
    assert books(db) == before


def test_only_the_owner_reopens_with_a_reason_and_it_is_audited(
    db: Database, owner: Actor, make_user: Callable[..., Actor]
) -> None:
    finance = make_user("finance")
    lock_books(db, finance, TODAY - timedelta(days=5))
    others = [make_user("finance"), make_user("manager")]
    before = books(db)
    for other in others:
        with denied(PERIOD_REOPEN):
            reopen_books(db, other, None, "erro")
    assert books(db) == before
    before = books(db)
    with invalid("reason"):
        reopen_books(db, owner, None, "  ")
    with invalid("lock_date"):
        reopen_books(db, owner, TODAY, "erro")
    assert books(db) == before
    reopen_books(db, owner, TODAY - timedelta(days=30), "nota lançada no mês errado")
    pay_rent(db, owner, day=TODAY - timedelta(days=10))
    with db.read() as session:
        entry = session.execute(select(AuditEntry).where(AuditEntry.action == "period.reopen")).scalar_one()
        assert entry.reason == "nota lançada no mês errado" and entry.user_id == owner.user_id


# --- settings -----------------------------------------------------------------------------------------


def test_settings_keep_a_normalized_pix_key_and_refuse_an_invalid_one(db: Database, owner: Actor) -> None:
    update_finance_settings(db, owner, "123.456.789.110", "Financeiro@Distribuidora.com.br", "2")
    saved = finance_settings(db, owner)
    assert (saved.state_registration, saved.pix_key, saved.invoice_series) == (
        "123456789110", "financeiro@distribuidora.com.br", "2",
    )  # fmt: skip
    before = books(db)
    with invalid("pix_key"):
        update_finance_settings(db, owner, "123456789110", "não é chave", "2")
    with invalid("invoice_series"):
        update_finance_settings(db, owner, "123456789110", "", "1234")
    assert books(db) == before
