import 'server-only';
import { db } from '@/lib/db';
import type { ThresholdSources, Thresholds } from '@/lib/checks/types';
import { describeSettings, resolveSchedule, resolveThresholds, type ResolvedSchedule, type StoredSetting } from '@/lib/settings/resolve';
import type { SettingView } from '@/lib/settings/schema';

// The settings in effect for this process: its environment over the Setting rows over the seed
// defaults. Read at every use, so a change on the Settings screen applies at once. Changing them:
// lib/settings/queries.ts.

export async function storedSettings(): Promise<StoredSetting[]> {
  return db.setting.findMany({ orderBy: { key: 'asc' } });
}

/**
 * The checklist thresholds in effect, with where each came from. Throws ThresholdConfigError
 * naming the variable when an environment value is malformed.
 */
export async function loadThresholds(): Promise<{ thresholds: Thresholds; sources: ThresholdSources }> {
  const { thresholds, sources } = resolveThresholds(process.env, await storedSettings());
  return { thresholds, sources };
}

/** The sync schedule in effect: WARDEN_SYNC_SCHEDULE, else the stored one, else every 6 hours. */
export async function effectiveSchedule(): Promise<ResolvedSchedule> {
  return resolveSchedule(process.env, await db.setting.findMany({ where: { key: 'syncSchedule' } }));
}

export async function loadSettingViews(): Promise<SettingView[]> {
  return describeSettings(process.env, await storedSettings());
}
