import 'server-only';
import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { memberExternalIdSchema, memberRoleNameSchema, organizationSettingsSchema } from '@/lib/organization/schema';
import { scheduleFloorProblem } from '@/lib/settings/schedule-floor';
import { DEFAULT_DATABASE_URL, databaseUrlProblem } from '@/scripts/lib/database-url.mjs';

// Warden's configuration, parsed once from the environment. Every bad value fails start-up with
// a message that names the variable.

const csv = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p.length > 0),
  );

const positiveInt = (name: string) =>
  z.coerce.number({ error: `${name} must be a whole number` }).int(`${name} must be a whole number`).positive(`${name} must be positive`);

const regionList = csv.pipe(
  z.array(z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'not an AWS region name such as us-east-1')).min(1),
);

const accountIdList = csv.pipe(z.array(z.string().regex(/^\d{12}$/, 'not a 12-digit AWS account id')));

const httpUrl = (name: string) => z.url({ protocol: /^https?$/, error: `${name} must be an http(s) URL` });

const jsonStringList = (name: string) =>
  z
    .string()
    .transform((s, ctx) => {
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: `${name} is not JSON, e.g. ["a", "b"]` });
        return z.NEVER;
      }
    })
    .pipe(z.array(z.string().min(1).max(64)).max(20));

/** WARDEN_OIDC_ROLE_MAP: a JSON object from group (or claim value) to role. */
const roleMap = z
  .string()
  .transform((s, ctx) => {
    try {
      return JSON.parse(s) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'WARDEN_OIDC_ROLE_MAP is not JSON, e.g. {"sec-admins":"admin","sec-team":"triager"}' });
      return z.NEVER;
    }
  })
  .pipe(z.record(z.string().min(1), z.enum(['viewer', 'triager', 'admin'], { error: 'roles are viewer, triager or admin' })));

export type TrustedProxies = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'cidrs'; cidrs: { address: string; prefix: number; family: 'ipv4' | 'ipv6' }[] };

/**
 * WARDEN_TRUSTED_PROXIES: who may add to X-Forwarded-For. Empty: nobody (the socket's address is
 * the client's); a number: that many reverse proxies in front of Warden; else comma-separated
 * addresses or CIDR ranges (IPv4 and IPv6) of the proxies.
 */
const trustedProxies = z
  .string()
  .optional()
  .transform((raw, ctx): TrustedProxies => {
    const s = (raw ?? '').trim();
    if (s.length === 0) return { kind: 'none' };
    if (/^\d+$/.test(s)) {
      const hops = Number(s);
      if (hops < 1 || hops > 10) ctx.addIssue({ code: 'custom', message: 'WARDEN_TRUSTED_PROXIES as a hop count must be from 1 to 10' });
      return { kind: 'hops', hops };
    }
    const cidrs = s
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p.length > 0)
      .map((part) => {
        const [address = '', prefixText, ...rest] = part.split('/');
        const family: 'ipv4' | 'ipv6' | null = isIP(address) === 4 ? 'ipv4' : isIP(address) === 6 ? 'ipv6' : null;
        const max = family === 'ipv4' ? 32 : 128;
        const prefix = prefixText === undefined ? max : /^\d+$/.test(prefixText) ? Number(prefixText) : NaN;
        if (!family || rest.length > 0 || !(prefix >= 0 && prefix <= max)) {
          ctx.addIssue({ code: 'custom', message: `WARDEN_TRUSTED_PROXIES: “${part}” is not an IP address or CIDR range (e.g. 10.0.0.0/8, fd00::/8) nor a hop count` });
          return null;
        }
        return { address, prefix, family };
      })
      .filter((c) => c !== null);
    return { kind: 'cidrs', cidrs };
  });

const envSchema = z.object({
  // file: (SQLite, the default) or postgresql:// (PostgreSQL); the message never repeats the URL,
  // which may hold a password.
  DATABASE_URL: z
    .string()
    .default(DEFAULT_DATABASE_URL)
    .superRefine((url, ctx) => {
      const problem = databaseUrlProblem(url);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  WARDEN_MODE: z.enum(['auto', 'demo', 'aws']).default('auto'),
  WARDEN_REGIONS: regionList.optional(),
  AWS_REGION: z.string().optional(),
  AWS_DEFAULT_REGION: z.string().optional(),
  WARDEN_OWN_ACCOUNT_IDS: accountIdList.default([]),
  WARDEN_ACCOUNTS_FILE: z.string().optional(),
  // Read by lib/settings/ (environment > Settings screen > every 6 hours), like the thresholds below.
  WARDEN_SYNC_SCHEDULE: z
    .string()
    .optional()
    .superRefine((expression, ctx) => {
      const problem = expression === undefined ? null : scheduleFloorProblem(expression, 'the schedule');
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  WARDEN_SYNC_ON_START: z.enum(['true', 'false']).default('true'),
  // How many accounts a sync reads side by side (each within its own AWS rate limits).
  // PostgreSQL's sync queue: how long an account's job may run before another instance takes it up
  // (an instance that died), and the lease of its account lock (lib/sync/queue.ts).
  WARDEN_SYNC_JOB_TIMEOUT_SECONDS: positiveInt('WARDEN_SYNC_JOB_TIMEOUT_SECONDS').min(5, 'WARDEN_SYNC_JOB_TIMEOUT_SECONDS must be at least 5').max(86_400, 'WARDEN_SYNC_JOB_TIMEOUT_SECONDS must be at most 86400 (a day)').default(1800),
  WARDEN_SYNC_CONCURRENCY: positiveInt('WARDEN_SYNC_CONCURRENCY').max(64, 'WARDEN_SYNC_CONCURRENCY must be at most 64').default(8),
  // Organization discovery (lib/organization/): read by lib/organization/settings.ts, environment
  // first, then the Accounts screen.
  WARDEN_MEMBER_ROLE_NAME: memberRoleNameSchema.optional(),
  WARDEN_MEMBER_EXTERNAL_ID: memberExternalIdSchema.optional(),
  WARDEN_EXCLUDE_ACCOUNTS: csv.pipe(z.array(z.string().regex(/^\d{12}$/, 'WARDEN_EXCLUDE_ACCOUNTS: not a 12-digit AWS account id'))).optional(),
  WARDEN_EXCLUDE_OUS: csv.pipe(organizationSettingsSchema.shape.excludedOus).optional(),
  WARDEN_DEMO_SEED: positiveInt('WARDEN_DEMO_SEED').default(42),
  // Demo mode with a generated organization of this many member accounts in OUs (0: the small demo).
  WARDEN_DEMO_ORGANIZATION_ACCOUNTS: z.coerce
    .number({ error: 'WARDEN_DEMO_ORGANIZATION_ACCOUNTS must be a whole number' })
    .int('WARDEN_DEMO_ORGANIZATION_ACCOUNTS must be a whole number')
    .min(0, 'WARDEN_DEMO_ORGANIZATION_ACCOUNTS must be 0 or more')
    .max(5000, 'WARDEN_DEMO_ORGANIZATION_ACCOUNTS must be at most 5000')
    .default(0),
  // JSON array of further IAM user names in the demo organisation (e.g. markup, to see it shown as text).
  WARDEN_DEMO_EXTRA_USERS: jsonStringList('WARDEN_DEMO_EXTRA_USERS').default([]),
  // Checklist thresholds (WARDEN_UNUSED_CREDENTIAL_DAYS …) are parsed by lib/checks/thresholds.ts.

  // Sign-in (lib/auth/). "auto": off in demo mode (the visitor is the demo administrator), required
  // in AWS mode; "required": sign-in even in demo mode.
  WARDEN_AUTH: z.enum(['auto', 'required']).default('auto'),
  WARDEN_HOST: z.string().optional(),
  WARDEN_DEMO_ALLOW_REMOTE: z.enum(['true', 'false']).default('false'),
  // The address people use to reach Warden (behind a reverse proxy: its https address).
  WARDEN_PUBLIC_URL: httpUrl('WARDEN_PUBLIC_URL')
    .transform((s) => new URL(s).origin)
    .optional(),
  // Reverse proxies whose X-Forwarded-For entries are believed (lib/auth/request-meta.ts).
  WARDEN_TRUSTED_PROXIES: trustedProxies,
  WARDEN_SESSION_IDLE_MINUTES: positiveInt('WARDEN_SESSION_IDLE_MINUTES').default(30),
  WARDEN_SESSION_MAX_HOURS: positiveInt('WARDEN_SESSION_MAX_HOURS').default(12),
  WARDEN_LOCAL_SIGN_IN: z.enum(['true', 'false']).default('true'),
  WARDEN_OIDC_ISSUER: httpUrl('WARDEN_OIDC_ISSUER').optional(),
  WARDEN_OIDC_CLIENT_ID: z.string().min(1).optional(),
  WARDEN_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  WARDEN_OIDC_REDIRECT_URL: httpUrl('WARDEN_OIDC_REDIRECT_URL').optional(),
  WARDEN_OIDC_SCOPES: z.string().default('openid profile email'),
  WARDEN_OIDC_GROUPS_CLAIM: z.string().min(1).default('groups'),
  WARDEN_OIDC_ROLE_MAP: roleMap.default({}),
  WARDEN_OIDC_DEFAULT_ROLE: z.enum(['none', 'viewer']).default('none'),
  WARDEN_OIDC_LABEL: z.string().min(1).default('single sign-on'),
}).superRefine((e, ctx) => {
  if (!e.WARDEN_OIDC_ISSUER) return;
  for (const name of ['WARDEN_OIDC_CLIENT_ID', 'WARDEN_OIDC_CLIENT_SECRET'] as const) {
    if (!e[name]) ctx.addIssue({ code: 'custom', path: [name], message: `${name} is needed when WARDEN_OIDC_ISSUER is set` });
  }
  if (!e.WARDEN_OIDC_REDIRECT_URL && !e.WARDEN_PUBLIC_URL) {
    ctx.addIssue({ code: 'custom', path: ['WARDEN_OIDC_REDIRECT_URL'], message: 'set WARDEN_OIDC_REDIRECT_URL (or WARDEN_PUBLIC_URL) when WARDEN_OIDC_ISSUER is set' });
  }
  if (!e.WARDEN_OIDC_SCOPES.split(/\s+/).includes('openid')) {
    ctx.addIssue({ code: 'custom', path: ['WARDEN_OIDC_SCOPES'], message: 'WARDEN_OIDC_SCOPES must include openid' });
  }
});

export type WardenEnv = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function parseEnv(source: NodeJS.ProcessEnv): WardenEnv {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  return result.data;
}

let cached: WardenEnv | undefined;

export function env(): WardenEnv {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The regions Warden narrows its reads to (WARDEN_REGIONS), or null: every region enabled in each account. */
export function configuredRegions(e: WardenEnv = env()): string[] | null {
  return e.WARDEN_REGIONS ?? null;
}

/** The home region: where IAM, STS, Organizations and the Account API are called. */
export function homeRegion(e: WardenEnv = env()): string {
  const region = e.AWS_REGION ?? e.AWS_DEFAULT_REGION;
  return region && region.length > 0 ? region : (e.WARDEN_REGIONS?.[0] ?? 'us-east-1');
}

/**
 * Whether the standard AWS credential chain has something to work with. Instance and container
 * roles cannot be detected without a network call, so those deployments set WARDEN_MODE=aws.
 */
export function hasAwsCredentials(source: NodeJS.ProcessEnv = process.env): boolean {
  if (source.AWS_ACCESS_KEY_ID && source.AWS_SECRET_ACCESS_KEY) return true;
  if (source.AWS_PROFILE || source.AWS_WEB_IDENTITY_TOKEN_FILE) return true;
  if (source.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || source.AWS_CONTAINER_CREDENTIALS_FULL_URI) return true;
  const home = source.HOME ?? homedir();
  const credentialsFile = source.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials');
  const configFile = source.AWS_CONFIG_FILE ?? join(home, '.aws', 'config');
  return existsSync(/*turbopackIgnore: true*/ credentialsFile) || existsSync(/*turbopackIgnore: true*/ configFile);
}

/** Signs of an AWS set-up that is half there (a key without its secret, a named file that is missing): not a demo. */
function partialAwsSignals(source: NodeJS.ProcessEnv): string[] {
  const named = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_ROLE_ARN', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE'] as const;
  return named.filter((name) => (source[name] ?? '').length > 0);
}

export type WardenMode = 'demo' | 'aws';

export type ModeDecision = { mode: WardenMode; signInRequired: boolean; reason: string };

/**
 * The mode and whether sign-in is required, from the configuration and what the AWS credential
 * chain has to work with right now. Pure apart from looking for the credential files; the server
 * asks once (modeDecision) and keeps the answer. Anything ambiguous requires sign-in.
 */
export function decideMode(e: WardenEnv, source: NodeJS.ProcessEnv = process.env): ModeDecision {
  const forced = e.WARDEN_AUTH === 'required';
  if (e.WARDEN_MODE === 'aws') return { mode: 'aws', signInRequired: true, reason: 'WARDEN_MODE=aws' };
  if (e.WARDEN_MODE === 'demo') return { mode: 'demo', signInRequired: forced, reason: `WARDEN_MODE=demo${forced ? ', WARDEN_AUTH=required' : ''}` };
  let found: boolean;
  try {
    found = hasAwsCredentials(source);
  } catch (error) {
    return { mode: 'demo', signInRequired: true, reason: `AWS credentials could not be looked for (${error instanceof Error ? error.message : String(error)}): sign-in required` };
  }
  if (found) return { mode: 'aws', signInRequired: true, reason: 'WARDEN_MODE=auto and AWS credentials were found' };
  const partial = partialAwsSignals(source);
  if (partial.length > 0) return { mode: 'demo', signInRequired: true, reason: `WARDEN_MODE=auto: no usable AWS credentials, but ${partial.join(', ')} is set: sign-in required` };
  return { mode: 'demo', signInRequired: forced, reason: `WARDEN_MODE=auto and no AWS credentials${forced ? ', WARDEN_AUTH=required' : ''}` };
}

// Decided once per process, at the first request or at start-up, and shared by every copy of this
// module (Next.js may load two): moving ~/.aws/credentials away while the server runs must not
// turn sign-in off.
const modeHolder = globalThis as unknown as { wardenModeDecision?: ModeDecision; wardenModeInputs?: { e: WardenEnv; source: NodeJS.ProcessEnv } };

/** The mode decision of this process: made at its first call, never changed afterwards. */
export function modeDecision(): ModeDecision {
  if (!modeHolder.wardenModeDecision) {
    const inputs = modeHolder.wardenModeInputs;
    modeHolder.wardenModeDecision = inputs ? decideMode(inputs.e, inputs.source) : decideMode(env(), process.env);
  }
  return modeHolder.wardenModeDecision;
}

/**
 * Tests only: forget this process's decision, as if it had just started. The next call decides
 * again (and keeps that answer), from the given configuration and environment or from the real ones.
 */
export function resetModeDecisionForTests(inputs: { e: WardenEnv; source: NodeJS.ProcessEnv } | null = null): void {
  if (process.env.NODE_ENV !== 'test') throw new Error('resetModeDecisionForTests is for tests only');
  modeHolder.wardenModeDecision = undefined;
  modeHolder.wardenModeInputs = inputs ?? undefined;
}

/** The mode of this process (decided once); with a configuration given, the mode it would decide now. */
export function resolveMode(e?: WardenEnv, source: NodeJS.ProcessEnv = process.env): WardenMode {
  return e ? decideMode(e, source).mode : modeDecision().mode;
}
