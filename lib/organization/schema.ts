import { z } from 'zod';

// Organization discovery: the role Warden assumes in every member account (deployed everywhere,
// in practice by a StackSet) and the accounts left out. Set by environment variables or on the
// Accounts screen (the environment wins); one schema for the route, the form and lib/env.

/** An IAM role name, optionally with its path ("WardenAudit", "security/WardenAudit"). */
export const memberRoleNameSchema = z
  .string()
  .trim()
  .regex(/^(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/, 'the member role name must be an IAM role name (letters, digits and +=,.@_-, at most 64), optionally after a path like security/')
  .max(512, 'the member role name with its path must be at most 512 characters');

/** AWS's ExternalId: 2–1224 characters of letters, digits and +=,.@:/-. */
export const memberExternalIdSchema = z
  .string()
  .regex(/^[\w+=,.@:/-]{2,1224}$/, 'the ExternalId must be 2–1224 characters of letters, digits and +=,.@:/-');

const accountId = z.string().regex(/^\d{12}$/, 'an excluded account must be a 12-digit AWS account id');
/** An OU id (ou-…) or the root's id (r-…). */
const ouId = z.string().regex(/^(?:ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32})$/, 'an excluded OU must be an OU id like ou-ab12-cd34ef56 (or a root id like r-ab12)');

export const organizationSettingsSchema = z.object({
  memberRoleName: memberRoleNameSchema.nullable(),
  externalId: memberExternalIdSchema.nullable(),
  excludedAccounts: z.array(accountId).max(10_000),
  excludedOus: z.array(ouId).max(1_000),
});
export type OrganizationSettings = z.infer<typeof organizationSettingsSchema>;

export const noOrganizationSettings: OrganizationSettings = { memberRoleName: null, externalId: null, excludedAccounts: [], excludedOus: [] };

/** A list typed as "id, id id\nid": split on commas and white space, empties dropped. */
export function splitList(raw: string): string[] {
  return raw.split(/[\s,]+/).filter((part) => part.length > 0);
}

/** PUT /api/admin/organization: the fields to change (a field set to null goes back to unset). */
export const organizationSettingsUpdateSchema = z
  .object({
    memberRoleName: memberRoleNameSchema.nullable().optional(),
    externalId: memberExternalIdSchema.nullable().optional(),
    excludedAccounts: z.array(accountId).max(10_000).optional(),
    excludedOus: z.array(ouId).max(1_000).optional(),
  })
  .strict();

export const organizationFieldNames = {
  memberRoleName: 'WARDEN_MEMBER_ROLE_NAME',
  externalId: 'WARDEN_MEMBER_EXTERNAL_ID',
  excludedAccounts: 'WARDEN_EXCLUDE_ACCOUNTS',
  excludedOus: 'WARDEN_EXCLUDE_OUS',
} as const satisfies Record<keyof OrganizationSettings, string>;

/** The settings in effect, and which fields the environment pins (the screen cannot change those). */
export const organizationSettingsViewSchema = z.object({
  settings: organizationSettingsSchema,
  envPinned: z.array(z.enum(['memberRoleName', 'externalId', 'excludedAccounts', 'excludedOus'])),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type OrganizationSettingsView = z.infer<typeof organizationSettingsViewSchema>;

/** What GET and PUT /api/admin/organization answer: the settings in effect, the ExternalId only as whether one is set. */
export const organizationSettingsPublicViewSchema = organizationSettingsViewSchema.extend({
  settings: organizationSettingsSchema.omit({ externalId: true }).extend({ externalIdSet: z.boolean() }),
});
export type OrganizationSettingsPublicView = z.infer<typeof organizationSettingsPublicViewSchema>;

/** The view with the ExternalId replaced by whether one is set: it is a shared secret of the trust policies. */
export function withoutExternalId(view: OrganizationSettingsView): OrganizationSettingsPublicView {
  const { externalId, ...settings } = view.settings;
  return { ...view, settings: { ...settings, externalIdSet: externalId !== null } };
}
