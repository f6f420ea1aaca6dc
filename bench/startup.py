"""Start-up benchmark: how long from starting bodesk to its main window painted, and how much memory.

It prepares a database with the demo company (small) in a private BODESK_HOME, then starts
bench/_startup_probe.py N times in fresh processes: each goes the way `bodesk` does and logs the
owner in with the password instead of the dialog. It prints the median, min and max time from the
process start to the first paint of the main window, the median of each phase, the CPU time (steadier
than the wall clock when the machine is busy) and the peak memory.
When a built bundle exists (dist/bodesk), it also times `bodesk --self-test` there and from source.

    python bench/startup.py [--runs 7] [--bundle dist/bodesk/bodesk] [--no-bundle]

Without a screen it runs Qt offscreen (QT_QPA_PLATFORM=offscreen); set QT_QPA_PLATFORM=xcb to measure
a real window.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROBE = Path(__file__).resolve().parent / "_startup_probe.py"
PASSWORD = "bench-password-42"
TARGET_S = 1.0
BUNDLE_PROGRAM = "bodesk-cli.exe" if sys.platform == "win32" else "bodesk"  # the one that prints
PHASES = ("python", "imports", "qapplication", "database", "login", "window", "painted")


def prepare(home: Path) -> str:
    """A migrated database holding the small demo company, and this desk's preferences; returns its URL."""
    os.environ["BODESK_HOME"] = str(home)
    from bodesk.domain.demo import DemoSize, load_demo
    from bodesk.domain.registry import load_modules
    from bodesk.settings import Preferences, database_url, default_db_path, save_preferences
    from bodesk.store.opening import open_database

    load_modules()
    save_preferences(Preferences(language="pt_BR", daily_backup=False))
    url = database_url(str(default_db_path()))
    default_db_path().parent.mkdir(parents=True, exist_ok=True)
    db = open_database(url)
    try:
        load_demo(db, DemoSize.SMALL, seed=1, password=PASSWORD)
    finally:
        db.dispose()
    return url


def child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ, BODESK_HOME=str(home))
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")) or sys.platform == "win32":
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def probe_once(url: str, env: dict[str, str]) -> dict[str, object]:
    spawned_at = time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(PROBE), repr(spawned_at), url, "dono", PASSWORD],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        raise SystemExit(f"the probe failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return dict(json.loads(lines[-1]))


def timed_run(command: list[str], env: dict[str, str]) -> tuple[float, float] | None:
    """(seconds, peak RSS in MB of the child) for one run of `command`, or None when it failed."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if hasattr(os, "wait4"):
        _pid, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        peak = usage.ru_maxrss / 1024
    else:
        process.wait()
        elapsed, peak = time.perf_counter() - start, float("nan")
    if process.returncode != 0:
        stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
        print(f"  {' '.join(command)} failed ({process.returncode}): {stderr.strip()[-400:]}")
        return None
    return elapsed, peak


def summary(label: str, runs: list[tuple[float, float]]) -> None:
    times = [seconds for seconds, _peak in runs]
    peaks = [peak for _seconds, peak in runs]
    print(
        f"{label}: median {statistics.median(times):.3f} s, min {min(times):.3f} s, max {max(times):.3f} s, "
        f"peak RSS {max(peaks):.0f} MB ({len(runs)} runs)"
    )


def bench_self_test(name: str, command: list[str], env: dict[str, str], runs: int) -> None:
    results = []
    for _ in range(runs):
        result = timed_run(command, env)
        if result is None:
            return
        results.append(result)
    summary(name, results)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7, help="measured starts (default 7)")
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "bodesk" / BUNDLE_PROGRAM)
    parser.add_argument("--no-bundle", action="store_true", help="skip the --self-test timings")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bodesk-bench-") as folder:
        home = Path(folder)
        started = time.perf_counter()
        url = prepare(home)
        print(f"prepared the small demo company in {time.perf_counter() - started:.1f} s")
        env = child_env(home)
        print(f"Qt platform: {env.get('QT_QPA_PLATFORM', 'default')}; python {sys.version.split()[0]}")
        probe_once(url, env)  # warm the disk cache and the .pyc files; not counted
        samples = [probe_once(url, env) for _ in range(args.runs)]

        print(f"\nstart-up to the main window painted, from source ({args.runs} runs):")
        for phase in PHASES:
            values = [float(sample["marks"][phase]) for sample in samples]  # type: ignore[index]
            print(f"  {phase:<13} ends at {statistics.median(values):.3f} s (median)")
        cpu = [float(sample["marks"]["cpu"]) for sample in samples]  # type: ignore[index]
        print(f"  CPU time until the paint: median {statistics.median(cpu):.3f} s, min {min(cpu):.3f} s")
        totals = [float(sample["marks"]["painted"]) for sample in samples]  # type: ignore[index]
        peaks = [float(sample["peak_rss_mb"]) for sample in samples]  # type: ignore[arg-type]
        median = statistics.median(totals)
        print(
            f"main window painted: median {median:.3f} s, min {min(totals):.3f} s, max {max(totals):.3f} s; "
            f"peak RSS {max(peaks):.0f} MB; target {TARGET_S:.1f} s: {'met' if median < TARGET_S else 'MISSED'}"
        )

        if args.no_bundle:
            return 0
        print()
        bench_self_test(
            "--self-test from source", [sys.executable, "-m", "bodesk", "--self-test"], env, args.runs
        )
        if args.bundle.exists():
            bench_self_test(
                f"--self-test of the bundle {args.bundle}", [str(args.bundle), "--self-test"], env, args.runs
            )
        else:
            print(f"no bundle at {args.bundle}: build one with installer/build.py to time it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
