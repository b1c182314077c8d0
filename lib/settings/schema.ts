import { z } from 'zod';
import { thresholdEnvNames } from '@/lib/checks/thresholds';
import { defaultThresholds, type ThresholdName } from '@/lib/checks/types';
import { scheduleFloorProblem } from '@/lib/settings/schedule-floor';

// The settings an admin manages on the Settings screen: the checklist thresholds and the sync
// schedule. One catalogue (labels, units, bounds) and one schema for PUT /api/admin/settings, read
// by the route handler and the form alike. Where each value comes from: lib/settings/resolve.ts.

export const defaultSyncSchedule = '0 */6 * * *';
export const syncScheduleEnvName = 'WARDEN_SYNC_SCHEDULE';

type NumberField = { kind: 'number'; label: string; unit: string; min: number; max: number; help: string };
type FlagField = { kind: 'flag'; label: string; help: string };

// Bounds: what AWS itself accepts where the threshold mirrors an AWS setting, else what keeps a
// verdict meaningful. The minimum password length stops at 8 although AWS accepts 6: NIST SP
// 800-63B's floor for chosen passwords, so that "pass" still means something (the seed asks 14).
export const thresholdFields = {
  unusedCredentialDays: {
    kind: 'number',
    label: 'Unused credentials',
    unit: 'days',
    min: 1,
    max: 365,
    help: 'A console password or active access key unused for longer fails item 5 (CIS 1.12 says 45). At most 365, Access Analyzer’s longest unused-access age.',
  },
  keyRotationDays: {
    kind: 'number',
    label: 'Access key rotation',
    unit: 'days',
    min: 1,
    max: 365,
    help: 'An active access key older than this fails item 6 and counts as “crossing” on the Credentials screen.',
  },
  reviewIntervalDays: {
    kind: 'number',
    label: 'Credential report review interval',
    unit: 'days',
    min: 1,
    max: 365,
    help: 'Item 14 fails when the last signed-off review is older; the Review screen plans the next one from it.',
  },
  rootActivityDays: {
    kind: 'number',
    label: 'Root activity window',
    unit: 'days',
    min: 1,
    max: 90,
    help: 'Root use within this window fails item 15. At most 90: CloudTrail keeps 90 days of events.',
  },
  maxSessionDurationSeconds: {
    kind: 'number',
    label: 'Maximum session duration',
    unit: 'seconds',
    min: 3600,
    max: 43200,
    help: 'A role other accounts can assume with longer sessions fails item 12. IAM’s own range: 3600–43200 seconds (1–12 hours).',
  },
  passwordMinimumLength: {
    kind: 'number',
    label: 'Minimum password length',
    unit: 'characters',
    min: 8,
    max: 128,
    help: 'AWS accepts 6–128; Warden asks at least 8 (NIST SP 800-63B) so that a pass still means something. CIS 1.8 asks 14.',
  },
  passwordRequireSymbols: { kind: 'flag', label: 'Require symbols', help: 'The password policy must require at least one symbol.' },
  passwordRequireNumbers: { kind: 'flag', label: 'Require numbers', help: 'The password policy must require at least one number.' },
  passwordRequireUppercase: { kind: 'flag', label: 'Require upper case', help: 'The password policy must require at least one upper-case letter.' },
  passwordRequireLowercase: { kind: 'flag', label: 'Require lower case', help: 'The password policy must require at least one lower-case letter.' },
  passwordMaxAgeDays: {
    kind: 'number',
    label: 'Maximum password age',
    unit: 'days',
    min: 1,
    max: 1095,
    help: 'Passwords must expire within this many days. AWS’s range: 1–1095.',
  },
  passwordReusePrevention: {
    kind: 'number',
    label: 'Passwords remembered',
    unit: 'passwords',
    min: 1,
    max: 24,
    help: 'The policy must prevent reusing at least this many previous passwords. AWS’s range: 1–24.',
  },
  staleDataHours: {
    kind: 'number',
    label: 'Data too old to pass',
    unit: 'hours',
    min: 6,
    max: 720,
    help: 'An item that would pass becomes unknown when a source it rests on was last read longer ago (syncs failing, account paused). At least 6 hours: the default schedule syncs every 6.',
  },
} as const satisfies Record<ThresholdName, NumberField | FlagField>;

export type ThresholdField = NumberField | FlagField;

export const thresholdNames = Object.keys(thresholdFields) as ThresholdName[];

export type SettingKey = ThresholdName | 'syncSchedule';
export const settingKeys: readonly SettingKey[] = [...thresholdNames, 'syncSchedule'];
export const settingKeySchema = z.enum(settingKeys);

export const settingLabels: Record<SettingKey, string> = {
  ...(Object.fromEntries(thresholdNames.map((key) => [key, thresholdFields[key].label])) as Record<ThresholdName, string>),
  syncSchedule: 'Sync schedule',
};

export const settingEnvNames: Record<SettingKey, string> = { ...thresholdEnvNames, syncSchedule: syncScheduleEnvName };

export const settingGroups: { title: string; description: string; keys: ThresholdName[] }[] = [
  { title: 'Credentials', description: 'Items 5, 6 and 14, and the Credentials and Review screens.', keys: ['unusedCredentialDays', 'keyRotationDays', 'reviewIntervalDays'] },
  { title: 'Root & sessions', description: 'Items 15 and 12.', keys: ['rootActivityDays', 'maxSessionDurationSeconds'] },
  { title: 'Data freshness', description: 'Every item: no pass on old data.', keys: ['staleDataHours'] },
  {
    title: 'Password policy',
    description: 'Item 4: the account password policy must be at least this strict.',
    keys: [
      'passwordMinimumLength',
      'passwordRequireSymbols',
      'passwordRequireNumbers',
      'passwordRequireUppercase',
      'passwordRequireLowercase',
      'passwordMaxAgeDays',
      'passwordReusePrevention',
    ],
  },
];

function numberSchema(field: NumberField) {
  const range = `${field.label} must be a whole number of ${field.unit} from ${field.min} to ${field.max}`;
  return z.number({ error: range }).int(range).min(field.min, range).max(field.max, range);
}

function flagSchema(field: FlagField) {
  return z.boolean({ error: `${field.label} must be true or false` });
}

/** One threshold's value as stored and as sent: a whole number within its bounds, or a flag. */
export function thresholdValueSchema(key: ThresholdName): z.ZodType<number | boolean> {
  const field: ThresholdField = thresholdFields[key];
  return field.kind === 'flag' ? flagSchema(field) : numberSchema(field);
}

/**
 * A cron expression (five or six fields, UTC) or "off", firing at most every
 * `minimumSyncIntervalMinutes`; croner checks the fields on the server.
 */
export const syncScheduleSchema = z
  .string({ error: 'Sync schedule must be a cron expression or off' })
  .trim()
  .min(1, 'Sync schedule must be a cron expression or off')
  .max(120, 'Sync schedule must be at most 120 characters')
  .superRefine((expression, ctx) => {
    const problem = scheduleFloorProblem(expression, 'Sync schedule');
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const update = (key: ThresholdName) => thresholdValueSchema(key).nullable().optional();

/**
 * PUT /api/admin/settings: only the settings to change; null resets one to its default (its
 * stored value is removed). Unknown keys are refused.
 */
export const settingsUpdateSchema = z.strictObject(
  {
    unusedCredentialDays: update('unusedCredentialDays'),
    keyRotationDays: update('keyRotationDays'),
    reviewIntervalDays: update('reviewIntervalDays'),
    rootActivityDays: update('rootActivityDays'),
    maxSessionDurationSeconds: update('maxSessionDurationSeconds'),
    passwordMinimumLength: update('passwordMinimumLength'),
    passwordRequireSymbols: update('passwordRequireSymbols'),
    passwordRequireNumbers: update('passwordRequireNumbers'),
    passwordRequireUppercase: update('passwordRequireUppercase'),
    passwordRequireLowercase: update('passwordRequireLowercase'),
    passwordMaxAgeDays: update('passwordMaxAgeDays'),
    passwordReusePrevention: update('passwordReusePrevention'),
    staleDataHours: update('staleDataHours'),
    syncSchedule: syncScheduleSchema.nullable().optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown setting${issue.keys.length === 1 ? '' : 's'} ${issue.keys.join(', ')}; the settings are ${settingKeys.join(', ')}`
        : issue.code === 'invalid_type'
          ? 'the body must be a JSON object of settings to change'
          : undefined,
  },
);
export type SettingsUpdate = z.infer<typeof settingsUpdateSchema>;

export const settingValueSchema = z.union([z.number(), z.boolean(), z.string()]);
export type SettingValue = z.infer<typeof settingValueSchema>;

export const settingOriginSchema = z.enum(['env', 'stored', 'default']);
export type SettingOrigin = z.infer<typeof settingOriginSchema>;

/** One setting as the screen shows it: the value in effect, where it comes from, its default. */
export const settingViewSchema = z.object({
  key: settingKeySchema,
  value: settingValueSchema,
  defaultValue: settingValueSchema,
  /** Why the default is what it is (the seed's words). */
  defaultSource: z.string(),
  origin: settingOriginSchema,
  /** The same text the checklist shows next to a threshold. */
  source: z.string(),
  envName: z.string(),
  /** Set by its environment variable: the screen cannot change it. */
  envLocked: z.boolean(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type SettingView = z.infer<typeof settingViewSchema>;

export const settingsViewSchema = z.object({
  settings: z.array(settingViewSchema),
  /** The scheduled sync job's next run in this server process; null when there is none. */
  nextSyncAt: z.string().nullable(),
});
export type SettingsView = z.infer<typeof settingsViewSchema>;

export const settingChangeSchema = z.object({ key: settingKeySchema, from: settingValueSchema, to: settingValueSchema });
export type SettingChange = z.infer<typeof settingChangeSchema>;

export const settingsSavedSchema = settingsViewSchema.extend({
  changes: z.array(settingChangeSchema),
  /** Accounts whose checklist was evaluated again with the new thresholds. */
  reevaluatedAccounts: z.number().int(),
  warnings: z.array(z.string()),
});
export type SettingsSaved = z.infer<typeof settingsSavedSchema>;

export function defaultSettingValue(key: SettingKey): SettingValue {
  return key === 'syncSchedule' ? defaultSyncSchedule : defaultThresholds[key];
}
