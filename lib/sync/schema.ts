import { z } from 'zod';
import { accountIdSchema } from '@/lib/accounts/schema';

// Payloads of /api/sync, shared by the route handler and the client hooks.

export const sourceStatusSchema = z.enum(['pending', 'running', 'ok', 'failed', 'skipped']);

export const syncSourceRunSchema = z.object({
  accountId: z.string(),
  accountName: z.string().nullable(),
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
  sources: z.array(syncSourceRunSchema),
});
export type SyncRunView = z.infer<typeof syncRunSchema>;

export const syncRunListSchema = z.object({ runs: z.array(syncRunSchema), running: z.boolean() });
export type SyncRunList = z.infer<typeof syncRunListSchema>;

export const syncListQuerySchema = z.object({
  take: z.coerce.number({ error: 'take must be a number' }).int('take must be a whole number').min(1, 'take must be at least 1').max(200, 'take must be at most 200').default(20),
});

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

export type SourceTally = { total: number; done: number; ok: number; failed: number; skipped: number; records: number; apiCalls: number };

/** Outcomes of a run's sources: how many are done, how many failed, records and calls summed. */
export function tallySources(sources: readonly Pick<SyncSourceRunView, 'status' | 'records' | 'apiCalls'>[]): SourceTally {
  const t: SourceTally = { total: sources.length, done: 0, ok: 0, failed: 0, skipped: 0, records: 0, apiCalls: 0 };
  for (const s of sources) {
    if (s.status !== 'pending' && s.status !== 'running') t.done += 1;
    if (s.status === 'ok') t.ok += 1;
    if (s.status === 'failed') t.failed += 1;
    if (s.status === 'skipped') t.skipped += 1;
    t.records += s.records;
    t.apiCalls += s.apiCalls;
  }
  return t;
}
