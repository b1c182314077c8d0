import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { DEFAULT_MAX_HEAP_MB, heapOption, serveEnv } from './setup.mjs';

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
