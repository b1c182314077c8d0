import 'server-only';
import { AwsCallError } from '@/lib/aws/errors';

/** What went wrong with the parts of one source: denied IAM actions, and other AWS failures in AWS's words. */
export class PartLog {
  /** IAM actions AWS denied: only these are named as permissions to grant. */
  readonly missing: string[] = [];
  /** Other failures of a part (server error, throttled after retries, unparseable answer), described. */
  readonly errors: string[] = [];

  /** Fails the whole source when none of its parts could be read, saying why. */
  failIfNothingRead(anyRead: boolean, what: string): void {
    if (anyRead) return;
    if (this.errors.length === 0) throw new AwsCallError('access-denied', this.missing.join(', '), 'AccessDenied', `${what} was denied`);
    const denied = this.missing.length > 0 ? `; denied: ${this.missing.join(', ')}` : '';
    throw new AwsCallError('service', what, 'NothingRead', `${this.errors.join('; ')}${denied}`);
  }
}

/**
 * Runs one part of a source. When AWS refuses or fails it, the part is missing and the source goes
 * on with the parts that were read: AccessDenied records the IAM action, any other AWS failure its
 * description. Anything else (a bug, the database) still fails the source.
 */
export async function readPart<T>(log: PartLog, read: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    if (!(error instanceof AwsCallError)) throw error;
    if (error.kind === 'access-denied') {
      if (!log.missing.includes(error.action)) log.missing.push(error.action);
    } else if (!log.errors.includes(error.describe())) {
      log.errors.push(error.describe());
    }
    return { ok: false };
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
