import '@/lib/testing/test-store';
import '@/lib/testing/sign-in-required';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { NextRequest } from 'next/server';
import { startDemoFixture, type DemoFixture } from '@/lib/testing/demo-sync';
import { browserRequest, sessionCookieFor, type Caller } from '@/lib/testing/auth-fixture';
import { apiRules, pageRules, type Access, type Method } from '@/lib/auth/policy';
import { roleAtLeast, roles, type Role } from '@/lib/auth/roles';
import { proxy } from '@/proxy';

// Every route handler and every page in app/, found on disk, against the access table
// (lib/auth/policy.ts), for an anonymous caller and a signed-in viewer, triager and admin (real
// sessions in a temporary database, sign-in enforced). A new route that is missing from the
// table, or whose handler does not go through the guard, fails here.

const appDir = join(process.cwd(), 'app');
const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

/** app/api/findings/[key]/route.ts → /api/findings/[key]; route groups "(x)" and @slots are not in the URL. */
function urlPattern(file: string): string {
  const parts = relative(appDir, file).split(sep).slice(0, -1).filter((p) => !(p.startsWith('(') && p.endsWith(')')) && !p.startsWith('@'));
  return `/${parts.join('/')}`;
}

const files = walk(appDir);
const routeFiles = files.filter((f) => /\/route\.(ts|tsx|js)$/.test(f));
const pageFiles = files.filter((f) => /\/page\.(ts|tsx|js|jsx|mdx)$/.test(f));

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Route = { pattern: string; method: (typeof methods)[number]; handler: Handler };

async function loadRoutes(): Promise<Route[]> {
  const out: Route[] = [];
  for (const file of routeFiles) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const method of methods) {
      const handler = mod[method];
      if (typeof handler === 'function') out.push({ pattern: urlPattern(file), method, handler: handler as Handler });
    }
  }
  return out;
}

/** A concrete path for a pattern: every [param] gets a sample value. */
function concrete(pattern: string): { path: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const path = pattern.replace(/\[([^\]]+)\]/g, (_, name: string) => {
    params[name] = `sample-${name}`;
    return params[name];
  });
  return { path, params };
}

function tableAccess(pattern: string, method: string): Access | undefined {
  return apiRules.find((r) => r.path === pattern)?.methods[method as Method];
}

function expectedAllowed(access: Access, role: Role | null): boolean {
  return access === 'public' || (role !== null && roleAtLeast(role, access));
}

let fixture: DemoFixture;
let routes: Route[];
const callers: { role: Role | null; caller: () => Promise<Caller> }[] = [
  { role: null, caller: async () => ({ label: 'anonymous', headers: {} }) },
  ...roles.map((role) => ({ role, caller: async () => ({ label: role, headers: { cookie: (await sessionCookieFor(role)).cookie } }) })),
];

before(async () => {
  fixture = await startDemoFixture({ seed: 81 });
  routes = await loadRoutes();
});

after(async () => {
  await fixture.close();
});

describe('the access table covers the app exactly', () => {
  test('there are route handlers and pages to check', () => {
    assert.ok(routes.length >= 30, `only ${routes.length} route methods found`);
    assert.ok(pageFiles.length >= 10, `only ${pageFiles.length} pages found`);
  });

  test('every exported route handler method is in the table, and every table entry exists', () => {
    const onDisk = routes.map((r) => `${r.method} ${r.pattern}`).sort();
    const inTable = apiRules.flatMap((r) => Object.keys(r.methods).map((m) => `${m} ${r.path}`)).sort();
    assert.deepEqual(onDisk.filter((x) => !inTable.includes(x)), [], 'route handlers missing from lib/auth/policy.ts');
    assert.deepEqual(inTable.filter((x) => !onDisk.includes(x)), [], 'table entries without a route handler');
  });

  test('every page is in the table, and every page entry exists', () => {
    const onDisk = pageFiles.map(urlPattern).map((p) => (p === '/' ? '/' : p)).sort();
    const inTable = pageRules.map((r) => r.path).sort();
    assert.deepEqual(onDisk.filter((x) => !inTable.includes(x)), [], 'pages missing from lib/auth/policy.ts');
    assert.deepEqual(inTable.filter((x) => !onDisk.includes(x)), [], 'table entries without a page');
  });
});

describe('route handlers answer as the table says', () => {
  for (const { role, caller } of callers) {
    test(`as ${role ?? 'anonymous'}`, async () => {
      const problems: string[] = [];
      for (const route of routes) {
        const access = tableAccess(route.pattern, route.method);
        assert.ok(access, `${route.method} ${route.pattern} is not in the table`);
        const { path, params } = concrete(route.pattern);
        const who = await caller();
        const res = await route.handler(browserRequest(path, { method: route.method, headers: who.headers }), { params: Promise.resolve(params) });
        const allowed = expectedAllowed(access, role);
        const denied = res.status === 401 || res.status === 403;
        const expectedDenial = role === null ? 401 : 403;
        if (allowed && denied) problems.push(`${route.method} ${route.pattern}: ${res.status}, the table allows ${who.label} (${access})`);
        if (!allowed && res.status !== expectedDenial) problems.push(`${route.method} ${route.pattern}: ${res.status}, expected ${expectedDenial} for ${who.label} (needs ${access})`);
        await res.body?.cancel();
      }
      assert.deepEqual(problems, []);
    });
  }
});

describe('the proxy answers as the table says, for route handlers and pages', () => {
  const isPassedOn = (res: Response) => res.headers.get('x-middleware-next') === '1';

  for (const { role, caller } of callers) {
    test(`as ${role ?? 'anonymous'}`, async () => {
      const problems: string[] = [];
      const requests: { what: string; method: string; path: string; access: Access }[] = [
        ...routes.map((r) => ({ what: 'route', method: r.method, path: concrete(r.pattern).path, access: tableAccess(r.pattern, r.method) ?? 'admin' })),
        ...pageRules.map((p) => ({ what: 'page', method: 'GET', path: concrete(p.path).path, access: p.access })),
      ];
      for (const r of requests) {
        if (r.method === 'OPTIONS') continue;
        const who = await caller();
        const req = browserRequest(r.path, { method: r.method, headers: who.headers });
        const res = await proxy(new NextRequest(req));
        const allowed = expectedAllowed(r.access, role);
        if (allowed && !isPassedOn(res)) problems.push(`${r.method} ${r.path}: ${res.status}, the table allows ${who.label}`);
        if (!allowed) {
          if (isPassedOn(res)) problems.push(`${r.method} ${r.path}: passed on for ${who.label} (needs ${r.access})`);
          else if (r.what === 'page' && role === null) {
            if (res.status !== 303 || !res.headers.get('location')?.includes(`/sign-in?next=${encodeURIComponent(r.path)}`)) problems.push(`${r.path}: ${res.status} ${res.headers.get('location')}, expected a redirect to sign in`);
          } else if (res.status !== (role === null ? 401 : 403)) problems.push(`${r.method} ${r.path}: ${res.status} for ${who.label}`);
        }
      }
      assert.deepEqual(problems, []);
    });
  }

  test('a path in no table entry is refused even for an admin (fail closed)', async () => {
    const { cookie } = await sessionCookieFor('admin');
    for (const path of ['/api/not-a-route', '/api/admin/users/x/y', '/not-a-page', '/admin/secrets']) {
      const res = await proxy(new NextRequest(browserRequest(path, { headers: { cookie } })));
      assert.equal(res.headers.get('x-middleware-next'), null, path);
      assert.equal(res.status, 404, path);
    }
  });

  test('pages accept only GET: there are no server actions to post to', async () => {
    const { cookie } = await sessionCookieFor('admin');
    const res = await proxy(new NextRequest(browserRequest('/findings', { method: 'POST', headers: { cookie } })));
    assert.equal(res.status, 405);
  });
});
