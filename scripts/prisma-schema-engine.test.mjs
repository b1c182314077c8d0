// node --test scripts/prisma-schema-engine.test.mjs
//
// The offline schema engine (scripts/prisma-schema-engine.mjs) drives the CLI's WebAssembly engine
// through the JS glue of @prisma/schema-engine-wasm. Upgrading one package without the other still
// loads, and then fails (or quietly misbehaves) in the middle of a migration: this test fails first,
// naming both builds.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { declaredEngineBuilds, engineBuildMismatch, engineCommitOf, loadWasmGlue } from './lib/schema-engine-wasm.mjs';

test('the schema engine glue comes from the same engine build as the WebAssembly engine inside the prisma CLI', async () => {
  const declared = declaredEngineBuilds();
  let loaded = null;
  try {
    loaded = (await loadWasmGlue()).version();
  } catch (error) {
    assert.fail(`${engineBuildMismatch({ ...declared, loaded: null })} Loading failed: ${error.message}`);
  }
  const mismatch = engineBuildMismatch({ ...declared, loaded });
  if (mismatch) assert.fail(mismatch);
});

test('a mismatch names the CLI and its engine build, the glue and its build', () => {
  const cli = { package: 'prisma@7.10.1', build: 'd1b3f377ca835d73fd50954a5e22128b9ebdd6b8' };
  const glue = { package: '@prisma/schema-engine-wasm@8.1.0-2.59be4fda12412a79eeb9c2ae727b6aa723593323', build: '59be4fda12412a79eeb9c2ae727b6aa723593323' };
  const message = engineBuildMismatch({ cli, glue, loaded: cli.build }) ?? '';
  for (const part of [cli.package, cli.build, glue.package, glue.build]) assert.ok(message.includes(part), `"${part}" missing from: ${message}`);
  assert.match(engineBuildMismatch({ cli, glue: { ...glue, build: cli.build }, loaded: glue.build }) ?? '', /reports build 59be4fda.*names d1b3f377/);
  assert.equal(engineBuildMismatch({ cli, glue: { ...glue, build: cli.build }, loaded: cli.build }), null);
});

test('engine builds are read from the end of a version', () => {
  assert.equal(engineCommitOf('7.10.0-4.0edf323efd1d98336f3f0a68684b56f689b900d3'), '0edf323efd1d98336f3f0a68684b56f689b900d3');
  assert.equal(engineCommitOf('7.10.0-8.shadow-db-safety-s4-52d3b3c7e4002ee167a8803802fa11ced0e2c163'), '52d3b3c7e4002ee167a8803802fa11ced0e2c163');
  assert.equal(engineCommitOf('7.10.0'), null);
});
