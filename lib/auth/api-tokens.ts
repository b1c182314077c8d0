import 'server-only';
import { currentTime } from '@/lib/clock';
import { db } from '@/lib/db';
import { randomSecret, sha256Hex } from '@/lib/auth/secrets';
import { roleSchema, type Role } from '@/lib/auth/roles';
import type { TokenRow } from '@/lib/auth/schema';
import type { ApiToken } from '@/lib/generated/prisma/client';
import { DAY_MS } from '@/lib/dates';

// API tokens for automation (`Authorization: Bearer wdn_…`): each has a role, may expire, can be
// revoked, and is stored as its sha256 only. The token is shown once, when it is created.

export const tokenPrefix = 'wdn_';
const touchEveryMs = 60_000;

export type TokenCaller = { tokenId: string; name: string; role: Role };
export type TokenLookup = { ok: true; token: TokenCaller } | { ok: false; reason: string };

export async function createApiToken(input: { name: string; role: Role; expiresInDays: number | null; createdBy: string }, now = currentTime()) {
  const token = randomSecret(tokenPrefix);
  const record = await db.apiToken.create({
    data: {
      name: input.name,
      role: input.role,
      tokenHash: sha256Hex(token),
      prefix: token.slice(0, tokenPrefix.length + 8),
      createdBy: input.createdBy,
      createdAt: now,
      expiresAt: input.expiresInDays === null ? null : new Date(now.getTime() + input.expiresInDays * DAY_MS),
    },
  });
  return { token, record };
}

export async function findApiToken(token: string, now = currentTime()): Promise<TokenLookup> {
  if (!token.startsWith(tokenPrefix) || token.length > 100) return { ok: false, reason: 'the API token is not valid' };
  const record = await db.apiToken.findUnique({ where: { tokenHash: sha256Hex(token) } });
  if (!record) return { ok: false, reason: 'the API token is not valid' };
  if (record.revokedAt) return { ok: false, reason: 'the API token has been revoked' };
  if (record.expiresAt && record.expiresAt <= now) return { ok: false, reason: 'the API token has expired' };
  const role = roleSchema.safeParse(record.role);
  if (!role.success) return { ok: false, reason: 'the API token is not valid' };
  if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() > touchEveryMs) {
    await db.apiToken.updateMany({ where: { id: record.id }, data: { lastUsedAt: now } });
  }
  return { ok: true, token: { tokenId: record.id, name: record.name, role: role.data } };
}

/** Null when there is no such token; `changed` is false when it was revoked already. */
export async function revokeApiToken(id: string, by: string, now = currentTime()): Promise<{ record: TokenRow; changed: boolean } | null> {
  const record = await db.apiToken.findUnique({ where: { id } });
  if (!record) return null;
  if (record.revokedAt) return { record: tokenRow(record), changed: false };
  return { record: tokenRow(await db.apiToken.update({ where: { id }, data: { revokedAt: now, revokedBy: by } })), changed: true };
}

export function tokenRow(t: ApiToken): TokenRow {
  return {
    id: t.id,
    name: t.name,
    role: roleSchema.catch('viewer').parse(t.role),
    prefix: t.prefix,
    createdBy: t.createdBy,
    createdAt: t.createdAt,
    expiresAt: t.expiresAt,
    lastUsedAt: t.lastUsedAt,
    revokedAt: t.revokedAt,
    revokedBy: t.revokedBy,
  };
}

export async function listApiTokens(): Promise<TokenRow[]> {
  return (await db.apiToken.findMany({ orderBy: { createdAt: 'desc' } })).map(tokenRow);
}
