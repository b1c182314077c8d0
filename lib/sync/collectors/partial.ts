import 'server-only';
import { AwsCallError } from '@/lib/aws/errors';

/**
 * Runs one part of a source. AccessDenied makes that part missing (its IAM action is recorded and
 * the source goes on); any other failure fails the whole source so that no half-read data is stored.
 */
export async function readPart<T>(missing: string[], read: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    if (error instanceof AwsCallError && error.kind === 'access-denied') {
      if (!missing.includes(error.action)) missing.push(error.action);
      return { ok: false };
    }
    throw error;
  }
}

/** Runs at most `limit` tasks at once, in order of the list. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= items.length) return;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
