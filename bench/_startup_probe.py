"""One measured start of bodesk, driven by bench/startup.py in a fresh process.

It goes the way `bodesk` does (bodesk.ui.app.run_app): the application, logging, the language, the
plug-ins, the database opened for this desk (checked, locked, migrated), the log-in (done here with
the password instead of the dialog), then the main window, and stops once that window has painted.
It prints one JSON line: the moments each phase ended, in seconds since the parent started this
process, the CPU time used until the paint, and the peak resident memory.

    python bench/_startup_probe.py SPAWNED_AT DB_URL LOGIN PASSWORD   (SPAWNED_AT: parent's perf_counter)
"""

from __future__ import annotations

import time

PROBE_STARTED = time.perf_counter()

import json  # noqa: E402
import sys  # noqa: E402


def peak_rss_mb() -> float:
    try:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    except ImportError:  # Windows
        import psutil

        return float(psutil.Process().memory_info().peak_wset) / 2**20


def main(argv: list[str]) -> int:
    spawned_at, url, login, password = float(argv[0]), argv[1], argv[2], argv[3]
    marks: dict[str, float] = {"python": PROBE_STARTED - spawned_at}

    def mark(name: str) -> None:
        marks[name] = time.perf_counter() - spawned_at

    from bodesk.settings import configure_logging, load_preferences
    from bodesk.ui.app import install_crash_handler, make_application, use_language

    mark("imports")
    app = make_application()
    configure_logging()
    install_crash_handler()
    preferences = load_preferences()
    use_language(app, preferences.language or "pt_BR")
    mark("qapplication")

    from bodesk.domain.registry import load_modules
    from bodesk.ui.startup import open_for_desk

    load_modules()
    opened = open_for_desk(url, preferences.backup_folder)
    mark("database")

    from bodesk.domain.access.login import authenticate

    actor = authenticate(opened.db, login, password)
    mark("login")

    from PySide6.QtCore import QEvent, QObject, QTimer

    from bodesk.ui.mainwindow import MainWindow

    window = MainWindow(opened.db, actor, preferences)
    mark("window")

    class FirstPaint(QObject):
        """Quits once the first paint of the window has been handled."""

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "painted" not in marks:
                marks["painted"] = -1.0
                QTimer.singleShot(0, finish)
            return False

    def finish() -> None:
        mark("painted")
        marks["cpu"] = time.process_time()  # this process's CPU time so far: steadier on a busy machine
        app.quit()

    watcher = FirstPaint()
    window.installEventFilter(watcher)
    window.show()
    QTimer.singleShot(20_000, app.quit)  # never hang a benchmark
    app.exec()
    shown = marks["painted"] > 0
    print(json.dumps({"marks": marks, "shown": shown, "peak_rss_mb": round(peak_rss_mb(), 1)}), flush=True)
    window.removeEventFilter(watcher)
    window.close()
    opened.close()
    return 0 if shown else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
