#!/usr/bin/env bash
# Installs everything (with the test tools) into .venv, then runs lint, type checks and every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh dev
export QT_QPA_PLATFORM=offscreen
echo "== ruff"; .venv/bin/ruff check src tests bench
echo "== ruff format"; .venv/bin/ruff format --check src tests bench
echo "== mypy"; .venv/bin/mypy
echo "== translations"; .venv/bin/python -m bodesk.i18n_build --check
echo "== pytest"; .venv/bin/python -m pytest -n 2 "$@"
