"""A search pasted or typed at any length — 25,000 % signs, 25,000 accented letters — finds what its
first characters find, in every list and in the Ctrl+K search, instead of failing with "LIKE or GLOB
pattern too complex" (SQLite takes patterns of at most 50,000 bytes)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import bodesk.domain
from bodesk.domain.access.actor import Actor
from bodesk.domain.common.listing import MAX_SEARCH_CHARS, ListQuery, ListRequest, like_pattern
from bodesk.domain.registry import load_modules
from bodesk.domain.search import search
from bodesk.domain.stock.counts import start_count
from bodesk.store.engine import Database
from tests.builders.shop import Shop, build_shop

HUGE = ("%" * 25_000, "á" * 25_000, "_" * 25_000, "\\" * 25_000, "agua " * 5_000)


@pytest.fixture
def shop(db: Database, owner: Actor) -> Shop:
    return build_shop(db, owner)


def every_list() -> list[type[ListQuery]]:
    """Every list of the domain: each of its modules imported, then every ListQuery with columns."""
    load_modules()
    for module in pkgutil.walk_packages(bodesk.domain.__path__, "bodesk.domain."):
        importlib.import_module(module.name)
    found: list[type[ListQuery]] = []
    pending = list(ListQuery.__subclasses__())
    while pending:
        query = pending.pop()
        pending.extend(query.__subclasses__())
        if getattr(query, "columns", ()) and hasattr(query, "action"):
            found.append(query)
    return sorted(found, key=lambda query: query.__name__)


def test_a_pattern_is_made_of_the_first_characters_only() -> None:
    assert like_pattern("a" * 30_000) == "%" + "a" * MAX_SEARCH_CHARS + "%"
    assert like_pattern("%" * 30_000) == "%" + "\\%" * MAX_SEARCH_CHARS + "%"
    assert like_pattern("50%_off") == "%50\\%\\_off%"


@pytest.mark.parametrize("query", every_list(), ids=lambda query: query.__name__)
def test_every_list_takes_a_search_of_any_length(
    db: Database, owner: Actor, shop: Shop, query: type[ListQuery]
) -> None:
    needs_count = "count_id" in inspect.signature(query).parameters
    lister = query(start_count(db, owner, shop.cd1.warehouse_id)) if needs_count else query()
    for text in HUGE:
        request = ListRequest(search=text)
        assert lister.count(db, owner, request) >= 0
        assert isinstance(lister.page(db, owner, request, 0, 10), list)


def test_the_search_box_takes_a_search_of_any_length(db: Database, owner: Actor, shop: Shop) -> None:
    for text in HUGE:
        assert isinstance(search(db, owner, text), list)
    assert [hit.title for hit in search(db, owner, "água mineral" + "x" * 30_000)] == []
    assert any(hit.kind == "product" for hit in search(db, owner, "agua" + " " * 30_000))
