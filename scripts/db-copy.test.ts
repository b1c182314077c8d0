import '@/lib/testing/use-sqlite';
import '@/lib/testing/test-store';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createPrismaClient, db } from '@/lib/db';
import { Prisma, type PrismaClient } from '@/lib/generated/prisma/client';
import { testDataDir } from '@/lib/testing/test-store';
import { startDemoFixture, type DemoFixture } from '@/lib/testing/demo-sync';
import { startPostgres } from '@/scripts/lib/postgres-server.mjs';

// npm run db:copy against a real SQLite database (the demo organization synced by the real
// collectors, plus a row in every table the sync leaves empty, with hostile text, Unicode, nulls,
// JSON, dates with milliseconds and booleans) and a real PostgreSQL started here. Every table's
// rows are read back through both Prisma clients and compared value by value.

const sourceFile = join(testDataDir, 'warden.db');
const sourceUrl = `file:${sourceFile}`;
const PASSWORD = 'pw-never-shown-7f3a';

let fx: DemoFixture | undefined;
let server: Awaited<ReturnType<typeof startPostgres>> | undefined;

const HOSTILE = [
  `'; DROP TABLE "Account"; --`,
  '<img src=x onerror=alert(1)>',
  'Zoë Ångström — 東京 — עברית — 🛡️🔑 — \u202Eevil\u202C',
  'C:\\Users\\admin\\ "quoted" \t tab \r\n crlf',
  '$1 $$ %s ?? :name',
  '',
  'NULL',
] as const;

/** A row in each table the demo sync leaves empty, and values chosen to be hard to copy. */
async function fillTheRest() {
  const account = await db.account.findFirstOrThrow({ orderBy: { id: 'asc' } });
  const run = await db.syncRun.findFirstOrThrow();
  const finding = await db.finding.findFirstOrThrow({ orderBy: { key: 'asc' } });
  const credentialSnapshot = await db.snapshot.findFirstOrThrow({ where: { accountId: account.id, source: 'credential-report' } });
  const ms = (iso: string) => new Date(iso);

  await db.syncRun.update({ where: { id: run.id }, data: { scheduledFor: ms('2026-11-29T09:00:00.001Z'), context: { scps: [], note: HOSTILE[0], nested: { deep: [1, 2.5, null, true, 'ü'] } } } });
  await db.syncRunAccount.create({
    data: { runId: run.id, accountId: account.id, name: HOSTILE[2], access: 'credentials', isOwn: true, managedBy: 'config', status: 'done', ok: true, errors: [HOSTILE[1], HOSTILE[3]], apiCalls: 17, attempts: 2, startedAt: ms('2026-11-29T09:00:00.123Z'), finishedAt: ms('2026-11-29T09:00:04.999Z') },
  });
  await db.syncLock.create({ data: { accountId: account.id, holder: `${HOSTILE[4]}`, acquiredAt: ms('2026-11-29T09:00:00.007Z'), expiresAt: ms('2099-12-31T23:59:59.999Z') } });
  await db.findingTriage.createMany({
    data: [
      { findingKey: finding.key, action: 'archive', fromStatus: 'ACTIVE', toStatus: 'ARCHIVED', reason: HOSTILE.join(' | '), actor: HOSTILE[1], at: ms('2026-11-29T09:01:00.456Z'), expiresAt: ms('2027-01-01T00:00:00.000Z') },
      { findingKey: finding.key, action: 'unarchive', fromStatus: 'ARCHIVED', toStatus: 'ACTIVE', reason: '', actor: 'demo', at: ms('2026-11-29T09:02:00.000Z'), expiresAt: null },
    ],
  });
  const review = await db.review.create({
    data: { title: `Review ${HOSTILE[2]}`, status: 'signed', startedBy: HOSTILE[0], attendees: HOSTILE, signedBy: 'alice', signedAt: ms('2026-11-30T17:45:12.345Z'), notes: HOSTILE[3] },
  });
  await db.reviewAccount.create({ data: { reviewId: review.id, accountId: account.id, snapshotId: credentialSnapshot.id, baselineSnapshotId: null } });
  await db.reviewDecision.createMany({
    data: [
      { reviewId: review.id, accountId: account.id, subject: 'user:alice', userName: 'alice', reasons: ['no-mfa', 'stale-key'], decision: 'rotate', justification: HOSTILE[1], owner: 'Zoë', dueDate: ms('2026-12-15T00:00:00.000Z'), decidedBy: 'bob', decidedAt: ms('2026-11-30T10:00:00.010Z'), carriedFromId: null },
      { reviewId: review.id, accountId: account.id, subject: 'root', userName: '<root_account>', reasons: [], decision: null, justification: null, owner: null, dueDate: null, decidedBy: null, decidedAt: null },
    ],
  });
  await db.setting.createMany({
    data: [
      { key: 'checklist.thresholds', value: { keyAgeDays: 90, unusedDays: 45, note: HOSTILE[2] }, updatedBy: 'admin' },
      { key: 'sync.schedule', value: '0 */6 * * *', updatedBy: HOSTILE[0] },
      { key: 'flag', value: false, updatedBy: 'admin' },
      { key: 'nothing', value: Prisma.JsonNull, updatedBy: 'admin' },
    ],
  });
  await db.auditEvent.createMany({
    data: HOSTILE.map((text, i) => ({ at: ms(`2026-11-29T10:00:0${i}.${String(i * 111).padStart(3, '0')}Z`), actor: text, action: 'findings.archive', target: i % 2 ? null : text, details: { text, i, list: [text, null], big: 2 ** 53 - 1 } })),
  });
  const user = await db.user.create({
    data: { source: 'local', username: 'admin', name: HOSTILE[2], email: 'admin@example.com', role: 'admin', passwordHash: 'scrypt$16384$8$1$c2FsdA$aGFzaA', disabled: false, lastSignInAt: ms('2026-11-29T08:59:59.999Z') },
  });
  await db.user.create({ data: { source: 'oidc', issuer: 'https://idp.example.com', subject: HOSTILE[4], name: HOSTILE[1], role: 'viewer', disabled: true } });
  await db.session.create({ data: { tokenHash: 'a'.repeat(64), userId: user.id, expiresAt: ms('2026-11-30T09:00:00.000Z'), ip: '::1', userAgent: HOSTILE[3] } });
  await db.apiToken.create({ data: { name: HOSTILE[0], role: 'triager', tokenHash: 'b'.repeat(64), prefix: 'wdn_abcd', createdBy: 'admin', expiresAt: null, lastUsedAt: ms('2026-11-29T09:30:00.500Z'), revokedAt: ms('2026-11-29T09:31:00.501Z'), revokedBy: 'admin' } });
  await db.signInAttempt.createMany({ data: [{ username: HOSTILE[0], ip: '203.0.113.9', ok: false }, { username: 'admin', ip: '127.0.0.1', ok: true }] });
  await db.oidcLogin.create({ data: { state: 'state-1', codeVerifier: 'v'.repeat(43), nonce: 'n-1', returnTo: '/findings?status=ACTIVE&q=%27', expiresAt: ms('2026-11-29T09:10:00.000Z') } });
  await db.setupToken.create({ data: { tokenHash: 'c'.repeat(64), expiresAt: ms('2026-11-29T10:00:00.000Z') } });

  // Rows written outside Prisma, in the other DateTime forms SQLite holds: a CURRENT_TIMESTAMP
  // column default ('YYYY-MM-DD HH:MM:SS') and Unix milliseconds (the adapter's unixepoch-ms format).
  const raw = new Database(sourceFile);
  try {
    raw.prepare(`INSERT INTO "SignInAttempt" ("id", "username", "ip", "ok") VALUES ('raw-default-date', 'raw', '10.0.0.1', 1)`).run();
    raw.prepare(`INSERT INTO "AuditEvent" ("id", "at", "actor", "action", "details") VALUES ('raw-epoch-ms', 1764410400123, 'raw', 'raw.insert', '{}')`).run();
  } finally {
    raw.close();
  }
}

/** The SQLite database's tables (Prisma's own excepted) with their primary key columns. */
function sqliteTables(file: string): Map<string, string[]> {
  const raw = new Database(file, { readonly: true });
  try {
    const names = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'").pluck().all() as string[];
    return new Map(
      names.map((name) => {
        const info = raw.pragma(`table_info("${name}")`) as { name: string; pk: number }[];
        return [name, info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name)];
      }),
    );
  } finally {
    raw.close();
  }
}

type Delegate = { findMany(): Promise<Record<string, unknown>[]>; count(): Promise<number> };
const delegate = (client: PrismaClient, table: string) => (client as unknown as Record<string, Delegate>)[`${table.charAt(0).toLowerCase()}${table.slice(1)}`];

/** `npm run db:copy -- …` (or the entry point itself, quicker for the refusals) with DATABASE_URL set. */
function runCopy(args: string[], { databaseUrl = sourceUrl, viaNpm = false } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const [command, commandArgs] = viaNpm
    ? ['npm', ['run', '--silent', 'db:copy', '--', ...args]]
    : [process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/db-copy.ts', ...args]];
  return new Promise((resolve) => {
    execFile(command, commandArgs, { cwd: process.cwd(), env: { ...process.env, DATABASE_URL: databaseUrl }, timeout: 180_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Every Warden table's row count in a PostgreSQL database. */
async function postgresCounts(url: string): Promise<Map<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const counts = new Map<string, number>();
    for (const table of sqliteTables(sourceFile).keys()) {
      const present = await client.query<{ p: boolean }>('SELECT to_regclass($1) IS NOT NULL AS p', [`"${table}"`]);
      if (!present.rows[0]?.p) continue;
      const n = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`);
      counts.set(table, Number(n.rows[0]?.n));
    }
    return counts;
  } finally {
    await client.end();
  }
}

const withPassword = (url: string) => url.replace('postgresql://warden@', `postgresql://warden:${PASSWORD}@`);

before(async () => {
  fx = await startDemoFixture({ seed: 11, extraUserNames: ['<script>alert(1)</script>', "o'brien"] });
  await fx.sync();
  await fillTheRest();
  server = await startPostgres({ database: 'warden_copy' });
});
after(async () => {
  await fx?.close();
  await db.$disconnect();
  await server?.stop();
});

test('every table of a synced SQLite database is copied to PostgreSQL and reads back equal, value by value', async () => {
  assert.ok(server);
  const tables = sqliteTables(sourceFile);
  // The test covers every table: one the sync leaves empty must get a row in fillTheRest.
  for (const table of tables.keys()) {
    const rows = (await delegate(db, table)?.count()) ?? 0;
    assert.ok(rows > 0, `fill ${table} in fillTheRest: it has no row to copy`);
  }
  assert.deepEqual([...tables.keys()].sort(), [...Object.values(Prisma.ModelName)].sort(), 'every table is a Prisma model');

  const target = withPassword(server.url);
  const result = await runCopy(['--to', target], { viaNpm: true });
  assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
  assert.doesNotMatch(result.stdout + result.stderr, new RegExp(PASSWORD), 'the password is never printed');
  assert.match(result.stdout, /postgresql:\/\/warden:\*\*\*@127\.0\.0\.1:\d+\/warden_copy/);
  assert.match(result.stdout, /Verification \(row counts after the commit\):/);
  assert.match(result.stdout, /Spot check: \d+ row\(s\).*: all equal/);
  assert.match(result.stdout, /counts and spot checks agree/);
  // The count table names each table with equal counts.
  for (const table of tables.keys()) assert.match(result.stdout, new RegExp(`^  ${table} +([\\d,]+) +\\1$`, 'm'), `${table} in the count table`);

  const postgres = createPrismaClient(server.url);
  try {
    let rows = 0;
    for (const [table, primaryKey] of tables) {
      const keyOf = (row: Record<string, unknown>) => primaryKey.map((k) => String(row[k])).join('\u0001');
      const sort = (list: Record<string, unknown>[]) => [...list].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
      const [fromSqlite, fromPostgres] = await Promise.all([delegate(db, table)?.findMany(), delegate(postgres, table)?.findMany()]);
      assert.ok(fromSqlite && fromPostgres);
      assert.equal(fromPostgres.length, fromSqlite.length, `${table}: row count`);
      assert.deepStrictEqual(sort(fromPostgres), sort(fromSqlite), `${table}: rows differ`);
      rows += fromSqlite.length;
    }
    assert.ok(rows > 1000, `a realistic amount of data (${rows} rows)`);
    // Spot values that are easy to get wrong, read through PostgreSQL's client.
    const audit = await postgres.auditEvent.findUniqueOrThrow({ where: { id: 'raw-epoch-ms' } });
    assert.equal(audit.at.toISOString(), '2025-11-29T10:00:00.123Z');
    const attempt = await postgres.signInAttempt.findUniqueOrThrow({ where: { id: 'raw-default-date' } });
    assert.equal(attempt.ok, true);
    assert.equal(attempt.at.getUTCMilliseconds(), 0);
    const setting = await postgres.setting.findUniqueOrThrow({ where: { key: 'nothing' } });
    assert.equal(setting.value, null);
    const triage = await postgres.findingTriage.findFirstOrThrow({ where: { action: 'archive' } });
    assert.equal(triage.reason, HOSTILE.join(' | '));
    assert.equal(triage.at.toISOString(), '2026-11-29T09:01:00.456Z');
  } finally {
    await postgres.$disconnect();
  }
});

test('a target that already holds Warden data is refused, naming the table, and left as it was', async () => {
  assert.ok(server);
  const before = await postgresCounts(server.url);
  assert.ok((before.get('Account') ?? 0) > 0, 'the first test filled it');
  const result = await runCopy(['--to', withPassword(server.url)]);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /db:copy: the target database postgresql:\/\/warden:\*\*\*@127\.0\.0\.1:\d+\/warden_copy already holds Warden data \(table \w+ has rows\): db:copy copies into an empty database only; nothing was changed/);
  assert.doesNotMatch(result.stdout + result.stderr, new RegExp(PASSWORD));
  assert.deepEqual(await postgresCounts(server.url), before);

  // One row is enough, in any table.
  const other = await server.createDatabase('warden_one_row');
  const client = new pg.Client({ connectionString: other });
  await client.connect();
  try {
    await client.query(`CREATE TABLE "Setting" ("key" TEXT PRIMARY KEY, "value" JSONB NOT NULL, "updatedAt" TIMESTAMP(3) NOT NULL, "updatedBy" TEXT NOT NULL)`);
    await client.query(`INSERT INTO "Setting" VALUES ('k', '1', now(), 'someone')`);
  } finally {
    await client.end();
  }
  const refused = await runCopy(['--to', other]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /already holds Warden data \(table Setting has rows\)/);
});

test('a copy that fails midway is rolled back: the target holds no row', async () => {
  assert.ok(server);
  // A copy of the source with a value PostgreSQL cannot hold, in a table filled after others.
  const broken = join(testDataDir, 'broken.db');
  const raw = new Database(sourceFile);
  try {
    raw.prepare('VACUUM INTO ?').run(broken);
  } finally {
    raw.close();
  }
  const edit = new Database(broken);
  try {
    edit.prepare(`UPDATE "FindingTriage" SET "reason" = 'before' || char(0) || 'after' WHERE "action" = 'unarchive'`).run();
  } finally {
    edit.close();
  }
  const target = await server.createDatabase('warden_rolled_back');
  const result = await runCopy(['--to', target], { databaseUrl: `file:${broken}` });
  assert.equal(result.code, 1, result.stdout);
  assert.match(result.stderr, /FindingTriage\.reason of the row [\w-]+ contains the character U\+0000, which PostgreSQL text cannot hold\nThe copy was rolled back: the target holds no copied row\./);
  // Tables copied before FindingTriage were rolled back with it.
  assert.match(result.stdout, /^ {2}Account +\d+ rows/m);
  const counts = await postgresCounts(target);
  assert.ok(counts.size >= 30, 'the migrations were applied');
  for (const [table, n] of counts) assert.equal(n, 0, `${table} is empty`);
});

test('bad input is refused with a message that says what to do', async () => {
  assert.ok(server);
  const cases: { args: string[]; databaseUrl?: string; message: RegExp }[] = [
    { args: [], message: /--to is missing: name the PostgreSQL database to copy into/ },
    { args: ['--to', 'mysql://root:secret@db/warden'], message: /--to must be a file: URL \(SQLite\) or a postgresql:\/\/ URL \(PostgreSQL\), not a mysql: URL/ },
    { args: ['--to', 'file:./data/other.db'], message: /--to must be a postgresql:\/\/ URL/ },
    { args: ['--to', server.url, '--overwrite'], message: /Unknown option '--overwrite'/ },
    { args: ['--to', server.url], databaseUrl: `file:${join(testDataDir, 'missing', 'warden.db')}`, message: /there is no SQLite database at .*missing\/warden\.db/ },
    { args: ['--to', server.url], databaseUrl: withPassword(server.url), message: /DATABASE_URL names a PostgreSQL database \(postgresql:\/\/warden:\*\*\*@.*\); db:copy copies from SQLite/ },
    // Nothing listens on port 1 of loopback.
    { args: ['--to', `postgresql://warden:${PASSWORD}@127.0.0.1:1/warden`], message: /cannot connect to the PostgreSQL database postgresql:\/\/warden:\*\*\*@127\.0\.0\.1:1\/warden: .*ECONNREFUSED/ },
  ];
  for (const { args, databaseUrl, message } of cases) {
    const result = await runCopy(args, { databaseUrl });
    assert.equal(result.code, 1, `${args.join(' ')}: ${result.stdout}${result.stderr}`);
    assert.match(result.stderr, message);
    assert.match(result.stderr, /^db:copy: /);
    assert.doesNotMatch(result.stdout + result.stderr, new RegExp(`${PASSWORD}|secret@`), 'no password is printed');
  }
});
