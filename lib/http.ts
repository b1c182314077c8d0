import 'server-only';
import type { z } from 'zod';
import { authorizeRequest } from '@/lib/auth/guard';
import { PasswordHashingBusyError } from '@/lib/auth/password';
import { runAs } from '@/lib/auth/request-context';

// Route handler helpers: every bad input gets a 400 that names the field and the problem.

/**
 * An answer other than success. `field` is the input it is about, when it is about one: the JSON
 * body carries it ({ error, field }) so that a form marks that field without reading the message.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((i) => {
      const field = i.path.join('.');
      // Some messages already start with their field ("username: is required"): not twice.
      return field.length > 0 && !i.message.startsWith(`${field}:`) ? `${field}: ${i.message}` : i.message;
    })
    .join('; ');
}

export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (!r.success) {
    const field = r.error.issues.find((i) => i.path.length > 0)?.path.join('.');
    throw new HttpError(400, describeZodError(r.error), field);
  }
  return r.data;
}

export function searchParamsObject(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams);
}

export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.length > 1_000_000) throw new HttpError(413, 'request body is larger than 1 MB');
  if (text.length === 0) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'request body is not valid JSON');
  }
}

/**
 * Wraps a route handler. First the access table (lib/auth/policy.ts): the request must be allowed
 * for its caller, else 401/403/404/405 and the handler never runs; the handler then runs as that
 * caller (currentActor()). Then errors: HttpError → its status, message and field; too many password
 * hashes at once → 503; anything else → 500 without internals.
 */
export function handle<R extends unknown[]>(fn: (request: Request, ...rest: R) => Promise<Response>) {
  return async (request: Request, ...rest: R): Promise<Response> => {
    try {
      const { identity, denial } = await authorizeRequest(request);
      if (denial) return Response.json({ error: denial.message }, { status: denial.status, headers: denial.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {} });
      if (!identity) return await fn(request, ...rest);
      return await runAs(identity, () => fn(request, ...rest));
    } catch (error) {
      if (error instanceof HttpError) return Response.json(error.field === undefined ? { error: error.message } : { error: error.message, field: error.field }, { status: error.status });
      if (error instanceof PasswordHashingBusyError) return Response.json({ error: error.message }, { status: 503, headers: { 'Retry-After': String(error.retryAfterSeconds) } });
      console.error('[warden] request failed:', error instanceof Error ? error.message : error);
      return Response.json({ error: 'internal error' }, { status: 500 });
    }
  };
}
