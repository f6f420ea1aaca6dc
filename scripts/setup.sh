#!/usr/bin/env bash
# Creates .venv with the pinned packages and bodesk itself, and builds the translation catalogs.
# Usage: scripts/setup.sh [runtime|dev]. Qt's display plugin needs system libraries; the script asks
# the plugin itself (ldd) which ones are missing and, on Debian or Ubuntu, installs them (as root, or
# with sudo).
set -euo pipefail
cd "$(dirname "$0")/.."
kind="${1:-runtime}"
PYTHON="${PYTHON:-python3}"

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
lock="requirements.lock"; [ "$kind" = "dev" ] && lock="requirements-dev.lock"
.venv/bin/python -m pip install -q --disable-pip-version-check -r "$lock"
.venv/bin/python -m pip install -q --disable-pip-version-check --no-deps -e .
.venv/bin/python -m bodesk.i18n_build

# The Debian package of each library Qt's xcb plugin (and Qt itself) loads.
declare -A PACKAGE=(
  [libEGL.so.1]=libegl1 [libGL.so.1]=libgl1 [libfontconfig.so.1]=libfontconfig1
  [libfreetype.so.6]=libfreetype6 [libdbus-1.so.3]=libdbus-1-3 [libglib-2.0.so.0]=libglib2.0-0
  [libgthread-2.0.so.0]=libglib2.0-0 [libxkbcommon.so.0]=libxkbcommon0
  [libxkbcommon-x11.so.0]=libxkbcommon-x11-0 [libX11.so.6]=libx11-6 [libX11-xcb.so.1]=libx11-xcb1
  [libxcb.so.1]=libxcb1 [libxcb-cursor.so.0]=libxcb-cursor0 [libxcb-icccm.so.4]=libxcb-icccm4
  [libxcb-image.so.0]=libxcb-image0 [libxcb-keysyms.so.1]=libxcb-keysyms1
  [libxcb-randr.so.0]=libxcb-randr0 [libxcb-render.so.0]=libxcb-render0
  [libxcb-render-util.so.0]=libxcb-render-util0 [libxcb-shape.so.0]=libxcb-shape0
  [libxcb-shm.so.0]=libxcb-shm0 [libxcb-sync.so.1]=libxcb-sync1 [libxcb-util.so.1]=libxcb-util1
  [libxcb-xfixes.so.0]=libxcb-xfixes0 [libxcb-xkb.so.1]=libxcb-xkb1 [libxcb-xinput.so.0]=libxcb-xinput0
  [libSM.so.6]=libsm6 [libICE.so.6]=libice6 [libxcb-glx.so.0]=libxcb-glx0
)

missing_libraries() {
  local qt
  qt=$(.venv/bin/python -c "import PySide6, pathlib; print(pathlib.Path(PySide6.__file__).parent / 'Qt')")
  local files=("$qt/plugins/platforms/libqxcb.so")
  for file in "$qt"/lib/libQt6XcbQpa.so.* "$qt"/lib/libQt6Gui.so.* "$qt"/lib/libQt6Widgets.so.*; do
    [ -e "$file" ] && files+=("$file")
  done
  ldd "${files[@]}" 2>/dev/null | awk '/not found/ {print $1}' | sort -u
}

if [ "$(uname -s)" = "Linux" ] && command -v ldd >/dev/null 2>&1; then
  mapfile -t missing < <(missing_libraries)
  if [ "${#missing[@]}" -gt 0 ]; then
    packages=(); unknown=()
    for lib in "${missing[@]}"; do
      if [ -n "${PACKAGE[$lib]:-}" ]; then packages+=("${PACKAGE[$lib]}"); else unknown+=("$lib"); fi
    done
    if [ "${#packages[@]}" -gt 0 ] && command -v apt-get >/dev/null 2>&1; then
      sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
      echo "Installing the system libraries Qt's display plugin needs: ${packages[*]}"
      $sudo apt-get update -qq && $sudo apt-get install -y -qq "${packages[@]}" fonts-dejavu-core >/dev/null
    fi
    mapfile -t still < <(missing_libraries)
    if [ "${#still[@]}" -gt 0 ]; then
      echo "Qt's display plugin cannot load: missing ${still[*]}." >&2
      echo "Install them with your system's package manager (on Debian or Ubuntu: ${packages[*]:-${unknown[*]}})." >&2
      [ "$kind" = "runtime" ] && exit 1
      echo "(The tests run offscreen and go on without them.)" >&2
    fi
  fi
fi

# The tests read printed QR codes back (zbarimg) from rasterised PDFs (pdftoppm): installed for dev
# where apt-get can, otherwise those tests say they were skipped.
if [ "$kind" = "dev" ] && { ! command -v zbarimg >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; } \
   && command -v apt-get >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing zbar-tools and poppler-utils for the tests that read QR codes from PDFs"
  { $sudo apt-get update -qq && $sudo apt-get install -y -qq zbar-tools poppler-utils >/dev/null; } \
    || echo "Could not install zbar-tools and poppler-utils: the QR tests will be skipped." >&2
fi
