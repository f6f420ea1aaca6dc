"""Importing customers from a spreadsheet: every field a customer's form has, the same rules, every bad
row with its line, a CNPJ/CPF already a customer's refused naming that customer, written in bulk."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.models import AuditEntry
from bodesk.domain.access.permissions import DATA_IMPORT
from bodesk.domain.common.sorting import stale_sort_keys
from bodesk.domain.sales.imports import import_customers_file
from bodesk.domain.sales.models import Customer, CustomerContact
from bodesk.domain.sales.references import add_payment_term, add_rep, add_segment
from bodesk.store.engine import Database
from tests.builders.readings import count_rows, snapshot
from tests.builders.sales import customer_tax_id, make_customer
from tests.helpers.refusals import denied

D = Decimal
HEAD = "Código;Razão social;CNPJ;Segmento;Vendedor;Condição de pagamento;Cidade;UF;CEP;Limite de crédito;Contatos\n"


def write(tmp_path: Path, text: str, name: str = "clientes.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def references(db: Database, owner: Actor) -> None:
    add_segment(db, owner, "Bares")
    add_rep(db, owner, "Ana Souza")
    add_payment_term(db, owner, "28 dias", "28")


def test_every_field_is_read_with_the_customers_rules(db: Database, owner: Actor, tmp_path: Path) -> None:
    references(db, owner)
    path = write(
        tmp_path,
        HEAD
        + f'barze;Bar do Zé  Ltda.;{customer_tax_id(1)};bares;ANA SOUZA;28 dias;Campinas;sp;13010000;"1.500,00";'
        '"José | Compras | (19) 99999-0000\nMaria"\n'
        f";Água Doce Mercearia;{customer_tax_id(2)};;;;Jundiaí;SP;;;\n",
    )

    result = import_customers_file(db, owner, path)

    assert (result.written, result.errors) == (2, [])
    with db.read() as session:
        bar, water = session.execute(select(Customer).order_by(Customer.id)).scalars()
        contacts = session.execute(select(CustomerContact.name, CustomerContact.role)).all()
        added = session.execute(
            select(AuditEntry.entity_key).where(AuditEntry.action == "customer.add")
        ).all()
        assert stale_sort_keys(session) == []
    assert (bar.code, bar.name, bar.state, bar.postal_code, bar.credit_limit) == (
        "BARZE", "Bar do Zé Ltda.", "SP", "13010-000", D("1500.00"),
    )  # fmt: skip
    assert (bar.segment_id, bar.rep_id, bar.payment_term_id) == (1, 1, 1)
    assert (water.code, water.name_key, water.credit_limit) == ("1", "agua doce mercearia", None)
    assert sorted(contacts) == [("José", "Compras"), ("Maria", "")]
    assert sorted(key for (key,) in added) == ["1", "BARZE"]


def test_every_bad_row_is_reported_with_its_line_and_nothing_is_written(
    db: Database, owner: Actor, tmp_path: Path
) -> None:
    references(db, owner)
    make_customer(db, owner, 1, "Bar do Zé Ltda.", code="BARZE")
    before = snapshot(db)
    path = write(
        tmp_path,
        HEAD
        + f"NOVO;Outro Bar;{customer_tax_id(1)};;;;;;;;\n"  # 2: the CNPJ is BARZE's
        + f"barze;Bar Dois;{customer_tax_id(3)};;;;;;;;\n"  # 3: the code is taken
        + f"C4;Bar Quatro;{customer_tax_id(4)};Padarias;;;;;;;\n"  # 4: no such segment
        + f"C5;Bar Cinco;{customer_tax_id(4)};;;;;XX;123;-5;\n"  # 5: same CNPJ as 4, state, CEP, limit
        + f"ÁGUA;{'N' * 201};{customer_tax_id(6)};;;;;;;;\n"  # 6: code, name too long
        + f"C7;Bar Sete;{customer_tax_id(7)};;Ninguém;;;;;;\n"  # 7: no such rep
        + "C8;Bar Oito;11.111.111/1111-11;;;;;;;;\n",  # 8: not a CNPJ
    )

    result = import_customers_file(db, owner, path)

    assert result.written == 0
    assert sorted({error.line for error in result.errors}) == [2, 3, 4, 5, 6, 7, 8]
    lines = result.report_lines()
    assert any(line.startswith("Line 2: CNPJ/CPF:") and "BARZE Bar do Zé Ltda." in line for line in lines)
    assert any(line.startswith("Line 3: Customer code:") for line in lines)
    assert any(line.startswith("Line 4: Segment:") and "Padarias" in line for line in lines)
    assert any(line.startswith("Line 5: Credit limit:") for line in lines)
    assert any(line.startswith("Line 6: Legal name:") and "200" in line for line in lines)
    assert any(line.startswith("Line 6: Customer code:") for line in lines)
    assert any(line.startswith("Line 7: Sales rep:") and "Ninguém" in line for line in lines)
    assert any(line.startswith("Line 8: CNPJ/CPF:") for line in lines)
    assert snapshot(db) == before


def test_repeated_lines_and_a_blocked_customer_without_a_reason(
    db: Database, owner: Actor, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "Razão social;CNPJ;Código;Bloqueado;Motivo do bloqueio\n"
        f"Um;{customer_tax_id(1)};A1;não;\n"
        f"Dois;{customer_tax_id(1)};a1;não;\n"
        f"Três;{customer_tax_id(3)};A3;sim;\n"
        f"Quatro;{customer_tax_id(4)};A4;sim;Cheque devolvido\n",
    )

    result = import_customers_file(db, owner, path, import_good_rows=True)

    assert [error.line for error in result.errors] == [3, 3, 4]  # the CNPJ and the code; the reason
    assert result.written == 2
    with db.read() as session:
        blocked = session.execute(
            select(Customer.blocked, Customer.block_reason).where(Customer.code == "A4")
        ).one()
    assert tuple(blocked) == (True, "Cheque devolvido")


def test_a_dry_run_writes_nothing(db: Database, owner: Actor, tmp_path: Path) -> None:
    path = write(tmp_path, f"Razão social;CNPJ\nUm;{customer_tax_id(1)}\n")

    result = import_customers_file(db, owner, path, dry_run=True)

    assert (result.good, result.written, count_rows(db, Customer)) == (1, 0, 0)


def test_drawn_codes_skip_the_numbers_used_as_codes(db: Database, owner: Actor, tmp_path: Path) -> None:
    path = write(
        tmp_path, f"Código;Razão social;CNPJ\n1;Um;{customer_tax_id(1)}\n;Dois;{customer_tax_id(2)}\n"
    )

    assert import_customers_file(db, owner, path).written == 2

    with db.read() as session:
        codes = session.execute(select(Customer.name, Customer.code).order_by(Customer.id)).all()
    assert [tuple(row) for row in codes] == [("Um", "1"), ("Dois", "2")]


def test_importing_needs_the_permission(
    db: Database, owner: Actor, make_user: Callable[..., Actor], tmp_path: Path
) -> None:
    path = write(tmp_path, f"Razão social;CNPJ\nUm;{customer_tax_id(1)}\n")

    with denied(DATA_IMPORT):
        import_customers_file(db, make_user("sales"), path)
    assert count_rows(db, Customer) == 0
