#!/usr/bin/env node
// `npm test`: install what is missing (npm packages; Chromium, faketime and PostgreSQL from Debian's
// packages where they are missing), then typecheck, run every unit and integration test with Node's test
// runner — once on the machine's clock and once with the system clock moved MOVED_CLOCK ahead, so a
// test or a module that reads the system clock instead of lib/clock fails at once — then every
// integration test file (those that import lib/testing/test-store) once more on PostgreSQL, each on a
// throwaway server of its own, in a time zone far from UTC — build, and run the Playwright journeys in
// Chromium. Exits non-zero when any step fails or when a pass ran no test. `--unit` or `--e2e` runs one part.
import { ProvisionError, ensureBrowser, ensureFaketime, ensurePostgres } from './lib/provision.mjs';
import { baseEnv, bin, ensureBuilt, ensureGenerated, ensureInstalled, log, run } from './lib/setup.mjs';
import { storeTestFiles, unitFiles } from './lib/test-files.mjs';

const args = new Set(process.argv.slice(2));
const only = args.has('--unit') ? 'unit' : args.has('--e2e') ? 'e2e' : 'all';

/** How far the second unit run moves the system clock: over a year, so a new month, weekday and year. */
const MOVED_CLOCK = '+400d';

/**
 * The process time zone (TZ) of the PostgreSQL pass: 12 or 13 hours ahead of UTC, so that for half of
 * every day its date is not UTC's, and code that reads or writes a date in local time instead of UTC
 * fails there. The other passes keep the machine's.
 */
const POSTGRES_PASS_TZ = 'Pacific/Auckland';

/** Reads the runner's own summary so that a run of zero tests cannot pass. */
function count(output, word) {
  const matches = [...output.matchAll(new RegExp(`^(?:#|ℹ) ${word} (\\d+)$`, 'gm'))];
  return matches.reduce((sum, m) => sum + Number(m[1]), 0);
}

/**
 * One run of `files` with Node's test runner. `faketime` moves the system clock of the whole run;
 * `env` is added to the test processes' environment.
 */
async function unitRun(files, { faketime = null, env = {} } = {}) {
  const node = [process.execPath, '--conditions=react-server', '--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files];
  const [command, ...commandArgs] = faketime ? [faketime, '-f', MOVED_CLOCK, ...node] : node;
  const started = Date.now();
  const result = await run(command, commandArgs, { env: baseEnv({ NODE_ENV: 'test', ...env }), capture: true }).catch((error) => ({ failed: error, output: error.output ?? '' }));
  const passed = count(result.output, 'pass');
  const failed = count(result.output, 'fail');
  return { passed, failed, seconds: Math.round((Date.now() - started) / 1000), error: result.failed };
}

async function unitTests({ faketime }) {
  const files = unitFiles();
  const storeFiles = storeTestFiles(files);
  if (storeFiles.length === 0) throw new Error('no test file imports @/lib/testing/test-store: the PostgreSQL pass would test nothing');
  // Each PostgreSQL-pass file starts its own server (lib/testing/test-store.ts): two at a time, each
  // on a free loopback port the kernel picks, in a directory of its own that is deleted at its exit.
  const passes = [
    { name: 'SQLite, machine clock', files, options: {} },
    { name: `SQLite, clock moved ${MOVED_CLOCK} (faketime)`, files, options: { faketime } },
    { name: `PostgreSQL, machine clock, TZ=${POSTGRES_PASS_TZ}`, files: storeFiles, options: { env: { WARDEN_TEST_DATABASE: 'postgresql', TZ: POSTGRES_PASS_TZ } } },
  ];
  const results = [];
  for (const [i, pass] of passes.entries()) {
    const what = pass.files === files ? `all ${files.length} unit/integration test files` : `the ${pass.files.length} integration test files that import @/lib/testing/test-store, each on a throwaway PostgreSQL`;
    log(`unit pass ${i + 1}/${passes.length} (${pass.name}): ${what} …`);
    const r = await unitRun(pass.files, pass.options);
    log(`unit pass ${i + 1}/${passes.length} (${pass.name}): ${r.passed} passed, ${r.failed} failed, ${r.seconds} s`);
    // A pass that ran nothing is a broken pass, not a green one.
    if (r.passed + r.failed === 0) r.error = new Error(`the test runner ran no test${r.error ? ` (${r.error.message})` : ''}`);
    if (r.error) r.error.message = `pass ${i + 1} (${pass.name}): ${r.error.message}`;
    results.push({ ...r, name: pass.name });
  }
  log('unit passes:');
  for (const [i, r] of results.entries()) log(`  ${i + 1}. ${r.name}: ${r.passed} passed, ${r.failed} failed, ${r.seconds} s`);
  return {
    passed: results.reduce((n, r) => n + r.passed, 0),
    failed: results.reduce((n, r) => n + r.failed, 0),
    errors: results.map((r) => r.error).filter(Boolean),
  };
}

async function e2eTests({ browser }) {
  await ensureBuilt();
  const result = await run(bin('playwright'), ['test'], { env: baseEnv({ CHROMIUM_PATH: browser }), capture: true }).catch((error) => ({
    failed: error,
    output: error.output ?? '',
  }));
  const passed = Number(/(\d+) passed/.exec(result.output)?.[1] ?? 0);
  const failed = Number(/(\d+) failed/.exec(result.output)?.[1] ?? 0);
  if (passed + failed === 0) throw new Error('Playwright ran no test');
  return { passed, failed, error: result.failed };
}

async function main() {
  // What the machine must provide is found (or installed) first, before minutes of building.
  const needs = {
    browser: only !== 'unit' ? ensureBrowser() : null,
    faketime: only !== 'e2e' ? ensureFaketime() : null,
    // Both parts start PostgreSQL: the unit part's third pass, and the journeys on PostgreSQL and with two instances.
    postgres: ensurePostgres(),
  };
  if (needs.browser) log(`browser for the end-to-end journeys: ${needs.browser}`);
  if (needs.postgres) log(`PostgreSQL for the tests that start one: ${needs.postgres}`);
  await ensureInstalled();
  await ensureGenerated();
  const totals = { passed: 0, failed: 0 };
  const errors = [];
  if (only === 'all') {
    log('typechecking …');
    await run(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']).catch((e) => errors.push(`typecheck: ${e.message}`));
    log('linting …');
    await run(bin('eslint'), ['.', '--max-warnings=0']).catch((e) => errors.push(`lint: ${e.message}`));
    log('checking the layers (no import cycle, lib/aws at the bottom, pure rules) …');
    await run(bin('depcruise'), ['lib', 'app', 'components', 'proxy.ts', 'instrumentation.ts', '--config', '.dependency-cruiser.cjs', '--output-type', 'err']).catch((e) =>
      errors.push(`layers: ${e.message}`),
    );
  }
  for (const [name, suite] of [
    ['unit', unitTests],
    ['e2e', e2eTests],
  ]) {
    if (only !== 'all' && only !== name) continue;
    const r = await suite(needs);
    totals.passed += r.passed;
    totals.failed += r.failed;
    for (const error of r.errors ?? (r.error ? [r.error] : [])) errors.push(`${name}: ${error.message}`);
  }
  process.stdout.write(`\ntotal: ${totals.passed} passed, ${totals.failed} failed\n`);
  if (errors.length > 0) {
    for (const e of errors) process.stderr.write(`[warden] FAILED ${e}\n`);
    process.exit(1);
  }
}

main().catch((error) => {
  process.stderr.write(error instanceof ProvisionError ? `[warden] cannot run the tests: ${error.message}\n` : `[warden] ${error.message}\n`);
  process.exit(error.exitCode ?? 1);
});
