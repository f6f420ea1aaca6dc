"""How a row or a value should catch the eye, decided by the domain and coloured by the screens: a lot
about to expire, stock below its minimum, a document waiting on someone. The UI maps each tone to a
colour that reads on the platform's light or dark palette; the domain never names a colour."""

from __future__ import annotations

from enum import StrEnum


class Tone(StrEnum):
    INFO = "info"  # under way: waiting on someone else (an order sent)
    GOOD = "good"  # done (an order received, a count posted)
    WARNING = "warning"  # needs attention soon (a lot near expiry, stock below its minimum)
    DANGER = "danger"  # needs attention now (an expired lot, nothing left)
    MUTED = "muted"  # over and no longer counts (cancelled)
