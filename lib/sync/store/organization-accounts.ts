import 'server-only';
import { db } from '@/lib/db';
import type { DiscoveredAccountRow } from '@/lib/sync/diff/organization-accounts';

// Writer of a discovery: every listed account with its OU path and state, in one transaction;
// accounts of the organization it no longer lists are marked REMOVED (their data stays).

export async function recordDiscovery(organizationId: string | null, rows: DiscoveredAccountRow[], now: Date): Promise<{ removed: string[] }> {
  return db.$transaction(
    async (tx) => {
      // Every stored account (a list of ids in the query would exceed SQLite's parameter limit at organization scale).
      const stored = await tx.account.findMany({ select: { id: true, organizationId: true, orgStatus: true, managedBy: true } });
      const known = new Map(stored.map((a) => [a.id, a]));
      const org = { organizationId, orgSeenAt: now };
      const fresh = rows.filter((r) => !known.has(r.id));
      if (fresh.length > 0) {
        await tx.account.createMany({
          data: fresh.map((r) => ({ id: r.id, name: r.name, access: 'assume-role', managedBy: 'organization', regions: [], ouId: r.ouId, ouPath: r.ouPath, orgStatus: r.orgStatus, exclusion: r.exclusion, ...org })),
        });
      }
      for (const r of rows) {
        const row = known.get(r.id);
        if (!row) continue;
        // Discovered names follow the organization; names given in the configuration stay.
        const name = row.managedBy === 'organization' ? { name: r.name } : {};
        await tx.account.update({ where: { id: r.id }, data: { ouId: r.ouId, ouPath: r.ouPath, orgStatus: r.orgStatus, exclusion: r.exclusion, ...name, ...org } });
      }
      // Without the organization's id nothing can be said about accounts it did not list.
      const listed = new Set(rows.map((r) => r.id));
      const gone = organizationId === null ? [] : stored.filter((a) => a.organizationId === organizationId && !listed.has(a.id) && a.orgStatus !== 'REMOVED');
      if (gone.length > 0) {
        await tx.account.updateMany({ where: { id: { in: gone.map((g) => g.id) } }, data: { orgStatus: 'REMOVED' } });
        await tx.account.updateMany({ where: { id: { in: gone.map((g) => g.id) }, managedBy: 'organization' }, data: { exclusion: 'no longer in the organization' } });
      }
      return { removed: gone.map((g) => g.id) };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}
