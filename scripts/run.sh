#!/usr/bin/env bash
# Installs everything bodesk needs into .venv and starts the application (extra arguments pass through).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh runtime
exec .venv/bin/bodesk "$@"
