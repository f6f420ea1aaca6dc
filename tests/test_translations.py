"""What keeps English out of the Portuguese interface, read from the source and the catalogs: a string
marked for translation inside an f-string is never extracted (so never translated), and Portuguese
counts agree with their number ("0 linhas", "1 linha")."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import bodesk
from bodesk import i18n
from bodesk.i18n import ngettext

PACKAGE = Path(bodesk.__file__).resolve().parent
MARKERS = frozenset({"_", "N_", "NP_", "ngettext"})


def marked_inside_fstrings(source: str) -> list[int]:
    """Lines where `_("...")` (or N_, NP_, ngettext with a literal) sits inside an f-string."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.JoinedStr):
            continue
        for inner in ast.walk(node):
            if (
                isinstance(inner, ast.Call)
                and isinstance(inner.func, ast.Name)
                and inner.func.id in MARKERS
                and any(isinstance(arg, ast.Constant) for arg in inner.args)
            ):
                found.append(inner.lineno)
    return found


def test_the_reader_sees_a_marked_string_in_an_fstring() -> None:
    assert marked_inside_fstrings("x = f\"{_('purchase-order')}-{n}.pdf\"") == [1]
    assert marked_inside_fstrings('x = _("purchase-order-{n}.pdf").format(n=n)') == []
    assert marked_inside_fstrings('x = f"{_(error.field)}"') == []


def test_no_string_marked_for_translation_hides_in_an_fstring() -> None:
    problems = [
        f"{path.relative_to(PACKAGE)}:{line}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for line in marked_inside_fstrings(path.read_text(encoding="utf-8"))
    ]
    assert problems == []


@pytest.fixture
def portuguese() -> Iterator[None]:
    i18n.set_language("pt_BR")
    yield
    i18n.set_language("en")


@pytest.mark.parametrize(("n", "text"), [(0, "0 linhas"), (1, "1 linha"), (2, "2 linhas")])
def test_portuguese_counts_agree_with_their_number(portuguese: None, n: int, text: str) -> None:
    assert ngettext("{n} row", "{n} rows", n).format(n=n) == text
