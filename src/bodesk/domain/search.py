"""The Ctrl+K search: modules register providers that find their records by name, code or number.

A provider gets a read session, the actor and the typed text, and returns a few hits; it must
return nothing (not fail) when the actor may not see its records. The hits of every provider are
ranked together (`rank_hits`): what is exactly the text first, then what starts with it, then what
has a word starting with it, then the rest, case and accents ignored ("agua" is "Água").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.text import fold
from bodesk.store.engine import Database


@dataclass(frozen=True)
class SearchHit:
    kind: str  # what the UI opens: "user", "product", "order", ...
    key: int | str
    title: str
    detail: str = ""
    code: str = ""  # what a person may type to name it exactly: a SKU, a number, a login


Provider = Callable[[Session, Actor, str, int], list[SearchHit]]
_PROVIDERS: dict[str, Provider] = {}
MIN_CHARACTERS = 2


def register_provider(kind: str) -> Callable[[Provider], Provider]:
    def wrap(provider: Provider) -> Provider:
        _PROVIDERS[kind] = provider
        return provider

    return wrap


def match_rank(text: str, *names: str) -> int | None:
    """How well typed `text` names something called `names` (a title, a code): 0 exactly, 1 at the
    start, 2 at the start of a word, 3 inside a word; None not at all. Case and accents are ignored."""
    needle = fold(text)
    best: int | None = None
    for name in names:
        folded = fold(name)
        if not needle or needle not in folded:
            continue
        if folded == needle:
            rank = 0
        elif folded.startswith(needle):
            rank = 1
        elif any(word.startswith(needle) for word in folded.split()):
            rank = 2
        else:
            rank = 3
        best = rank if best is None else min(best, rank)
    return best


def rank_hits(hits: list[SearchHit], text: str) -> list[SearchHit]:
    """The hits, best matches of `text` first (by title or code); ties keep their order."""

    def rank(hit: SearchHit) -> int:
        found = match_rank(text, hit.title, hit.code)
        return 4 if found is None else found

    return sorted(hits, key=rank)


def search(db: Database, actor: Actor, text: str, limit_per_kind: int = 8) -> list[SearchHit]:
    text = text.strip()
    if len(text) < MIN_CHARACTERS:
        return []
    hits: list[SearchHit] = []
    with db.read() as session:
        for provider in _PROVIDERS.values():
            hits.extend(provider(session, actor, text, limit_per_kind))
    return rank_hits(hits, text)
