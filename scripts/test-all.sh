#!/usr/bin/env bash
# Installs what the tests need (pinned, into local folders) and runs every test:
# Rust (fmt, clippy, unit, doc, property, shared fixtures), the main example, Python, Node,
# uniffi (generated Swift/Kotlin freshness + Kotlin on the JVM), and a short fuzz smoke run.
#
# Usage: scripts/test-all.sh            (everything)
#        SKIP_FUZZ=1 scripts/test-all.sh (everything but the fuzz smoke)
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
export CARGO_TERM_COLOR=never
start=$(date +%s)
step() { printf '\n==> %s (%ss)\n' "$1" "$(( $(date +%s) - start ))"; }

# Rust tests that embed Python link libpython; make sure the interpreter's own copy is found.
PYLIBDIR="$(python3 -c 'import sysconfig; print(sysconfig.get_config_var("LIBDIR") or "")')"
export LD_LIBRARY_PATH="${PYLIBDIR}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (all targets, warnings are errors)"
cargo clippy --workspace --all-targets -- -D warnings

step "rustdoc of ar-core (warnings are errors: broken intra-doc links)"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -p ar-core --quiet

step "cargo test --workspace (unit, doc, property, fixtures, uniffi generation)"
cargo test --workspace

step "README quick starts are the files the binding tests run"
python3 scripts/check-readme.py

step "main example: collections day over the sample ledger"
cargo run --quiet -p ar-examples --bin collections-day > "$REPO/target/collections-day.txt"
head -n 5 "$REPO/target/collections-day.txt"

step "Python binding"
bash bindings-python/test.sh

step "Node binding"
bash bindings-node/test.sh

step "uniffi binding: Kotlin on the JVM"
bash bindings-swift/test.sh

if [ "${SKIP_FUZZ:-0}" != "1" ]; then
  step "fuzz smoke"
  bash fuzz/smoke.sh
fi

step "all tests passed"
