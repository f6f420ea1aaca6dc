"""The stock count's states and the one lifecycle every change of state goes through."""

from __future__ import annotations

from enum import StrEnum

from bodesk.domain.common.lifecycle import Lifecycle
from bodesk.domain.common.tones import Tone
from bodesk.i18n import N_


class CountStatus(StrEnum):
    OPEN = "open"
    POSTED = "posted"
    CANCELLED = "cancelled"


COUNT_LIFECYCLE = Lifecycle(
    kind="stock_count",
    noun=N_("Count"),
    states=CountStatus,
    labels={
        CountStatus.OPEN: N_("Open"),
        CountStatus.POSTED: N_("Posted"),
        CountStatus.CANCELLED: N_("Cancelled"),
    },
    transitions={
        CountStatus.OPEN: frozenset({CountStatus.POSTED, CountStatus.CANCELLED}),
        CountStatus.POSTED: frozenset(),
        CountStatus.CANCELLED: frozenset(),
    },
    finished=frozenset({CountStatus.POSTED, CountStatus.CANCELLED}),
    series="stock_count",
    numbered_in=CountStatus.OPEN,
    editable=frozenset({CountStatus.OPEN}),
    tones={CountStatus.OPEN: Tone.INFO, CountStatus.POSTED: Tone.GOOD, CountStatus.CANCELLED: Tone.MUTED},
)
