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

/** What anyone may see (load balancers): only whether Warden is ready. */
export const publicHealthSchema = z.union([healthSchema, z.object({ status: healthSchema.shape.status }).strict()]);
export type PublicHealth = z.infer<typeof publicHealthSchema>;
