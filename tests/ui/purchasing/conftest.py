"""The purchasing scene for the screens (see `build_scene`), and PDFs previewed into a list instead of
a window."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from bodesk.domain.access.actor import Actor
from bodesk.store.engine import Database
from tests.builders.purchasing import Scene, build_scene


@pytest.fixture
def scene(db: Database, owner: Actor) -> Scene:
    return build_scene(db, owner)


@pytest.fixture
def previews(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The PDFs the screens asked to preview, instead of preview windows."""
    shown: list[Path] = []

    def record(_parent: QWidget | None, path: Path) -> Any:
        shown.append(Path(path))
        return None

    monkeypatch.setattr("bodesk.ui.widgets.pdf_preview.show_pdf", record)
    return shown
