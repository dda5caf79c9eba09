#!/usr/bin/env bash
# Install Annales with its test dependencies into .venv and run every check CI runs:
# ruff format --check, ruff check, mypy (strict), pytest (incl. browser and Ray tests),
# and the accuracy quality gate. Usage: bash scripts/test.sh [pytest args...]
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
. .venv/bin/activate
python -m pip install --quiet --upgrade pip
python -m pip install --quiet -e ".[web,ray,test]"

# Headless Chromium for the explorer's browser tests comes from Debian, never from a
# browser download at run time.
if [ ! -x /usr/bin/chromium ]; then
    if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        echo "warning: /usr/bin/chromium missing and cannot be installed; browser tests will be skipped" >&2
    fi
fi

bash scripts/check.sh "$@"
