import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ThresholdConfigError, thresholdsFromEnv } from '@/lib/checks/thresholds';
import { defaultThresholds } from '@/lib/checks/types';

test('defaults come from the seed and say so', () => {
  const { thresholds, sources } = thresholdsFromEnv({});
  assert.deepEqual(thresholds, defaultThresholds);
  assert.equal(thresholds.unusedCredentialDays, 45);
  assert.equal(thresholds.keyRotationDays, 90);
  assert.equal(thresholds.reviewIntervalDays, 31);
  assert.equal(thresholds.passwordMinimumLength, 14);
  assert.equal(thresholds.passwordReusePrevention, 24);
  assert.match(sources.keyRotationDays, /^seed: /);
  assert.match(sources.passwordMinimumLength, /--minimum-password-length 14/);
});

test('WARDEN_… variables override, and the source names the variable', () => {
  const { thresholds, sources } = thresholdsFromEnv({
    WARDEN_UNUSED_CREDENTIAL_DAYS: '30',
    WARDEN_PASSWORD_REQUIRE_SYMBOLS: 'false',
    WARDEN_KEY_ROTATION_DAYS: '',
  });
  assert.equal(thresholds.unusedCredentialDays, 30);
  assert.equal(sources.unusedCredentialDays, 'WARDEN_UNUSED_CREDENTIAL_DAYS env');
  assert.equal(thresholds.passwordRequireSymbols, false);
  assert.equal(thresholds.keyRotationDays, 90);
  assert.match(sources.keyRotationDays, /^seed: /);
});

test('a malformed value names the variable', () => {
  assert.throws(() => thresholdsFromEnv({ WARDEN_REVIEW_INTERVAL_DAYS: 'monthly' }), (error: unknown) =>
    error instanceof ThresholdConfigError && /WARDEN_REVIEW_INTERVAL_DAYS must be a whole number/.test(error.message));
  assert.throws(() => thresholdsFromEnv({ WARDEN_PASSWORD_REQUIRE_NUMBERS: 'yes please' }), /WARDEN_PASSWORD_REQUIRE_NUMBERS must be true or false/);
});
