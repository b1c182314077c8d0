import type { z } from 'zod';

// The one fetch helper of the browser: JSON in, a zod-checked value out, the server's own error
// message (and the input field it is about, if any) when it answered with one.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export async function fetchJson<S extends z.ZodType>(url: string, schema: S, init?: RequestInit): Promise<z.output<S>> {
  const res = await fetch(url, {
    ...init,
    headers: { Accept: 'application/json', ...(init?.body ? { 'Content-Type': 'application/json' } : {}), ...init?.headers },
  });
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text.length > 0 ? JSON.parse(text) : null;
  } catch {
    throw new ApiError(res.status, `${url} answered ${res.status} with a body that is not JSON`);
  }
  if (!res.ok) {
    const answer = typeof body === 'object' && body !== null ? (body as { error?: unknown; field?: unknown }) : {};
    const message = typeof answer.error === 'string' ? answer.error : `${url} answered ${res.status}`;
    throw new ApiError(res.status, message, typeof answer.field === 'string' ? answer.field : null);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiError(res.status, `${url} answered with an unexpected shape: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}
