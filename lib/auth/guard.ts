import 'server-only';
import { env } from '@/lib/env';
import { demoHostProblem, signInRequired } from '@/lib/auth/config';
import { identify, type Identity } from '@/lib/auth/identity';
import { crossOriginProblem } from '@/lib/auth/origin';
import { servedOverHttps } from '@/lib/auth/request-meta';
import { decide, isApiPath } from '@/lib/auth/policy';

// One request against the access table (lib/auth/policy.ts): the cross-origin check for
// state-changing methods, who is calling, and whether the table lets them. Used by proxy.ts for
// every request and by `handle` in every route handler.

export type Denial = { status: 401 | 403 | 404 | 405 | 421; message: string; signIn: boolean };
export type Authorization = { identity: Identity | null; denial: Denial | null };

export async function authorize(method: string, url: string, headers: Headers): Promise<Authorization> {
  const pathname = new URL(url).pathname;
  const api = isApiPath(pathname);
  if (!signInRequired()) {
    const hosts = [new URL(url).host, headers.get('host'), headers.get('x-forwarded-host')].filter((h): h is string => h !== null && h.length > 0);
    const problem = demoHostProblem(hosts);
    if (problem) return { identity: null, denial: { status: 421, message: problem, signIn: false } };
  }
  const crossOrigin = crossOriginProblem(method, headers, url, env().WARDEN_PUBLIC_URL);
  if (crossOrigin) return { identity: null, denial: { status: 403, message: crossOrigin, signIn: false } };
  const { identity, problem } = await identify(headers, { api, secure: servedOverHttps(headers, url) });
  if (problem) return { identity: null, denial: { status: 401, message: problem, signIn: false } };
  const decision = decide(method, pathname, identity);
  switch (decision.kind) {
    case 'allow':
      return { identity, denial: null };
    case 'not-listed':
      return { identity, denial: { status: 404, message: 'not found', signIn: false } };
    case 'method-not-allowed':
      return { identity, denial: { status: 405, message: `${method.toUpperCase()} is not allowed here`, signIn: false } };
    case 'sign-in-needed':
      return { identity, denial: { status: 401, message: 'sign in first (or send an API token as Authorization: Bearer …)', signIn: true } };
    case 'forbidden':
      return { identity, denial: { status: 403, message: `not allowed: ${decision.reason}`, signIn: false } };
  }
}

export function authorizeRequest(request: Request): Promise<Authorization> {
  return authorize(request.method, request.url, request.headers);
}
