import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { DEFAULT_MAX_HEAP_MB, buildIdOf, heapOption, serveEnv, sourceHash } from './setup.mjs';

const require = createRequire(import.meta.url);

// Warden's processes run with a bounded heap (WARDEN_MAX_HEAP_MB): the server through NODE_OPTIONS,
// the CLI entry points through run-ts.mjs. A bad value stops the start with the variable named.

test('the heap bound defaults, reads WARDEN_MAX_HEAP_MB, and names the variable when it is wrong', () => {
  assert.equal(heapOption({}), `--max-old-space-size=${DEFAULT_MAX_HEAP_MB}`);
  assert.equal(heapOption({ WARDEN_MAX_HEAP_MB: ' ' }), `--max-old-space-size=${DEFAULT_MAX_HEAP_MB}`);
  assert.equal(heapOption({ WARDEN_MAX_HEAP_MB: '1024' }), '--max-old-space-size=1024');
  for (const bad of ['lots', '64', '1.5', '-1', '99999999']) {
    assert.throws(() => heapOption({ WARDEN_MAX_HEAP_MB: bad }), new RegExp(`WARDEN_MAX_HEAP_MB must be a whole number of megabytes from 128 to 65536, not "${bad.replace('.', '\\.')}"`));
  }
});

test('a server process started with serveEnv has that heap limit', () => {
  const env = serveEnv({ WARDEN_MAX_HEAP_MB: '256' });
  assert.match(env.NODE_OPTIONS, /--max-old-space-size=256/);
  const child = spawnSync(process.execPath, ['-e', "process.stdout.write(String(require('v8').getHeapStatistics().heap_size_limit))"], { env, encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  const limitMb = Number(child.stdout) / 1024 / 1024;
  // V8's limit is the old space plus the young generation's semi-spaces.
  assert.ok(limitMb >= 256 && limitMb < 320, `heap limit ${limitMb} MB`);
});

// Several instances behind one load balancer: a page served by one and a client-side navigation
// answered by another must agree on the build ID, or Next.js reloads the whole page (and the
// build's manifests under /_next/static/<build id>/ are missing on the other). Each `npm start`
// builds for itself, so the ID comes from the sources, not from Next.js's random default.
test('every instance built from the same sources gets the same build ID; next.config.js uses it', async () => {
  const id = buildIdOf(sourceHash());
  assert.match(id, /^warden-[0-9a-f]{20}$/);
  assert.equal(buildIdOf(sourceHash()), id, 'a second instance with the same checkout');
  assert.notEqual(buildIdOf('0'.repeat(64)), id, 'other sources, another build');

  const config = require('../../next.config.js');
  const saved = process.env.WARDEN_BUILD_ID;
  try {
    process.env.WARDEN_BUILD_ID = id;
    assert.equal(await config.generateBuildId(), id);
    delete process.env.WARDEN_BUILD_ID;
    assert.equal(await config.generateBuildId(), null, "a plain `next build` keeps Next.js's own ID");
  } finally {
    if (saved === undefined) delete process.env.WARDEN_BUILD_ID;
    else process.env.WARDEN_BUILD_ID = saved;
  }
});
