import { z } from 'zod';
import { accountIdSchema } from '@/lib/accounts/schema';
import { searchTextParam, wholeNumberParam } from '@/lib/query-params';

// Payloads of /api/sync, shared by the route handler and the client hooks.

export const sourceStatusSchema = z.enum(['pending', 'running', 'ok', 'failed', 'skipped']);

/** One source of one account in a run. */
export const syncSourceRunSchema = z.object({
  source: z.string(),
  status: sourceStatusSchema,
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  apiCalls: z.number().int(),
  records: z.number().int(),
  error: z.string().nullable(),
  /** How the error was classified (access-denied, throttled, …). */
  errorCode: z.string().nullable(),
  missingPermissions: z.array(z.string()),
});
export type SyncSourceRunView = z.infer<typeof syncSourceRunSchema>;

/** What a run's sources came to, counted in the database (lib/sync/queries.ts runTallies). */
export const runTallySchema = z.object({
  /** Sources the run set out to read, and how many of them are done (not pending or running). */
  total: z.number().int(),
  done: z.number().int(),
  ok: z.number().int(),
  /** Of the ok ones: stored, but a part was denied or failed (an error or missing permissions). */
  incomplete: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  records: z.number().int(),
  apiCalls: z.number().int(),
  /** Accounts the run read, and how many of them have a source that failed, was skipped or is incomplete. */
  accounts: z.number().int(),
  problemAccounts: z.number().int(),
});
export type RunTally = z.infer<typeof runTallySchema>;

export const syncRunSchema = z.object({
  id: z.string(),
  trigger: z.string(),
  mode: z.string(),
  actor: z.string().nullable(),
  status: z.enum(['running', 'ok', 'partial', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  apiCalls: z.number().int(),
  error: z.string().nullable(),
  /** Its sources, counted (with ?account=, that account's only); GET /api/sync/runs/:id/accounts lists them. */
  tally: runTallySchema,
});
export type SyncRunView = z.infer<typeof syncRunSchema>;

export const syncRunListSchema = z.object({ runs: z.array(syncRunSchema), running: z.boolean() });
export type SyncRunList = z.infer<typeof syncRunListSchema>;

export const syncListQuerySchema = z.object({
  take: wholeNumberParam('take', 1, 200).default(20),
  /** Only runs that read this account, counting only its sources. */
  account: accountIdSchema.optional(),
});

/** How many accounts one page of a run's accounts shows. */
export const runAccountsPageSize = 50;

/** GET /api/sync/runs/:id/accounts: a page of the run's accounts, problems first, searchable. */
export const syncRunAccountsQuerySchema = z.object({
  page: wholeNumberParam('page', 1, 1_000_000).default(1),
  pageSize: wholeNumberParam('pageSize', 1, 200).default(runAccountsPageSize),
  /** Part of the account's name or id, case-insensitive. */
  q: searchTextParam,
  /** first: accounts with a failed, skipped or incomplete source before the others; only: just those. */
  problems: z.enum(['first', 'only'], { error: 'problems must be first or only' }).default('first'),
  /** Only this account (the account picker's choice). */
  account: accountIdSchema.optional(),
});
export type SyncRunAccountsQuery = z.infer<typeof syncRunAccountsQuerySchema>;
export type SyncRunAccountsQueryInput = z.input<typeof syncRunAccountsQuerySchema>;

/** A run's id in the path; any text the store could hold, within reason. */
export const syncRunIdSchema = z.string().min(1, 'run id is missing').max(64, 'run id must be at most 64 characters');

/** One account of a run with every source the run read of it. */
export const syncRunAccountSchema = z.object({
  accountId: z.string(),
  accountName: z.string(),
  /** A source failed, was skipped or is incomplete. */
  problem: z.boolean(),
  sources: z.array(syncSourceRunSchema),
});
export type SyncRunAccount = z.infer<typeof syncRunAccountSchema>;

export const syncRunAccountsSchema = z.object({
  runId: z.string(),
  runStatus: syncRunSchema.shape.status,
  accounts: z.array(syncRunAccountSchema),
  /** Accounts that match the query (search, problems only, account), and how many of them have a problem. */
  total: z.number().int(),
  problemAccounts: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type SyncRunAccounts = z.infer<typeof syncRunAccountsSchema>;

export const syncStartedSchema = z.object({ runId: z.string(), alreadyRunning: z.boolean() });
export type SyncStarted = z.infer<typeof syncStartedSchema>;

/** The sync screen's URL (?page=, ?account=); anything malformed falls back to its default. */
export const syncPageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).catch(1).default(1),
  account: accountIdSchema.optional().catch(undefined),
});

export const syncRunsPerPage = 20;

/** How long a run took, or has been running (null before it started). */
export function runDurationMs(run: { startedAt: string | null; finishedAt: string | null }, now: Date): number | null {
  if (run.startedAt === null) return null;
  const end = run.finishedAt === null ? now.getTime() : Date.parse(run.finishedAt);
  return Math.max(0, end - Date.parse(run.startedAt));
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  const totalSeconds = Math.round(s);
  const minutes = Math.floor(totalSeconds / 60);
  if (minutes < 60) return `${minutes} min ${totalSeconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export type SourceTally = Omit<RunTally, 'accounts' | 'problemAccounts'>;

/**
 * Sources that share an outcome: how many, their records and API calls summed. The database
 * groups a run's sources this way (lib/sync/queries.ts); a single source is a group of one.
 */
export type SourceGroup = { status: SyncSourceRunView['status']; incomplete?: boolean; count?: number; records: number; apiCalls: number };

/** Outcomes of sources: how many are done, ok, incomplete, failed or skipped; records and calls summed. */
export function tallySources(groups: readonly SourceGroup[]): SourceTally {
  const t: SourceTally = { total: 0, done: 0, ok: 0, incomplete: 0, failed: 0, skipped: 0, records: 0, apiCalls: 0 };
  for (const g of groups) {
    const n = g.count ?? 1;
    t.total += n;
    if (g.status !== 'pending' && g.status !== 'running') t.done += n;
    if (g.status === 'ok') t.ok += n;
    if (g.status === 'ok' && g.incomplete) t.incomplete += n;
    if (g.status === 'failed') t.failed += n;
    if (g.status === 'skipped') t.skipped += n;
    t.records += g.records;
    t.apiCalls += g.apiCalls;
  }
  return t;
}
