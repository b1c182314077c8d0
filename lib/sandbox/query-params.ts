import 'server-only';

import type { RequestContext } from './context';
import { AwsError, validationError } from './errors';
import { fingerprint } from './tokens';

// Reading AWS query-protocol parameters (form body `Action=…&Version=…&Filter.member.1=…`) and
// Marker/MaxItems pagination shared by the IAM operations.

export class QueryParams {
  constructor(private readonly params: URLSearchParams) {}

  get(name: string): string | undefined {
    return this.params.get(name) ?? undefined;
  }

  required(name: string, field: string): string {
    const value = this.get(name);
    if (value === undefined || value === '') {
      throw validationError(`1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`);
    }
    return value;
  }

  /** `Name.member.1`, `Name.member.2`, … in order. */
  list(name: string): string[] {
    const out: { index: number; value: string }[] = [];
    const prefix = `${name}.member.`;
    for (const [key, value] of this.params) {
      if (!key.startsWith(prefix)) continue;
      const index = Number(key.slice(prefix.length));
      if (Number.isInteger(index) && index > 0) out.push({ index, value });
    }
    return out.sort((a, b) => a.index - b.index).map((entry) => entry.value);
  }

  int(name: string, field: string, min: number, max: number): number | undefined {
    const raw = this.get(name);
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value)) throw validationError(`1 validation error detected: Value '${raw}' at '${field}' failed to satisfy constraint: Member must be an integer`);
    if (value < min) throw validationError(`1 validation error detected: Value '${raw}' at '${field}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`);
    if (value > max) throw validationError(`1 validation error detected: Value '${raw}' at '${field}' failed to satisfy constraint: Member must have value less than or equal to ${max}`);
    return value;
  }
}

export interface MarkerPage<T> {
  items: T[];
  isTruncated: boolean;
  marker: string | undefined;
}

/** IAM-style pagination: MaxItems (1–1000, default 100) and an opaque Marker bound to the query. */
export function paginateByMarker<T>(ctx: RequestContext, params: QueryParams, operation: string, query: unknown, all: T[]): MarkerPage<T> {
  const maxItems = params.int('MaxItems', 'maxItems', 1, 1000) ?? 100;
  const scope = `iam:${operation}:${ctx.account.id}:${fingerprint(query)}`;
  let offset = 0;
  const marker = params.get('Marker');
  if (marker !== undefined) {
    const payload = ctx.tokens.decode(scope, marker);
    const decoded = payload?.o;
    if (typeof decoded !== 'number' || !Number.isInteger(decoded) || decoded < 0) {
      throw new AwsError(400, 'InvalidInput', 'Invalid Marker.');
    }
    offset = decoded;
  }
  const items = all.slice(offset, offset + maxItems);
  const next = offset + items.length;
  const isTruncated = next < all.length;
  return { items, isTruncated, marker: isTruncated ? ctx.tokens.encode(scope, { o: next }) : undefined };
}
