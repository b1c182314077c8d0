import { z } from 'zod';

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  mode: z.enum(['demo', 'aws']),
  database: z.object({ reachable: z.boolean(), error: z.string().nullable() }),
  migrations: z.object({
    upToDate: z.boolean(),
    applied: z.number().int(),
    pending: z.array(z.string()),
    failed: z.array(z.string()),
    checksumMismatch: z.array(z.string()),
    error: z.string().nullable(),
  }),
});
export type Health = z.infer<typeof healthSchema>;
