import 'server-only';
import { db } from '@/lib/db';
import type { SandboxState } from '@/lib/sandbox/model';
import type { StartSandboxOptions } from '@/lib/sandbox/server';
import { setFindingStatus } from '@/lib/sandbox/services/access-analyzer';

// Demo mode's "AWS" is a sandbox in each process: every instance on a shared database (and the
// `npm run sync` CLI beside a server) has its own, started from the same seed. The only thing
// Warden changes in it is a finding's status (UpdateFindings: archive, re-activate, an archive's
// expiry), and each change AWS accepted is recorded in the database: the finding's status, and a
// FindingTriage row. So before a sandbox answers about findings, every finding Warden ever changed
// takes the status the database holds: an archive made through one instance is not undone by a
// sync that another instance (or a restarted one) runs. The database's status, not the log's
// order, is what counts: the log is ordered by each instance's clock, and a sync that read a
// finding read it from a sandbox brought in step this way, under the account's sync lock.

/** The Access Analyzer operations whose answer depends on, or changes, a finding's status. */
const findingOperations = new Set(['ListFindings', 'ListFindingsV2', 'GetFindingV2', 'UpdateFindings']);

/** Gives each finding Warden changed the status the database holds; returns how many changed here. */
export async function applyRecordedTriage(state: SandboxState): Promise<number> {
  // From the triage log's side: as many rows as findings Warden changed, however many findings there are.
  const lastChange = new Map((await db.findingTriage.groupBy({ by: ['findingKey'], _max: { at: true } })).map((g) => [g.findingKey, g._max.at]));
  if (lastChange.size === 0) return 0;
  const triaged = await db.finding.findMany({ where: { key: { in: [...lastChange.keys()] } }, select: { key: true, id: true, analyzerArn: true, status: true } });
  let changed = 0;
  for (const f of triaged) {
    const at = lastChange.get(f.key);
    if ((f.status !== 'ACTIVE' && f.status !== 'ARCHIVED') || !at) continue;
    if (setFindingStatus(state, f.analyzerArn, f.id, f.status, at)) changed += 1;
  }
  return changed;
}

/** The demo sandbox's beforeCall: the findings Warden changed follow the database. */
export const followRecordedTriage: NonNullable<StartSandboxOptions['beforeCall']> = async ({ service, operation, state }) => {
  if (service === 'access-analyzer' && findingOperations.has(operation)) await applyRecordedTriage(state);
};
