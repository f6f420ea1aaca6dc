"""The root of every error whose message is fit to show a person (already translated)."""

from __future__ import annotations


class BodeskError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
