#!/usr/bin/env bash
# Builds and tests the Node binding, from a clean clone with only node, npm and cargo:
#   1. installs the pinned @napi-rs/cli from package-lock.json if node_modules is missing;
#   2. stale check: regenerates index.d.ts and index.js into a temporary folder and fails
#      if they differ from the committed ones (__test__/stale.test.mjs);
#   3. builds the addon in place (debug) with `npx napi build --platform`;
#   4. runs the other tests with node's built-in runner.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

if [ ! -d node_modules ]; then
  npm ci --no-audit --no-fund
fi

node --test __test__/stale.test.mjs
npx napi build --platform

tests=()
for file in __test__/*.test.mjs; do
  [[ "$file" == */stale.test.mjs ]] || tests+=("$file")
done
node --test "${tests[@]}"
