import 'server-only';
import { env } from '@/lib/env';

// Facts about the request that sign-in needs: the client's address (for rate limiting and the
// audit log) and whether the browser reached Warden over https (for Secure cookies).

/**
 * The address that reached the server or, behind a reverse proxy, the one the proxy appended last
 * to X-Forwarded-For (Next sets the header to the socket's address when there is no proxy). A
 * client talking to Warden directly can still claim any address this way, which is why sign-in
 * is also limited per account.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for');
  const last = forwarded?.split(',').map((s) => s.trim()).filter((s) => s.length > 0).at(-1);
  return (last ?? headers.get('x-real-ip') ?? 'unknown').slice(0, 64);
}

export function userAgent(headers: Headers): string | null {
  return headers.get('user-agent')?.slice(0, 300) ?? null;
}

export function servedOverHttps(headers: Headers, url: string): boolean {
  const publicUrl = env().WARDEN_PUBLIC_URL;
  if (publicUrl) return publicUrl.startsWith('https:');
  const proto = headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  return (proto ?? new URL(url).protocol.replace(/:$/, '')) === 'https';
}

/** A path on this site to go to after signing in; anything else (other sites, `//host`) is `/`. */
export function safeReturnPath(value: string | null | undefined): string {
  // Browsers drop tabs and newlines from URLs and read a backslash as "/": "/\t/evil" would be "//evil".
  if (!value || !value.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(value) || value.startsWith('//')) return '/';
  if (value.startsWith('/api/') || value.startsWith('/sign-in') || value.startsWith('/setup')) return '/';
  return value.slice(0, 2000);
}
