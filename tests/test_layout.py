"""One layout for the tests: their folders mirror src/bodesk (tests/domain/stock for
bodesk.domain.stock, tests/cli for bodesk.cli), hold only tests and fixtures, and every helper lives in
tests/builders (the business) or tests/helpers (the plumbing)."""

from __future__ import annotations

from pathlib import Path

import bodesk

TESTS = Path(__file__).resolve().parent
PACKAGE = Path(bodesk.__file__).resolve().parent
OUTSIDE_THE_MIRROR = {"builders", "helpers", "modules", "fixtures"}  # modules: an example plug-in module
TEST_FILES = ("__init__.py", "conftest.py")


def _mirror_folders() -> list[Path]:
    return [
        folder
        for folder in sorted(TESTS.rglob("*"))
        if folder.is_dir()
        and folder.name != "__pycache__"
        and folder.relative_to(TESTS).parts[0] not in OUTSIDE_THE_MIRROR
    ]


def test_every_test_folder_mirrors_a_package_or_module_of_the_source() -> None:
    strays = []
    for folder in _mirror_folders():
        source = PACKAGE / folder.relative_to(TESTS)
        if not (source.is_dir() or source.with_suffix(".py").is_file()):
            strays.append(str(folder.relative_to(TESTS)))
    assert strays == []


def test_test_folders_hold_only_tests() -> None:
    helpers = [
        str(path.relative_to(TESTS))
        for folder in [TESTS, *_mirror_folders()]
        for path in sorted(folder.glob("*.py"))
        if not path.name.startswith("test_") and path.name not in TEST_FILES
    ]
    assert helpers == [], "helpers belong in tests/builders or tests/helpers"


def test_every_test_folder_is_a_package() -> None:
    folders = [TESTS, *_mirror_folders()] + [TESTS / name for name in ("builders", "helpers", "modules")]
    assert [
        str(folder.relative_to(TESTS)) for folder in folders if not (folder / "__init__.py").is_file()
    ] == []
