"""Whether Qt's real display plugin loads on this machine (xcb on Linux, windows, cocoa).

The self-test runs offscreen, so a missing system library of the display plugin (libxcb-icccm4 on a
bare Debian desktop) would pass it and then stop the real start with Qt's own confusing message. This
loads the plugin's library the way Qt would and names what is missing.
"""

from __future__ import annotations

import ctypes
import sys
from pathlib import Path

from bodesk.i18n import _

PLUGIN_FILES = {"win32": "qwindows.dll", "darwin": "libqcocoa.dylib"}
LINUX_PLUGIN = "libqxcb.so"


def display_plugin() -> Path:
    from PySide6.QtCore import QLibraryInfo

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    return folder / PLUGIN_FILES.get(sys.platform, LINUX_PLUGIN)


def display_plugin_problem(plugin: Path | None = None) -> str | None:
    """None when the display plugin loads; else a sentence saying why not and what to do."""
    path = plugin or display_plugin()
    if not path.is_file():
        return _("Qt's display plugin {name} is missing from this installation.").format(name=path.name)
    try:
        ctypes.CDLL(str(path))
    except OSError as exc:
        reason = str(exc).split(": ", 1)[-1] if str(exc).startswith(str(path)) else str(exc)
        return _(
            "Qt's display plugin {name} cannot load: {reason}. On Debian or Ubuntu, scripts/run.sh installs "
            "the libraries it needs."
        ).format(name=path.name, reason=reason)
    return None
