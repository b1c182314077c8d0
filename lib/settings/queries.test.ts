import '@/lib/testing/test-store';
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { Cron } from 'croner';
import { db } from '@/lib/db';
import { HttpError } from '@/lib/http';
import { getChecklist } from '@/lib/checklist/queries';
import type { AccountChecklist } from '@/lib/checklist/schema';
import { getSettingsView, saveSettings } from '@/lib/settings/queries';
import { loadThresholds } from '@/lib/settings/store';
import { applySchedule, nextScheduledSync } from '@/lib/sync/scheduler';
import { startDemoFixture, type DemoFixture } from '@/lib/testing/demo-sync';
import { testClock } from '@/lib/testing/test-clock';
import { isoDate } from '@/lib/dates';

// Saving settings: stored with who and when, refused where an environment variable pins them or
// the value is bad, recorded in the audit log, and applied at once — the checklist of every
// account is evaluated again, the scheduled sync runs on the new expression.

let fx: DemoFixture;
// Every save happens at the test clock's "now", the clock the sandbox's data and the sync share.
const now = () => testClock.now();
const today = () => isoDate(testClock.now());

before(async () => {
  fx = await startDemoFixture({ seed: 7 });
  assert.equal((await fx.sync()).status, 'ok');
  // test-store pins the schedule to "off" through WARDEN_SYNC_SCHEDULE; here it is the admin's.
  delete process.env.WARDEN_SYNC_SCHEDULE;
});

after(async () => {
  applySchedule('off');
  await fx.close();
});

beforeEach(async () => {
  await db.setting.deleteMany();
});

async function refusal(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(
    () => assert.fail('expected a refusal'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof HttpError, String(error));
  return error;
}

describe('storing and resetting', () => {
  test('a saved threshold is in effect with its source; the change is recorded from → to', async () => {
    const saved = await saveSettings({ keyRotationDays: 60, passwordRequireSymbols: false }, 'alice@example.com', now());
    assert.deepEqual(saved.changes, [
      { key: 'keyRotationDays', from: 90, to: 60 },
      { key: 'passwordRequireSymbols', from: true, to: false },
    ]);
    const { thresholds, sources } = await loadThresholds();
    assert.equal(thresholds.keyRotationDays, 60);
    assert.equal(sources.keyRotationDays, `set in Settings by alice@example.com on ${today()}`);
    assert.equal(thresholds.passwordRequireSymbols, false);
    const view = saved.settings.find((s) => s.key === 'keyRotationDays');
    assert.deepEqual([view?.value, view?.origin, view?.updatedBy], [60, 'stored', 'alice@example.com']);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'settings.update' }, orderBy: { at: 'desc' } });
    assert.equal(event.actor, 'alice@example.com');
    assert.deepEqual(event.details, { changes: saved.changes });
  });

  test('null resets to the default by removing the stored value; saving what is already stored changes nothing', async () => {
    await saveSettings({ unusedCredentialDays: 30 }, 'alice@example.com', now());
    const same = await saveSettings({ unusedCredentialDays: 30 }, 'bob', now());
    assert.deepEqual(same.changes, []);
    assert.equal(same.reevaluatedAccounts, 0);
    assert.equal((await db.setting.findUniqueOrThrow({ where: { key: 'unusedCredentialDays' } })).updatedBy, 'alice@example.com');

    const reset = await saveSettings({ unusedCredentialDays: null }, 'bob', now());
    assert.deepEqual(reset.changes, [{ key: 'unusedCredentialDays', from: 30, to: 45 }]);
    assert.equal(await db.setting.count({ where: { key: 'unusedCredentialDays' } }), 0);
    const { thresholds, sources } = await loadThresholds();
    assert.equal(thresholds.unusedCredentialDays, 45);
    assert.match(sources.unusedCredentialDays, /^seed: /);
    assert.deepEqual((await saveSettings({ unusedCredentialDays: null }, 'bob', now())).changes, [], 'resetting a default is no change');
    const actors = (await db.auditEvent.findMany({ where: { action: 'settings.update' }, orderBy: { at: 'asc' } })).map((e) => e.actor);
    assert.deepEqual(actors.slice(-2), ['alice@example.com', 'bob']);
  });

  test('a setting pinned by its environment variable is refused with 409 naming the variable, and nothing is stored', async () => {
    process.env.WARDEN_KEY_ROTATION_DAYS = '120';
    try {
      const error = await refusal(saveSettings({ unusedCredentialDays: 30, keyRotationDays: 60 }, 'alice@example.com', now()));
      assert.equal(error.status, 409);
      assert.equal(error.message, 'keyRotationDays is set by WARDEN_KEY_ROTATION_DAYS; change it there');
      assert.equal((await refusal(saveSettings({ keyRotationDays: null }, 'alice@example.com', now()))).status, 409);
      assert.equal(await db.setting.count(), 0);
      const view = (await getSettingsView()).settings.find((s) => s.key === 'keyRotationDays');
      assert.deepEqual([view?.value, view?.envLocked, view?.source], [120, true, 'WARDEN_KEY_ROTATION_DAYS env']);
    } finally {
      delete process.env.WARDEN_KEY_ROTATION_DAYS;
    }
  });

  test('a malformed environment variable still fails naming it', async () => {
    process.env.WARDEN_ROOT_ACTIVITY_DAYS = 'a quarter';
    try {
      await assert.rejects(loadThresholds(), { name: 'ThresholdConfigError', message: /WARDEN_ROOT_ACTIVITY_DAYS must be a whole number/ });
    } finally {
      delete process.env.WARDEN_ROOT_ACTIVITY_DAYS;
    }
  });
});

describe('the checklist follows the thresholds at once', () => {
  const item = (checklists: AccountChecklist[], account: string, n: number) => {
    const found = checklists.find((c) => c.accountName === account)?.items.find((i) => i.number === n);
    assert.ok(found, `item ${n} of ${account}`);
    return found;
  };

  test('raising the key rotation limit past the oldest key’s age turns acme-management’s item 6 from fail to pass', async () => {
    const before = item(await getChecklist(), 'acme-management', 6);
    assert.equal(before.verdict, 'fail');
    const failing = before.evidence.filter((e) => e.status === 'fail');
    assert.ok(failing.length > 0 && failing.every((e) => e.kind === 'access-key'), 'only key ages fail it');
    const oldest = Math.max(...failing.map((e) => Number(e.values.ageDays)));
    assert.ok(oldest >= 90 && oldest <= 365, `oldest key ${oldest} days`);

    // The limit is inclusive to the hour ("older than N days" fails at N days 0 hours): one more day passes.
    const saved = await saveSettings({ keyRotationDays: oldest + 1 }, 'alice@example.com', now());
    assert.equal(saved.reevaluatedAccounts, fx.sandbox.accounts.length);
    assert.deepEqual(saved.warnings, []);
    const after = item(await getChecklist(), 'acme-management', 6);
    assert.equal(after.verdict, 'pass');
    assert.deepEqual(after.thresholds, [{ name: 'keyRotationDays', value: oldest + 1, unit: 'days', source: `set in Settings by alice@example.com on ${today()}` }]);

    await saveSettings({ keyRotationDays: null }, 'alice@example.com', now());
    assert.equal(item(await getChecklist(), 'acme-management', 6).verdict, 'fail');
  });

  test('lowering the unused-credential limit below the longest idle credential turns acme-management’s item 5 from pass to fail', async () => {
    const before = item(await getChecklist(), 'acme-management', 5);
    assert.equal(before.verdict, 'pass');
    const idle = Math.max(...before.evidence.filter((e) => e.kind === 'password' || e.kind === 'access-key').map((e) => Number(e.values.daysUnused)));
    assert.ok(idle >= 2, `longest idle credential ${idle} days`);

    await saveSettings({ unusedCredentialDays: idle - 1 }, 'alice@example.com', now());
    const after = item(await getChecklist(), 'acme-management', 5);
    assert.equal(after.verdict, 'fail');
    assert.match(after.summary, new RegExp(`unused for ${idle - 1} days or more`));
  });
});

describe('the sync schedule', () => {
  const nextOf = (expression: string) => {
    const cron = new Cron(expression, { paused: true, timezone: 'UTC' });
    const next = cron.nextRun();
    cron.stop();
    return next;
  };

  test('saving a schedule re-schedules the running job; off stops it; reset goes back to every 6 hours', async () => {
    applySchedule('0 */6 * * *');
    assert.deepEqual(nextScheduledSync(), nextOf('0 */6 * * *'));

    const saved = await saveSettings({ syncSchedule: '0 0 1 1 *' }, 'alice@example.com', now());
    assert.deepEqual(saved.changes, [{ key: 'syncSchedule', from: '0 */6 * * *', to: '0 0 1 1 *' }]);
    assert.equal(saved.reevaluatedAccounts, 0, 'a schedule change leaves the checklist alone');
    assert.deepEqual(nextScheduledSync(), nextOf('0 0 1 1 *'));
    assert.equal(saved.nextSyncAt, nextOf('0 0 1 1 *')?.toISOString());

    const off = await saveSettings({ syncSchedule: 'off' }, 'alice@example.com', now());
    assert.equal(nextScheduledSync(), null);
    assert.equal(off.nextSyncAt, null);

    await saveSettings({ syncSchedule: null }, 'alice@example.com', now());
    assert.deepEqual(nextScheduledSync(), nextOf('0 */6 * * *'));
  });

  test('a bad expression is refused with 400 naming the field and croner’s reason; the job keeps running', async () => {
    applySchedule('0 */6 * * *');
    const error = await refusal(saveSettings({ syncSchedule: '61 * * * *' }, 'alice@example.com', now()));
    assert.equal(error.status, 400);
    assert.match(error.message, /^syncSchedule is not a cron expression \(.+\)$/);
    assert.equal(await db.setting.count(), 0);
    assert.deepEqual(nextScheduledSync(), nextOf('0 */6 * * *'));
  });

  test('WARDEN_SYNC_SCHEDULE pins the schedule: saving one is refused with 409', async () => {
    process.env.WARDEN_SYNC_SCHEDULE = '0 3 * * *';
    try {
      const error = await refusal(saveSettings({ syncSchedule: 'off' }, 'alice@example.com', now()));
      assert.equal(error.status, 409);
      assert.match(error.message, /syncSchedule is set by WARDEN_SYNC_SCHEDULE/);
    } finally {
      delete process.env.WARDEN_SYNC_SCHEDULE;
    }
  });
});
