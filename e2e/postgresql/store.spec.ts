import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import pg from 'pg';

// Project postgresql: the journeys before this one ran against a server whose store is PostgreSQL
// (scripts/e2e-server.mjs with WARDEN_E2E_DATABASE=postgresql). This looks into that database, so
// that a server quietly on SQLite cannot pass for it: the start-up sync, the triage of findings.spec
// and PostgreSQL's own migration history are there.

async function query<T extends pg.QueryResultRow>(text: string): Promise<T[]> {
  const file = process.env.WARDEN_E2E_PG_URL_FILE;
  if (!file) throw new Error('WARDEN_E2E_PG_URL_FILE is set by playwright.config.ts');
  const client = new pg.Client({ connectionString: readFileSync(file, 'utf8').trim() });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

test('the journeys wrote into PostgreSQL: the synced organization, the triage and its audit trail, PostgreSQL’s migrations', async ({ request }) => {
  const migrations = readdirSync(join(process.cwd(), 'prisma', 'postgresql', 'migrations'), { withFileTypes: true }).filter((e) => e.isDirectory()).length;
  const applied = await query<{ n: number }>('SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL');
  expect(applied[0]?.n).toBe(migrations);
  const health = (await (await request.get('/api/health')).json()) as { migrations: { applied: number } };
  expect(health.migrations.applied).toBe(migrations);

  const [counts] = await query<{ accounts: number; findings: number; events: number; verdicts: number }>(
    `SELECT (SELECT count(*)::int FROM "Account") AS accounts, (SELECT count(*)::int FROM "Finding") AS findings,
            (SELECT count(*)::int FROM "TrailEvent") AS events, (SELECT count(*)::int FROM "ChecklistVerdict") AS verdicts`,
  );
  expect(counts?.accounts).toBeGreaterThan(0);
  expect(counts?.findings).toBeGreaterThan(0);
  expect(counts?.events).toBeGreaterThan(0);
  expect(counts?.verdicts).toBeGreaterThan(0);

  // findings.spec archived a finding with a reason and re-activated it, as demo-admin.
  const triage = await query<{ action: string; reason: string; actor: string }>(`SELECT action, reason, actor FROM "FindingTriage" ORDER BY "at"`);
  expect(triage.map((t) => t.action)).toEqual(['archive', 'unarchive']);
  expect(triage[0]?.reason).toMatch(/^Intended vendor access, reviewed in SEC-\d{4}$/);
  expect(triage[1]?.reason).toBe('Vendor contract ended');
  expect(new Set(triage.map((t) => t.actor))).toEqual(new Set(['demo-admin']));
  const audit = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE actor = 'demo-admin'`);
  expect(audit[0]?.n).toBeGreaterThanOrEqual(2);
});
