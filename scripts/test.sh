#!/usr/bin/env bash
# Installs everything (with the test tools) into .venv, then runs lint, type checks and every test on
# SQLite, then the domain, command-line, module and store tests again on a throwaway PostgreSQL server
# (scripts/with-postgres.sh installs and starts it; BODESK_POSTGRES=0 leaves that run out).
# Arguments go to the SQLite run (a test file, -x, -k NAME).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh dev
export QT_QPA_PLATFORM=offscreen
echo "== ruff"; .venv/bin/ruff check src tests bench
echo "== ruff format"; .venv/bin/ruff format --check src tests bench
echo "== mypy"; .venv/bin/mypy
echo "== translations"; .venv/bin/python -m bodesk.i18n_build --check
echo "== pytest (SQLite)"; .venv/bin/python -m pytest -n 2 "$@"
if [ "${BODESK_POSTGRES:-1}" != "0" ]; then
  echo "== pytest (PostgreSQL)"
  scripts/with-postgres.sh .venv/bin/python -m pytest -n 2 -q tests/domain tests/cli tests/modules tests/store
fi
