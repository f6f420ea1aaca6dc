"""The one posting path: every ledger row carries a typed reference to the document that caused it.

A document posts its ledger rows (stock moves now; journal lines once finance exists) in its own
transaction, each with the document's `DocRef` (kind, id, number); a correction is a new document
whose rows go the other way, never an edit. The kinds are declared by the modules' manifests
(`DocumentKind`), which also say how a person reads them ("Receipt 12") and where the document lives,
so that `bodesk check` can prove every row points at a document that exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from bodesk.i18n import _


@dataclass(frozen=True)
class DocRef:
    kind: str  # a registered document kind: "receipt", "stock_count", "transfer", ...
    id: int
    number: int

    def columns(self) -> dict[str, object]:
        """The reference as the ledger tables store it."""
        return {"doc_kind": self.kind, "doc_id": self.id, "doc_number": self.number}


@dataclass(frozen=True)
class DocumentKind:
    """A kind of document ledger rows may refer to: how a person reads it and where it is stored.

    `model` is the mapped class (with `id` and `number`); a table that holds several kinds (stock
    operations) names the column that tells them apart in `kind_column`.
    """

    kind: str
    label: str  # N_("Receipt")
    model: type
    kind_column: str | None = None


_KINDS: dict[str, DocumentKind] = {}


def register_kind(kind: DocumentKind) -> None:
    _KINDS[kind.kind] = kind


def document_kinds() -> dict[str, DocumentKind]:
    """The kinds the loaded modules declared (the registry loads every module first)."""
    return dict(_KINDS)


def document_label(kind: str) -> str:
    """How a person reads a document kind ("Receipt"); the code itself for one no module declares."""
    found = _KINDS.get(kind)
    return _(found.label) if found is not None else kind


def describe(kind: str, number: int | None) -> str:
    """A reference as a person reads it: "Receipt 12"."""
    label = document_label(kind)
    return f"{label} {number}" if number is not None else label
