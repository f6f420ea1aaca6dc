#!/usr/bin/env bash
# Creates .venv with the pinned packages and bodesk itself, and builds the translation catalogs.
# Usage: scripts/setup.sh [runtime|dev]. Qt needs a few system libraries; on Debian or Ubuntu they
# are installed here when missing (as root, or with sudo).
set -euo pipefail
cd "$(dirname "$0")/.."
kind="${1:-runtime}"
PYTHON="${PYTHON:-python3}"

missing=()
for lib in libEGL.so.1 libGL.so.1 libxkbcommon.so.0 libfontconfig.so.1 libdbus-1.so.3 libxcb-cursor.so.0; do
  ldconfig -p 2>/dev/null | grep -q "$lib" || missing+=("$lib")
done
if [ "${#missing[@]}" -gt 0 ] && command -v apt-get >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing the system libraries Qt needs (${missing[*]})"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 \
    libfontconfig1 libdbus-1-3 libxcb-cursor0 fonts-dejavu-core >/dev/null
fi

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
lock="requirements.lock"; [ "$kind" = "dev" ] && lock="requirements-dev.lock"
.venv/bin/python -m pip install -q --disable-pip-version-check -r "$lock"
.venv/bin/python -m pip install -q --disable-pip-version-check --no-deps -e .
.venv/bin/python -m bodesk.i18n_build
