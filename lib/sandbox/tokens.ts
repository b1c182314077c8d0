import 'server-only';

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

import type { JsonObject } from './model';

// Opaque pagination tokens: base64url(JSON) plus an HMAC bound to the operation and the query that
// produced them, so a tampered token, or one replayed against another query, is rejected.

export class TokenCodec {
  private readonly secret: Buffer;

  constructor(secret: Buffer = randomBytes(32)) {
    this.secret = secret;
  }

  encode(scope: string, payload: JsonObject): string {
    const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
    return `${body}.${this.sign(scope, body)}`;
  }

  /** The payload, or null when the token is not one this instance issued for `scope`. */
  decode(scope: string, token: string): JsonObject | null {
    if (token.length > 4096) return null;
    const dot = token.lastIndexOf('.');
    if (dot <= 0) return null;
    const body = token.slice(0, dot);
    const mac = Buffer.from(token.slice(dot + 1), 'utf8');
    const expected = Buffer.from(this.sign(scope, body), 'utf8');
    if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) return null;
    try {
      const parsed: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
      return parsed as JsonObject;
    } catch {
      return null;
    }
  }

  private sign(scope: string, body: string): string {
    return createHmac('sha256', this.secret).update(scope).update('\n').update(body).digest('base64url').slice(0, 22);
  }
}

/** A stable fingerprint of a query's parameters, to bind a token to the query that issued it. */
export function fingerprint(value: unknown): string {
  return createHmac('sha256', 'sandbox-query').update(JSON.stringify(value) ?? '').digest('base64url').slice(0, 16);
}
