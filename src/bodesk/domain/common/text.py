"""Text as people search it: case and accents do not matter ("agua" finds "Água Mineral")."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower case, accents removed, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.lower().split())
