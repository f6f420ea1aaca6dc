"""Every mapped class of every module, so that the metadata is complete wherever it is needed (the
migrations, the schema tests): each listed module's `models` is imported."""

import importlib
from importlib.util import find_spec

import bodesk.domain.common.models  # noqa: F401 - the numbering series
from bodesk.domain.registry import MODULES
from bodesk.store.types import Base

for _key in MODULES:
    if find_spec(f"bodesk.domain.{_key}.models") is not None:
        importlib.import_module(f"bodesk.domain.{_key}.models")

__all__ = ["Base"]
