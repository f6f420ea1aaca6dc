"""The report font, the characters it can print, and text fitted to a box: the one way every text a
report prints (a table cell, a heading row, a line of the header band, the footer) is kept inside its
room, however long the stored text is.

Fonts: Bitstream Vera, which ships inside ReportLab itself (and so inside the bundle), gives the same
metrics on every machine and covers Portuguese (ç, ã, é, “quotes”, •, –, —, …, €). Helvetica is the
fallback only if those files are missing.

`fit_lines` wraps a text at its spaces into at most a given number of lines of a given width (a word
wider than the line is cut between letters) and ends the last line with an ellipsis when something
was left out. It measures each word once, and a text that fits on one line costs one measurement, so
a table of 20,000 rows is laid out as plain strings, never as paragraphs.
"""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import reportlab
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

logger = logging.getLogger(__name__)

ELLIPSIS = "…"
NARROWEST_EM = 0.2  # no printing character of the font is narrower: bounds how much text can ever show
_FONT_DIR = Path(reportlab.__file__).resolve().parent / "fonts"


@dataclass(frozen=True)
class ReportFonts:
    regular: str
    bold: str
    italic: str
    bold_italic: str


@cache
def report_fonts() -> ReportFonts:
    """The Vera family registered with ReportLab once (with <b>/<i> mapping), or Helvetica."""
    fonts = ReportFonts("BodeskSans", "BodeskSans-Bold", "BodeskSans-Italic", "BodeskSans-BoldItalic")
    files = ("Vera.ttf", "VeraBd.ttf", "VeraIt.ttf", "VeraBI.ttf")
    names = (fonts.regular, fonts.bold, fonts.italic, fonts.bold_italic)
    try:
        for name, file in zip(names, files, strict=True):
            pdfmetrics.registerFont(TTFont(name, str(_FONT_DIR / file)))
    except (OSError, TTFError):
        logger.warning("ReportLab's Vera fonts were not found in %s: using Helvetica", _FONT_DIR)
        return ReportFonts("Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique")
    pdfmetrics.registerFontFamily(
        fonts.regular,
        normal=fonts.regular,
        bold=fonts.bold,
        italic=fonts.italic,
        boldItalic=fonts.bold_italic,
    )
    return fonts


@cache
def _covered() -> frozenset[int] | None:
    """The code points the report font has glyphs for (None for a standard font: not known)."""
    face = getattr(pdfmetrics.getFont(report_fonts().regular), "face", None)
    glyphs = getattr(face, "charToGlyph", None)
    return frozenset(glyphs) if glyphs is not None else None


def printable(value: str) -> str:
    """`value` with the characters the font lacks replaced by ones it has: Babel's narrow and thin
    spaces (the English "2:30\u202fPM") become no-break spaces, odd dashes a hyphen, and invisible
    format characters go; anything else stays (and shows as a box, to be noticed)."""
    if value.isascii():
        return value  # the font has every ASCII character (and control characters are kept)
    covered = _covered()
    if covered is None or covered.issuperset(map(ord, value)):
        return value
    kept: list[str] = []
    for char in value:
        kind = unicodedata.category(char)
        if ord(char) in covered or kind == "Cc":
            kept.append(char)
        elif kind == "Zs":
            kept.append("\xa0")
        elif kind == "Pd":
            kept.append("-")
        elif kind != "Cf":
            kept.append(char)
    return "".join(kept)


class _Advances(dict[str, float]):
    """The advance of each character of one font at 1000 points, measured the first time it is met
    (adding them up is what ReportLab's stringWidth does, a character at a time in Python)."""

    def __init__(self, font: str) -> None:
        super().__init__()
        self.font = font

    def __missing__(self, char: str) -> float:
        advance = float(pdfmetrics.stringWidth(char, self.font, 1000))
        self[char] = advance
        return advance


@cache
def _advances(font: str) -> _Advances:
    return _Advances(font)


def text_width(value: str, font: str, size: float) -> float:
    """How wide `value` prints in `font` at `size` points."""
    return sum(map(_advances(font).__getitem__, value)) * size / 1000


def _longest_prefix(value: str, room: float, font: str, size: float, after: str = "") -> str:
    """The longest start of `value` that, followed by `after`, is at most `room` wide (at least one
    character, so that a line always moves on)."""
    low, high = 1, len(value)
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(value[:middle] + after, font, size) <= room:
            low = middle
        else:
            high = middle - 1
    return value[:low]


def _wrapped(words: list[str], width: float, font: str, size: float, limit: int) -> tuple[list[str], bool]:
    """Up to `limit` lines made of `words`, and whether words were left over."""
    space = text_width(" ", font, size)
    lines: list[str] = []
    line, used = "", 0.0
    pending = list(reversed(words))
    while pending:
        word = pending.pop()
        wide = text_width(word, font, size)
        if line and used + space + wide <= width:
            line, used = f"{line} {word}", used + space + wide
            continue
        if line:
            lines.append(line)
            line, used = "", 0.0
            if len(lines) == limit:
                pending.append(word)
                break
        if wide <= width:
            line, used = word, wide
            continue
        head = _longest_prefix(word, width, font, size)  # a word wider than the line: cut between letters
        lines.append(head)
        pending.append(word[len(head) :])
        if len(lines) == limit:
            break
    if line and len(lines) < limit:
        lines.append(line)
    return lines, bool(pending)


def fit_lines(value: str, width: float, font: str, size: float, lines: int = 1) -> list[str]:
    """`value` (printable) as at most `lines` lines no wider than `width` points: wrapped at its spaces
    and line breaks, the last line ending with an ellipsis when something did not fit."""
    limit = max(1, lines)
    width = max(width, 1.0)
    keep = limit * (int(width / (size * NARROWEST_EM)) + 2)  # more than could ever show
    cut = len(value) > keep
    value = printable(value[:keep])
    if not cut and "\n" not in value and "\r" not in value and text_width(value, font, size) <= width:
        return [value]
    shown: list[str] = []
    left_over = cut
    for paragraph in value.splitlines() or [""]:
        if len(shown) == limit:
            left_over = True
            break
        words = [word for word in paragraph.split(" ") if word]
        more, rest = _wrapped(words, width, font, size, limit - len(shown))
        shown += more or [""]
        left_over = left_over or rest
    if left_over:
        last = shown[-1].rstrip()
        if text_width(last + ELLIPSIS, font, size) > width:
            last = _longest_prefix(last, width, font, size, ELLIPSIS).rstrip() if last else ""
        shown[-1] = last + ELLIPSIS
    return shown


def fit_text(value: str, width: float, font: str, size: float, lines: int = 1) -> str:
    """`fit_lines` joined by line breaks, as a table cell or a drawn string takes it."""
    return "\n".join(fit_lines(value, width, font, size, lines))
