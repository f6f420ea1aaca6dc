"""Demo data: a framework each module extends with its own step, for trying bodesk out, for the
screenshots and for the benchmarks. Deterministic for a given seed."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from bodesk.domain.access.actor import Actor
from bodesk.domain.common.errors import UserError
from bodesk.domain.common.progress import Cancelled
from bodesk.domain.company.services import CompanyDetails, is_set_up, set_up_company
from bodesk.i18n import _
from bodesk.store.engine import Database


class DemoSize(StrEnum):
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


DEMO_COMPANY = CompanyDetails(
    name="Distribuidora Boa Sede Ltda.",
    tax_id="12ABC34501DE35",
    street="Avenida dos Bandeirantes",
    number="1500",
    district="Vila Olímpia",
    city="São Paulo",
    state="SP",
    postal_code="04553-002",
    phone="(11) 3045-1200",
    email="contato@boasede.com.br",
)
DEMO_OWNER = "dono"


@dataclass
class DemoContext:
    db: Database
    rng: random.Random
    size: DemoSize
    owner: Actor
    password: str
    report: Callable[[str, float], None] = field(default=lambda _step, _fraction: None)
    cancelled: Callable[[], bool] = field(default=lambda: False)
    # What one step leaves for a later one, by a name the later module knows (a higher module hands a
    # lower one a writer this way: the sales step hands purchasing the writer of its shipped orders).
    shared: dict[str, object] = field(default_factory=dict)

    def progress(self, step: str, fraction: float) -> None:
        if self.cancelled():
            raise Cancelled(_("Demo data cancelled."))
        self.report(step, fraction)

    def pick(self, small: int, medium: int, large: int) -> int:
        return {DemoSize.SMALL: small, DemoSize.MEDIUM: medium, DemoSize.LARGE: large}[self.size]


DemoStep = Callable[[DemoContext], None]
_STEPS: list[tuple[int, str, DemoStep]] = []


def register_demo(order: int, name: str) -> Callable[[DemoStep], DemoStep]:
    def wrap(step: DemoStep) -> DemoStep:
        _STEPS.append((order, name, step))
        _STEPS.sort(key=lambda item: item[0])
        return step

    return wrap


def load_demo(
    db: Database,
    size: DemoSize,
    seed: int,
    password: str,
    report: Callable[[str, float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Actor:
    """Fill an empty database with a demo company; returns the owner (login `dono`)."""
    from bodesk.domain.registry import load_modules

    load_modules()
    if is_set_up(db):
        raise UserError(
            _("Demo data goes into a new, empty database only: this one already belongs to a company."),
            code="demo.not_empty",
        )
    owner = set_up_company(db, DEMO_COMPANY, DEMO_OWNER, "Roberto Almeida", password)
    context = DemoContext(db, random.Random(seed), size, owner, password)
    if report is not None:
        context.report = report
    if cancelled is not None:
        context.cancelled = cancelled
    for _order, name, step in list(_STEPS):
        context.progress(name, 0.0)
        step(context)
    db.refresh_statistics()
    context.progress("done", 1.0)
    return owner
