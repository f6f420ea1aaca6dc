"""The Ctrl+K search: modules register providers that find their records by name, code or number.

A provider gets a read session, the actor and the typed text, and returns a few hits; it must
return nothing (not fail) when the actor may not see its records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from bodesk.domain.access.actor import Actor
from bodesk.store.engine import Database


@dataclass(frozen=True)
class SearchHit:
    kind: str  # what the UI opens: "user", "product", "order", ...
    key: int | str
    title: str
    detail: str = ""


Provider = Callable[[Session, Actor, str, int], list[SearchHit]]
_PROVIDERS: dict[str, Provider] = {}
MIN_CHARACTERS = 2


def register_provider(kind: str) -> Callable[[Provider], Provider]:
    def wrap(provider: Provider) -> Provider:
        _PROVIDERS[kind] = provider
        return provider

    return wrap


def search(db: Database, actor: Actor, text: str, limit_per_kind: int = 8) -> list[SearchHit]:
    text = text.strip()
    if len(text) < MIN_CHARACTERS:
        return []
    hits: list[SearchHit] = []
    with db.read() as session:
        for provider in _PROVIDERS.values():
            hits.extend(provider(session, actor, text, limit_per_kind))
    return hits
