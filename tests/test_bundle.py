"""The standalone application: installer/build.py makes the PyInstaller bundle, and the bundle starts.

Slow (about a minute on two cores): it runs the whole build into a temporary folder.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bodesk.ui.selftest import OK_LINE

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "installer" / "build.py"


@pytest.mark.slow
def test_the_bundle_builds_and_passes_its_self_test(tmp_path: Path) -> None:
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed (pip install pyinstaller): the bundle cannot be built")
    dist, work = tmp_path / "dist", tmp_path / "work"

    # The catalogs were compiled by the setup; recompiling them here could race tests reading them.
    options = ["--dist", str(dist), "--work", str(work), "--keep-catalogs", "--no-self-test"]
    build = subprocess.run(
        [sys.executable, str(BUILD), *options],
        cwd=ROOT,
        env=dict(os.environ, PYINSTALLER_CONFIG_DIR=str(tmp_path / "pyinstaller")),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]

    # On Windows bodesk.exe opens no console; its twin bodesk-cli.exe prints.
    executable = dist / "bodesk" / ("bodesk-cli.exe" if sys.platform == "win32" else "bodesk")
    assert executable.is_file()
    assert (dist / "bodesk" / "_internal" / "bodesk" / "store" / "migrations" / "env.py").is_file()

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BODESK_HOME=str(tmp_path / "home"))
    result = subprocess.run(
        [str(executable), "--self-test"], env=env, capture_output=True, text=True, timeout=300, check=False
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert OK_LINE in result.stdout.splitlines(), output[-3000:]
