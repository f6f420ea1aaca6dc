"""Who may import whom, read from the source itself: the core never imports Qt or the UI, the domain
never imports reports, the store never imports the domain; and every module outside the UI imports
cleanly without loading Qt."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

import bodesk

PACKAGE = Path(bodesk.__file__).resolve().parent
SOURCE_ROOT = PACKAGE.parent
QT = ("PySide6", "shiboken6")
CORE = (
    "bodesk.domain",
    "bodesk.store",
    "bodesk.reports",
    "bodesk.settings",
    "bodesk.i18n",
    "bodesk.errors",
    "bodesk.paths",
)
NOT_IMPORTABLE_ALONE = ("bodesk.store.migrations.",)  # alembic runs these; the migration tests cover them


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SOURCE_ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def imports_of(source: str, module: str, is_package: bool = False) -> set[str]:
    """Every module the source imports, anywhere in it (lazy imports inside functions count too);
    `from a import b` yields both `a` and `a.b`, since b may be a module."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = module.split(".")
                anchor = anchor if is_package else anchor[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            else:
                base = node.module or ""
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


@cache
def _imports(name: str, path: Path) -> set[str]:
    return imports_of(path.read_text(encoding="utf-8"), name, path.name == "__init__.py")


def _violations(is_subject: str | tuple[str, ...], forbidden: tuple[str, ...]) -> list[str]:
    subjects = (is_subject,) if isinstance(is_subject, str) else is_subject
    problems = []
    for name, path in _modules().items():
        if not any(_within(name, subject) for subject in subjects):
            continue
        for imported in sorted(_imports(name, path)):
            if any(_within(imported, banned) for banned in forbidden):
                problems.append(f"{name} imports {imported}")
    return problems


def test_the_sources_are_found() -> None:
    names = set(_modules())
    assert {"bodesk.store.engine", "bodesk.domain.access.services", "bodesk.i18n", "bodesk.settings"} <= names


def test_the_core_never_imports_qt_or_the_ui() -> None:
    assert _violations(CORE, (*QT, "bodesk.ui")) == []


def test_the_domain_never_imports_reports() -> None:
    assert _violations("bodesk.domain", ("bodesk.reports",)) == []


def test_the_store_never_imports_the_domain() -> None:
    assert _violations("bodesk.store", ("bodesk.domain", "bodesk.reports")) == []


@pytest.mark.parametrize(
    ("source", "module", "is_package", "expected"),
    [
        ("import PySide6.QtCore", "bodesk.domain.x", False, "PySide6.QtCore"),
        ("from PySide6 import QtWidgets", "bodesk.domain.x", False, "PySide6"),
        ("from bodesk import ui", "bodesk.domain.x", False, "bodesk.ui"),
        ("from ..ui import widgets", "bodesk.domain.x", False, "bodesk.ui"),
        ("from ...ui.main import Window", "bodesk.domain.common.x", False, "bodesk.ui.main"),
        ("from .engine import Database", "bodesk.store", True, "bodesk.store.engine"),
        (
            "def later():\n    import bodesk.reports.invoice",
            "bodesk.domain.x",
            False,
            "bodesk.reports.invoice",
        ),
    ],
)
def test_the_import_reader_sees_every_form(source: str, module: str, is_package: bool, expected: str) -> None:
    assert expected in imports_of(source, module, is_package)


CHILD = """
import importlib, json, sys
loaded, failed, qt_after = [], {}, None
for name in json.loads(sys.argv[1]):
    try:
        importlib.import_module(name)
        loaded.append(name)
    except Exception as exc:
        failed[name] = repr(exc)
    if qt_after is None and any(m.split(".")[0] in ("PySide6", "shiboken6") for m in sys.modules):
        qt_after = name
print(json.dumps({"loaded": loaded, "failed": failed, "qt_after": qt_after}))
"""


def test_every_module_outside_the_ui_imports_without_qt() -> None:
    names = [
        name
        for name in _modules()
        if not _within(name, "bodesk.ui") and not name.startswith(NOT_IMPORTABLE_ALONE)
    ]
    result = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(names)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["failed"] == {}
    assert outcome["qt_after"] is None, f"importing {outcome['qt_after']} loaded Qt"
    assert len(outcome["loaded"]) == len(names)


# --- domain modules depend one way, as their manifests say ---------------------------------------------

SHARED = ("common", "access", "modules", "search", "demo")  # any module may import these
NEVER = ("registry", "models")  # they import every module: nothing inside a module may import them


def direction_violations(imports: dict[str, set[str]], depends_on: dict[str, tuple[str, ...]]) -> list[str]:
    """`imports`: module name -> what it imports; `depends_on`: module key -> the keys its manifest names.
    A module of package bodesk.domain.<key> may import its own package, the shared ones and the packages
    of the modules it depends on (and theirs), never one above it."""

    def reach(key: str) -> set[str]:
        found = {key}
        for dependency in depends_on.get(key, ()):
            found |= reach(dependency)
        return found

    problems = []
    for name, imported in sorted(imports.items()):
        parts = name.split(".")
        if parts[:2] != ["bodesk", "domain"] or len(parts) < 3 or parts[2] not in depends_on:
            continue
        allowed = reach(parts[2]) | set(SHARED)
        for target in sorted(imported):
            pieces = target.split(".")
            if pieces[:2] != ["bodesk", "domain"] or len(pieces) < 3:
                continue
            if pieces[2] in NEVER or (pieces[2] in depends_on and pieces[2] not in allowed):
                problems.append(f"{name} imports {target}")
    return problems


def _manifest_graph() -> dict[str, tuple[str, ...]]:
    from bodesk.domain.registry import modules

    return {module.key: module.depends_on for module in modules()}


def test_domain_modules_import_only_what_their_manifest_depends_on() -> None:
    imports = {name: _imports(name, path) for name, path in _modules().items()}
    assert direction_violations(imports, _manifest_graph()) == []


def test_the_direction_check_catches_a_lower_module_importing_a_higher_one() -> None:
    graph = {"access": (), "stock": ("access",), "purchasing": ("stock",)}
    imports = {
        "bodesk.domain.stock.catalogue": {"bodesk.domain.purchasing.models", "bodesk.domain.common.errors"},
        "bodesk.domain.purchasing.orders": {"bodesk.domain.stock.models", "bodesk.domain.access.guard"},
        "bodesk.domain.access.services": {"bodesk.domain.registry"},
    }
    assert direction_violations(imports, graph) == [
        "bodesk.domain.access.services imports bodesk.domain.registry",
        "bodesk.domain.stock.catalogue imports bodesk.domain.purchasing.models",
    ]
