#!/usr/bin/env node
// `npm test`: install what is missing (npm packages; Chromium, faketime and PostgreSQL from Debian's
// packages where they are missing), then typecheck, run every unit and integration test with Node's test
// runner — once on the machine's clock and once with the system clock moved MOVED_CLOCK ahead, so a
// test or a module that reads the system clock instead of lib/clock fails at once — build, and run
// the Playwright journeys in Chromium. Exits non-zero when any step fails or when a suite ran no
// test. `--unit` or `--e2e` runs one part.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ProvisionError, ensureBrowser, ensureFaketime, ensurePostgres } from './lib/provision.mjs';
import { baseEnv, bin, ensureBuilt, ensureGenerated, ensureInstalled, log, root, run } from './lib/setup.mjs';

const args = new Set(process.argv.slice(2));
const only = args.has('--unit') ? 'unit' : args.has('--e2e') ? 'e2e' : 'all';

/** How far the second unit run moves the system clock: over a year, so a new month, weekday and year. */
const MOVED_CLOCK = '+400d';

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

function unitFiles() {
  const files = [
    ...findTests(join(root, 'lib'), ['.test.ts']),
    ...findTests(join(root, 'app'), ['.test.ts']),
    ...findTests(join(root, 'scripts'), ['.test.ts', '.test.mjs']),
  ];
  if (files.length === 0) throw new Error('no unit test files found');
  return files;
}

/** One run of every unit/integration file; `faketime` moves the system clock of the whole run. */
async function unitRun(files, faketime) {
  const node = [process.execPath, '--conditions=react-server', '--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files];
  const [command, ...commandArgs] = faketime ? [faketime, '-f', MOVED_CLOCK, ...node] : node;
  const result = await run(command, commandArgs, { env: baseEnv({ NODE_ENV: 'test' }), capture: true }).catch((error) => ({ failed: error, output: error.output ?? '' }));
  const passed = count(result.output, 'pass');
  const failed = count(result.output, 'fail');
  if (passed + failed === 0) throw new Error('the unit test runner ran no test');
  return { passed, failed, error: result.failed };
}

async function unitTests({ faketime }) {
  const files = unitFiles();
  log(`running ${files.length} unit/integration test files`);
  const onMachineClock = await unitRun(files, null);
  log(`running them again with the system clock moved ${MOVED_CLOCK} (faketime): no test may depend on the date`);
  const moved = await unitRun(files, faketime);
  if (moved.error) moved.error.message = `with the clock moved ${MOVED_CLOCK}: ${moved.error.message}`;
  return {
    passed: onMachineClock.passed + moved.passed,
    failed: onMachineClock.failed + moved.failed,
    errors: [onMachineClock.error, moved.error].filter(Boolean),
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
    postgres: only !== 'e2e' ? ensurePostgres() : null,
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
