"""The default chart a new database gets is the one the domain declares, with a role on each account
automatic postings need, and names in both languages."""

from __future__ import annotations

from sqlalchemy import select

from bodesk.domain.finance.chart import AccountRole, account_name, chart_rows
from bodesk.domain.finance.models import Account
from bodesk.i18n import set_language
from bodesk.store.engine import Database


def test_a_new_database_holds_the_default_chart(db: Database) -> None:
    with db.read() as session:
        stored = [
            {
                "code": a.code, "name": a.name, "name_en": a.name_en, "kind": a.kind, "role": a.role,
                "dre_line": a.dre_line, "postable": a.postable, "active": a.active,
            }
            for a in session.execute(select(Account).order_by(Account.id)).scalars()
        ]  # fmt: skip
    assert stored == chart_rows()
    assert {row["role"] for row in stored if row["role"]} == {role.value for role in AccountRole}


def test_an_account_reads_in_the_persons_language() -> None:
    set_language("en")
    assert account_name("Clientes", "Customers") == "Customers"
    assert account_name("Conta nova", "") == "Conta nova"
    set_language("pt_BR")
    assert account_name("Clientes", "Customers") == "Clientes"
