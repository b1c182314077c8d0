import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { test } from 'node:test';
import pg from 'pg';
import { spawn, spawnSync } from 'node:child_process';
import { PostgresServerError, findPostgresBin, startPostgres, startPostgresSync } from './postgres-server.mjs';

// The throwaway PostgreSQL the tests run on: a real server, started and deleted again.

const reachable = (port) =>
  new Promise((resolveReach) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.on('connect', () => {
      socket.destroy();
      resolveReach(true);
    });
    socket.on('error', () => resolveReach(false));
  });

test('a throwaway PostgreSQL starts on a free loopback port, holds data, and is gone after stop', async () => {
  const server = await startPostgres({ database: 'warden_helper' });
  let stopped = false;
  try {
    assert.match(server.url, /^postgresql:\/\/warden@127\.0\.0\.1:\d+\/warden_helper$/);
    assert.match(server.version, /PostgreSQL\)? \d+/);
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      await client.query('CREATE TABLE t (id int primary key, name text)');
      await client.query('INSERT INTO t VALUES ($1, $2)', [1, 'one']);
      assert.deepEqual((await client.query('SELECT current_database() AS db, name FROM t')).rows, [{ db: 'warden_helper', name: 'one' }]);
    } finally {
      await client.end();
    }
    const other = await server.createDatabase('warden_other');
    assert.equal(other, server.url.replace(/warden_helper$/, 'warden_other'));
    const second = new pg.Client({ connectionString: other });
    await second.connect();
    try {
      // A database of its own: the first one's table is not there.
      assert.equal((await second.query("SELECT to_regclass('public.t') AS t")).rows[0].t, null);
    } finally {
      await second.end();
    }
    await assert.rejects(server.createDatabase('no; drop'), PostgresServerError);

    await server.stop();
    stopped = true;
    assert.equal(existsSync(server.dir), false, 'its directory is deleted');
    assert.equal(await reachable(server.port), false, 'nothing listens on its port any more');
  } finally {
    if (!stopped) await server.stop();
  }
});

test('two servers run side by side on different ports; a server keeps the time zone of the process that started it', async () => {
  const [a, b] = await Promise.all([startPostgres({ env: { ...process.env, TZ: 'UTC' } }), startPostgres({ env: { ...process.env, TZ: 'Pacific/Auckland' } })]);
  try {
    assert.notEqual(a.port, b.port);
    assert.notEqual(a.dir, b.dir);
    const zone = async (/** @type {string} */ url) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query('SHOW TimeZone')).rows[0].TimeZone;
      } finally {
        await client.end();
      }
    };
    assert.deepEqual([await zone(a.url), await zone(b.url)], ['UTC', 'Pacific/Auckland']);
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
});

test('a wrong WARDEN_POSTGRES_BIN or database name is refused, naming it', async () => {
  assert.throws(() => findPostgresBin({ WARDEN_POSTGRES_BIN: '/nonexistent', PATH: '' }), /WARDEN_POSTGRES_BIN is set to \/nonexistent/);
  await assert.rejects(startPostgres({ database: 'Robert"); DROP' }), /not a plain database name/);
});

test('started synchronously, a server runs until stop(), or until the process that started it exits', async () => {
  const server = startPostgresSync({ database: 'warden_sync' });
  try {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    assert.equal((await client.query('SELECT current_database() AS db')).rows[0].db, 'warden_sync');
    await client.end();
  } finally {
    server.stop();
  }
  assert.equal(existsSync(server.dir), false);
  assert.equal(await reachable(server.port), false);

  const helper = new URL('./postgres-server.mjs', import.meta.url).href;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', `const { startPostgresSync } = await import(${JSON.stringify(helper)}); const s = startPostgresSync(); console.log(JSON.stringify({ dir: s.dir, port: s.port }));`], { encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  const left = JSON.parse(child.stdout);
  assert.equal(existsSync(left.dir), false, 'the exiting process deleted it');
  assert.equal(await reachable(left.port), false, 'and stopped it');
});

test('a process killed while its server runs stops and deletes it on the way out', async () => {
  const helper = new URL('./postgres-server.mjs', import.meta.url).href;
  const child = spawn(process.execPath, ['--input-type=module', '-e', `const { startPostgresSync } = await import(${JSON.stringify(helper)}); const s = startPostgresSync(); console.log(JSON.stringify({ dir: s.dir, port: s.port })); setInterval(() => {}, 1000);`], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const started = await new Promise((resolveLine) => child.stdout.once('data', (chunk) => resolveLine(JSON.parse(String(chunk)))));
  assert.equal(await reachable(started.port), true);
  const exited = new Promise((resolveExit) => child.once('exit', (code, signal) => resolveExit(signal)));
  child.kill('SIGTERM');
  assert.equal(await exited, 'SIGTERM', 'it still ends by the signal');
  assert.equal(existsSync(started.dir), false);
  assert.equal(await reachable(started.port), false);
});
