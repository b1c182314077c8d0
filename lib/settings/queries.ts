import 'server-only';
import { currentTime } from '@/lib/clock';
import { isDeepStrictEqual } from 'node:util';
import { db } from '@/lib/db';
import { HttpError } from '@/lib/http';
import { recordAudit } from '@/lib/audit/queries';
import { checklistEvaluator } from '@/lib/checklist/evaluate-account';
import type { Prisma } from '@/lib/generated/prisma/client';
import { envLocks } from '@/lib/settings/resolve';
import { effectiveSchedule, loadSettingViews } from '@/lib/settings/store';
import { defaultSettingValue, settingEnvNames, settingKeys, type SettingChange, type SettingsSaved, type SettingsUpdate, type SettingsView, type SettingValue } from '@/lib/settings/schema';
import { applySchedule, nextScheduledSync, validateSchedule } from '@/lib/sync/scheduler';

// The Settings screen: what is in effect and where it comes from; saving records who changed what,
// re-schedules the sync and re-evaluates every account's checklist with the new thresholds.

export async function getSettingsView(): Promise<SettingsView> {
  return { settings: await loadSettingViews(), nextSyncAt: nextScheduledSync()?.toISOString() ?? null };
}

export async function saveSettings(input: SettingsUpdate, actor: string, now: Date = currentTime()): Promise<SettingsSaved> {
  const requested = settingKeys.flatMap((key) => {
    const value = input[key];
    return value === undefined ? [] : [{ key, value }];
  });

  const locked = requested.filter(({ key }) => envLocks(process.env, key));
  if (locked.length > 0) {
    throw new HttpError(409, locked.map(({ key }) => `${key} is set by ${settingEnvNames[key]}; change it there`).join('; '), locked[0]?.key);
  }
  if (typeof input.syncSchedule === 'string') {
    const problem = validateSchedule(input.syncSchedule, 'syncSchedule');
    if (problem) throw new HttpError(400, problem, 'syncSchedule');
  }

  // Read and written in one transaction, so that "from" is what the change replaced.
  const changes = await db.$transaction(async (tx) => {
    const rows = new Map((await tx.setting.findMany()).map((row) => [row.key, row]));
    const out: SettingChange[] = [];
    for (const { key, value } of requested) {
      const row = rows.get(key);
      const from = (row?.value as SettingValue | undefined) ?? defaultSettingValue(key);
      if (value === null) {
        if (!row) continue;
        await tx.setting.delete({ where: { key } });
        out.push({ key, from, to: defaultSettingValue(key) });
      } else {
        if (row && isDeepStrictEqual(row.value, value)) continue;
        const data = { value: value as Prisma.InputJsonValue, updatedBy: actor, updatedAt: now };
        await tx.setting.upsert({ where: { key }, create: { key, ...data }, update: data });
        out.push({ key, from, to: value });
      }
    }
    return out;
  });

  const warnings: string[] = [];
  let reevaluatedAccounts = 0;
  if (changes.length > 0) {
    await recordAudit(actor, 'settings.update', null, { changes });
    if (changes.some((c) => c.key === 'syncSchedule')) {
      applySchedule((await effectiveSchedule()).expression, 'syncSchedule');
    }
    if (changes.some((c) => c.key !== 'syncSchedule')) {
      const result = await reevaluateChecklists(now);
      reevaluatedAccounts = result.reevaluated;
      warnings.push(...result.warnings);
    }
  }
  return { ...(await getSettingsView()), changes, reevaluatedAccounts, warnings };
}

/**
 * The stored verdicts were judged with the old thresholds: evaluate every account that has a
 * checklist again, now, instead of at the next sync.
 */
async function reevaluateChecklists(now: Date): Promise<{ reevaluated: number; warnings: string[] }> {
  const accounts = await db.account.findMany({ where: { checklistRuns: { some: {} } }, select: { id: true, name: true }, orderBy: { name: 'asc' } });
  const warnings: string[] = [];
  let reevaluated = 0;
  const evaluate = checklistEvaluator();
  for (const account of accounts) {
    try {
      await evaluate(account.id, null, now);
      reevaluated += 1;
    } catch (error) {
      warnings.push(`The checklist of ${account.name} (${account.id}) could not be re-evaluated (${error instanceof Error ? error.message : String(error)}); it updates with the next sync.`);
    }
  }
  return { reevaluated, warnings };
}
