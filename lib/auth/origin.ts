// Cross-site request refusal for state-changing methods, the way Go's net/http
// CrossOriginProtection does it: browsers say where a request comes from (Sec-Fetch-Site, else
// Origin); only this site itself may change anything. Requests with neither header do not come
// from a browser (pipelines with an API token, curl), so they cannot be forged by another site.

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origin this request was addressed to: WARDEN_PUBLIC_URL when set, else the Host it was sent to. */
export function expectedOrigin(headers: Headers, requestUrl: string, publicUrl?: string): string {
  if (publicUrl) return new URL(publicUrl).origin;
  const url = new URL(requestUrl);
  const host = headers.get('x-forwarded-host')?.split(',')[0]?.trim() || headers.get('host') || url.host;
  const proto = headers.get('x-forwarded-proto')?.split(',')[0]?.trim() || url.protocol.replace(/:$/, '');
  return `${proto}://${host}`;
}

/** Why the request is refused, or null when it may go on. */
export function crossOriginProblem(method: string, headers: Headers, requestUrl: string, publicUrl?: string): string | null {
  if (safeMethods.has(method.toUpperCase())) return null;
  const site = headers.get('sec-fetch-site');
  if (site !== null) {
    if (site === 'same-origin' || site === 'none') return null;
    return `cross-site request refused (Sec-Fetch-Site: ${site}): only Warden's own pages may change anything`;
  }
  const origin = headers.get('origin');
  if (origin === null) return null;
  const expected = expectedOrigin(headers, requestUrl, publicUrl);
  if (origin === expected) return null;
  return `cross-origin request refused: ${origin} is not ${expected}`;
}
