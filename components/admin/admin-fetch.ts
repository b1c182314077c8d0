'use client';

import { z } from 'zod';
import { fetchJson } from '@/lib/fetch-json';

/** A state-changing admin request; resolves with the parsed answer, rejects with the server's message. */
export function adminRequest<S extends z.ZodType>(url: string, method: 'POST' | 'PATCH' | 'DELETE', body: unknown, schema: S): Promise<z.output<S>> {
  return fetchJson(url, schema, { method, body: JSON.stringify(body ?? {}) });
}

export const anyAnswer = z.unknown();
