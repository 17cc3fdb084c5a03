#!/usr/bin/env bash
# Smoke-runs every fuzz target of ar-core for a short time and fails if any target crashes.
#
#   bash fuzz/smoke.sh            # 20 s per target
#   FUZZ_SECS=300 bash fuzz/smoke.sh
#
# Installs cargo-fuzz 0.13.2 under .tools/cargo (git-ignored) when it is not on PATH, and uses
# the nightly toolchain (or stable with RUSTC_BOOTSTRAP=1 and no sanitizer when there is no
# nightly). Crash inputs land in fuzz/artifacts/<target>/, corpora in fuzz/corpus/<target>/.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECS="${FUZZ_SECS:-20}"
TARGETS=(parse_terms schedule split ledger ledger_json discounts plan_generation interest charges)

export PATH="$REPO/.tools/cargo/bin:$PATH"
if ! cargo fuzz --version 2>/dev/null | grep -q '0\.13\.2'; then
    echo "== installing cargo-fuzz 0.13.2 into $REPO/.tools/cargo"
    cargo install cargo-fuzz --version 0.13.2 --locked --root "$REPO/.tools/cargo"
fi

if cargo +nightly --version >/dev/null 2>&1; then
    fuzz() { cargo +nightly fuzz "$@"; }
    echo "== using $(cargo +nightly --version)"
else
    fuzz() { RUSTC_BOOTSTRAP=1 cargo fuzz "$@" --sanitizer none; }
    echo "== no nightly toolchain: using $(cargo --version) with RUSTC_BOOTSTRAP=1, no sanitizer"
fi

cd "$REPO"
start=$(date +%s)
fuzz build
echo "== built all targets in $(( $(date +%s) - start )) s"

failed=()
for target in "${TARGETS[@]}"; do
    corpus="fuzz/corpus/$target"
    mkdir -p "$corpus"
    args=("$corpus")
    [[ -d "fuzz/seeds/$target" ]] && args+=("fuzz/seeds/$target")
    flags=("-max_total_time=$SECS" "-print_final_stats=1")
    [[ -f "fuzz/dict/$target.dict" ]] && flags+=("-dict=fuzz/dict/$target.dict")
    echo "== $target for $SECS s"
    mkdir -p "fuzz/artifacts/$target"
    log="fuzz/artifacts/$target/smoke.log"
    set +e
    fuzz run "$target" "${args[@]}" -- "${flags[@]}" >"$log" 2>&1
    status=$?
    set -e
    grep -E '^(stat::number_of_executed_units|stat::new_units_added|Done )' "$log" || true
    if (( status != 0 )); then
        failed+=("$target")
        tail -n 40 "$log"
    fi
done

echo "== total $(( $(date +%s) - start )) s"
if (( ${#failed[@]} )); then
    echo "== CRASHED: ${failed[*]} (inputs in fuzz/artifacts/)"
    exit 1
fi
echo "== no crashes"
