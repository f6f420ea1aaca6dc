"""What a module declares about itself, in one place: its manifest.

Each module has `bodesk/domain/<module>/manifest.py` with one `MODULE = Module(...)`: its permissions and
the roles that get them, its audit action and record labels, the documents its ledger rows refer to,
its checks for `bodesk check`, its Ctrl+K search providers, the work it counts on the home page,
demo steps, importers, exporters and reports. The registry (bodesk.domain.registry) loads the manifests of the modules it lists and wires
each part where it is used: the CLI's `import`/`export`/`report` choices and help, the roles screen,
the audit log, the moves list, `bodesk check`, the search box and the demo are all built from them.

Functions are named by their dotted path (`Lazy("bodesk.domain.stock.checks:quants_equal_moves")`) and
imported the first time they are called, so that loading every manifest costs start-up nothing and a
manifest may name a report writer in bodesk.reports without the domain importing it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from bodesk.domain.access.permissions import Action
from bodesk.domain.common.postings import DocumentKind
from bodesk.domain.common.tones import Tone


@dataclass(frozen=True)
class Lazy:
    """A function named by "package.module:function", imported when first called."""

    path: str

    def load(self) -> Callable[..., Any]:
        module, _sep, name = self.path.partition(":")
        function = getattr(importlib.import_module(module), name)
        if not callable(function):
            raise TypeError(f"{self.path} is not a function")
        return function

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.load()(*args, **kwargs)


@dataclass(frozen=True)
class Check:
    """An invariant `bodesk check` proves: `run(session) -> list of problems as sentences`."""

    name: str
    title: str  # N_
    run: Lazy


@dataclass(frozen=True)
class SearchProvider:
    """Finds records for Ctrl+K: `find(session, actor, text, limit) -> list[SearchHit]`; it returns
    nothing (never fails) when the actor may not see them."""

    kind: str
    find: Lazy


@dataclass(frozen=True)
class WorkItem:
    """Something waiting for someone, counted on the home page of those with `permission`:
    `count(session, actor) -> int`; `words` (NP_) say it with the number ("{n} orders to receive")."""

    key: str
    words: tuple[str, str]
    permission: Action
    count: Lazy
    tone: Tone = Tone.WARNING
    order: int = 100  # the home page lists items by order


@dataclass(frozen=True)
class DemoStep:
    """A step of the demo data, run in `order` across modules: `step(context)`."""

    order: int
    name: str
    step: Lazy


@dataclass(frozen=True)
class Option:
    """A command-line option an importer or a report takes beyond the common ones (`--warehouse CODE`)."""

    flag: str
    help: str  # N_
    metavar: str = ""
    kind: type = str
    default: Any = None
    choices: tuple[str, ...] = ()  # the values it takes, when they are few
    repeat: bool = False  # given once per value (`--order 12 --order 15`): a list reaches the writer

    @property
    def dest(self) -> str:
        return self.flag.lstrip("-").replace("-", "_")


@dataclass(frozen=True)
class Importer:
    """`bodesk import KEY FILE`: `fields() -> Sequence[ImportField]`; `run(db, actor, path, mapping,
    dry_run, good_rows, **options) -> ImportResult`."""

    key: str
    title: str  # N_, completes "import …"
    fields: Lazy
    run: Lazy
    options: tuple[Option, ...] = ()


@dataclass(frozen=True)
class Exporter:
    """`bodesk export KEY -o FILE`: `run(db, actor, path, format, **options) -> rows written`."""

    key: str
    title: str  # N_
    run: Lazy
    options: tuple[Option, ...] = ()
    formats: tuple[str, ...] = ()  # formats beyond CSV and XLSX it writes itself ("beancount"), by name


@dataclass(frozen=True)
class Report:
    """`bodesk report KEY -o FILE.pdf`: `write(db, actor, path, **options)`."""

    key: str
    title: str  # N_
    write: Lazy
    options: tuple[Option, ...] = ()


@dataclass(frozen=True)
class Module:
    key: str
    title: str  # N_
    depends_on: tuple[str, ...] = ()  # the modules it may import (and theirs); common and access always
    permissions: tuple[Action, ...] = ()
    audit_actions: Mapping[str, str] = field(default_factory=dict)  # action code -> N_ label
    audit_records: Mapping[str, str] = field(default_factory=dict)  # record type -> N_ label
    audit_fields: Mapping[str, str] = field(default_factory=dict)  # field name -> N_ label
    documents: tuple[DocumentKind, ...] = ()
    checks: tuple[Check, ...] = ()
    search: tuple[SearchProvider, ...] = ()
    work: tuple[WorkItem, ...] = ()
    demo: tuple[DemoStep, ...] = ()
    importers: tuple[Importer, ...] = ()
    exporters: tuple[Exporter, ...] = ()
    reports: tuple[Report, ...] = ()
