#!/usr/bin/env bash
# The checks, exactly as CI runs them (expects the environment from scripts/test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] && . .venv/bin/activate

echo "== ruff format --check"; ruff format --check src tests benchmarks tools
echo "== ruff check";          ruff check src tests benchmarks tools
echo "== mypy";                mypy
echo "== quality gate";        python benchmarks/gate.py
echo "== pytest";              python -m pytest -q "$@"
