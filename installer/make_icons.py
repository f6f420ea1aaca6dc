"""Draws bodesk's application icon: resources/icons/bodesk.svg, bodesk.png (256 px) and bodesk.ico.

The mark is a deep-teal rounded square holding a white crate seen from above, with a "b" on its front
face. The SVG is the master; the PNG and the Windows icon (16, 32, 48 and 256 px) are rendered from it
with Qt's SVG renderer. Small sizes use a simpler drawing (no letter) so they stay crisp.

    python installer/make_icons.py
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
ICO_SIZES = (16, 32, 48, 256)
TEAL_LIGHT = "#16807F"
TEAL_DARK = "#0B4F55"
SHADE = "#CFE7E6"

# Crate corners on a 256 grid: top face (T, R, C, L), then the bottom corners under L, C and R.
TOP, RIGHT, CENTER, LEFT = (128, 44), (206, 88), (128, 132), (50, 88)
DROP = 86


def _points(*corners: tuple[float, float]) -> str:
    return " ".join(f"{x:g},{y:g}" for x, y in corners)


def _down(corner: tuple[float, float]) -> tuple[float, float]:
    return corner[0], corner[1] + DROP


def _letter_b() -> str:
    """A geometric "b" drawn in the front face's own coordinates (78 wide, 86 tall), then sheared onto it."""
    slope = (CENTER[1] - LEFT[1]) / (CENTER[0] - LEFT[0])
    stem = '<rect x="17" y="12" width="14" height="64" rx="3"/>'
    bowl = (
        '<path fill-rule="evenodd" d="M 24 55 a 23 21 0 1 0 46 0 a 23 21 0 1 0 -46 0 Z '
        'M 33 55 a 14 12 0 1 0 28 0 a 14 12 0 1 0 -28 0 Z"/>'
    )
    return f'<g fill="{TEAL_DARK}" transform="matrix(1 {slope:.4f} 0 1 {LEFT[0]} {LEFT[1]})">{stem}{bowl}</g>'


def svg(detailed: bool = True) -> str:
    """The icon as SVG text; `detailed=False` leaves out the letter and the tape for tiny sizes."""
    front = _points(LEFT, CENTER, _down(CENTER), _down(LEFT))
    side = _points(CENTER, RIGHT, _down(RIGHT), _down(CENTER))
    top = _points(TOP, RIGHT, CENTER, LEFT)
    gap = 5 if detailed else 9
    tape = ""
    if detailed:
        tape = f'<polygon fill="{SHADE}" points="{_points((101, 59), (113, 52), (179, 89), (167, 96))}"/>'
    letter = _letter_b() if detailed else ""
    return f"""<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="{TEAL_LIGHT}"/>
      <stop offset="1" stop-color="{TEAL_DARK}"/>
    </linearGradient>
  </defs>
  <rect x="8" y="8" width="240" height="240" rx="52" fill="url(#bg)"/>
  <g stroke="{TEAL_DARK}" stroke-width="{gap}" stroke-linejoin="round">
    <polygon fill="#FFFFFF" points="{top}"/>
    <polygon fill="#FFFFFF" points="{front}"/>
    <polygon fill="{SHADE}" points="{side}"/>
  </g>
  {tape}
  {letter}
</svg>
"""


def render(svg_text: str, size: int) -> QImage:
    renderer = QSvgRenderer(QByteArray(svg_text.encode()))
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def _png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    QImageWriter(buffer, QByteArray(b"png")).write(image)
    buffer.close()
    return bytes(data.data())


def _dib_bytes(image: QImage) -> bytes:
    """A 32-bit BGRA bitmap as an .ico entry wants it: bottom-up rows, then an all-clear AND mask."""
    size = image.width()
    argb = image.convertToFormat(QImage.Format.Format_ARGB32)
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    pixels, stride = bytes(argb.constBits()), argb.bytesPerLine()
    rows = [pixels[y * stride : y * stride + size * 4] for y in reversed(range(size))]
    mask_row = b"\x00" * (((size + 31) // 32) * 4)
    return header + b"".join(rows) + mask_row * size


def ico_bytes(images: list[QImage]) -> bytes:
    """A Windows icon holding every image: bitmaps up to 48 px, PNG for the large one."""
    entries = [
        (_png_bytes(image) if image.width() >= 256 else _dib_bytes(image), image.width()) for image in images
    ]
    offset = 6 + 16 * len(entries)
    directory = struct.pack("<HHH", 0, 1, len(entries))
    payload = b""
    for data, size in entries:
        side = 0 if size >= 256 else size
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset + len(payload))
        payload += data
    return directory + payload


def main() -> int:
    QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    ICONS.mkdir(parents=True, exist_ok=True)
    master = svg(detailed=True)
    (ICONS / "bodesk.svg").write_text(master, encoding="utf-8")
    render(master, 256).save(str(ICONS / "bodesk.png"))
    images = [render(master if size >= 48 else svg(detailed=False), size) for size in ICO_SIZES]
    (ICONS / "bodesk.ico").write_bytes(ico_bytes(images))
    for name in ("bodesk.svg", "bodesk.png", "bodesk.ico"):
        print(f"{ICONS / name}: {(ICONS / name).stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
