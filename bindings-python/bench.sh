#!/usr/bin/env bash
# Builds the Python binding in release mode into $REPO/.venv and runs bench.py, which prints
# one JSON line {"lang":"python","ns_per_call":...}. Run from anywhere:
#   bash bindings-python/bench.sh [N]
# (bindings-python/test.sh installs the debug build again afterwards.)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(git -C "$HERE" rev-parse --show-toplevel 2>/dev/null || dirname "$HERE")"
VENV="$REPO/.venv"

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check maturin==1.16.0
cd "$HERE"
VIRTUAL_ENV="$VENV" PATH="$VENV/bin:$PATH" "$VENV/bin/maturin" develop --release --manifest-path "$HERE/Cargo.toml" >&2
"$VENV/bin/python" "$HERE/bench.py" "$@"
