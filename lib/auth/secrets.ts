import 'server-only';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// Random secrets (session cookies, API tokens, setup tokens) and how they are stored: only their
// sha256 is kept, so a copy of the database holds nothing that signs anyone in.

/** 32 random bytes, base64url: 256 bits, which is why a plain sha256 is enough to store them. */
export function randomSecret(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(sha256Hex(a), 'hex');
  const y = Buffer.from(sha256Hex(b), 'hex');
  return timingSafeEqual(x, y);
}
