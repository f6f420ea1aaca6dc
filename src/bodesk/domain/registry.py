"""The one list of modules, and what their manifests declare, wired where it is used.

Adding a module: write `bodesk/domain/<key>/` with its `manifest.py` (see bodesk.domain.modules) and,
for its screens, `bodesk/ui/<key>/tab.py`; then add its key to MODULES, after the modules it depends
on. Nothing else central changes: permissions, audit labels, document labels, checks, search, demo
steps and the CLI's import/export/report choices all come from here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import cache

from bodesk.domain.access.permissions import Action
from bodesk.domain.common.postings import register_kind
from bodesk.domain.demo import register_demo
from bodesk.domain.modules import Exporter, Importer, Module, Report, WorkItem
from bodesk.domain.search import register_provider
from bodesk.i18n import _
from bodesk.store.check import add_check

MODULES: tuple[str, ...] = ("access", "company", "stock", "purchasing", "sales", "deliveries", "finance")
"""Every module, each after those it depends on."""

_LOADED: dict[str, Module] = {}


def _translated(label: str) -> Callable[[], str]:
    return lambda: _(label)


def register_module(module: Module) -> Module:
    """Wire one module's declarations (the loader does this for MODULES; a plug-in or a test may call
    it for a module of its own)."""
    if module.key in _LOADED:
        return _LOADED[module.key]
    missing = [key for key in module.depends_on if key not in _LOADED]
    if missing:
        raise ValueError(f"module {module.key!r} depends on modules not loaded yet: {missing}")
    for kind in module.documents:
        register_kind(kind)
    for check in module.checks:
        add_check(check.name, _translated(check.title), check.run)
    for provider in module.search:
        register_provider(provider.kind)(provider.find)
    for step in module.demo:
        register_demo(step.order, step.name)(step.step)
    _LOADED[module.key] = module
    return module


@cache
def load_modules() -> None:
    """Import every listed module's manifest once and wire it."""
    for key in MODULES:
        manifest = importlib.import_module(f"bodesk.domain.{key}.manifest")
        register_module(manifest.MODULE)


def modules() -> list[Module]:
    load_modules()
    return list(_LOADED.values())


def module(key: str) -> Module | None:
    load_modules()
    return _LOADED.get(key)


def permissions() -> list[Action]:
    """Every permission of every registered module, in module order (the roles screen lists them)."""
    return [action for item in modules() for action in item.permissions]


def work_items() -> list[WorkItem]:
    """What every module counts on the home page, in order."""
    return sorted((item for module in modules() for item in module.work), key=lambda item: item.order)


def importers() -> dict[str, Importer]:
    return {entry.key: entry for item in modules() for entry in item.importers}


def exporters() -> dict[str, Exporter]:
    return {entry.key: entry for item in modules() for entry in item.exporters}


def reports() -> dict[str, Report]:
    return {entry.key: entry for item in modules() for entry in item.reports}


def _label(part: str, code: str) -> str | None:
    for item in modules():
        label = getattr(item, part).get(code)
        if label is not None:
            return _(label)
    return None


def audit_action_label(code: str) -> str:
    """ "Goods received" for "receipt.add"; the code itself for one no module declares."""
    return _label("audit_actions", code) or code


def audit_record_label(code: str) -> str:
    return _label("audit_records", code) or code


def audit_field_label(name: str) -> str:
    return _label("audit_fields", name) or name.replace("_", " ").capitalize()


def audit_actions() -> dict[str, str]:
    """Every declared audit action code with its translated label."""
    return {code: _(label) for item in modules() for code, label in item.audit_actions.items()}


def audit_records() -> dict[str, str]:
    return {code: _(label) for item in modules() for code, label in item.audit_records.items()}


def audit_labels() -> tuple[dict[str, str], dict[str, str]]:
    """Every audit action and record type with its label in the current language (what the audit log's
    search looks in: `AuditQuery(audit_labels)`)."""
    return audit_actions(), audit_records()
