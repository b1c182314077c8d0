import 'server-only';
import { decideMode, env, modeDecision, resolveMode, type WardenEnv } from '@/lib/env';

// When sign-in applies, and the demo-mode exposure rule.

/**
 * Sign-in is enforced in AWS mode, and in demo mode when WARDEN_AUTH=required or the AWS set-up is
 * ambiguous. Without a configuration given: this process's decision, made once (lib/env.ts
 * modeDecision) and never relaxed while it runs.
 */
export function signInRequired(e?: WardenEnv): boolean {
  return e ? decideMode(e).signInRequired : modeDecision().signInRequired;
}

export function oidcConfigured(e: WardenEnv = env()): boolean {
  return e.WARDEN_OIDC_ISSUER !== undefined;
}

export function localSignInEnabled(e: WardenEnv = env()): boolean {
  return e.WARDEN_LOCAL_SIGN_IN === 'true';
}

export function sessionLimits(e: WardenEnv = env()): { idleMs: number; maxMs: number } {
  return { idleMs: e.WARDEN_SESSION_IDLE_MINUTES * 60_000, maxMs: e.WARDEN_SESSION_MAX_HOURS * 3_600_000 };
}

export function isLoopbackHost(host: string): boolean {
  const h = host.trim().replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || /^::ffff:127\.\d+\.\d+\.\d+$/.test(h);
}

/**
 * Demo mode without sign-in makes every visitor an administrator: it may only listen on loopback
 * unless the operator says otherwise. The reason to refuse, or null.
 */
export function demoExposureProblem(e?: WardenEnv): string | null {
  if (signInRequired(e) || resolveMode(e) !== 'demo') return null;
  e ??= env();
  const host = e.WARDEN_HOST && e.WARDEN_HOST.length > 0 ? e.WARDEN_HOST : '127.0.0.1';
  if (isLoopbackHost(host) || e.WARDEN_DEMO_ALLOW_REMOTE === 'true') return null;
  return `demo mode signs every visitor in as an administrator, so it only listens on loopback: WARDEN_HOST=${host} is not loopback. Set WARDEN_AUTH=required to require sign-in, or WARDEN_DEMO_ALLOW_REMOTE=true to expose the demo anyway.`;
}

/** The host name of a Host header value (`[::1]:3000` → `::1`, `localhost:3000` → `localhost`). */
export function hostnameOf(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') > 0 ? h.indexOf(']') : undefined);
  return h.split(':').length === 2 ? (h.split(':')[0] ?? '') : h;
}

/**
 * While sign-in is off every visitor is an administrator, so a page on another site must not reach
 * Warden through a DNS name that points at 127.0.0.1 (DNS rebinding): only loopback names are
 * answered, plus WARDEN_PUBLIC_URL's host and, with WARDEN_DEMO_ALLOW_REMOTE=true, WARDEN_HOST.
 * The reason to refuse the request, or null.
 */
export function demoHostProblem(hosts: readonly string[], e: WardenEnv = env()): string | null {
  const allowed = new Set<string>();
  if (e.WARDEN_PUBLIC_URL) allowed.add(new URL(e.WARDEN_PUBLIC_URL).hostname.replace(/^\[|\]$/g, ''));
  if (e.WARDEN_DEMO_ALLOW_REMOTE === 'true' && e.WARDEN_HOST && !['0.0.0.0', '::'].includes(e.WARDEN_HOST)) allowed.add(hostnameOf(e.WARDEN_HOST));
  const foreign = hosts.map(hostnameOf).find((h) => !isLoopbackHost(h) && !allowed.has(h));
  if (foreign === undefined) return null;
  return `sign-in is off (demo mode), so Warden answers only on loopback addresses such as localhost or 127.0.0.1, not on “${foreign.slice(0, 100)}”. Open it as http://localhost, or set WARDEN_PUBLIC_URL to the address people use (or WARDEN_AUTH=required).`;
}
