"""Loads every module's plug-ins (domain checks, search providers) once, and the demo steps on demand."""

from __future__ import annotations

from functools import cache


@cache
def load_plugins() -> None:
    import bodesk.domain.access.checks
    import bodesk.domain.access.search
    import bodesk.domain.common.checks
    import bodesk.domain.company.checks
    import bodesk.domain.purchasing.search
    import bodesk.domain.stock.checks
    import bodesk.domain.stock.search  # noqa: F401


@cache
def load_demo_steps() -> None:
    """The demo data steps, loaded only when demo data is made (they are not needed to run)."""
    import bodesk.domain.access.demo
    import bodesk.domain.purchasing.demo
    import bodesk.domain.stock.demo
    import bodesk.domain.stock.demo_count  # noqa: F401
