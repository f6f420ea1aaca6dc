"""Every error a person can meet has a stable code, read from the source itself: each error class names
its own, each raise of a class that stands for several refusals names the refusal, and
docs/error-codes.md lists exactly the codes the source uses."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import bodesk

PACKAGE = Path(bodesk.__file__).resolve().parent
TABLE = Path(__file__).resolve().parents[1] / "docs" / "error-codes.md"
ROOT = "BodeskError"
# One class, many refusals: each place that makes one must say which refusal it is.
MANY_REFUSALS = frozenset(
    {"UserError", "NotFound", "PermissionDenied", "StoreError", "BackupFailed", "NotADatabase", "FileProblem"}
)
CODE = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*")


@dataclass
class Found:
    bases: dict[str, set[str]] = field(default_factory=dict)  # class -> names of its bases
    class_codes: dict[str, str | None] = field(default_factory=dict)  # class -> its own `code`, if any
    calls: list[tuple[str, str, str | None, bool]] = field(
        default_factory=list
    )  # (where, class, code, given)
    literals: set[str] = field(default_factory=set)  # every string constant


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _own_code(node: ast.ClassDef) -> str | None:
    for statement in node.body:
        if (
            isinstance(statement, ast.Assign)
            and [_name(target) for target in statement.targets] == ["code"]
            and isinstance(statement.value, ast.Constant)
        ):
            return str(statement.value.value)
    return None


def read(source: str, where: str, found: Found) -> Found:
    """Add what one source file declares and raises to `found`."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef):
            found.bases[node.name] = {name for base in node.bases if (name := _name(base))}
            found.class_codes[node.name] = _own_code(node)
        elif isinstance(node, ast.Call) and (called := _name(node.func)):
            given = next((keyword.value for keyword in node.keywords if keyword.arg == "code"), None)
            code = given.value if isinstance(given, ast.Constant) else None
            found.calls.append((f"{where}:{node.lineno}", called, code, given is not None))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.literals.add(node.value)
    return found


def error_classes(found: Found) -> set[str]:
    errors = {ROOT}
    while grown := {name for name, bases in found.bases.items() if bases & errors} - errors:
        errors |= grown
    return errors


def uncoded(found: Found) -> list[str]:
    """The places that make an error of a many-refusal class without naming the refusal."""
    return [
        f"{where}: {called}(...) without code="
        for where, called, _c, given in found.calls
        if called in MANY_REFUSALS and not given
    ]


def codes(found: Found) -> set[str]:
    """The codes written as literals: each error class's own and those given where an error is made."""
    errors = error_classes(found)
    own = {code for name, code in found.class_codes.items() if name in errors and code}
    return own | {code for _w, called, code, _g in found.calls if called in errors and code}


@cache
def source_tree() -> Found:
    found = Found()
    for path in sorted(PACKAGE.rglob("*.py")):
        read(path.read_text(encoding="utf-8"), str(path.relative_to(PACKAGE.parent)), found)
    return found


def documented() -> set[str]:
    return set(re.findall(r"^\|[^|]*\| `([^`]+)` \|", TABLE.read_text(encoding="utf-8"), re.MULTILINE))


def test_the_guard_sees_a_refusal_without_a_code() -> None:
    sample = read(
        "class Late(UserError):\n    pass\n"
        "def f():\n"
        "    raise UserError(_('No.'))\n"
        "def g():\n"
        "    return NotFound(_('Gone.'), code='thing.not_found')\n"
        "def h():\n"
        "    raise errors.PermissionDenied(message)\n",
        "sample.py",
        Found(bases={ROOT: set(), "UserError": {ROOT}, "NotFound": {"UserError"}}),
    )
    assert uncoded(sample) == [
        "sample.py:4: UserError(...) without code=",
        "sample.py:8: PermissionDenied(...) without code=",
    ]
    assert "Late" in error_classes(sample) and sample.class_codes["Late"] is None
    assert codes(sample) == {"thing.not_found"}


def test_every_refusal_of_a_many_refusal_class_names_its_code() -> None:
    assert uncoded(source_tree()) == []


def test_every_error_class_has_a_code_of_its_own() -> None:
    found = source_tree()
    errors = error_classes(found)
    assert errors >= MANY_REFUSALS
    assert sorted(name for name in errors if not found.class_codes.get(name)) == []
    own = [found.class_codes[name] for name in errors]
    assert sorted(code for code in set(own) if own.count(code) > 1) == [], "two classes share a code"


def test_codes_are_dotted_lower_case() -> None:
    assert sorted(code for code in codes(source_tree()) if not CODE.fullmatch(code)) == []


def test_the_table_of_codes_lists_exactly_the_codes_of_the_source() -> None:
    found = source_tree()
    table = documented()
    assert sorted(codes(found) - table) == [], f"codes missing from {TABLE.name}"
    assert sorted(table - found.literals) == [], f"codes in {TABLE.name} that the source no longer has"
