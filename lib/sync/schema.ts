import { z } from 'zod';

// Payloads of /api/sync, shared by the route handler and the client hooks.

export const sourceStatusSchema = z.enum(['pending', 'running', 'ok', 'failed', 'skipped']);

export const syncSourceRunSchema = z.object({
  accountId: z.string(),
  source: z.string(),
  status: sourceStatusSchema,
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  apiCalls: z.number().int(),
  records: z.number().int(),
  error: z.string().nullable(),
  missingPermissions: z.array(z.string()),
});

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
