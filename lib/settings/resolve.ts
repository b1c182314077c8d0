import type { z } from 'zod';
import { thresholdEnvNames, thresholdsFromEnv } from '@/lib/checks/thresholds';
import { defaultThresholdSources, type ThresholdName, type ThresholdSources, type Thresholds } from '@/lib/checks/types';
import {
  defaultSettingValue,
  defaultSyncSchedule,
  settingEnvNames,
  settingKeys,
  syncScheduleEnvName,
  syncScheduleSchema,
  thresholdNames,
  thresholdValueSchema,
  type SettingKey,
  type SettingOrigin,
  type SettingValue,
  type SettingView,
} from '@/lib/settings/schema';
import { isoDate } from '@/lib/dates';

// Which value is in effect, pure: an environment variable (set and non-empty) wins, then the
// value an admin stored on the Settings screen, then the seed default. Each value says where it
// came from, in the words the checklist shows next to its verdicts.

export type StoredSetting = { key: string; value: unknown; updatedAt: Date; updatedBy: string };

/** A stored setting that no longer passes validation (edited in the database, or bounds changed). */
export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

type Env = Record<string, string | undefined>;

function isSet(raw: string | undefined): raw is string {
  return raw !== undefined && raw.trim() !== '';
}

export function envLocks(env: Env, key: SettingKey): boolean {
  return isSet(env[settingEnvNames[key]]);
}

export function storedSource(row: StoredSetting): string {
  return `set in Settings by ${row.updatedBy} on ${isoDate(row.updatedAt)}`;
}

function storedValue<T>(row: StoredSetting, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(row.value);
  if (!parsed.success) {
    const reason = parsed.error.issues.map((i) => i.message).join('; ');
    throw new SettingsError(
      `The stored setting ${row.key} (${JSON.stringify(row.value)}) is not valid: ${reason}. Reset it on the Settings screen or with PUT /api/admin/settings {"${row.key}": null}.`,
    );
  }
  return parsed.data;
}

export type ResolvedThresholds = { thresholds: Thresholds; sources: ThresholdSources; origins: Record<ThresholdName, SettingOrigin> };

/**
 * The thresholds in effect. Throws ThresholdConfigError naming the variable when an environment
 * value is malformed, SettingsError naming the key when a stored one is.
 */
export function resolveThresholds(env: Env, stored: readonly StoredSetting[]): ResolvedThresholds {
  const { thresholds, sources } = thresholdsFromEnv(env);
  const rows = new Map(stored.map((row) => [row.key, row]));
  const origins = {} as Record<ThresholdName, SettingOrigin>;
  for (const key of thresholdNames) {
    const row = rows.get(key);
    if (isSet(env[thresholdEnvNames[key]])) origins[key] = 'env';
    else if (row) {
      Object.assign(thresholds, { [key]: storedValue(row, thresholdValueSchema(key)) });
      sources[key] = storedSource(row);
      origins[key] = 'stored';
    } else origins[key] = 'default';
  }
  return { thresholds, sources, origins };
}

export type ResolvedSchedule = { expression: string; source: string; origin: SettingOrigin };

export const defaultScheduleSource = 'default: every 6 hours, on the hour (UTC)';

/** The sync schedule in effect: a cron expression or "off" (croner validates it where it runs). */
export function resolveSchedule(env: Env, stored: readonly StoredSetting[]): ResolvedSchedule {
  const raw = env[syncScheduleEnvName];
  if (isSet(raw)) return { expression: raw.trim(), source: `${syncScheduleEnvName} env`, origin: 'env' };
  const row = stored.find((r) => r.key === 'syncSchedule');
  if (row) return { expression: storedValue(row, syncScheduleSchema), source: storedSource(row), origin: 'stored' };
  return { expression: defaultSyncSchedule, source: defaultScheduleSource, origin: 'default' };
}

/** Every setting as the Settings screen shows it, in the catalogue's order. */
export function describeSettings(env: Env, stored: readonly StoredSetting[]): SettingView[] {
  const { thresholds, sources, origins } = resolveThresholds(env, stored);
  const schedule = resolveSchedule(env, stored);
  const rows = new Map(stored.map((row) => [row.key, row]));
  return settingKeys.map((key): SettingView => {
    const isSchedule = key === 'syncSchedule';
    const origin = isSchedule ? schedule.origin : origins[key];
    const value: SettingValue = isSchedule ? schedule.expression : thresholds[key];
    const row = origin === 'stored' ? rows.get(key) : undefined;
    return {
      key,
      value,
      defaultValue: defaultSettingValue(key),
      defaultSource: defaultSource(key),
      origin,
      source: isSchedule ? schedule.source : sources[key],
      envName: settingEnvNames[key],
      envLocked: origin === 'env',
      updatedBy: row?.updatedBy ?? null,
      updatedAt: row?.updatedAt.toISOString() ?? null,
    };
  });
}

/** The seed's own words for a default, for the screen ("seed: …"). */
export function defaultSource(key: SettingKey): string {
  return key === 'syncSchedule' ? defaultScheduleSource : defaultThresholdSources[key];
}
