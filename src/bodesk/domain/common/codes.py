"""Codes people type, scan and print — SKUs, warehouse and bin codes, lot codes, a supplier's own code —
follow one rule: a code is kept in capitals, so "cer00003" and "CER00003" are one code wherever it is
typed, scanned, imported, looked up or stored, and the database's unique indexes on upper(code) refuse
a second one that differs only in case.

Codes are ASCII: letters without accents, digits and the marks each kind allows. A barcode scanner
(a keyboard wedge) types them, labels and other systems read them, and SQLite and PostgreSQL agree on
upper() for ASCII only, so the same index enforces the same rule on both engines. A person who types
"água-500" is told to write "AGUA-500": a code is never changed behind their back beyond its capitals.

Each kind of code is a `CodeRule`, declared where its record lives, with the length of its column
(`lengths.max_length`).
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field

from bodesk.i18n import _

ALL_MARKS = string.punctuation + " "


_ASCII_CAPITALS = str.maketrans(string.ascii_lowercase, string.ascii_uppercase)


def code_key(text: str) -> str:
    """The stored form of a typed or scanned code: trimmed, its ASCII letters in capitals (as SQL's
    upper() does). Every lookup of a code goes through it, so a code is found however its letters were
    typed; other letters are left as typed (Python's upper() would turn "ß" into "SS" behind the
    person's back), for the rule to refuse."""
    return text.strip().translate(_ASCII_CAPITALS)


@dataclass(frozen=True)
class CodeRule:
    """One kind of code: at most `length` characters, A-Z, 0-9 and `marks` (`first` says which of them
    may start it); `message` (marked with N_, may use {length}) tells a person how to write one."""

    length: int
    marks: str
    message: str
    first: str = string.ascii_uppercase + string.digits
    pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        allowed = re.escape(string.ascii_uppercase + string.digits + self.marks)
        opening = re.escape(self.first)
        regex = f"[{opening}][{allowed}]{{0,{self.length - 1}}}"
        object.__setattr__(self, "pattern", re.compile(regex))

    def clean(self, text: str) -> str:
        """The code as it is stored: trimmed, inner runs of spaces collapsed, in capitals."""
        key = code_key(text)
        return " ".join(key.split()) if " " in self.marks else key

    def follows(self, code: str) -> bool:
        """Whether `code` is a stored code of this kind (already clean)."""
        return self.pattern.fullmatch(code) is not None

    def problem(self, code: str) -> str | None:
        """What is wrong with `code` (already clean), translated; None when it follows the rule."""
        return None if self.follows(code) else _(self.message).format(length=self.length)
