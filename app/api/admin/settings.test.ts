import '@/lib/testing/test-store';
import { currentTime } from '@/lib/clock';
import '@/lib/testing/sign-in-required';
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { db } from '@/lib/db';
import { apiTokenFor, browserRequest, sessionCookieFor } from '@/lib/testing/auth-fixture';
import { startDemoFixture, type DemoFixture } from '@/lib/testing/demo-sync';
import { checklistResponseSchema } from '@/lib/checklist/schema';
import { settingsSavedSchema, settingsViewSchema } from '@/lib/settings/schema';
import { applySchedule } from '@/lib/sync/scheduler';
import { GET as getSettings, PUT as putSettings } from '@/app/api/admin/settings/route';
import { GET as getChecklist } from '@/app/api/checklist/route';
import { isoDate } from '@/lib/dates';

// The Settings screen's API as a browser calls it: admins only, signed in (no API tokens); each
// refusal names the field or the variable; a save shows up in the checklist's threshold sources.

let fixture: DemoFixture;
let admin: { cookie: string; name: string };

before(async () => {
  fixture = await startDemoFixture({ seed: 84 });
  assert.notEqual((await fixture.sync()).status, 'failed');
  admin = await sessionCookieFor('admin');
  delete process.env.WARDEN_SYNC_SCHEDULE;
});

after(async () => {
  applySchedule('off');
  await fixture.close();
});

beforeEach(async () => {
  await db.setting.deleteMany();
});

const put = (body: unknown, cookie = admin.cookie) => putSettings(browserRequest('/api/admin/settings', { method: 'PUT', headers: { cookie }, body }));
const errorOf = async (res: Response) => ((await res.json()) as { error: string }).error;

describe('GET /api/admin/settings', () => {
  test('every setting with its value, source, default and whether a variable pins it', async () => {
    process.env.WARDEN_REVIEW_INTERVAL_DAYS = '28';
    try {
      const res = await getSettings(browserRequest('/api/admin/settings', { headers: { cookie: admin.cookie } }));
      assert.equal(res.status, 200);
      const view = settingsViewSchema.parse(await res.json());
      const byKey = new Map(view.settings.map((s) => [s.key, s]));
      assert.equal(byKey.size, 14);
      assert.deepEqual(
        [byKey.get('reviewIntervalDays')?.value, byKey.get('reviewIntervalDays')?.envLocked, byKey.get('reviewIntervalDays')?.source, byKey.get('reviewIntervalDays')?.defaultValue],
        [28, true, 'WARDEN_REVIEW_INTERVAL_DAYS env', 31],
      );
      assert.deepEqual([byKey.get('keyRotationDays')?.value, byKey.get('keyRotationDays')?.origin, byKey.get('keyRotationDays')?.envLocked], [90, 'default', false]);
      assert.deepEqual([byKey.get('syncSchedule')?.value, byKey.get('syncSchedule')?.envName], ['0 */6 * * *', 'WARDEN_SYNC_SCHEDULE']);
    } finally {
      delete process.env.WARDEN_REVIEW_INTERVAL_DAYS;
    }
  });
});

describe('PUT /api/admin/settings', () => {
  test('an admin changes a threshold: the checklist shows who set it, and the audit log has it', async () => {
    const res = await put({ keyRotationDays: 75 });
    assert.equal(res.status, 200);
    const saved = settingsSavedSchema.parse(await res.json());
    assert.deepEqual(saved.changes, [{ key: 'keyRotationDays', from: 90, to: 75 }]);
    assert.equal(saved.reevaluatedAccounts, fixture.sandbox.accounts.length);
    const today = isoDate(currentTime());
    assert.equal(saved.settings.find((s) => s.key === 'keyRotationDays')?.source, `set in Settings by ${admin.name} on ${today}`);

    const checklist = checklistResponseSchema.parse(await (await getChecklist(browserRequest('/api/checklist', { headers: { cookie: admin.cookie } }))).json());
    const shown = checklist.accounts.flatMap((a) => a.items.filter((i) => i.number === 6).flatMap((i) => i.thresholds));
    assert.ok(shown.length > 0);
    assert.ok(shown.every((t) => t.value === 75 && t.source === `set in Settings by ${admin.name} on ${today}`), JSON.stringify(shown[0]));
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'settings.update' }, orderBy: { at: 'desc' } });
    assert.equal(event.actor, admin.name);
  });

  test('bad values get 400 naming the field; unknown keys 400; a bad cron expression 400 with croner’s reason', async () => {
    const zero = await put({ keyRotationDays: 0 });
    assert.equal(zero.status, 400);
    assert.equal(await errorOf(zero), 'keyRotationDays: Access key rotation must be a whole number of days from 1 to 365');
    const short = await put({ passwordMinimumLength: 6 });
    assert.match(await errorOf(short), /^passwordMinimumLength: Minimum password length must be a whole number of characters from 8 to 128$/);
    const unknown = await put({ keyRotation: 30 });
    assert.equal(unknown.status, 400);
    assert.match(await errorOf(unknown), /^unknown setting keyRotation;/);
    const cron = await put({ syncSchedule: 'every six hours' });
    assert.equal(cron.status, 400);
    assert.match(await errorOf(cron), /^syncSchedule is not a cron expression \(.+\)$/);
    assert.equal(await db.setting.count(), 0);
  });

  test('a refusal carries the setting it is about as field, for the form to mark', async () => {
    const answer = async (res: Response) => (await res.json()) as { error: string; field?: string };
    assert.deepEqual(await answer(await put({ keyRotationDays: 0 })), {
      error: 'keyRotationDays: Access key rotation must be a whole number of days from 1 to 365',
      field: 'keyRotationDays',
    });
    assert.equal((await answer(await put({ syncSchedule: 'every six hours' }))).field, 'syncSchedule');
    assert.equal((await answer(await put({ keyRotation: 30 }))).field, undefined, 'an unknown key is no field of the form');
    process.env.WARDEN_UNUSED_CREDENTIAL_DAYS = '30';
    try {
      assert.equal((await answer(await put({ unusedCredentialDays: 60 }))).field, 'unusedCredentialDays');
    } finally {
      delete process.env.WARDEN_UNUSED_CREDENTIAL_DAYS;
    }
  });

  test('a setting pinned by its environment variable gets 409 naming the variable', async () => {
    process.env.WARDEN_UNUSED_CREDENTIAL_DAYS = '30';
    try {
      const res = await put({ unusedCredentialDays: 60 });
      assert.equal(res.status, 409);
      assert.equal(await errorOf(res), 'unusedCredentialDays is set by WARDEN_UNUSED_CREDENTIAL_DAYS; change it there');
    } finally {
      delete process.env.WARDEN_UNUSED_CREDENTIAL_DAYS;
    }
  });

  test('null resets to the default', async () => {
    await put({ reviewIntervalDays: 14 });
    const saved = settingsSavedSchema.parse(await (await put({ reviewIntervalDays: null })).json());
    assert.deepEqual(saved.changes, [{ key: 'reviewIntervalDays', from: 14, to: 31 }]);
    const view = saved.settings.find((s) => s.key === 'reviewIntervalDays');
    assert.deepEqual([view?.value, view?.origin], [31, 'default']);
  });

  test('only a signed-in admin: a triager is refused, so is an admin’s API token', async () => {
    const triager = await sessionCookieFor('triager');
    assert.equal((await put({ keyRotationDays: 30 }, triager.cookie)).status, 403);
    assert.equal((await getSettings(browserRequest('/api/admin/settings', { headers: { cookie: triager.cookie } }))).status, 403);
    const token = await apiTokenFor('admin');
    const viaToken = await putSettings(
      new Request('http://warden.test/api/admin/settings', { method: 'PUT', headers: { authorization: `Bearer ${token.token}`, 'content-type': 'application/json' }, body: '{"keyRotationDays":30}' }),
    );
    assert.equal(viaToken.status, 403);
    assert.match(await errorOf(viaToken), /API tokens cannot manage users, tokens or settings/);
    assert.equal(await db.setting.count(), 0);
  });
});
