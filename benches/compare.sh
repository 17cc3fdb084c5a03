#!/usr/bin/env bash
# The cost of crossing each binding, in one run: the same 3-line schedule
# (benches/three_line_terms.json) from Rust, Python and Node, each checked against the
# hand-worked expected installments before timing, each printing {"lang":..,"ns_per_call":..}.
# Prints a Markdown table with the ratio to Rust and the issue's target (2x Rust + 1 us).
#
# Usage: bash benches/compare.sh [N]   (release builds; takes a few minutes cold)
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-200000}"
out="$(mktemp)"
cargo run --quiet --release --manifest-path "$REPO/Cargo.toml" -p ar-core --example bench_schedule -- "$N" >> "$out"
bash "$REPO/bindings-python/bench.sh" "$N" 2>/dev/null | tail -n 1 >> "$out"
(cd "$REPO/bindings-node" && [ -d node_modules ] || npm ci --silent)
node "$REPO/bindings-node/bench.mjs" "$N" 2>/dev/null | tail -n 1 >> "$out"
python3 - "$out" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip().startswith("{")]
rust = next(r["ns_per_call"] for r in rows if r["lang"] == "rust")
target = 2 * rust + 1000
print("| language | ns per call | ratio to Rust | within 2x Rust + 1 us |")
print("|---|---:|---:|---|")
for r in rows:
    ns = r["ns_per_call"]
    ok = "yes" if ns <= target else "no"
    print(f"| {r['lang']} | {ns:,.0f} | {ns / rust:.2f} | {ok if r['lang'] != 'rust' else '-'} |")
extra = {k: v for r in rows for k, v in r.items() if k not in ("lang", "ns_per_call", "calls")}
if extra:
    print()
    for k, v in extra.items():
        print(f"- {k}: {v}")
PY
rm -f "$out"
