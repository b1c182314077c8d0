import '@/lib/testing/test-store';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { checklistEvaluator } from '@/lib/checklist/evaluate-account';
import { getAccountItems, getChecklistSummary } from '@/lib/checklist/queries';
import { currentTime } from '@/lib/clock';
import { HOUR_MS } from '@/lib/dates';
import { db } from '@/lib/db';
import { applyMigrations } from '@/scripts/lib/migrations.mjs';

// Each account's newest evaluation is marked current and carries its verdicts by slug: the
// Overview reads those rows only. The mark follows the evaluation's time, not the order of writing.

const accountId = '313131313131';
const base = currentTime().getTime();
const at = (hours: number) => new Date(base + hours * HOUR_MS);

test('only the newest evaluation is current, and its verdict map matches its verdicts', async () => {
  await db.account.create({ data: { id: accountId, name: 'current', access: 'own', regions: ['us-east-1'] } });
  const evaluate = checklistEvaluator();
  await evaluate(accountId, null, at(1));
  const second = await evaluate(accountId, null, at(2));
  // An evaluation dated earlier (a seeded review re-evaluates as of its own time) does not replace it.
  await evaluate(accountId, null, at(0));
  const current = await db.checklistRun.findMany({ where: { accountId, current: true } });
  assert.deepEqual(current.map((r) => r.id), [second.id]);
  assert.equal(await db.checklistRun.count({ where: { accountId } }), 3);

  const verdicts = await db.checklistVerdict.findMany({ where: { checklistRunId: second.id }, select: { slug: true, verdict: true } });
  assert.ok(verdicts.length >= 14);
  assert.deepEqual(current[0]?.verdictMap, Object.fromEntries(verdicts.map((v) => [v.slug, v.verdict])));

  const summary = await getChecklistSummary({ q: accountId, sort: 'worst', page: 1, pageSize: 50 });
  const row = summary.accounts.find((a) => a.id === accountId);
  assert.equal(row?.evaluatedAt, at(2).toISOString());
  assert.deepEqual(row?.verdicts, current[0]?.verdictMap);
  assert.deepEqual(summary.items.map((i) => i.slug).sort(), verdicts.map((v) => v.slug).sort());
  const items = await getAccountItems(accountId);
  assert.equal(items.evaluatedAt, at(2).toISOString());
});

test('the migration marks each account\'s newest evaluation current and fills its verdict map', () => {
  const all = readdirSync(join(process.cwd(), 'prisma', 'migrations')).filter((n) => /^\d{14}_/.test(n)).sort();
  const target = all.indexOf(all.find((n) => n.endsWith('_checklist_run_current')) ?? '');
  assert.ok(target > 0, 'the migration exists');
  const dir = mkdtempSync(join(tmpdir(), 'warden-migrate-'));
  const before = join(dir, 'before');
  for (const name of all.slice(0, target)) cpSync(join(process.cwd(), 'prisma', 'migrations', name), join(before, name), { recursive: true });
  const databaseUrl = `file:${join(dir, 'w.db')}`;
  applyMigrations({ databaseUrl, migrationsDir: before });

  const raw = new Database(join(dir, 'w.db'));
  raw.prepare(`INSERT INTO "Account" ("id", "name", "access", "regions", "updatedAt") VALUES ('111', 'a', 'own', '[]', 0), ('222', 'b', 'own', '[]', 0)`).run();
  const run = raw.prepare(`INSERT INTO "ChecklistRun" ("id", "accountId", "evaluatedAt", "passed", "failed", "unknown", "notApplicable") VALUES (?, ?, ?, 0, 0, 0, 0)`);
  const verdict = raw.prepare(`INSERT INTO "ChecklistVerdict" ("id", "checklistRunId", "slug", "number", "verdict", "severity", "summary", "evidence", "remedy", "references", "thresholds", "since") VALUES (?, ?, ?, 1, ?, 'high', '', '[]', '{}', '[]', '{}', '2026-11-01T00:00:00.000+00:00')`);
  run.run('a-old', '111', '2026-11-01T00:00:00.000+00:00');
  run.run('a-new', '111', '2026-11-02T00:00:00.000+00:00');
  run.run('b-tie-1', '222', '2026-11-02T00:00:00.000+00:00');
  run.run('b-tie-2', '222', '2026-11-02T00:00:00.000+00:00');
  verdict.run('v1', 'a-old', 'root-mfa', 'fail');
  verdict.run('v2', 'a-new', 'root-mfa', 'pass');
  verdict.run('v3', 'a-new', 'user-mfa', 'unknown');
  raw.close();

  applyMigrations({ databaseUrl, migrationsDir: join(process.cwd(), 'prisma', 'migrations') });
  const after = new Database(join(dir, 'w.db'));
  const rows = after.prepare(`SELECT "id", "current", "verdictMap" FROM "ChecklistRun" ORDER BY "id"`).all() as { id: string; current: number; verdictMap: string }[];
  after.close();
  const byId = new Map(rows.map((r) => [r.id, r]));
  assert.equal(byId.get('a-new')?.current, 1);
  assert.equal(byId.get('a-old')?.current, 0);
  assert.deepEqual(JSON.parse(byId.get('a-new')?.verdictMap ?? ''), { 'root-mfa': 'pass', 'user-mfa': 'unknown' });
  assert.deepEqual(JSON.parse(byId.get('a-old')?.verdictMap ?? ''), { 'root-mfa': 'fail' });
  // Of two at the same instant, exactly one.
  assert.equal((byId.get('b-tie-1')?.current ?? 0) + (byId.get('b-tie-2')?.current ?? 0), 1);
  assert.deepEqual(JSON.parse(byId.get('b-tie-1')?.verdictMap ?? ''), {});
});
