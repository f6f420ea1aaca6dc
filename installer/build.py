"""Builds the one-folder bodesk application with PyInstaller and checks that it starts.

    .venv/bin/python installer/build.py [--postgres] [--dist DIR] [--work DIR] [--keep-catalogs]
                                        [--no-self-test] [--clean]

It compiles the translation catalogs, runs installer/bodesk.spec into DIST/bodesk (replacing an older
build), prints the bundle's size, checks on Linux that every library the bundle carries finds the
Qt libraries it needs, then runs `bodesk --self-test` from the bundle and prints how long it took.
`--postgres` builds the edition that also opens PostgreSQL servers (it needs psycopg installed:
pip install "psycopg[binary]"; it adds the driver and the OpenSSL it brings).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "installer" / "bodesk.spec"
NAME = "bodesk"


def executable(bundle: Path) -> Path:
    """The program that prints: on Windows the console twin, as `bodesk.exe` opens no console."""
    return bundle / (f"{NAME}-cli.exe" if sys.platform == "win32" else NAME)


def compile_catalogs() -> None:
    subprocess.run([sys.executable, "-m", "bodesk.i18n_build"], cwd=ROOT, check=True)


def run_pyinstaller(dist: Path, work: Path, clean: bool, postgres: bool = False) -> Path:
    bundle = dist / NAME
    if bundle.exists():
        shutil.rmtree(bundle)
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level=WARN"]
    command += ["--distpath", str(dist), "--workpath", str(work)]
    if clean:
        command.append("--clean")
    options = ["--", "--postgres"] if postgres else []
    subprocess.run([*command, str(SPEC), *options], cwd=ROOT, check=True)
    return bundle


def size_mb(folder: Path) -> float:
    """The bundle's size on disk as `du` counts it (the symbolic links PyInstaller makes count once)."""
    files = [path for path in folder.rglob("*") if path.is_file() and not path.is_symlink()]
    return sum(path.stat().st_size for path in files) / 2**20


def missing_libraries(bundle: Path) -> list[str]:
    """Linux only: "library: needed" for each shared library the bundle's own files cannot find."""
    if not sys.platform.startswith("linux") or shutil.which("ldd") is None:
        return []
    internal = bundle / "_internal"
    env = dict(os.environ, LD_LIBRARY_PATH=str(internal))
    problems = []
    for path in sorted(internal.rglob("*.so*")):
        if path.is_symlink():
            continue
        result = subprocess.run(["ldd", str(path)], env=env, capture_output=True, text=True, check=False)
        for needed in re.findall(r"^\s*(\S+) => not found", result.stdout, re.MULTILINE):
            problems.append(f"{path.relative_to(bundle)}: {needed}")
    return problems


def self_test(bundle: Path) -> tuple[int, float, str]:
    """(exit code, seconds, output) of `bodesk --self-test` run from the bundle in a private home."""
    with tempfile.TemporaryDirectory(prefix="bodesk-selftest-") as home:
        env = dict(os.environ, BODESK_HOME=home)
        if sys.platform.startswith("linux") and not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
            env.setdefault("QT_QPA_PLATFORM", "offscreen")
        started = time.perf_counter()
        result = subprocess.run(
            [str(executable(bundle)), "--self-test"],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        elapsed = time.perf_counter() - started
    return result.returncode, elapsed, (result.stdout + result.stderr).strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's work folder")
    parser.add_argument("--keep-catalogs", action="store_true", help="use the compiled catalogs as they are")
    parser.add_argument("--no-self-test", action="store_true", help="build only")
    parser.add_argument("--clean", action="store_true", help="clear PyInstaller's cache first")
    parser.add_argument("--postgres", action="store_true", help="with PostgreSQL support (psycopg)")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    if not args.keep_catalogs:
        compile_catalogs()
    bundle = run_pyinstaller(args.dist.resolve(), args.work.resolve(), args.clean, args.postgres)
    print(f"built {bundle} in {time.perf_counter() - started:.0f} s: {size_mb(bundle):.1f} MB")

    missing = missing_libraries(bundle)
    qt_missing = [line for line in missing if "Qt6" in line.rsplit(":", 1)[1]]
    for line in missing:
        print(f"  needs a library found neither in the bundle nor on this machine: {line}")
    if qt_missing:
        print("a Qt library the bundle needs was left out: see QT_LIBS_DROPPED in installer/bodesk.spec")
        return 1

    if args.no_self_test:
        return 0
    code, elapsed, output = self_test(bundle)
    print(output)
    print(f"{executable(bundle)} --self-test: exit {code} in {elapsed:.2f} s")
    return code


if __name__ == "__main__":
    sys.exit(main())
