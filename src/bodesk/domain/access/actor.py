"""Who is acting: plain data taken at login, re-checked against the database by every service."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    user_id: int
    login: str
    full_name: str
    role: str
