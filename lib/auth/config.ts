import 'server-only';
import { env, resolveMode, type WardenEnv } from '@/lib/env';

// When sign-in applies, and the demo-mode exposure rule.

/** Sign-in is enforced in AWS mode, and in demo mode when WARDEN_AUTH=required. */
export function signInRequired(e: WardenEnv = env()): boolean {
  return e.WARDEN_AUTH === 'required' || resolveMode(e) === 'aws';
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
export function demoExposureProblem(e: WardenEnv = env()): string | null {
  if (signInRequired(e) || resolveMode(e) !== 'demo') return null;
  const host = e.WARDEN_HOST && e.WARDEN_HOST.length > 0 ? e.WARDEN_HOST : '127.0.0.1';
  if (isLoopbackHost(host) || e.WARDEN_DEMO_ALLOW_REMOTE === 'true') return null;
  return `demo mode signs every visitor in as an administrator, so it only listens on loopback: WARDEN_HOST=${host} is not loopback. Set WARDEN_AUTH=required to require sign-in, or WARDEN_DEMO_ALLOW_REMOTE=true to expose the demo anyway.`;
}
