#!/usr/bin/env node
// `npm test`: install what is missing, then typecheck, run every unit and integration test with
// Node's test runner, build, and run the Playwright journeys in Chromium. Exits non-zero when any
// step fails or when a suite ran no test. `--unit` or `--e2e` runs one part.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { baseEnv, bin, ensureBuilt, ensureGenerated, ensureInstalled, log, root, run } from './lib/setup.mjs';

const args = new Set(process.argv.slice(2));
const only = args.has('--unit') ? 'unit' : args.has('--e2e') ? 'e2e' : 'all';

function findTests(dir, suffixes, out = []) {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir).sort()) {
    if (entry === 'node_modules' || entry === 'generated' || entry.startsWith('.')) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) findTests(path, suffixes, out);
    else if (suffixes.some((s) => entry.endsWith(s))) out.push(relative(root, path));
  }
  return out;
}

/** Reads the runner's own summary so that a run of zero tests cannot pass. */
function count(output, word) {
  const matches = [...output.matchAll(new RegExp(`^(?:#|ℹ) ${word} (\\d+)$`, 'gm'))];
  return matches.reduce((sum, m) => sum + Number(m[1]), 0);
}

async function unitTests() {
  const files = [
    ...findTests(join(root, 'lib'), ['.test.ts']),
    ...findTests(join(root, 'app'), ['.test.ts']),
    ...findTests(join(root, 'scripts'), ['.test.ts', '.test.mjs']),
  ];
  if (files.length === 0) throw new Error('no unit test files found');
  log(`running ${files.length} unit/integration test files`);
  const result = await run(
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files],
    { env: baseEnv({ NODE_ENV: 'test' }), capture: true },
  ).catch((error) => ({ failed: error, output: error.output ?? '' }));
  const passed = count(result.output, 'pass');
  const failed = count(result.output, 'fail');
  if (passed + failed === 0) throw new Error('the unit test runner ran no test');
  return { passed, failed, error: result.failed };
}

async function e2eTests() {
  await ensureBuilt();
  const result = await run(bin('playwright'), ['test'], { env: baseEnv(), capture: true }).catch((error) => ({
    failed: error,
    output: error.output ?? '',
  }));
  const passed = Number(/(\d+) passed/.exec(result.output)?.[1] ?? 0);
  const failed = Number(/(\d+) failed/.exec(result.output)?.[1] ?? 0);
  if (passed + failed === 0) throw new Error('Playwright ran no test');
  return { passed, failed, error: result.failed };
}

async function main() {
  await ensureInstalled();
  await ensureGenerated();
  const totals = { passed: 0, failed: 0 };
  const errors = [];
  if (only === 'all') {
    log('typechecking …');
    await run(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']).catch((e) => errors.push(`typecheck: ${e.message}`));
    log('linting …');
    await run(bin('eslint'), ['.', '--max-warnings=0']).catch((e) => errors.push(`lint: ${e.message}`));
  }
  for (const [name, suite] of [
    ['unit', unitTests],
    ['e2e', e2eTests],
  ]) {
    if (only !== 'all' && only !== name) continue;
    const r = await suite();
    totals.passed += r.passed;
    totals.failed += r.failed;
    if (r.error) errors.push(`${name}: ${r.error.message}`);
  }
  process.stdout.write(`\ntotal: ${totals.passed} passed, ${totals.failed} failed\n`);
  if (errors.length > 0) {
    for (const e of errors) process.stderr.write(`[warden] FAILED ${e}\n`);
    process.exit(1);
  }
}

main().catch((error) => {
  process.stderr.write(`[warden] ${error.message}\n`);
  process.exit(error.exitCode ?? 1);
});
