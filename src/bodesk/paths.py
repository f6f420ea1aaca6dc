"""Where bodesk's own files are: resources shipped with the code, frozen or from source."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_dir() -> Path:
    """The `resources/` folder: beside the executable when frozen, at the repository root from source."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def package_dir() -> Path:
    return Path(__file__).resolve().parent


def translations_dir() -> Path:
    return resource_dir() / "translations"


def compiled_locale_dir() -> Path:
    return package_dir() / "locale"
