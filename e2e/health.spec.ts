import { expect, test } from '@playwright/test';

test('after a fresh start the app answers /api/health: database reachable, migrations applied, demo mode', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  const body = (await res.json()) as {
    status: string;
    version: string;
    mode: string;
    database: { reachable: boolean };
    migrations: { upToDate: boolean; applied: number; pending: string[] };
  };
  expect(body.status).toBe('ok');
  expect(body.mode).toBe('demo');
  expect(body.database.reachable).toBe(true);
  expect(body.migrations.upToDate).toBe(true);
  expect(body.migrations.applied).toBeGreaterThan(0);
  expect(body.migrations.pending).toEqual([]);
  expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
});
