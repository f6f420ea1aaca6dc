"""The Ctrl+K search ranks what is exactly the text first, then what starts with it, then a word that
starts with it, then the rest, case and accents ignored; the providers put names that start with the
text before the others they cut off."""

from __future__ import annotations

import pytest

from bodesk.domain.access.actor import Actor
from bodesk.domain.search import SearchHit, match_rank, rank_hits, search
from bodesk.store.engine import Database
from tests.builders.catalogue import make_product
from tests.builders.purchasing import make_supplier


@pytest.mark.parametrize(
    ("text", "names", "rank"),
    [
        ("agua", ("Água",), 0),
        ("AGUA", ("Água Mineral",), 1),
        ("mineral", ("Água Mineral",), 2),
        ("gua", ("Água",), 3),
        ("cerveja", ("Água",), None),
        ("cer01", ("Água", "CER01"), 0),
        ("", ("Água",), None),
    ],
)
def test_how_well_the_text_names_something(text: str, names: tuple[str, ...], rank: int | None) -> None:
    assert match_rank(text, *names) == rank


def test_hits_are_ranked_exact_then_prefix_then_word_then_inside() -> None:
    hits = [
        SearchHit("product", 1, "Refrigerante sabor água de coco"),
        SearchHit("product", 2, "Caixa Aguada"),
        SearchHit("screen", "stock", "Águas"),
        SearchHit("supplier", 3, "Água"),
        SearchHit("product", 4, "Nada a ver", code="AGUA"),
    ]
    assert [hit.key for hit in rank_hits(hits, "agua")] == [3, 4, "stock", 1, 2]


def test_records_that_start_with_the_text_come_first_and_are_not_cut_off(db: Database, owner: Actor) -> None:
    for number in range(1, 6):
        make_product(db, owner, f"AC{number}", f"Açaí com água de coco {number}")
    make_product(db, owner, "AG1", "Água Mineral 500 ml")
    make_supplier(db, owner, 1, "Bebidas e Água do Vale Ltda.")
    make_supplier(db, owner, 2, "Águas Claras Ltda.")
    found = search(db, owner, "agua", limit_per_kind=3)
    assert [hit.title for hit in found][:2] == ["Água Mineral 500 ml", "Águas Claras Ltda."]
    assert "Bebidas e Água do Vale Ltda." in [hit.title for hit in found]


def test_an_exact_code_comes_first(db: Database, owner: Actor) -> None:
    make_product(db, owner, "CERVA", "Cerveja Puro Malte")
    make_product(db, owner, "CERVA2", "Cerva artesanal")
    assert search(db, owner, "CERVA")[0].code == "CERVA"
