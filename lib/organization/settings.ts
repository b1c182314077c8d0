import 'server-only';
import { recordAudit } from '@/lib/audit/queries';
import { currentTime } from '@/lib/clock';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import {
  noOrganizationSettings,
  organizationSettingsSchema,
  type OrganizationSettings,
  type OrganizationSettingsView,
} from '@/lib/organization/schema';
import type { z } from 'zod';
import type { organizationSettingsUpdateSchema } from '@/lib/organization/schema';

// Organization discovery settings in effect: each field from its environment variable when set,
// else from the Accounts screen (one Setting row, key "organization"), else unset.

const settingKey = 'organization';

async function storedOrganizationSettings(): Promise<{ settings: OrganizationSettings; updatedAt: Date | null; updatedBy: string | null }> {
  const row = await db.setting.findUnique({ where: { key: settingKey } });
  if (!row) return { settings: noOrganizationSettings, updatedAt: null, updatedBy: null };
  // A stored value that no longer parses (hand-edited database) counts as unset rather than half-read.
  const parsed = organizationSettingsSchema.safeParse(row.value);
  return { settings: parsed.success ? parsed.data : noOrganizationSettings, updatedAt: row.updatedAt, updatedBy: row.updatedBy };
}

function pinnedByEnv(): Partial<OrganizationSettings> {
  const e = env();
  const pinned: Partial<OrganizationSettings> = {};
  if (e.WARDEN_MEMBER_ROLE_NAME !== undefined) pinned.memberRoleName = e.WARDEN_MEMBER_ROLE_NAME;
  if (e.WARDEN_MEMBER_EXTERNAL_ID !== undefined) pinned.externalId = e.WARDEN_MEMBER_EXTERNAL_ID;
  if (e.WARDEN_EXCLUDE_ACCOUNTS !== undefined) pinned.excludedAccounts = e.WARDEN_EXCLUDE_ACCOUNTS;
  if (e.WARDEN_EXCLUDE_OUS !== undefined) pinned.excludedOus = e.WARDEN_EXCLUDE_OUS;
  return pinned;
}

export async function organizationSettingsView(): Promise<OrganizationSettingsView> {
  const stored = await storedOrganizationSettings();
  const pinned = pinnedByEnv();
  return {
    settings: { ...stored.settings, ...pinned },
    envPinned: (Object.keys(pinned) as (keyof OrganizationSettings)[]).sort(),
    updatedAt: stored.updatedAt?.toISOString() ?? null,
    updatedBy: stored.updatedBy,
  };
}

/** The settings a sync uses. */
export async function effectiveOrganizationSettings(): Promise<OrganizationSettings> {
  return (await organizationSettingsView()).settings;
}

export class PinnedSettingError extends Error {
  constructor(readonly field: keyof OrganizationSettings, readonly envName: string) {
    super(`${field} is set by ${envName}; change it there`);
  }
}

/** Saves the fields given (null unsets one); a field its environment variable pins is refused. */
export async function saveOrganizationSettings(
  update: z.infer<typeof organizationSettingsUpdateSchema>,
  actor: string,
  envNames: Record<keyof OrganizationSettings, string>,
): Promise<OrganizationSettingsView> {
  const pinned = pinnedByEnv();
  for (const field of Object.keys(update) as (keyof OrganizationSettings)[]) {
    if (field in pinned) throw new PinnedSettingError(field, envNames[field]);
  }
  const stored = (await storedOrganizationSettings()).settings;
  const next: OrganizationSettings = organizationSettingsSchema.parse({
    memberRoleName: update.memberRoleName === undefined ? stored.memberRoleName : update.memberRoleName,
    externalId: update.externalId === undefined ? stored.externalId : update.externalId,
    excludedAccounts: [...new Set(update.excludedAccounts ?? stored.excludedAccounts)].sort(),
    excludedOus: [...new Set(update.excludedOus ?? stored.excludedOus)].sort(),
  });
  await db.setting.upsert({ where: { key: settingKey }, create: { key: settingKey, value: next, updatedBy: actor }, update: { value: next, updatedBy: actor } });
  // The ExternalId is a shared secret of the trust policies: the audit says whether it changed, not what it is.
  const changed = (Object.keys(next) as (keyof OrganizationSettings)[]).filter((k) => JSON.stringify(next[k]) !== JSON.stringify(stored[k]));
  await recordAudit(actor, 'organization.update', null, { changed, memberRoleName: next.memberRoleName, excludedAccounts: next.excludedAccounts, excludedOus: next.excludedOus }, currentTime());
  return organizationSettingsView();
}
