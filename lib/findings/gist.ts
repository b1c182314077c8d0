import { z } from 'zod';
import { findingDetailSchema, type FindingDetail, type FindingGist } from '@/lib/findings/schema';

// What a finding is about, in one line: who can do what (external/internal access) or what has
// gone unused and since when. Pure, so the list and the detail view say the same thing.

const detailsSchema = z.array(z.unknown());

/** The stored details JSON as Warden's detail records; entries of an unknown shape become "unknown". */
export function parseStoredDetails(value: unknown): FindingDetail[] | null {
  if (value === null || value === undefined) return null;
  const list = detailsSchema.safeParse(value);
  if (!list.success) return [{ kind: 'unknown', raw: JSON.stringify(value).slice(0, 4000) }];
  return list.data.map((entry) => {
    const parsed = findingDetailSchema.safeParse(entry);
    return parsed.success ? parsed.data : { kind: 'unknown' as const, raw: JSON.stringify(entry).slice(0, 4000) };
  });
}

/** "AWS: arn:aws:iam::123456789012:root" — principal maps as AWS writes them, one entry per key. */
export function describePrincipal(principal: Record<string, string>): string | null {
  const entries = Object.entries(principal);
  if (entries.length === 0) return null;
  // "AWS" is the usual key: its value (an account, user or role ARN) speaks for itself.
  return entries.map(([k, v]) => (k === 'AWS' ? (/^\d{12}$/.test(v) ? `account ${v}` : v) : `${k}: ${v}`)).join(', ');
}

function newest(dates: (string | null)[]): string | null {
  let best: string | null = null;
  for (const d of dates) if (d !== null && (best === null || d > best)) best = d;
  return best;
}

const unusedLabel: Record<string, string> = {
  unusedIamRole: 'Role unused',
  unusedIamUserPassword: 'Console password unused',
  unusedIamUserAccessKey: 'Access key unused',
};

export function summarizeDetails(findingType: string, details: FindingDetail[] | null): FindingGist {
  if (details === null || details.length === 0) {
    return { principal: null, isPublic: null, actions: [], lastAccessed: null, text: details === null ? 'Details not read yet' : 'No details reported' };
  }
  const first = details[0];
  if (first && (first.kind === 'externalAccess' || first.kind === 'internalAccess')) {
    const access = details.filter((d): d is Extract<FindingDetail, { kind: 'externalAccess' | 'internalAccess' }> => d.kind === 'externalAccess' || d.kind === 'internalAccess');
    const principals = [...new Set(access.map((d) => describePrincipal(d.principal)).filter((p): p is string => p !== null))];
    const actions = [...new Set(access.flatMap((d) => d.action))];
    const isPublic = access.some((d) => d.kind === 'externalAccess' && d.isPublic === true) ? true : access.some((d) => d.kind === 'externalAccess' && d.isPublic === false) ? false : null;
    const who = isPublic ? 'Public (anyone)' : principals[0] ?? 'unknown principal';
    const more = principals.length > 1 ? ` +${principals.length - 1} more` : '';
    const what = actions.length === 0 ? 'access' : actions.length <= 2 ? actions.join(', ') : `${actions.slice(0, 2).join(', ')} +${actions.length - 2} more`;
    return { principal: principals.join('; ') || null, isPublic, actions, lastAccessed: null, text: `${who}${more} → ${what}` };
  }
  if (details.every((d) => d.kind === 'unusedPermission')) {
    const perms = details.filter((d): d is Extract<FindingDetail, { kind: 'unusedPermission' }> => d.kind === 'unusedPermission');
    const services = perms.map((d) => d.serviceNamespace);
    const actions = perms.flatMap((d) => d.actions.map((a) => a.action));
    const last = newest(perms.flatMap((d) => [d.lastAccessed, ...d.actions.map((a) => a.lastAccessed)]));
    const list = services.length <= 3 ? services.join(', ') : `${services.slice(0, 3).join(', ')} +${services.length - 3} more`;
    return { principal: null, isPublic: null, actions, lastAccessed: last, text: `Unused permissions: ${list}` };
  }
  if (first && first.kind in unusedLabel && 'lastAccessed' in first) {
    const key = first.kind === 'unusedIamUserAccessKey' ? ` ${first.accessKeyId}` : '';
    return { principal: null, isPublic: null, actions: [], lastAccessed: first.lastAccessed, text: `${unusedLabel[first.kind] ?? findingType}${key}` };
  }
  return { principal: null, isPublic: null, actions: [], lastAccessed: null, text: `${findingType}: details in an unrecognised shape` };
}
