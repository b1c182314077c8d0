import '@/lib/testing/test-store';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ThresholdConfigError } from '@/lib/checks/thresholds';
import { defaultThresholds } from '@/lib/checks/types';
import { describeZodError } from '@/lib/http';
import { describeSettings, resolveSchedule, resolveThresholds, SettingsError, type StoredSetting } from '@/lib/settings/resolve';
import { settingsUpdateSchema, thresholdFields, thresholdNames, type SettingsUpdate } from '@/lib/settings/schema';

// Precedence, pure: environment variable (set, non-empty) > stored by an admin > seed default.

const by = (key: string, value: unknown, updatedBy = 'alice@example.com'): StoredSetting => ({ key, value, updatedBy, updatedAt: new Date('2026-11-29T10:15:00Z') });

describe('thresholds', () => {
  test('nothing set: the seed defaults, saying so', () => {
    const { thresholds, sources, origins } = resolveThresholds({}, []);
    assert.deepEqual(thresholds, defaultThresholds);
    assert.match(sources.keyRotationDays, /^seed: /);
    assert.ok(thresholdNames.every((key) => origins[key] === 'default'));
  });

  test('a stored value beats the default, and its source says who set it and when', () => {
    const { thresholds, sources, origins } = resolveThresholds({}, [by('keyRotationDays', 60), by('passwordRequireSymbols', false, 'bob')]);
    assert.equal(thresholds.keyRotationDays, 60);
    assert.equal(sources.keyRotationDays, 'set in Settings by alice@example.com on 2026-11-29');
    assert.equal(origins.keyRotationDays, 'stored');
    assert.equal(thresholds.passwordRequireSymbols, false);
    assert.equal(sources.passwordRequireSymbols, 'set in Settings by bob on 2026-11-29');
    assert.equal(thresholds.unusedCredentialDays, 45);
    assert.equal(origins.unusedCredentialDays, 'default');
  });

  test('an environment variable beats a stored value; an empty one does not count', () => {
    const stored = [by('keyRotationDays', 60), by('unusedCredentialDays', 30)];
    const { thresholds, sources, origins } = resolveThresholds({ WARDEN_KEY_ROTATION_DAYS: '120', WARDEN_UNUSED_CREDENTIAL_DAYS: '  ' }, stored);
    assert.equal(thresholds.keyRotationDays, 120);
    assert.equal(sources.keyRotationDays, 'WARDEN_KEY_ROTATION_DAYS env');
    assert.equal(origins.keyRotationDays, 'env');
    assert.equal(thresholds.unusedCredentialDays, 30);
    assert.equal(origins.unusedCredentialDays, 'stored');
  });

  test('a malformed environment value fails naming the variable, whatever is stored', () => {
    assert.throws(
      () => resolveThresholds({ WARDEN_KEY_ROTATION_DAYS: 'ninety' }, [by('keyRotationDays', 60)]),
      (error: unknown) => error instanceof ThresholdConfigError && /WARDEN_KEY_ROTATION_DAYS must be a whole number/.test(error.message),
    );
  });

  test('a stored value that is no longer valid fails naming the key and how to reset it', () => {
    assert.throws(
      () => resolveThresholds({}, [by('rootActivityDays', 400)]),
      (error: unknown) => error instanceof SettingsError && /rootActivityDays \(400\).*from 1 to 90.*"rootActivityDays": null/.test(error.message),
    );
  });
});

describe('sync schedule', () => {
  test('WARDEN_SYNC_SCHEDULE > stored > every 6 hours', () => {
    assert.deepEqual(resolveSchedule({}, []), { expression: '0 */6 * * *', source: 'default: every 6 hours, on the hour (UTC)', origin: 'default' });
    assert.deepEqual(resolveSchedule({}, [by('syncSchedule', '30 2 * * *')]), { expression: '30 2 * * *', source: 'set in Settings by alice@example.com on 2026-11-29', origin: 'stored' });
    assert.deepEqual(resolveSchedule({ WARDEN_SYNC_SCHEDULE: 'off' }, [by('syncSchedule', '30 2 * * *')]), { expression: 'off', source: 'WARDEN_SYNC_SCHEDULE env', origin: 'env' });
    assert.equal(resolveSchedule({ WARDEN_SYNC_SCHEDULE: '' }, [by('syncSchedule', '30 2 * * *')]).origin, 'stored');
  });
});

describe('the screen’s view', () => {
  test('each setting with value, default, source and whether its variable pins it', () => {
    const views = describeSettings({ WARDEN_PASSWORD_MIN_LENGTH: '16' }, [by('keyRotationDays', 60), by('passwordMinimumLength', 20)]);
    assert.equal(views.length, thresholdNames.length + 1);
    const view = (key: string) => views.find((v) => v.key === key);
    assert.deepEqual(view('keyRotationDays'), {
      key: 'keyRotationDays',
      value: 60,
      defaultValue: 90,
      defaultSource: 'seed: "Access keys rotated < 90 days"',
      origin: 'stored',
      source: 'set in Settings by alice@example.com on 2026-11-29',
      envName: 'WARDEN_KEY_ROTATION_DAYS',
      envLocked: false,
      updatedBy: 'alice@example.com',
      updatedAt: '2026-11-29T10:15:00.000Z',
    });
    assert.deepEqual(
      { value: view('passwordMinimumLength')?.value, envLocked: view('passwordMinimumLength')?.envLocked, source: view('passwordMinimumLength')?.source, updatedBy: view('passwordMinimumLength')?.updatedBy },
      { value: 16, envLocked: true, source: 'WARDEN_PASSWORD_MIN_LENGTH env', updatedBy: null },
    );
    assert.deepEqual({ value: view('syncSchedule')?.value, envLocked: view('syncSchedule')?.envLocked, origin: view('syncSchedule')?.origin }, { value: '0 */6 * * *', envLocked: false, origin: 'default' });
  });
});

describe('validation', () => {
  const refusal = (input: unknown): string => {
    const r = settingsUpdateSchema.safeParse(input);
    assert.equal(r.success, false, `${JSON.stringify(input)} was accepted`);
    return r.success ? '' : describeZodError(r.error);
  };

  test('every number is refused just outside its bounds and accepted at them, naming the field', () => {
    for (const key of thresholdNames) {
      const field = thresholdFields[key];
      if (field.kind !== 'number') continue;
      assert.match(refusal({ [key]: field.min - 1 }), new RegExp(`^${key}: ${field.label} must be a whole number of ${field.unit} from ${field.min} to ${field.max}$`));
      assert.match(refusal({ [key]: field.max + 1 }), new RegExp(`^${key}: `));
      assert.equal(settingsUpdateSchema.safeParse({ [key]: field.min }).success, true, `${key} = ${field.min}`);
      assert.equal(settingsUpdateSchema.safeParse({ [key]: field.max }).success, true, `${key} = ${field.max}`);
    }
  });

  test('the bounds chosen: days within a year, root activity within CloudTrail’s 90 days, IAM’s session range, passwords 8–128 and 1–24, stale data 6–720 hours', () => {
    const bounds = Object.fromEntries(thresholdNames.flatMap((key) => (thresholdFields[key].kind === 'number' ? [[key, [thresholdFields[key].min, thresholdFields[key].max]]] : [])));
    assert.deepEqual(bounds, {
      unusedCredentialDays: [1, 365],
      keyRotationDays: [1, 365],
      reviewIntervalDays: [1, 365],
      rootActivityDays: [1, 90],
      maxSessionDurationSeconds: [3600, 43200],
      passwordMinimumLength: [8, 128],
      passwordMaxAgeDays: [1, 1095],
      passwordReusePrevention: [1, 24],
      staleDataHours: [6, 720],
    });
  });

  test('fractions, numbers as text, non-flags and unknown keys are refused; null resets', () => {
    assert.match(refusal({ keyRotationDays: 30.5 }), /^keyRotationDays: /);
    assert.match(refusal({ keyRotationDays: '30' }), /^keyRotationDays: /);
    assert.match(refusal({ passwordRequireNumbers: 'yes' }), /^passwordRequireNumbers: Require numbers must be true or false$/);
    assert.match(refusal({ keyRotationDays: 30, rotationDays: 30 }), /^unknown setting rotationDays; the settings are unusedCredentialDays, /);
    assert.match(refusal([]), /must be a JSON object/);
    assert.match(refusal({ syncSchedule: '   ' }), /^syncSchedule: /);
    const reset: SettingsUpdate = settingsUpdateSchema.parse({ keyRotationDays: null, syncSchedule: ' off ' });
    assert.deepEqual(reset, { keyRotationDays: null, syncSchedule: 'off' });
  });
});
