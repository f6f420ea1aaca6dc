"""The root of every error whose message is fit to show a person (already translated).

Each error also carries a stable `code` ("document.transition", "stock.shortage"): what the program
and the tests look at, while the message is what a person reads, in their language. docs/error-codes.md
lists every code.
"""

from __future__ import annotations


class BodeskError(Exception):
    code = "error"

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return self.message
