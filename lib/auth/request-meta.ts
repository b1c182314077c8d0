import 'server-only';
import { BlockList, isIP } from 'node:net';
import { env, type TrustedProxies } from '@/lib/env';

// Facts about the request that sign-in needs: the client's address (for rate limiting and the
// audit log) and whether the browser reached Warden over https (for Secure cookies).

function normalizeAddress(value: string): string {
  let a = value.trim().replace(/^"|"$/g, '');
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed?.[1]) a = bracketed[1];
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(':'));
  a = a.toLowerCase();
  return a.startsWith('::ffff:') && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
}

function trustedRanges(trusted: TrustedProxies): BlockList | null {
  if (trusted.kind !== 'cidrs') return null;
  const list = new BlockList();
  for (const c of trusted.cidrs) list.addSubnet(c.address, c.prefix, c.family);
  return list;
}

/**
 * The client's address, pure: `peer` is the address of the socket (null when the server was
 * started without scripts/lib/peer-address.mjs, e.g. `next start` by hand: then Next's own
 * X-Forwarded-For entry, the last one, stands in for it). Without trusted proxies it is the peer
 * itself, whatever X-Forwarded-For says; with them, X-Forwarded-For is read from the right and
 * the entries the trusted proxies added are skipped (a hop count skips that many; CIDR ranges skip
 * every entry inside them). Entries further left were written by the client and count for nothing.
 */
export function clientAddress(forwardedFor: string | null, peer: string | null, trusted: TrustedProxies): string {
  const chain = (forwardedFor ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (peer !== null && peer.length > 0) chain.push(peer);
  const addresses = chain.map(normalizeAddress);
  const last = addresses.length - 1;
  if (last < 0) return 'unknown';
  let index = last;
  if (trusted.kind === 'hops') index = Math.max(0, last - trusted.hops);
  const ranges = trustedRanges(trusted);
  if (ranges) {
    const inRange = (a: string) => (isIP(a) === 4 ? ranges.check(a, 'ipv4') : isIP(a) === 6 ? ranges.check(a, 'ipv6') : false);
    while (index > 0 && inRange(addresses[index] ?? '')) index--;
  }
  return (addresses[index] ?? 'unknown').slice(0, 64);
}

/** The socket's address as scripts/lib/peer-address.mjs put it on the request, or null. */
function peerAddress(headers: Headers): string | null {
  const name = process.env.WARDEN_PEER_HEADER;
  return name ? headers.get(name) : null;
}

/** The client's address for rate limiting and the audit log (see clientAddress, WARDEN_TRUSTED_PROXIES). */
export function clientIp(headers: Headers): string {
  return clientAddress(headers.get('x-forwarded-for'), peerAddress(headers), env().WARDEN_TRUSTED_PROXIES);
}

export function userAgent(headers: Headers): string | null {
  return headers.get('user-agent')?.slice(0, 300) ?? null;
}

/** `url` is the request's; server components have none (Next sets X-Forwarded-Proto on every request). */
export function servedOverHttps(headers: Headers, url?: string): boolean {
  const publicUrl = env().WARDEN_PUBLIC_URL;
  if (publicUrl) return publicUrl.startsWith('https:');
  const proto = headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  return (proto ?? (url ? new URL(url).protocol.replace(/:$/, '') : 'http')) === 'https';
}

/** A path on this site to go to after signing in; anything else (other sites, `//host`) is `/`. */
export function safeReturnPath(value: string | null | undefined): string {
  // Browsers drop tabs and newlines from URLs and read a backslash as "/": "/\t/evil" would be "//evil".
  if (!value || !value.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(value) || value.startsWith('//')) return '/';
  if (value.startsWith('/api/') || value.startsWith('/sign-in') || value.startsWith('/setup')) return '/';
  return value.slice(0, 2000);
}
