"""The colour of each tone the domain gives a row or a value (`domain.common.tones.Tone`), chosen to
read on the platform's light or dark palette: text in a strong colour, a row behind a pale tint."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPalette

from bodesk.domain.common.tones import Tone

_ON_LIGHT = {
    Tone.INFO: "#1a5fb4",
    Tone.GOOD: "#1e7b34",
    Tone.WARNING: "#9a5b00",
    Tone.DANGER: "#b3261e",
}
_ON_DARK = {
    Tone.INFO: "#99c1f1",
    Tone.GOOD: "#8ff0a4",
    Tone.WARNING: "#f9c74f",
    Tone.DANGER: "#f2b8b5",
}
TINT_ALPHA = 48  # of 255: a row's tint leaves its text as readable as the others'


def dark_palette(palette: QPalette | None = None) -> bool:
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def tone_color(tone: Tone, palette: QPalette | None = None) -> QColor:
    """The colour of `tone`'s text: MUTED is the palette's own placeholder grey."""
    palette = palette or QGuiApplication.palette()
    if tone is Tone.MUTED:
        return palette.color(QPalette.ColorRole.PlaceholderText)
    return QColor((_ON_DARK if dark_palette(palette) else _ON_LIGHT)[tone])


def tone_brush(tone: Tone, background: bool = False) -> QBrush:
    """A brush for a cell's text, or (`background`) a pale tint behind a whole row."""
    color = tone_color(tone)
    if background:
        color.setAlpha(0 if tone is Tone.MUTED else TINT_ALPHA)
    return QBrush(color)
