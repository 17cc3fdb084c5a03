// Stale check: rebuilding the binding must not change the committed, generated index.d.ts
// and index.js. Rebuilds into a temporary folder (cargo reuses the build test.sh made) and
// compares byte for byte; on a difference, run `npx napi build --platform` and commit.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { test } from 'node:test'

const root = fileURLToPath(new URL('..', import.meta.url))

test('index.d.ts and index.js are what `napi build --platform` generates', { timeout: 600_000 }, () => {
  const out = mkdtempSync(join(tmpdir(), 'ar-core-node-stale-'))
  try {
    const build = spawnSync('npx', ['napi', 'build', '--platform', '--output-dir', out], {
      cwd: root,
      encoding: 'utf8',
    })
    assert.equal(build.status, 0, `napi build failed:\n${build.stderr}`)
    for (const file of ['index.d.ts', 'index.js']) {
      const committed = readFileSync(join(root, file), 'utf8')
      const fresh = readFileSync(join(out, file), 'utf8')
      assert.ok(committed === fresh, `${file} is stale: run \`npx napi build --platform\` and commit it`)
    }
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
})
