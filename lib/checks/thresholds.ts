import {
  defaultThresholds,
  defaultThresholdSources,
  type ThresholdName,
  type ThresholdSources,
  type Thresholds,
} from '@/lib/checks/types';

// Thresholds are configuration: each may be overridden by a WARDEN_… environment variable, and
// the verdicts show where every value came from.

export const thresholdEnvNames: Record<ThresholdName, string> = {
  unusedCredentialDays: 'WARDEN_UNUSED_CREDENTIAL_DAYS',
  keyRotationDays: 'WARDEN_KEY_ROTATION_DAYS',
  reviewIntervalDays: 'WARDEN_REVIEW_INTERVAL_DAYS',
  rootActivityDays: 'WARDEN_ROOT_ACTIVITY_DAYS',
  maxSessionDurationSeconds: 'WARDEN_MAX_SESSION_DURATION_SECONDS',
  passwordMinimumLength: 'WARDEN_PASSWORD_MIN_LENGTH',
  passwordRequireSymbols: 'WARDEN_PASSWORD_REQUIRE_SYMBOLS',
  passwordRequireNumbers: 'WARDEN_PASSWORD_REQUIRE_NUMBERS',
  passwordRequireUppercase: 'WARDEN_PASSWORD_REQUIRE_UPPERCASE',
  passwordRequireLowercase: 'WARDEN_PASSWORD_REQUIRE_LOWERCASE',
  passwordMaxAgeDays: 'WARDEN_PASSWORD_MAX_AGE_DAYS',
  passwordReusePrevention: 'WARDEN_PASSWORD_REUSE_PREVENTION',
  staleDataHours: 'WARDEN_STALE_DATA_HOURS',
};

export class ThresholdConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ThresholdConfigError';
  }
}

function parseWholeNumber(name: string, raw: string): number {
  if (!/^\d+$/.test(raw.trim())) {
    throw new ThresholdConfigError(`${name} must be a whole number, not ${JSON.stringify(raw)}`);
  }
  return Number(raw.trim());
}

function parseFlag(name: string, raw: string): boolean {
  const value = raw.trim().toLowerCase();
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new ThresholdConfigError(`${name} must be true or false, not ${JSON.stringify(raw)}`);
}

/**
 * The thresholds from an environment (defaults where a variable is unset or empty), with each
 * value's source. Throws ThresholdConfigError naming the variable whose value is malformed.
 */
export function thresholdsFromEnv(env: Record<string, string | undefined>): {
  thresholds: Thresholds;
  sources: ThresholdSources;
} {
  const thresholds: Thresholds = { ...defaultThresholds };
  const sources: ThresholdSources = { ...defaultThresholdSources };
  const names = Object.keys(thresholdEnvNames).filter((key): key is ThresholdName => key in thresholds);
  for (const key of names) {
    const envName = thresholdEnvNames[key];
    const raw = env[envName];
    if (raw === undefined || raw.trim() === '') continue;
    const current = thresholds[key];
    if (typeof current === 'boolean') {
      Object.assign(thresholds, { [key]: parseFlag(envName, raw) });
    } else {
      Object.assign(thresholds, { [key]: parseWholeNumber(envName, raw) });
    }
    sources[key] = `${envName} env`;
  }
  return { thresholds, sources };
}
