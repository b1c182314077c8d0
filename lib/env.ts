import 'server-only';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

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

const envSchema = z.object({
  DATABASE_URL: z.string().startsWith('file:', 'DATABASE_URL must be a file: URL (SQLite)').default('file:./data/warden.db'),
  WARDEN_MODE: z.enum(['auto', 'demo', 'aws']).default('auto'),
  WARDEN_REGIONS: regionList.optional(),
  AWS_REGION: z.string().optional(),
  AWS_DEFAULT_REGION: z.string().optional(),
  WARDEN_OWN_ACCOUNT_IDS: accountIdList.default([]),
  WARDEN_ACCOUNTS_FILE: z.string().optional(),
  // Read by lib/settings/ (environment > Settings screen > every 6 hours), like the thresholds below.
  WARDEN_SYNC_SCHEDULE: z.string().optional(),
  WARDEN_SYNC_ON_START: z.enum(['true', 'false']).default('true'),
  WARDEN_DEMO_SEED: positiveInt('WARDEN_DEMO_SEED').default(42),
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

/** The regions Warden reads: WARDEN_REGIONS, else the SDK's region, else us-east-1. */
export function configuredRegions(e: WardenEnv = env()): string[] {
  if (e.WARDEN_REGIONS) return e.WARDEN_REGIONS;
  const region = e.AWS_REGION ?? e.AWS_DEFAULT_REGION;
  return [region && region.length > 0 ? region : 'us-east-1'];
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

export type WardenMode = 'demo' | 'aws';

export function resolveMode(e: WardenEnv = env(), source: NodeJS.ProcessEnv = process.env): WardenMode {
  if (e.WARDEN_MODE !== 'auto') return e.WARDEN_MODE;
  return hasAwsCredentials(source) ? 'aws' : 'demo';
}
