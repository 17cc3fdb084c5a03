#!/usr/bin/env bash
# Builds the Python binding into $REPO/.venv and runs its checks: pytest (unit tests, shared
# fixtures, quickstart), mypy --strict on the usage file (and the tests), and stubtest.
# Works from a clean clone with only python3, pip and cargo installed. Run from anywhere:
#   bash bindings-python/test.sh
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(git -C "$HERE" rev-parse --show-toplevel 2>/dev/null || dirname "$HERE")"
VENV="$REPO/.venv"

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
PY="$VENV/bin/python"
"$PY" -m pip install --quiet --disable-pip-version-check maturin==1.16.0 pytest==9.2.0 mypy==2.4.1

# A debug build is enough for tests; always built the same way so the shared target/ cache
# is reused (maturin drives cargo with the same flags every time).
cd "$HERE"
VIRTUAL_ENV="$VENV" PATH="$VENV/bin:$PATH" "$VENV/bin/maturin" develop --manifest-path "$HERE/Cargo.toml"

echo "==> pytest"
"$PY" -m pytest -q "$HERE/tests"

echo "==> mypy --strict (usage file, tests, quickstart)"
"$PY" -m mypy --strict "$HERE/tests/typecheck_usage.py"
"$PY" -m mypy --strict "$HERE/tests" "$HERE/examples"

echo "==> stubtest"
"$PY" -m mypy.stubtest ar_core
