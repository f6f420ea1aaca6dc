"""How an import writes: it tells how far it is, a cancel at any point writes nothing, and its unit of
work is a handful of bulk statements whatever the number of rows — what keeps the write lock short
while other desks wait (the time it takes is bench/imports.py's to measure)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from bodesk.domain.access.actor import Actor
from bodesk.domain.access.models import AuditEntry
from bodesk.domain.common.importing import ImportResult
from bodesk.domain.common.progress import Cancelled, reporting
from bodesk.domain.purchasing.imports import import_supplier_prices_file, import_suppliers_file
from bodesk.domain.purchasing.models import Supplier, SupplierProduct
from bodesk.domain.stock.imports import import_products_file
from bodesk.domain.stock.models import Packaging, Product
from bodesk.store.engine import Database
from tests.builders.readings import count_rows
from tests.helpers.refusals import refused

Importer = Callable[[Database, Actor, Path], ImportResult]


def products_file(folder: Path, rows: int) -> Path:
    path = folder / f"produtos-{rows}.csv"
    lines = [
        f"P{number:05d};Produto {number};Marca;Categoria {number % 7};{number % 90},50;Caixa;12"
        for number in range(rows)
    ]
    path.write_text(
        "SKU;Nome;Marca;Categoria;Preço;Embalagem;Unidades por embalagem\n" + "\n".join(lines), "utf-8"
    )
    return path


def cnpj(number: int) -> str:
    from stdnum.br import cnpj as checker

    body = f"{number:08d}0001"
    return body + checker.calc_check_digits(body)


def suppliers_file(folder: Path, rows: int) -> Path:
    path = folder / f"fornecedores-{rows}.csv"
    lines = [f"Fornecedor {number} Ltda.;{cnpj(number + 1)};Campinas;SP" for number in range(rows)]
    path.write_text("Razão social;CNPJ;Cidade;UF\n" + "\n".join(lines), "utf-8")
    return path


@contextmanager
def statements(db: Database) -> Iterator[list[str]]:
    """The SQL statements the block sends (an executemany counts once)."""
    sent: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        sent.append(statement)

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        yield sent
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)


def written(db: Database) -> tuple[int, ...]:
    return tuple(
        count_rows(db, table) for table in (Product, Packaging, Supplier, SupplierProduct, AuditEntry)
    )


def test_an_import_reports_its_progress(db: Database, owner: Actor, tmp_path: Path) -> None:
    heard: list[tuple[str, float]] = []
    with reporting(lambda text, fraction: heard.append((text, fraction))):
        import_products_file(db, owner, products_file(tmp_path, 1_200))
    texts = list(dict.fromkeys(text for text, _fraction in heard))
    assert texts == ["Reading the file…", "Reading the rows…", "Checking the rows…", "Writing…"]
    for text in texts:  # each step goes forward: reading the file from 0 to 1, then the import's steps
        fractions = [fraction for said, fraction in heard if said == text]
        assert fractions == sorted(fractions) and fractions[0] >= 0 and fractions[-1] <= 1
    assert heard[-1][1] < 1, "nothing is said once the import has written"


@pytest.mark.parametrize("at", ["Reading the file…", "Reading the rows…", "Checking the rows…", "Writing…"])
def test_a_cancel_at_any_point_writes_nothing(db: Database, owner: Actor, tmp_path: Path, at: str) -> None:
    path = products_file(tmp_path, 600)
    before = written(db)

    def cancel_at(text: str, _fraction: float) -> None:
        if text == at:
            raise Cancelled("cancelled")

    with refused("cancelled"), reporting(cancel_at):
        import_products_file(db, owner, path)
    assert written(db) == before
    assert import_products_file(db, owner, path).written == 600


@pytest.mark.parametrize(
    ("make", "run"),
    [
        (products_file, import_products_file),
        (suppliers_file, import_suppliers_file),
    ],
    ids=["products", "suppliers"],
)
def test_the_statements_of_an_import_do_not_grow_with_its_rows(
    db: Database, owner: Actor, tmp_path: Path, make: Callable[[Path, int], Path], run: Importer
) -> None:
    small, large = make(tmp_path, 100), make(tmp_path, 2_000)
    with statements(db) as few:
        assert run(db, owner, small).written == 100
    with statements(db) as many:
        assert run(db, owner, large).written == 2_000
    assert len(many) < len(few) + 60, f"{len(few)} statements for 100 rows, {len(many)} for 2,000"


def test_a_price_list_is_written_in_a_few_statements(db: Database, owner: Actor, tmp_path: Path) -> None:
    import_products_file(db, owner, products_file(tmp_path, 2_000))
    import_suppliers_file(db, owner, suppliers_file(tmp_path, 2))
    path = tmp_path / "precos.csv"
    lines = [f"{cnpj(number % 2 + 1)};P{number:05d};{number % 90},75;sim" for number in range(2_000)]
    path.write_text("CNPJ;Produto;Preço;Preferencial\n" + "\n".join(lines), "utf-8")
    with statements(db) as sent:
        assert import_supplier_prices_file(db, owner, path).written == 2_000
    assert len(sent) < 100
