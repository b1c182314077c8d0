import { roleAtLeast, type Role } from '@/lib/auth/roles';

// THE access table: who may call which route handler and open which page. Enforced by proxy.ts for
// every request and again by `handle` (lib/http.ts) in every route handler. A route or page that is
// not listed here is refused for everyone (fail closed), and app/access-policy.test.ts fails until
// it is listed: every route file and page under app/ is checked against this table.

export type Access = 'public' | Role;
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type ApiRule = {
  /** Path pattern as in app/: `[param]` matches one segment. */
  path: string;
  methods: Partial<Record<Method, Access>>;
  /** API tokens are not accepted: only a signed-in person (user and token management). */
  sessionOnly?: boolean;
};

export const apiRules: readonly ApiRule[] = [
  // Liveness probe for load balancers: { status } for anyone; version, mode, database and migrations for admins.
  { path: '/api/health', methods: { GET: 'public' } },
  { path: '/api/auth/sign-in', methods: { POST: 'public' } },
  { path: '/api/auth/sign-out', methods: { POST: 'public' } },
  { path: '/api/auth/setup', methods: { POST: 'public' } },
  { path: '/api/auth/oidc/start', methods: { GET: 'public' } },
  { path: '/api/auth/oidc/callback', methods: { GET: 'public' } },
  // The identity provider's server calls this; the logout token's signature is the credential.
  { path: '/api/auth/oidc/backchannel-logout', methods: { POST: 'public' } },
  // One's own password (local accounts); the route refuses anyone without a session.
  { path: '/api/auth/password', methods: { POST: 'viewer' }, sessionOnly: true },

  { path: '/api/accounts', methods: { GET: 'viewer' } },
  { path: '/api/accounts/directory', methods: { GET: 'viewer' } },
  { path: '/api/accounts/ous', methods: { GET: 'viewer' } },
  { path: '/api/checklist', methods: { GET: 'viewer' } },
  { path: '/api/checklist/history', methods: { GET: 'viewer' } },
  { path: '/api/checklist/summary', methods: { GET: 'viewer' } },
  { path: '/api/checklist/items', methods: { GET: 'viewer' } },
  { path: '/api/checklist/evidence', methods: { GET: 'viewer' } },
  { path: '/api/checklist/remedy', methods: { GET: 'viewer' } },
  { path: '/api/credentials', methods: { GET: 'viewer' } },
  { path: '/api/credentials/summary', methods: { GET: 'viewer' } },
  { path: '/api/credentials/export', methods: { GET: 'viewer' } },
  { path: '/api/activity/coverage', methods: { GET: 'viewer' } },
  { path: '/api/activity/daily', methods: { GET: 'viewer' } },
  { path: '/api/activity/events', methods: { GET: 'viewer' } },
  { path: '/api/findings', methods: { GET: 'viewer' } },
  { path: '/api/findings/audit', methods: { GET: 'viewer' } },
  { path: '/api/findings/[key]', methods: { GET: 'viewer' } },
  { path: '/api/findings/status', methods: { POST: 'triager' } },
  { path: '/api/reviews', methods: { GET: 'viewer', POST: 'triager' } },
  { path: '/api/reviews/[id]', methods: { GET: 'viewer' } },
  { path: '/api/reviews/[id]/csv', methods: { GET: 'viewer' } },
  { path: '/api/reviews/[id]/decisions', methods: { POST: 'triager' } },
  { path: '/api/reviews/[id]/attendees', methods: { PUT: 'triager' } },
  { path: '/api/reviews/[id]/sign-off', methods: { POST: 'triager' } },
  { path: '/api/sync', methods: { GET: 'viewer', POST: 'admin' } },
  { path: '/api/sync/runs/[id]/accounts', methods: { GET: 'viewer' } },
  // Demo mode only (404 otherwise): the sandbox's endpoint and generated credentials.
  { path: '/api/demo/sandbox', methods: { GET: 'admin' } },

  { path: '/api/admin/users', methods: { GET: 'admin', POST: 'admin' }, sessionOnly: true },
  { path: '/api/admin/users/[id]', methods: { PATCH: 'admin' }, sessionOnly: true },
  { path: '/api/admin/tokens', methods: { GET: 'admin', POST: 'admin' }, sessionOnly: true },
  { path: '/api/admin/tokens/[id]', methods: { DELETE: 'admin' }, sessionOnly: true },
  { path: '/api/admin/settings', methods: { GET: 'admin', PUT: 'admin' }, sessionOnly: true },
  // Organization discovery: the member role, its ExternalId (never sent back) and what is left out.
  { path: '/api/admin/organization', methods: { GET: 'admin', PUT: 'admin' }, sessionOnly: true },
  { path: '/api/admin/audit', methods: { GET: 'admin' } },
  // Admin tokens may manage accounts too (e.g. registering new accounts from an account factory).
  { path: '/api/admin/accounts', methods: { GET: 'admin', POST: 'admin' } },
  { path: '/api/admin/accounts/check', methods: { POST: 'admin' } },
  { path: '/api/admin/accounts/[id]', methods: { PATCH: 'admin', DELETE: 'admin' } },
];

export type PageRule = { path: string; access: Access };

export const pageRules: readonly PageRule[] = [
  { path: '/sign-in', access: 'public' },
  { path: '/setup', access: 'public' },
  { path: '/', access: 'viewer' },
  { path: '/account', access: 'viewer' },
  { path: '/credentials', access: 'viewer' },
  { path: '/findings', access: 'viewer' },
  { path: '/activity', access: 'viewer' },
  { path: '/review', access: 'viewer' },
  { path: '/review/[id]', access: 'viewer' },
  { path: '/review/[id]/print', access: 'viewer' },
  { path: '/sync', access: 'viewer' },
  { path: '/reference', access: 'viewer' },
  { path: '/admin', access: 'admin' },
  { path: '/admin/users', access: 'admin' },
  { path: '/admin/tokens', access: 'admin' },
  { path: '/admin/settings', access: 'admin' },
  { path: '/admin/audit', access: 'admin' },
  { path: '/admin/accounts', access: 'admin' },
];

/** Files Next serves from app/ that are neither pages nor route handlers (metadata images). */
export const publicAssets: readonly string[] = ['/icon.svg', '/favicon.ico'];

function segments(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

/** Whether a concrete path matches an app/-style pattern (`[param]` = exactly one segment). */
export function matchesPattern(pattern: string, pathname: string): boolean {
  const p = segments(pattern);
  const s = segments(pathname);
  if (p.length !== s.length) return false;
  return p.every((part, i) => (part.startsWith('[') && part.endsWith(']') ? (s[i] ?? '').length > 0 : part === s[i]));
}

/** Literal patterns win over ones with parameters (/api/findings/audit before /api/findings/[key]). */
function specificity(pattern: string): number {
  return segments(pattern).filter((p) => !p.startsWith('[')).length;
}

function bestMatch<T extends { path: string }>(rules: readonly T[], pathname: string): T | null {
  let best: T | null = null;
  for (const r of rules) {
    if (matchesPattern(r.path, pathname) && (best === null || specificity(r.path) > specificity(best.path))) best = r;
  }
  return best;
}

export type Decision =
  | { kind: 'allow' }
  | { kind: 'not-listed' }
  | { kind: 'method-not-allowed' }
  | { kind: 'sign-in-needed'; minimum: Role }
  | { kind: 'forbidden'; minimum: Role; reason: string };

export type Caller = { role: Role; via: 'demo' | 'session' | 'token' } | null;

export function isApiPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}

/** The table's answer for one request: method and path (no query), and who is calling. */
export function decide(method: string, pathname: string, caller: Caller): Decision {
  const m = (method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase()) as Method;
  let access: Access | undefined;
  let sessionOnly = false;
  if (isApiPath(pathname)) {
    const rule = bestMatch(apiRules, pathname);
    if (!rule) return { kind: 'not-listed' };
    access = rule.methods[m];
    if (access === undefined) return { kind: 'method-not-allowed' };
    sessionOnly = rule.sessionOnly === true;
  } else {
    if (publicAssets.includes(pathname)) return { kind: 'allow' };
    const rule = bestMatch(pageRules, pathname);
    if (!rule) return { kind: 'not-listed' };
    // Pages are read; there are no server actions, so nothing else is accepted on a page's path.
    if (m !== 'GET') return { kind: 'method-not-allowed' };
    access = rule.access;
  }
  if (access === 'public') return { kind: 'allow' };
  if (caller === null) return { kind: 'sign-in-needed', minimum: access };
  if (sessionOnly && caller.via === 'token') return { kind: 'forbidden', minimum: access, reason: 'API tokens cannot manage users, tokens or settings, or change passwords: sign in' };
  if (!roleAtLeast(caller.role, access)) return { kind: 'forbidden', minimum: access, reason: `this needs the ${access} role; you are a ${caller.role}` };
  return { kind: 'allow' };
}
